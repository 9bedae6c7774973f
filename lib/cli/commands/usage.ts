import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "../command";
import { UserError } from "../../util/errors";
import { readRunMeta } from "../../llm/records/meta";
import { emptyTotals, type UsageTotals } from "../../llm/usage/tracker";

function addTotals(a: UsageTotals, b: UsageTotals): void {
  for (const k of Object.keys(a) as (keyof UsageTotals)[]) a[k] += b[k] ?? 0;
}

export const command: Command = {
  name: "usage",
  summary: "Tokens and cost of a run directory (from its meta.json), per session, stage, role and model.",
  positionals: [{ name: "runDir", description: "Run directory (holds meta.json).", required: true }],
  examples: ["evalbook usage runs/self-taught-2026-12-01"],
  run(args, ctx) {
    const dir = path.resolve(args.named.runDir as string);
    if (!fs.existsSync(path.join(dir, "meta.json"))) throw new UserError("no meta.json in " + dir);
    const meta = readRunMeta(dir);
    if (!meta) throw new UserError(path.join(dir, "meta.json") + ": not a run metadata file");
    const total = emptyTotals();
    const byStage: Record<string, UsageTotals> = {};
    for (const s of meta.sessions) {
      if (!s.usage) continue;
      addTotals(total, s.usage.total);
      for (const [k, v] of Object.entries(s.usage.byStage)) addTotals((byStage[k] ??= emptyTotals()), v);
    }
    ctx.info(meta.sessions.length + " session(s); " + total.calls + " calls (" + total.cachedCalls + " cached), " + total.totalTokens + " tokens, $" + total.costUSD.toFixed(4) + (total.unpricedCalls ? " (+" + total.unpricedCalls + " unpriced calls)" : "") + (meta.simulated ? " [simulated]" : ""));
    for (const [k, v] of Object.entries(byStage)) ctx.info("  " + k + ": " + v.calls + " calls, " + v.totalTokens + " tokens, $" + v.costUSD.toFixed(4));
    ctx.json({ runDir: dir, sessions: meta.sessions.length, simulated: meta.simulated, total, byStage, roles: meta.roles });
  },
};
