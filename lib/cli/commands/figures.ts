import * as fs from "node:fs";
import * as path from "node:path";
import { spawn } from "node:child_process";
import type { Command } from "../command";
import { projectRoot } from "../../io/paths";
import { UserError } from "../../util/errors";

/** Run one notebook in a child `evalbook run` process; resolves with its exit code and last stderr line. */
function runChild(root: string, nb: string, out: string, figuresDir: string): Promise<{ code: number; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "bin", "evalbook.js"), "run", nb, "--out", out, "--quiet"], {
      cwd: root,
      env: { ...process.env, EVALBOOK_FIGURES_DIR: figuresDir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? 1, stderr, ms: Date.now() - t0 }));
  });
}

export const command: Command = {
  name: "figures",
  summary: "Run every notebook in notebooks/ with its defaults; write figures (SVG + PNG) and executed copies to figures/.",
  description:
    "This is the main job: it needs no network and no API keys (study notebooks default to the offline simulated model and the data in data/). " +
    "Notebooks run in separate processes, --jobs at a time. Executed notebooks go to figures/notebooks/. Exits 1 if any notebook fails.",
  options: [
    { name: "jobs", short: "j", type: "number", default: 2, description: "Notebooks run in parallel." },
    { name: "only", type: "list", placeholder: "NAME", description: "Run only these notebooks (name without .ipynb)." },
    { name: "out", type: "string", placeholder: "DIR", description: "Figures directory (default figures/)." },
  ],
  async run(args, ctx) {
    const root = projectRoot();
    const dir = path.join(root, "notebooks");
    const only = args.options.only as string[];
    let names = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
    if (only.length) {
      for (const o of only) if (!names.includes(o + ".ipynb")) throw new UserError("no notebook notebooks/" + o + ".ipynb");
      names = names.filter((n) => only.includes(n.replace(/\.ipynb$/, "")));
    }
    const figuresDir = path.resolve((args.options.out as string | undefined) ?? path.join(root, "figures"));
    const executedDir = path.join(figuresDir, "notebooks");
    fs.mkdirSync(executedDir, { recursive: true });
    const jobs = Math.max(1, Math.floor(Number(args.options.jobs)));
    const queue = [...names];
    let failed = 0;
    const worker = async () => {
      for (;;) {
        const name = queue.shift();
        if (!name) return;
        ctx.info("figures: running notebooks/" + name);
        const r = await runChild(root, path.join("notebooks", name), path.join(executedDir, name), figuresDir);
        const ok = r.code === 0;
        if (!ok) failed++;
        const reason = ok ? undefined : r.stderr.trim().split("\n").filter((l) => l.startsWith("evalbook:")).pop() ?? r.stderr.trim().split("\n").pop();
        ctx.info("figures: " + name + (ok ? " ok" : " FAILED: " + reason) + " (" + (r.ms / 1000).toFixed(1) + " s)");
        ctx.json({ notebook: name, ok, seconds: r.ms / 1000, executed: path.relative(root, path.join(executedDir, name)), ...(ok ? {} : { failure: reason }) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, names.length) }, worker));
    const figs = fs.readdirSync(figuresDir).filter((f) => f.endsWith(".svg") || f.endsWith(".png"));
    ctx.info("figures: " + (names.length - failed) + "/" + names.length + " notebooks ok; " + figs.length + " figure files in " + path.relative(root, figuresDir) + "/");
    return failed ? 1 : 0;
  },
};
