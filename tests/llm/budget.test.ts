import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runStage, openStage } from "../../lib/llm/records";
import { BudgetExceeded } from "../../lib/llm/usage/budget";
import { createLLM } from "../../lib/llm/client";
import { chat, modelRequests, serverAndClient, tmpDir } from "./helpers";

const prices = { "openai-compatible:priced-model": { input: 1000, output: 1000 } };

describe("budget and dry run", () => {
  it("stops a run cleanly before maxCostUSD would be exceeded; finished results are kept and skipped on re-run", async () => {
    const runDir = tmpDir();
    const items = Array.from({ length: 30 }, (_, i) => ({ id: "q" + i, text: "question number " + i }));
    const t = await serverAndClient({}, { prices, budget: { maxCostUSD: 0.1 }, runDir, endpoint: { model: "priced-model" } });
    const work = (it: { text: string }) => t.llm.chat("m", chat(it.text), { stage: "answer" }).then((r) => r.choices[0].text);
    await expect(runStage({ runDir, stage: "answer", items, id: (x) => x.id, work, concurrency: 3, progress: false })).rejects.toThrow(BudgetExceeded);
    const u = t.llm.usage();
    expect(u.total.costUSD).toBeLessThanOrEqual(0.1);
    expect(u.total.costUSD).toBeGreaterThan(0.05);
    const recs = openStage(runDir, "answer");
    const sent = modelRequests(t.server).length;
    expect(recs.ids().length).toBe(sent);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(30);
    expect(u.byStage.answer.calls).toBe(sent);
    await t.close();
    expect(JSON.parse(fs.readFileSync(path.join(runDir, "meta.json"), "utf8")).sessions[0].usage.total.costUSD).toBeCloseTo(u.total.costUSD, 10);

    // Re-run with a larger budget: finished items are skipped, the rest complete.
    const t2 = await serverAndClient({}, { prices, budget: { maxCostUSD: 10 }, runDir, endpoint: { model: "priced-model" } });
    const work2 = (it: { text: string }) => t2.llm.chat("m", chat(it.text)).then((r) => r.choices[0].text);
    const res = await runStage({ runDir, stage: "answer", items, id: (x) => x.id, work: work2, concurrency: 3, progress: false, meta: t2.llm });
    expect(res.skipped).toBe(sent);
    expect(res.done.size).toBe(30);
    expect(modelRequests(t2.server).length).toBe(30 - sent);
    await t2.close();
    const meta = JSON.parse(fs.readFileSync(path.join(runDir, "meta.json"), "utf8"));
    expect(meta.sessions.length).toBe(2);
    expect(meta.stages.answer).toMatchObject({ done: 30, failed: 0, skipped: sent });
  });

  it("maxTokens stops before the token budget is exceeded", async () => {
    const t = await serverAndClient({}, { budget: { maxTokens: 100 } });
    let ok = 0;
    await expect(
      (async () => {
        for (let i = 0; i < 20; i++) {
          await t.llm.chat("m", chat("tokens " + i));
          ok++;
        }
      })(),
    ).rejects.toThrow(/maxTokens=100/);
    expect(t.llm.usage().total.totalTokens).toBeLessThanOrEqual(100);
    expect(modelRequests(t.server).length).toBe(ok);
    await t.close();
  });

  it("refuses a budget on a model without a price", async () => {
    const t = await serverAndClient({}, { budget: { maxCostUSD: 1 }, endpoint: { model: "unpriced-model" } });
    await expect(t.llm.chat("m", chat("x"))).rejects.toThrow(/no price/);
    expect(modelRequests(t.server).length).toBe(0);
    await t.close();
  });

  it("dry run makes no calls and counts calls, estimated tokens and cost; cache hits are still served", async () => {
    const cacheDir = tmpDir();
    const warm = await serverAndClient({}, { prices, cacheDir, endpoint: { model: "priced-model" } });
    await warm.llm.chat("m", chat("cached one"));
    await warm.llm.close();
    const dry = createLLM({ configFile: false, envOverrides: false, prices, cacheDir, dryRun: true, roles: { m: warm.ep } });
    const before = modelRequests(warm.server).length;
    expect((await dry.chat("m", chat("cached one"))).cached).toBe(true);
    const r = await dry.chat("m", chat("new question", { n: 2, max_tokens: 10 }));
    expect(r.choices.map((c) => c.finishReason)).toEqual(["dry_run", "dry_run"]);
    await dry.chat("m", chat("another"));
    await dry.embed("m", { input: ["abcdefgh"] });
    expect(modelRequests(warm.server).length).toBe(before);
    const u = dry.usage();
    expect(u.dryRun).toMatchObject({ dryRunCalls: 3, completionTokens: 20 + 8 });
    expect(u.dryRun!.costUSD).toBeCloseTo(((u.dryRun!.promptTokens + u.dryRun!.completionTokens) * 1000) / 1e6, 12);
    expect(u.total).toMatchObject({ calls: 1, cachedCalls: 1, costUSD: 0 });
    expect(dry.cache!.size).toBe(1);
    await dry.close();
    await warm.server.close();
  });
});
