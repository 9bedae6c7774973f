import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../lib/llm/scheduler/retry-after";
import { backoffDelay } from "../../lib/llm/scheduler/backoff";
import { WindowLimiter } from "../../lib/llm/scheduler/window-limiter";
import { SlotQueue } from "../../lib/llm/scheduler/slot-queue";
import { canonicalJson } from "../../lib/llm/cache/canonical";
import { estimateTokens } from "../../lib/llm/usage/estimate";
import { priceOf, costUSD, parsePriceTable } from "../../lib/llm/usage/prices";
import { Budget, BudgetExceeded } from "../../lib/llm/usage/budget";
import { parseEndpointSpec } from "../../lib/llm/registry/parse-spec";
import { parseProjectConfig } from "../../lib/llm/registry/config-file";
import { rolesFromEnv } from "../../lib/llm/registry/env";
import { parseRoleFlags } from "../../lib/llm/registry/cli-flags";
import { RoleRegistry } from "../../lib/llm/registry/registry";
import { classifyError, isRetryableStatus } from "../../lib/llm/providers/errors";
import { mapCompletionChoices, mapChatChoices } from "../../lib/llm/providers/map-response";
import { apiKeyFor } from "../../lib/llm/providers/keys";
import { progressLine, formatDuration } from "../../lib/llm/progress/format";
import { createProgress } from "../../lib/llm/progress/progress";
import type { Clock } from "../../lib/llm/scheduler/clock";
import { limiterTokens } from "../../lib/llm/client";

/** A manual clock: sleeping advances time instantly (deterministic scheduling tests). */
function fakeClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += Math.max(0, ms);
    },
  };
  return c;
}

describe("retry-after parsing", () => {
  it("reads retry-after-ms, seconds and HTTP dates", () => {
    expect(parseRetryAfter({ "retry-after-ms": "250" })).toBe(250);
    expect(parseRetryAfter({ "Retry-After": "2" })).toBe(2000);
    expect(parseRetryAfter({ "retry-after": "1.5" })).toBe(1500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, now)).toBe(5000);
    expect(parseRetryAfter({ "retry-after": "Thu, 01 Jan 2025 00:00:05 GMT" }, now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "10", "retry-after": "9" }))).toBe(10);
    expect(parseRetryAfter({ "retry-after": "soon" })).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe("backoff", () => {
  it("is full jitter under a doubling cap", () => {
    expect(backoffDelay(0, () => 0.999999, { baseMs: 100 })).toBe(99);
    expect(backoffDelay(3, () => 0.5, { baseMs: 100 })).toBe(400);
    expect(backoffDelay(20, () => 0.5, { baseMs: 100, maxMs: 1000 })).toBe(500);
    expect(backoffDelay(2, () => 0)).toBe(0);
  });
});

describe("window limiter", () => {
  it("never admits more than the limit in any window and paces evenly", async () => {
    const clock = fakeClock();
    const lim = new WindowLimiter(60, clock, 60_000, true);
    const times: number[] = [];
    for (let i = 0; i < 130; i++) times.push((await lim.reserve(1)).at);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i] && t < times[i] + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(60);
    }
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(1000);
  });
  it("tokens: admits an oversize reservation only into an empty window; corrections count", async () => {
    const clock = fakeClock();
    const lim = new WindowLimiter(1000, clock, 60_000, false);
    const a = await lim.reserve(800);
    lim.correct(a, 100);
    const b = await lim.reserve(800);
    expect(b.at).toBe(0);
    const c = await lim.reserve(5000);
    expect(c.at).toBeGreaterThanOrEqual(60_000);
  });
});

describe("tokens/minute correction", () => {
  it("charges real prompt tokens plus max_tokens x n (or the real completion without max_tokens)", () => {
    const res = { choices: [], usage: { promptTokens: 12, completionTokens: 7, totalTokens: 19 }, model: "m", latencyMs: 1, cached: false, simulated: false };
    expect(limiterTokens("chat", { messages: [], max_tokens: 50, n: 2 }, res)).toBe(112);
    expect(limiterTokens("chat", { messages: [] }, res)).toBe(19);
    expect(limiterTokens("embedding", { input: ["a"] }, res)).toBe(12);
  });
});

describe("slot queue", () => {
  it("bounds concurrency and serves FIFO", async () => {
    const q = new SlotQueue(2);
    const order: number[] = [];
    let max = 0;
    await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => {
        const rel = await q.acquire();
        max = Math.max(max, q.inUse);
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        rel();
        rel();
      }),
    );
    expect(max).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("canonical JSON", () => {
  it("sorts keys, drops undefined, rejects NaN", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: "x" }] })).toBe('{"a":[1,{"c":"x"}],"b":1}');
    expect(() => canonicalJson({ a: NaN })).toThrow();
  });
});

describe("usage", () => {
  it("estimates tokens conservatively", () => {
    expect(estimateTokens("chat", { messages: [{ role: "user", content: "abcdefgh" }], max_tokens: 10, n: 3 })).toEqual({ prompt: 3 + 4 + 2, completion: 30 });
    expect(estimateTokens("completion", { prompt: "abcde", echo: true, logprobs: 0, max_tokens: 0 })).toEqual({ prompt: 2, completion: 0 });
    expect(estimateTokens("embedding", { input: ["abcd", "ab"] })).toEqual({ prompt: 2, completion: 0 });
  });
  it("looks up prices exactly, then by prefix", () => {
    const t = parsePriceTable({ models: { "openai:gpt-x": { input: 1, output: 2 }, "simulated/*": { input: 0, output: 0 }, "together:org/*": { input: 3, output: 3 } } }, "t.json");
    expect(priceOf(t, "openai", "gpt-x")).toEqual({ input: 1, output: 2 });
    expect(priceOf(t, "openai-compatible", "simulated/generic")).toEqual({ input: 0, output: 0 });
    expect(priceOf(t, "together", "org/m")).toEqual({ input: 3, output: 3 });
    expect(priceOf(t, "openai", "unknown")).toBeUndefined();
    expect(costUSD({ input: 1, output: 2 }, 1e6, 5e5)).toBeCloseTo(2, 12);
    expect(() => parsePriceTable({ models: { m: { input: -1, output: 0 } } }, "p.json")).toThrow(/p.json field 'models.m.input'/);
  });
  it("budget refuses the call that could exceed it, then stays stopped", () => {
    const b = new Budget({ maxCostUSD: 1 });
    const r1 = b.reserve(10, 0.6, "call 1");
    expect(() => b.reserve(10, 0.5, "call 2")).toThrow(BudgetExceeded);
    r1(10, 0.2);
    expect(() => b.reserve(10, 0.1, "call 3")).toThrow(/stopped/);
    const t = new Budget({ maxTokens: 100 });
    t.reserve(60, undefined, "a")(60, undefined);
    expect(() => t.reserve(41, undefined, "b")).toThrow(/maxTokens=100/);
    expect(() => new Budget({ maxCostUSD: 1 }).reserve(1, undefined, "unpriced")).toThrow(/no price/);
  });
});

describe("endpoint specs and registry", () => {
  it("parses provider:model[@baseURL] and JSON", () => {
    expect(parseEndpointSpec("together:meta-llama/Llama-3.3-70B-Instruct-Turbo")).toEqual({ provider: "together", model: "meta-llama/Llama-3.3-70B-Instruct-Turbo" });
    expect(parseEndpointSpec("vllm:Qwen/Q@http://127.0.0.1:8000/v1")).toEqual({ provider: "openai-compatible", model: "Qwen/Q", baseURL: "http://127.0.0.1:8000/v1" });
    expect(parseEndpointSpec('{"provider":"together","model":"m","dedicatedEndpointId":"ep-1"}')).toEqual({ provider: "together", model: "m", dedicatedEndpointId: "ep-1" });
    expect(parseEndpointSpec("nope:m")).toMatchObject({ reason: expect.stringMatching(/unknown provider/) });
    expect(parseEndpointSpec("vllm:m")).toMatchObject({ field: "endpoint.baseURL" });
  });
  it("validates the config file with file, line and field", () => {
    const text = '{\n  "roles": {\n    "judge": { "provider": "together", "model": "m",\n      "limits": { "concurrency": 0 } }\n  }\n}\n';
    expect(() => parseProjectConfig(text, "evalbook.config.json")).toThrow("evalbook.config.json:4 field 'roles.judge.limits.concurrency'");
    expect(() => parseProjectConfig('{"roles":{"j":{"provider":"openai","model":"m","apiKey":"sk"}}}', "c.json")).toThrow(/field 'roles.j.apiKey': unknown field/);
    expect(() => parseProjectConfig("{", "c.json")).toThrow(/c.json: not valid JSON/);
    const ok = parseProjectConfig('{"roles":{"g":"openai:gpt-4o-mini"},"budget":{"maxCostUSD":2},"cacheDir":"x"}', "c.json");
    expect(ok.roles.g).toEqual({ provider: "openai", model: "gpt-4o-mini" });
    expect(ok.budget).toEqual({ maxCostUSD: 2 });
  });
  it("env and --role overrides", () => {
    expect(rolesFromEnv({ EVALBOOK_ROLE_JUDGE: "openai:gpt-4o", OTHER: "x" })).toEqual({ judge: { provider: "openai", model: "gpt-4o" } });
    expect(() => rolesFromEnv({ EVALBOOK_ROLE_JUDGE: "gpt-4o" })).toThrow(/EVALBOOK_ROLE_JUDGE/);
    expect(parseRoleFlags(["judge=together:m@https://x.example/v1"])).toEqual({ judge: { provider: "together", model: "m", baseURL: "https://x.example/v1" } });
    expect(() => parseRoleFlags(["judge"])).toThrow(/ROLE=/);
  });
  it("records every resolution and swap; setRole keeps provider fields", () => {
    const r = new RoleRegistry({ concurrency: 4 });
    r.set("judge", { provider: "together", model: "a", dedicatedEndpointId: "ep-1", baseURL: "https://t.example/v1" }, "config");
    r.swap("judge", { model: "b" });
    expect(r.get("judge")).toEqual({ provider: "together", model: "b", baseURL: "https://t.example/v1", limits: { concurrency: 4 } });
    r.swap("judge", { provider: "openai", model: "gpt-4o" });
    expect(r.get("judge").baseURL).toBeUndefined();
    expect(r.history.map((h) => [h.source, h.endpoint.model, h.previous?.model])).toEqual([
      ["config", "a", undefined],
      ["notebook", "b", "a"],
      ["notebook", "gpt-4o", "b"],
    ]);
    expect(() => r.get("student")).toThrow(/unknown role 'student'.*EVALBOOK_ROLE_STUDENT/);
    expect(() => r.swap("new", { model: "x" })).toThrow(/give a provider/);
  });
});

describe("providers", () => {
  it("classifies errors for the retry policy", () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 422]) expect(isRetryableStatus(s)).toBe(false);
    expect(classifyError(new SyntaxError("Unexpected token"), "x")).toMatchObject({ kind: "malformed", retryable: true });
    const e = Object.assign(new Error("rate"), { status: 429, headers: new Headers({ "retry-after": "3" }) });
    expect(classifyError(e, "x")).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3000 });
  });
  it("redacts secrets in provider errors", () => {
    process.env.EVALBOOK_TEST_API_KEY = "fake-key-ABCDEFGH-123456";
    try {
      const err = classifyError(Object.assign(new Error("bad key fake-key-ABCDEFGH-123456"), { status: 401 }), "openai:m");
      expect(err.message).not.toContain("fake-key-ABCDEFGH-123456");
      expect(err.message).toContain("[redacted]");
    } finally {
      delete process.env.EVALBOOK_TEST_API_KEY;
    }
  });
  it("maps Together's echo format (prompt logprobs in data.prompt) to OpenAI's", () => {
    const data = {
      prompt: [{ text: "Hi there", logprobs: { tokens: ["Hi", " there"], token_logprobs: [null, -1.5] } }],
      choices: [{ index: 0, text: "!", finish_reason: "length", logprobs: { tokens: ["!"], token_logprobs: [-0.1], text_offset: [0] } }],
    };
    const [c] = mapCompletionChoices(data, "t", "Hi there", true);
    expect(c.text).toBe("Hi there!");
    expect(c.logprobs!.map((t) => [t.token, t.logprob])).toEqual([["Hi", null], [" there", -1.5], ["!", -0.1]]);
    expect(c.logprobs![2].offset).toBe(8);
    expect(() => mapChatChoices({}, "t")).toThrow(/malformed/);
  });
  it("a missing key names the variable, never a value", () => {
    expect(() => apiKeyFor({ provider: "together", model: "m" }, {})).toThrow(/TOGETHER_API_KEY/);
    expect(() => apiKeyFor({ provider: "openai", model: "m", apiKeyEnv: "MY_KEY" }, {})).toThrow(/MY_KEY/);
    expect(apiKeyFor({ provider: "openai", model: "m" }, { OPENAI_API_KEY: "k" })).toBe("k");
  });
});

describe("progress", () => {
  it("formats rate and ETA; plain lines when not a TTY", () => {
    expect(formatDuration(3_723_000)).toBe("1:02:03");
    expect(progressLine({ label: "judge", total: 100, done: 40, failed: 10, cached: 5, startedAt: 0, now: 10_000 })).toBe("judge 50/100 (50%) 5.00/s ETA 0:10, 10 failed, 5 cached");
    const out: string[] = [];
    let t = 0;
    const p = createProgress("s", 3, { mode: "cli", stream: { write: (s: string) => out.push(s), isTTY: false }, now: () => t, intervalMs: 1000 });
    t = 500;
    p.tick();
    t = 1500;
    p.tick();
    p.tick();
    p.done();
    expect(out).toEqual(["s 0/3 (0%) 0/s ETA --:--\n", "s 2/3 (66%) 1.33/s ETA 0:01\n", "s 3/3 (100%) 2.00/s ETA 0:00\n"]);
  });
});
