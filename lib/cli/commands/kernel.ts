import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "../command";
import { projectRoot } from "../../io/paths";
import { writeFileAtomic } from "../../io/atomic";
import { kernelSpecDir } from "../../notebook/kernelspec";

const install: Command = {
  name: "install",
  summary: "Register the tslab kernel so Jupyter / VS Code start it in the project root.",
  description:
    "Writes a kernelspec named `tslab` whose command starts the project's own tslab (node_modules) with the project root as working directory, " +
    "so notebooks in notebooks/ can `import ... from \"./lib\"`. By default it goes to .jupyter/share/jupyter/kernels/ in the project: " +
    "point Jupyter at it with JUPYTER_PATH=$PWD/.jupyter/share/jupyter. With --user it goes to the per-user kernels directory instead.",
  options: [{ name: "user", type: "boolean", description: "Install into the per-user Jupyter kernels directory." }],
  run(args, ctx) {
    const root = projectRoot();
    const dir = kernelSpecDir(root, Boolean(args.options.user));
    fs.mkdirSync(dir, { recursive: true });
    const spec = {
      argv: [process.execPath, path.join(root, "bin", "evalbook-kernel.cjs"), "{connection_file}"],
      display_name: "TypeScript (evalbook)",
      language: "typescript",
      metadata: { evalbook_root: root },
    };
    writeFileAtomic(path.join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
    ctx.info("installed kernel 'tslab' in " + dir);
    if (!args.options.user) ctx.info("use it with: JUPYTER_PATH=" + path.join(root, ".jupyter", "share", "jupyter") + " jupyter lab");
    ctx.json({ kernel: "tslab", dir, root });
  },
};

export const command: Command = {
  name: "kernel",
  summary: "Manage the Jupyter kernel registration (tslab, started in the project root).",
  subcommands: [install],
};
