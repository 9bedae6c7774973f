import type { Command } from "../command";
import { runDoctor } from "../../doctor/index";
import { projectRoot } from "../../io/paths";

const MARK: Record<string, string> = { ok: "ok  ", warn: "WARN", fail: "FAIL", info: "--  " };

export const command: Command = {
  name: "doctor",
  summary: "Check the environment (Node, packages, Jupyter, fonts, API keys, config, cache, running endpoints) and say what to fix.",
  description:
    "Prints one line per check on stderr and one JSON object per check on stdout. API keys are reported as set / not set, never shown. " +
    "Running Together endpoints are listed (with their hourly cost) when TOGETHER_API_KEY is set. Exits 1 when a check fails.",
  options: [{ name: "offline", type: "boolean", description: "Skip checks that call an API." }],
  async run(args, ctx) {
    const results = await runDoctor({ root: projectRoot(), env: process.env, offline: Boolean(args.options.offline) });
    for (const r of results) {
      ctx.info(MARK[r.status] + " " + r.check.padEnd(12) + r.detail + (r.fix && r.status !== "ok" ? "\n" + " ".repeat(17) + "fix: " + r.fix : ""));
      ctx.json(r);
    }
    const failed = results.filter((r) => r.status === "fail").length;
    const warned = results.filter((r) => r.status === "warn").length;
    ctx.info(failed ? failed + " problem(s) to fix" : warned ? "no failures, " + warned + " warning(s)" : "all good");
    return failed ? 1 : 0;
  },
};
