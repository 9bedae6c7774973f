import * as path from "node:path";
import type { Command } from "../command";
import { runNotebookFile } from "../../notebook/run-file";
import { parseParamArgs } from "../../notebook/params";

export const command: Command = {
  name: "run",
  summary: "Execute a TypeScript notebook headlessly (tslab) and write it with its outputs.",
  description:
    "Runs every code cell in order from the project root, capturing stdout, stderr, display data (SVG/PNG/HTML) and errors. " +
    "Stops at the first failing cell and exits 1 naming it. A cell tagged `parameters` holds defaults; each --param key=value is injected " +
    "after it as a literal of the default's type (papermill's convention). Per-cell timing is stored in the cell metadata.",
  positionals: [{ name: "notebook", description: "Path of the .ipynb file.", required: true }],
  options: [
    { name: "param", short: "p", type: "list", placeholder: "KEY=VALUE", description: "Override a parameter of the parameters cell." },
    { name: "out", short: "o", type: "string", placeholder: "PATH", description: "Where to write the executed notebook (default: <name>.out.ipynb next to figures/notebooks/)." },
    { name: "quiet", type: "boolean", description: "Do not print per-cell progress on stderr." },
  ],
  examples: ["evalbook run notebooks/quickstart.ipynb --param n=50", "evalbook run notebooks/perf-pred.ipynb --out /tmp/perf-pred.ipynb"],
  async run(args, ctx) {
    const file = String(args.named.notebook);
    const params = parseParamArgs(args.options.param as string[]);
    const out = (args.options.out as string | undefined) ?? undefined;
    const res = await runNotebookFile(file, { params, out, log: args.options.quiet ? undefined : (m) => ctx.info(m) });
    ctx.json({ notebook: file, out: res.out, ok: res.ok, duration_ms: res.durationMs, ...(res.failure ? { failure: res.failure } : {}) });
    if (!res.ok) {
      ctx.info("evalbook: " + path.basename(file) + ": " + res.failure);
      return 1;
    }
    return 0;
  },
};

