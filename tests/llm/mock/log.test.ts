import { afterEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import OpenAI from "openai";
import { startMockServer, readRequestLogFile, canonicalJson, type MockServer } from "../../../lib/llm/mock/index";
import { sha256 } from "../../../lib/llm/mock/canonical";

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-mock-log-"));
const SECRET = "sk-test-DO-NOT-LOG-0123456789abcdef";

describe("request log", () => {
  it("records arrival, completion, status, model, parsed body and its canonical hash", async () => {
    const s = await startMockServer();
    servers.push(s);
    const c = new OpenAI({ baseURL: s.url, apiKey: SECRET, maxRetries: 0 });
    const t0 = Date.now();
    await c.chat.completions.create({ model: "simulated/generic", messages: [{ role: "user", content: "hello" }], temperature: 0 });
    await c.chat.completions.create({ temperature: 0, messages: [{ content: "hello", role: "user" }], model: "simulated/generic" });
    const [a, b] = s.requests;
    expect(a).toMatchObject({ seq: 1, method: "POST", path: "/v1/chat/completions", model: "simulated/generic", status: 200, completed: true, occurrence: 1 });
    expect(a.body).toEqual({ model: "simulated/generic", messages: [{ role: "user", content: "hello" }], temperature: 0 });
    expect(a.bodyHash).toBe(sha256(canonicalJson(a.body)));
    expect(b.bodyHash).toBe(a.bodyHash); // key order does not matter
    expect(b.occurrence).toBe(2);
    expect(a.receivedAt).toBeGreaterThanOrEqual(t0);
    expect(a.finishedAt!).toBeGreaterThanOrEqual(a.receivedAt);
    expect(a.usage).toEqual({ prompt_tokens: 8, completion_tokens: 1, total_tokens: 9 });
  });

  it("never records headers: the API key appears nowhere (memory, file, control URL)", async () => {
    const dir = tmp();
    const logFile = path.join(dir, "requests.jsonl");
    const s = await startMockServer({ logFile });
    servers.push(s);
    const c = new OpenAI({ baseURL: s.url, apiKey: SECRET, maxRetries: 0, defaultHeaders: { "x-custom": "header-value-xyz" } });
    await c.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
    await c.embeddings.create({ model: "m", input: "hi" });
    const mem = JSON.stringify(s.requests);
    const file = fs.readFileSync(logFile, "utf8");
    const ctl = await (await fetch(s.url.replace(/\/v1$/, "") + "/_mock/requests")).text();
    for (const text of [mem, file, ctl]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("header-value-xyz");
      expect(text.toLowerCase()).not.toContain("authorization");
      expect(text.toLowerCase()).not.toContain("bearer");
    }
  });

  it("writes one durable JSONL line per event, merged back by readRequestLogFile", async () => {
    const dir = tmp();
    const logFile = path.join(dir, "requests.jsonl");
    const s = await startMockServer({ logFile, faults: { schedule: { 2: "500", 3: "truncated" } } });
    servers.push(s);
    const c = new OpenAI({ baseURL: s.url, apiKey: "k", maxRetries: 0 });
    for (let i = 0; i < 3; i++) await c.chat.completions.create({ model: "m", messages: [{ role: "user", content: "q" + i }] }).catch(() => undefined);
    await s.close();
    const lines = fs.readFileSync(logFile, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.event)).toEqual(["request", "response", "request", "response", "request", "response"]);
    const entries = readRequestLogFile(logFile);
    expect(entries.map((e) => [e.seq, e.status, e.fault, e.completed])).toEqual([
      [1, 200, undefined, true],
      [2, 500, "500", true],
      [3, 200, "truncated", false],
    ]);
    expect(entries[0].body).toEqual({ model: "m", messages: [{ role: "user", content: "q0" }] });
    expect(entries[0].server).toBe(lines[0].server);
    // a second server run appends; a torn last line (crash mid-write) is ignored
    const s2 = await startMockServer({ logFile });
    await new OpenAI({ baseURL: s2.url, apiKey: "k", maxRetries: 0 }).chat.completions.create({ model: "m", messages: [{ role: "user", content: "again" }] });
    await s2.close();
    fs.appendFileSync(logFile, '{"event":"request","server":"x","se');
    const all = readRequestLogFile(logFile);
    expect(all).toHaveLength(4);
    expect(all[3]).toMatchObject({ seq: 1, completed: true });
    expect(all[3].server).not.toBe(all[0].server);
    // a bad line in the middle is an error naming the line
    fs.writeFileSync(logFile, "garbage\n" + lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    expect(() => readRequestLogFile(logFile)).toThrow(/requests\.jsonl:1/);
  });

  it("logs requests that are still in flight as not completed", async () => {
    const dir = tmp();
    const logFile = path.join(dir, "requests.jsonl");
    const s = await startMockServer({ logFile, latencyMs: 30_000 });
    const c = new OpenAI({ baseURL: s.url, apiKey: "k", maxRetries: 0 });
    const p = c.chat.completions.create({ model: "m", messages: [{ role: "user", content: "slow" }] }).catch((e) => e);
    for (let i = 0; i < 200 && readRequestLogFile(logFile).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(readRequestLogFile(logFile)).toMatchObject([{ seq: 1, completed: false }]);
    expect(readRequestLogFile(logFile)[0].finishedAt).toBeUndefined();
    await s.close();
    await p;
    expect(readRequestLogFile(logFile)[0]).toMatchObject({ completed: false });
    expect(readRequestLogFile(logFile)[0].finishedAt).toBeDefined();
  });

  it("can leave bodies out of the in-memory log (benchmarks), not out of the file", async () => {
    const logFile = path.join(tmp(), "requests.jsonl");
    const s = await startMockServer({ logBodies: false, logFile });
    servers.push(s);
    await new OpenAI({ baseURL: s.url, apiKey: "k", maxRetries: 0 }).chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] });
    expect(s.requests[0].body).toBeUndefined();
    expect(s.requests[0].bodyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readRequestLogFile(logFile)[0].body).toEqual({ model: "m", messages: [{ role: "user", content: "x" }] });
  });

  it("a client SIGKILLed mid-request leaves a durable 'not completed' record; answered requests are completed", async () => {
    const dir = tmp();
    const logFile = path.join(dir, "requests.jsonl");
    const s = await startMockServer({ logFile, latencyMs: 20 });
    servers.push(s);
    s.setFaults({ schedule: { 3: "timeout" } });
    const script =
      "const u=process.argv[1];const send=(i)=>fetch(u+'/chat/completions',{method:'POST',headers:{'content-type':'application/json'}," +
      "body:JSON.stringify({model:'m',messages:[{role:'user',content:'item '+i}]})}).then(r=>r.json());" +
      "(async()=>{await send(1);await send(2);console.log('two done');await send(3);})()";
    const child = spawn(process.execPath, ["-e", script, s.url], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d) => String(d).includes("two done") && resolve()));
    for (let i = 0; i < 300 && readRequestLogFile(logFile).length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    for (let i = 0; i < 300 && readRequestLogFile(logFile)[2]?.finishedAt === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    const entries = readRequestLogFile(logFile);
    expect(entries.map((e) => [e.seq, e.completed, e.fault])).toEqual([
      [1, true, undefined],
      [2, true, undefined],
      [3, false, "timeout"],
    ]);
    expect(entries[2].finishedAt).toBeDefined();
    expect(s.stats().inFlight).toBe(0);
  });
});
