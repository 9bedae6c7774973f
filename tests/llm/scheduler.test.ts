import { describe, expect, it } from "vitest";
import type { MockRoute } from "../../lib/llm/mock/index";
import { EndpointScheduler } from "../../lib/llm/scheduler/scheduler";
import { ProviderError } from "../../lib/llm/providers/errors";
import type { Clock } from "../../lib/llm/scheduler/clock";
import { createSdkProvider } from "../../lib/llm/providers/sdk-provider";
import { chat, modelRequests, serverAndClient } from "./helpers";

const fast = { scheduler: { backoff: { baseMs: 5, maxMs: 20 } } };
const keys = { env: { OPENAI_API_KEY: "k-openai-test-1234", TOGETHER_API_KEY: "k-together-test-1234" } };

/** A route that answers `status` for the first `times` chat requests, then lets the built-in route answer. */
function failFirst(status: number, times: number): MockRoute[] {
  let n = 0;
  return [
    {
      method: "POST",
      path: "/v1/chat/completions",
      handler(_req, res) {
        if (n++ < times) return res.error(status, "injected " + status, "server_error");
        return false;
      },
    },
  ];
}

describe("retries against the loopback server", () => {
  for (const provider of ["openai-compatible", "openai", "together"] as const) {
    for (const fault of ["429", "500", "503", "malformed", "truncated"] as const) {
      it(provider + ": retries " + fault + " once, then succeeds (exactly one retry layer)", async () => {
        const t = await serverAndClient({ faults: { schedule: { 1: fault }, retryAfterMs: 20, retryAfterSeconds: null } }, { ...fast, ...keys, endpoint: { provider, limits: { maxRetries: 3 } } });
        const r = await t.llm.chat("m", chat("retry " + fault));
        expect(r.choices.length).toBe(1);
        const reqs = modelRequests(t.server);
        expect(reqs.length).toBe(2);
        expect(reqs.map((q) => q.status)).toEqual([fault === "malformed" || fault === "truncated" ? 200 : Number(fault), 200]);
        expect(t.llm.schedulerStats("m")).toMatchObject({ attempts: 2, retries: 1 });
        await t.close();
      });
    }
  }

  for (const fault of ["500", "truncated", "malformed", "timeout"] as const) {
    it("the SDKs' own fetch transport also retries " + fault, async () => {
      const t = await serverAndClient({ faults: { schedule: { 1: fault } } }, { ...fast, provider: createSdkProvider(process.env, { transport: "fetch" }), endpoint: { limits: { maxRetries: 2, timeoutMs: 300 } } });
      await t.llm.chat("m", chat("transport " + fault));
      expect(modelRequests(t.server).length).toBe(2);
      await t.close();
    });
  }

  for (const status of [408, 409, 502, 504]) {
    it("retries HTTP " + status, async () => {
      const t = await serverAndClient({ routes: failFirst(status, 2) }, { ...fast, endpoint: { limits: { maxRetries: 3 } } });
      await t.llm.chat("m", chat("s" + status));
      expect(modelRequests(t.server).length).toBe(3);
      await t.close();
    });
  }

  for (const status of [400, 401, 403, 404, 422]) {
    it("does not retry HTTP " + status, async () => {
      const t = await serverAndClient({ routes: failFirst(status, 5) }, { ...fast, endpoint: { limits: { maxRetries: 3 } } });
      await expect(t.llm.chat("m", chat("s" + status))).rejects.toThrow("HTTP " + status);
      expect(modelRequests(t.server).length).toBe(1);
      await t.close();
    });
  }

  it("bounds the retries: maxRetries + 1 attempts, then a clear error", async () => {
    const t = await serverAndClient({ faults: { rates: { "500": 1 } } }, { ...fast, endpoint: { limits: { maxRetries: 3 } } });
    await expect(t.llm.chat("m", chat("always 500"))).rejects.toThrow(/HTTP 500.*gave up after 4 attempts/);
    expect(modelRequests(t.server).length).toBe(4);
    await t.close();
  });

  it("retries a timeout after the per-attempt timeout", async () => {
    const t = await serverAndClient({ faults: { schedule: { 1: "timeout" } } }, { ...fast, endpoint: { limits: { maxRetries: 2, timeoutMs: 300 } } });
    const r = await t.llm.chat("m", chat("slow"));
    expect(r.choices.length).toBe(1);
    const reqs = modelRequests(t.server);
    expect(reqs.length).toBe(2);
    expect(reqs[1].receivedAt - reqs[0].receivedAt).toBeGreaterThanOrEqual(290);
    await t.close();
  });

  it("honours retry-after-ms and retry-after seconds (measured from the request log)", async () => {
    for (const faults of [{ retryAfterMs: 300, retryAfterSeconds: null }, { retryAfterSeconds: 1 }]) {
      const t = await serverAndClient({ faults: { schedule: { 1: "429" }, ...faults } }, { ...fast, endpoint: { limits: { maxRetries: 2 } } });
      await t.llm.chat("m", chat("ra"));
      const [a, b] = modelRequests(t.server);
      const wanted = faults.retryAfterMs ?? 1000;
      expect(b.receivedAt - a.receivedAt).toBeGreaterThanOrEqual(wanted - 5);
      await t.close();
    }
  });

  it("respects concurrency and requests/minute limits (server log)", async () => {
    const t = await serverAndClient({ latencyMs: 30 }, { endpoint: { limits: { concurrency: 3, requestsPerMinute: 1200 } } });
    await Promise.all(Array.from({ length: 30 }, (_, i) => t.llm.chat("m", chat("rate " + i))));
    const st = t.server.stats();
    expect(st.maxInFlight).toBeLessThanOrEqual(3);
    // 1200/min = one start every 50 ms: at most 10 in any 500 ms (+1 for arrival jitter).
    expect(t.server.maxInWindow(500)).toBeLessThanOrEqual(11);
    expect(modelRequests(t.server).length).toBe(30);
    await t.close();
  });

  it("concurrency alone: never more in flight than the limit", async () => {
    const t = await serverAndClient({ latencyMs: 20 }, { endpoint: { limits: { concurrency: 5 } } });
    await Promise.all(Array.from({ length: 40 }, (_, i) => t.llm.chat("m", chat("c " + i))));
    expect(t.server.stats().maxInFlight).toBe(5);
    await t.close();
  });
});

describe("scheduler logic (fake clock)", () => {
  function fakeClock(): Clock & { t: number } {
    const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += Math.max(0, ms)) };
    return c;
  }
  it("halves the rate on 429 and recovers gradually; pauses for retry-after", async () => {
    const clock = fakeClock();
    const s = new EndpointScheduler({ concurrency: 16, maxRetries: 10 }, { clock, random: () => 0.5 });
    let calls = 0;
    const starts: number[] = [];
    await s.run(async () => {
      starts.push(clock.t);
      if (calls++ < 3) throw new ProviderError("http", "429", { status: 429, retryAfterMs: 1000 });
      return 1;
    });
    expect(s.stats).toMatchObject({ attempts: 4, retries: 3, throttled: 3 });
    expect(starts).toEqual([0, 1000, 2000, 3000]);
    // Three 429s halve 1 → 1/8; the success 1 s after the last 429 already adds one step.
    expect(s.rateFactor).toBeCloseTo(1 / 8 + 0.05, 10);
    for (let i = 0; i < 5; i++) {
      clock.t += 2000;
      await s.run(async () => 1);
    }
    expect(s.rateFactor).toBeCloseTo(1 / 8 + 6 * 0.05, 10);
  });
  it("backoff without retry-after is deterministic under a seeded random", async () => {
    const delays = async () => {
      const clock = fakeClock();
      let x = 0.1;
      const s = new EndpointScheduler({ maxRetries: 4 }, { clock, random: () => (x = (x * 7.3) % 1), backoff: { baseMs: 100 } });
      const at: number[] = [];
      await expect(s.run(async () => {
        at.push(clock.t);
        throw new ProviderError("http", "503", { status: 503 });
      })).rejects.toThrow(/gave up after 5 attempts/);
      return at;
    };
    const a = await delays();
    expect(a.length).toBe(5);
    expect(await delays()).toEqual(a);
    for (let i = 1; i < a.length; i++) expect(a[i] - a[i - 1]).toBeLessThan(100 * 2 ** (i - 1));
  });
});
