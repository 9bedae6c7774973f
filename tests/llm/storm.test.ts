import { describe, expect, it } from "vitest";
import { runStage } from "../../lib/llm/records";
import { modelRequests, serverAndClient, tmpDir } from "./helpers";

describe("fault storm", () => {
  it("400 requests under 30% 429, 5% 500/503, 2% timeouts, 1% malformed: all done or failed with a reason, attempts bounded, rate limit kept", async () => {
    const N = 400;
    const maxRetries = 6;
    const t = await serverAndClient(
      {
        seed: 4,
        latencyMs: { min: 5, max: 20 },
        faults: { rates: { "429": 0.3, "500": 0.025, "503": 0.025, timeout: 0.02, malformed: 0.01 }, retryAfterMs: 30, retryAfterSeconds: null },
      },
      { scheduler: { backoff: { baseMs: 10, maxMs: 100 } }, endpoint: { limits: { concurrency: 16, requestsPerMinute: 6000, timeoutMs: 250, maxRetries } } },
    );
    const runDir = tmpDir();
    const items = Array.from({ length: N }, (_, i) => i);
    const res = await runStage({
      runDir,
      stage: "storm",
      items,
      id: (i) => "q" + i,
      work: async (i) => (await t.llm.chat("m", { messages: [{ role: "user", content: "storm " + i }], max_tokens: 4 })).choices[0].text,
      concurrency: 32,
      progress: false,
    });
    expect(res.done.size + res.failed.length).toBe(N);
    for (const f of res.failed) expect(f.error).toMatch(/gave up after 7 attempts|HTTP|timed out|malformed/);
    const attempts = modelRequests(t.server).length;
    expect(attempts).toBeLessThanOrEqual(N * (maxRetries + 1));
    expect(attempts).toBeGreaterThan(N * 1.3);
    const st = t.llm.schedulerStats("m");
    expect(st.attempts).toBe(attempts);
    expect(st.throttled).toBeGreaterThan(N * 0.2);
    // 6000/min = one start per 10 ms: at most 100 in any second (+1 for arrival jitter).
    expect(t.server.maxInWindow(1000)).toBeLessThanOrEqual(101);
    await t.close();
  });
});
