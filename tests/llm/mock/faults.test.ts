import { afterEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Together from "together-ai";
import { startMockServer, type MockServer, type RequestLogEntry } from "../../../lib/llm/mock/index";
import { maxInWindow } from "../../../lib/llm/mock/rate-limit";

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(opts: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const s = await startMockServer(opts);
  servers.push(s);
  return s;
}
const body = (i = 0) => ({ model: "simulated/generic", messages: [{ role: "user" as const, content: "request number " + i }] });
const client = (s: MockServer, extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) => new OpenAI({ baseURL: s.url, apiKey: "test", maxRetries: 0, ...extra });

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe("injected faults as the openai SDK sees them", () => {
  it("429 carries retry-after and retry-after-ms; the SDK honours them when it retries", async () => {
    const s = await start({ faults: { schedule: { 1: "429" }, retryAfterSeconds: 3, retryAfterMs: 20 } });
    const err = await client(s).chat.completions.create(body()).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.status).toBe(429);
    expect(err.headers.get("retry-after")).toBe("3");
    expect(err.headers.get("retry-after-ms")).toBe("20");
    expect(err.error).toMatchObject({ code: "rate_limit_exceeded" });
    s.setFaults({ schedule: { 1: "429" }, retryAfterSeconds: null, retryAfterMs: 10 });
    const ok = await client(s, { maxRetries: 2 }).chat.completions.create(body(1));
    expect(ok.choices).toHaveLength(1);
    const tries = s.requests.filter((e) => e.body && (e.body as { messages: { content: string }[] }).messages[0].content === "request number 1");
    expect(tries.map((e) => [e.status, e.fault, e.occurrence])).toEqual([[429, "429", 1], [200, undefined, 2]]);
    expect(new Set(tries.map((e) => e.bodyHash)).size).toBe(1);
  });

  it("500 and 503 are server errors; together-ai retries 503 but not 500", async () => {
    const s = await start({ faults: { schedule: { 1: "500", 2: "503" } } });
    const e1 = await client(s).chat.completions.create(body()).catch((e) => e);
    expect(e1).toBeInstanceOf(OpenAI.InternalServerError);
    expect(e1.status).toBe(500);
    const e2 = await client(s).chat.completions.create(body()).catch((e) => e);
    expect(e2.status).toBe(503);
    expect(e2.error).toMatchObject({ type: "server_error", code: "service_unavailable" });

    s.setFaults({ rates: { "500": 1 } });
    const t = new Together({ baseURL: s.url, apiKey: "test", maxRetries: 2 });
    const before = s.requests.length;
    await expect(t.chat.completions.create(body(2))).rejects.toMatchObject({ status: 500 });
    expect(s.requests.length - before).toBe(1);
    s.setFaults({ schedule: { 1: "503", 2: "503" }, retryAfterMs: 5, retryAfterSeconds: null });
    const r = await t.chat.completions.create(body(3));
    expect(r.choices).toHaveLength(1);
    expect(s.requests.slice(-3).map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it("timeout: the request is held until the client gives up", async () => {
    const s = await start({ faults: { schedule: { 1: "timeout" } } });
    const err = await client(s, { timeout: 300 }).chat.completions.create(body()).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const e = s.requests[0];
    await until(() => e.finishedAt !== undefined);
    expect(e).toMatchObject({ fault: "timeout", completed: false });
    expect(e.status).toBeUndefined();
    expect(s.stats().inFlight).toBe(0);
  });

  it("malformed: 200 with invalid JSON; truncated: the connection dies mid-body", async () => {
    const s = await start({ faults: { schedule: { 1: "malformed", 2: "truncated" } } });
    const m = await client(s).chat.completions.create(body()).catch((e) => e);
    expect(m).toBeInstanceOf(SyntaxError);
    const t = await client(s).chat.completions.create(body()).catch((e) => e);
    expect(t).toBeInstanceOf(Error);
    expect(t).not.toBeInstanceOf(OpenAI.APIError);
    expect(String(t.message)).toMatch(/terminated|closed|aborted|socket/i);
    await until(() => s.requests[1]?.finishedAt !== undefined);
    expect(s.requests.map((e) => [e.status, e.fault, e.completed])).toEqual([
      [200, "malformed", true],
      [200, "truncated", false],
    ]);
    // the raw bytes: a body shorter than its Content-Length, and a JSON prefix
    s.setFaults({ schedule: { 1: "malformed" } });
    const raw = await fetch(s.url + "/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body()) });
    expect(raw.status).toBe(200);
    const text = await raw.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith("{")).toBe(true);
  });

  it("faults also hit plugin routes, but paths restrict them", async () => {
    const s = await start({
      routes: [{ method: "GET", path: "/v1/things/:id", handler: (req, res) => res.json(200, { id: req.params.id }) }],
      faults: { rates: { "503": 1 }, paths: ["/v1/things"] },
    });
    expect((await fetch(s.url + "/things/a")).status).toBe(503);
    expect((await client(s).chat.completions.create(body())).choices).toHaveLength(1);
    s.setFaults({});
    expect(await (await fetch(s.url + "/things/a")).json()).toEqual({ id: "a" });
  });

  it("probabilistic faults are seeded and independent of arrival order", async () => {
    const rates = { "429": 0.3, "500": 0.05, "503": 0.05, malformed: 0.02 } as const;
    const run = async (seed: number, order: number[]) => {
      const s = await start({ seed, faults: { rates } });
      const outcome = new Map<number, string>();
      const queue = order.slice();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
            const r = await fetch(s.url + "/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body(i)) });
            const t = await r.text();
            outcome.set(i, r.status + (r.status === 200 && !t.endsWith("}") ? "!" : ""));
          }
        }),
      );
      return outcome;
    };
    const ids = Array.from({ length: 600 }, (_, i) => i);
    const a = await run(1, ids);
    const b = await run(1, ids.slice().reverse());
    const c = await run(2, ids);
    expect(ids.map((i) => b.get(i))).toEqual(ids.map((i) => a.get(i)));
    expect(ids.map((i) => c.get(i))).not.toEqual(ids.map((i) => a.get(i)));
    const n = (m: Map<number, string>, k: string) => [...m.values()].filter((v) => v === k).length;
    expect(n(a, "429") / 600).toBeGreaterThan(0.22);
    expect(n(a, "429") / 600).toBeLessThan(0.38);
    expect(n(a, "500") + n(a, "503")).toBeGreaterThan(20);
    expect(n(a, "200!")).toBeGreaterThan(0);
  });

  it("rejects bad fault settings", async () => {
    await expect(startMockServer({ faults: { rates: { "429": 0.7, "500": 0.5 } } })).rejects.toThrow(/sum to/);
    await expect(startMockServer({ faults: { rates: { "418": 0.1 } as never } })).rejects.toThrow(/unknown fault kind '418'/);
    const s = await start();
    expect(() => s.setFaults({ schedule: { 0: "500" } })).toThrow(/1-based/);
  });
});

describe("server-side rate limits", () => {
  it("requests per minute: the request over the limit gets 429 with retry-after, and is not counted", async () => {
    const s = await start({ rateLimit: { requestsPerMinute: 5 } });
    const c = client(s);
    for (let i = 0; i < 5; i++) await c.chat.completions.create(body(i));
    const err = await c.chat.completions.create(body(5)).catch((e) => e);
    expect(err.status).toBe(429);
    expect(Number(err.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(err.headers.get("retry-after-ms"))).toBeGreaterThan(0);
    expect(err.message).toMatch(/requests per minute limit 5/);
    expect(s.requests[5].fault).toBe("rate-limit");
    expect(s.maxInWindow(60_000, (e) => e.status === 200)).toBe(5);
    s.setRateLimit({});
    expect((await c.chat.completions.create(body(6))).choices).toHaveLength(1);
  });

  it("tokens per minute charges prompt tokens + n × max_tokens at arrival", async () => {
    const s = await start({ rateLimit: { tokensPerMinute: 100 } });
    const c = client(s);
    const req = { ...body(), max_tokens: 40 }; // 3 + 4 + 3 prompt tokens + 40 = 50
    await c.chat.completions.create(req);
    await c.chat.completions.create(req);
    const err = await c.chat.completions.create(req).catch((e) => e);
    expect(err.status).toBe(429);
    expect(err.message).toMatch(/tokens per minute limit 100/);
    expect(s.maxTokensInWindow()).toBe(100);
    const big = await c.chat.completions.create({ ...body(), max_tokens: 1000 }).catch((e) => e);
    expect(big.status).toBe(429);
    expect(big.headers.get("retry-after")).toBeNull();
    expect(big.message).toMatch(/exceeds/);
  });

  it("counts concurrency and the busiest window", async () => {
    const s = await start({ latencyMs: { min: 50, max: 80 } });
    const c = client(s);
    await Promise.all(Array.from({ length: 12 }, (_, i) => c.chat.completions.create(body(i))));
    expect(s.stats()).toMatchObject({ requests: 12, completed: 12, inFlight: 0, maxInFlight: 12 });
    expect(s.maxInWindow()).toBe(12);
    expect(maxInWindow([0, 10, 59_999, 60_000, 60_001, 120_000], 60_000)).toBe(4); // [10, 60010) holds 10, 59999, 60000, 60001
    expect(maxInWindow([], 60_000)).toBe(0);
  });
});

describe("close()", () => {
  it("drops held and delayed requests, resolves, and is idempotent", async () => {
    const s = await startMockServer({ latencyMs: 60_000, faults: { schedule: { 1: "timeout" } } });
    const c = client(s);
    const held = c.chat.completions.create(body(1)).catch((e) => e);
    const delayed = c.chat.completions.create(body(2)).catch((e) => e);
    await until(() => s.requests.length === 2);
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    await s.close();
    await s.close();
    const [e1, e2] = await Promise.all([held, delayed]);
    expect(e1).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(e2).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(s.requests.every((e: RequestLogEntry) => !e.completed && e.finishedAt !== undefined)).toBe(true);
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBeLessThan(timersBefore);
  });
});
