import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../lib/llm/mock/index";
import { createLLM, type LLMClient } from "../../lib/llm/client";
import { ResponseCache } from "../../lib/llm/cache/store";
import { cacheKey, cacheKeyFields } from "../../lib/llm/cache/key";
import { cacheStats } from "../../lib/llm/cache/stats";
import type { Endpoint } from "../../lib/llm/types";
import { modelRequests, tmpDir } from "./helpers";

let server: MockServer;
let server2: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 3 });
  server2 = await startMockServer({ seed: 3 });
});
afterAll(async () => {
  await server.close();
  await server2.close();
});

function client(dir: string, roles: Record<string, Endpoint>): LLMClient {
  return createLLM({ configFile: false, envOverrides: false, cacheDir: dir, roles, env: { OPENAI_API_KEY: "test-openai-key-0000", TOGETHER_API_KEY: "test-together-key-0000" } });
}

describe("response cache against the loopback server", () => {
  it("hits on an identical request and misses on every key field", async () => {
    const dir = tmpDir();
    const base: Endpoint = { provider: "openai-compatible", model: "simulated/generic", baseURL: server.url };
    const llm = client(dir, {
      m: base,
      other: { ...base, model: "simulated/generic?quality=0.2" },
      ded: { ...base, dedicatedEndpointId: "ep-123" },
      url2: { ...base, baseURL: server2.url },
      oai: { ...base, provider: "openai" },
      tog: { ...base, provider: "together" },
    });
    const req = { messages: [{ role: "user" as const, content: "Q1" }], temperature: 0.5, top_p: 0.9, max_tokens: 8, stop: ["\n"], seed: 1, n: 1, logprobs: false };
    const count = () => modelRequests(server).length + modelRequests(server2).length;
    const first = await llm.chat("m", req);
    expect(first.cached).toBe(false);
    const n0 = count();
    const again = await llm.chat("m", req);
    expect(again.cached).toBe(true);
    expect(again.choices).toEqual(first.choices);
    expect(count()).toBe(n0);
    const variants: [string, () => Promise<unknown>][] = [
      ["model", () => llm.chat("other", req)],
      ["dedicatedEndpointId", () => llm.chat("ded", req)],
      ["baseURL", () => llm.chat("url2", req)],
      ["provider openai", () => llm.chat("oai", req)],
      ["provider together", () => llm.chat("tog", req)],
      ["message content", () => llm.chat("m", { ...req, messages: [{ role: "user", content: "Q2" }] })],
      ["message role", () => llm.chat("m", { ...req, messages: [{ role: "system", content: "Q1" }] })],
      ["extra message", () => llm.chat("m", { ...req, messages: [{ role: "system", content: "s" }, ...req.messages] })],
      ["temperature", () => llm.chat("m", { ...req, temperature: 0.6 })],
      ["top_p", () => llm.chat("m", { ...req, top_p: 1 })],
      ["max_tokens", () => llm.chat("m", { ...req, max_tokens: 9 })],
      ["stop", () => llm.chat("m", { ...req, stop: ["\n\n"] })],
      ["seed", () => llm.chat("m", { ...req, seed: 2 })],
      ["n", () => llm.chat("m", { ...req, n: 2 })],
      ["logprobs", () => llm.chat("m", { ...req, logprobs: true })],
      ["top_logprobs", () => llm.chat("m", { ...req, logprobs: true, top_logprobs: 2 })],
      ["sampleIndex", () => llm.chat("m", req, { sampleIndex: 1 })],
      ["kind completion", () => llm.complete("m", { prompt: "Q1", max_tokens: 8 })],
    ];
    for (const [name, run] of variants) {
      const before = count();
      await run();
      expect(count(), "field " + name + " must change the key").toBe(before + 1);
      await run();
      expect(count(), "field " + name + " repeated must hit").toBe(before + 1);
    }
    // Completion-only fields.
    const creq = { prompt: "The cat", max_tokens: 0, echo: true, logprobs: 0 };
    for (const v of [creq, { ...creq, echo: false }, { ...creq, logprobs: 1 }, { ...creq, prompt: "The dog" }]) {
      const before = count();
      await llm.complete("m", v);
      await llm.complete("m", v);
      expect(count()).toBe(before + 1);
    }
    for (const v of [{ input: ["a"] }, { input: ["a", "b"] }]) {
      const before = count();
      await llm.embed("m", v);
      await llm.embed("m", v);
      expect(count()).toBe(before + 1);
    }
    // Key order of the request object does not matter; refresh bypasses reading.
    const before = count();
    await llm.chat("m", { n: 1, seed: 1, stop: ["\n"], max_tokens: 8, top_p: 0.9, temperature: 0.5, messages: req.messages, logprobs: false });
    expect(count()).toBe(before);
    await llm.chat("m", req, { refresh: true });
    expect(count()).toBe(before + 1);
    // The API key is not part of the key (and never stored).
    const fields = cacheKeyFields({ ...base, provider: "openai", apiKeyEnv: "X_KEY" }, "chat", req);
    expect(cacheKey(fields)).toBe(cacheKey(cacheKeyFields({ ...base, provider: "openai" }, "chat", req)));
    await llm.close();
    const text = fs.readdirSync(path.join(dir, "v1")).map((f) => fs.readFileSync(path.join(dir, "v1", f), "utf8")).join("");
    expect(text).not.toContain("test-openai-key-0000");
    expect(text).not.toContain("test-together-key-0000");
    // A new process (new client) reads the same cache.
    const llm2 = client(dir, { m: base });
    const n1 = count();
    expect((await llm2.chat("m", req)).cached).toBe(true);
    expect(count()).toBe(n1);
    const stats = cacheStats(llm2.cache!);
    expect(stats.entries).toBeGreaterThan(20);
    expect(stats.byProvider.together).toBe(1);
    await llm2.close();
  });

  it("does not cache errors", async () => {
    const dir = tmpDir();
    const llm = createLLM({ configFile: false, envOverrides: false, cacheDir: dir, roles: { m: { provider: "openai-compatible", model: "simulated/generic", baseURL: server.url, limits: { maxRetries: 0 } } } });
    server.setFaults({ schedule: { 1: "500" } });
    await expect(llm.chat("m", { messages: [{ role: "user", content: "err" }] })).rejects.toThrow(/500/);
    server.setFaults();
    expect(llm.cache!.size).toBe(0);
    const r = await llm.chat("m", { messages: [{ role: "user", content: "err" }] });
    expect(r.cached).toBe(false);
    await llm.close();
  });

  it("coalesces identical in-flight requests into one call", async () => {
    const s = await startMockServer({ latencyMs: 100 });
    const llm = createLLM({ configFile: false, envOverrides: false, cacheDir: tmpDir(), roles: { m: { provider: "openai-compatible", model: "simulated/generic", baseURL: s.url } } });
    const req = { messages: [{ role: "user" as const, content: "same" }], max_tokens: 5 };
    const rs = await Promise.all(Array.from({ length: 10 }, () => llm.chat("m", req)));
    expect(modelRequests(s).length).toBe(1);
    expect(rs.filter((r) => !r.cached).length).toBe(1);
    expect(new Set(rs.map((r) => JSON.stringify(r.choices))).size).toBe(1);
    expect(llm.usage().total).toMatchObject({ calls: 10, cachedCalls: 9 });
    await llm.close();
    await s.close();
  });

  it("explains a miss by the differing key fields", async () => {
    const dir = tmpDir();
    const llm = client(dir, { m: { provider: "openai-compatible", model: "simulated/generic", baseURL: server.url } });
    await llm.chat("m", { messages: [{ role: "system", content: "S" }, { role: "user", content: "U" }], temperature: 0 });
    const miss = llm.explainMiss("m", "chat", { messages: [{ role: "system", content: "S" }, { role: "user", content: "U2" }], temperature: 0.7 });
    expect(miss.hit).toBe(false);
    expect(miss.differences.map((d) => d.field)).toEqual(["request.messages[1].content", "request.temperature"]);
    expect(miss.differences[1]).toEqual({ field: "request.temperature", cached: 0, requested: 0.7 });
    const hit = llm.explainMiss("m", "chat", { messages: [{ role: "system", content: "S" }, { role: "user", content: "U" }], temperature: 0 });
    expect(hit.hit).toBe(true);
    await llm.close();
  });

  it("picks up entries another writer appended (refresh), reading only new bytes", () => {
    const dir = tmpDir();
    const ep: Endpoint = { provider: "openai-compatible", model: "simulated/generic", baseURL: "http://127.0.0.1:9/v1" };
    const resp = { choices: [{ index: 0, text: "x", finishReason: "stop" }], usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, model: "m", latencyMs: 5, cached: false, simulated: true };
    const a = new ResponseCache(dir);
    const b = new ResponseCache(dir);
    const f1 = cacheKeyFields(ep, "chat", { messages: [{ role: "user", content: "1" }] });
    a.put(cacheKey(f1), f1, resp);
    expect(b.has(cacheKey(f1))).toBe(false);
    b.refresh();
    expect(b.get(cacheKey(f1))).toMatchObject({ cached: true, latencyMs: 0, choices: [{ text: "x" }] });
    const f2 = cacheKeyFields(ep, "chat", { messages: [{ role: "user", content: "2" }] });
    a.put(cacheKey(f2), f2, resp);
    b.refresh();
    expect(b.size).toBe(2);
    // A returned response is a fresh object: mutating it does not change the cache.
    b.get(cacheKey(f1))!.choices[0].text = "mutated";
    expect(b.get(cacheKey(f1))!.choices[0].text).toBe("x");
    a.close();
    b.close();
  });

  it("tolerates torn and corrupt segment lines", async () => {
    const dir = tmpDir();
    const llm = client(dir, { m: { provider: "openai-compatible", model: "simulated/generic", baseURL: server.url } });
    await llm.chat("m", { messages: [{ role: "user", content: "a" }] });
    await llm.chat("m", { messages: [{ role: "user", content: "b" }] });
    await llm.close();
    const segDir = path.join(dir, "v1");
    const [seg] = fs.readdirSync(segDir);
    const text = fs.readFileSync(path.join(segDir, seg), "utf8");
    const lines = text.split("\n").filter(Boolean);
    // Garble the first entry's JSON (checksum mismatch) and append a torn half line.
    fs.writeFileSync(path.join(segDir, seg), lines[0].replace('"a"', '"x"') + "\n" + lines[1] + "\n" + lines[1].slice(0, 40));
    const cache = new ResponseCache(dir);
    expect(cache.size).toBe(1);
    expect(cache.corrupt).toBe(1);
    cache.close();
  });
});
