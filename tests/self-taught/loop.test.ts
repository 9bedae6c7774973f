import { afterEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startOfflineLLM, type OfflineLLM } from "../../lib/llm/offline";
import { createTogetherMock } from "../../lib/together/mock-routes";
import { TogetherHttp } from "../../lib/together/http";
import { runSelfTaughtLoop, readIterations, type LoopOptions } from "../../lib/studies/self-taught/loop";
import { loadBuiltinInstructions, splitInstructions } from "../../lib/studies/self-taught/instructions";
import type { LLM } from "../../lib/llm/types";
import { UserError } from "../../lib/util/errors";

const ROLES = { generator: "simulated/self-taught?gen=0.9&leak=0.1", judge: "simulated/self-taught?quality=0.7&bias=0.1&invalid=0.05" };
let env: { off: OfflineLLM; dir: string } | undefined;
afterEach(async () => {
  await env?.off.close();
  if (env) fs.rmSync(env.dir, { recursive: true, force: true });
  env = undefined;
});

async function start(logFile?: string) {
  const mock = createTogetherMock();
  const off = await startOfflineLLM({ roles: ROLES, seed: 3, server: { routes: mock.routes, logFile } });
  return { off, http: new TogetherHttp({ baseURL: off.server.url, env: {}, maxRetries: 0 }) };
}

/** An LLM that fails with a user-facing error after `k` calls (an interruption mid-stage). */
function interrupting(llm: LLM, k: number): LLM {
  let calls = 0;
  const check = () => {
    if (++calls > k) throw new UserError("simulated interruption");
  };
  return {
    chat: async (role, req, o) => (check(), llm.chat(role, req, o)),
    complete: async (role, req, o) => (check(), llm.complete(role, req, o)),
    embed: async (role, req, o) => (check(), llm.embed(role, req, o)),
    endpoint: (r) => llm.endpoint(r),
    setRole: (r, e) => llm.setRole(r, e),
  };
}

describe("self-taught loop, offline (loopback server: simulated model + fine-tuning + endpoints)", () => {
  it("runs every stage, records everything, resumes after interruptions without repeating calls or jobs", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "st-loop-"));
    const { off, http } = await start();
    env = { off, dir };
    const { train, eval: ev } = splitInstructions(loadBuiltinInstructions(), 30, 16, 1);
    const opts: LoopOptions = {
      llm: off.llm,
      together: http,
      runDir: dir,
      train,
      eval: ev,
      iterations: 2,
      seed: 1,
      annotate: { n: 3, temperature: 0.7 },
      fineTune: { from: "previous", nEpochs: 2, pollMs: 1 },
      endpoint: { pollMs: 1 },
      concurrency: 4,
    };
    // 1. interrupted in the middle of the first stage
    await expect(runSelfTaughtLoop({ ...opts, llm: interrupting(off.llm, 10) })).rejects.toThrow(/simulated interruption/);
    // 2. interrupted right after the first fine-tune job was created (the job keeps running on the server)
    const boom = (m: string) => {
      if (m.startsWith("finetune: created job")) throw new UserError("simulated crash after job creation");
    };
    await expect(runSelfTaughtLoop({ ...opts, onMessage: boom })).rejects.toThrow(/simulated crash/);
    expect(off.server.requests.filter((r) => r.method === "POST" && r.path === "/v1/fine-tunes")).toHaveLength(1);
    // 3. interrupted after one finished iteration (the run re-attaches to the job created above)
    const partial = await runSelfTaughtLoop({ ...opts, stopAfter: 1 });
    expect(partial.iterations.map((r) => r.iteration)).toEqual([0, 1]);
    // 4. resumed to the end
    const res = await runSelfTaughtLoop(opts);
    expect(res.iterations.map((r) => r.iteration)).toEqual([0, 1, 2]);
    const reqs = off.server.requests;
    const chats = reqs.filter((r) => r.method === "POST" && r.path === "/v1/chat/completions" && r.status === 200);
    // no chat request was answered twice (each stage item called once across the three runs)
    expect(new Set(chats.map((c) => c.bodyHash)).size).toBe(chats.length);
    // exactly one fine-tune job per iteration, one endpoint per fine-tuned model, all stopped
    expect(reqs.filter((r) => r.method === "POST" && r.path === "/v1/fine-tunes")).toHaveLength(2);
    const createdEndpoints = reqs.filter((r) => r.method === "POST" && r.path === "/v1/endpoints");
    expect(createdEndpoints.length).toBeGreaterThanOrEqual(2);
    const stops = reqs.filter((r) => r.method === "PATCH" && (r.body as { state?: string })?.state === "STOPPED");
    expect(stops.length).toBe(createdEndpoints.length);

    // the records
    const [it0, it1, it2] = res.iterations;
    expect(it0.judgeModel).toBe(ROLES.judge);
    expect(it0.evalPairs).toBe(res.evalPairs);
    expect(it1.fineTune?.from).toBe("previous");
    expect(it1.fineTune?.fromCheckpoint).toBeUndefined();
    expect(it2.fineTune?.fromCheckpoint).toBe(it1.fineTune?.jobId);
    expect(it1.judgeModel).toMatch(/^simulated\/self-taught\?.*ft=/);
    expect(new URL("http://x/?" + it2.judgeModel.split("?")[1]).searchParams.get("depth")).toBe("2");
    for (const r of res.iterations) {
      expect(r.simulated).toBe(true);
      expect(r.evaluation.n).toBe(res.evalPairs);
      expect(r.evaluation.ci.lower).toBeLessThanOrEqual(r.evaluation.accuracy);
      expect(r.evaluation.bothOrders?.consistency).toBeGreaterThan(0);
    }
    for (const r of [it1, it2]) {
      const st = r.fineTune?.stats;
      expect(st?.rows).toBeGreaterThan(0);
      expect(st?.rows).toBe(2 * Math.min(st?.selectedA ?? 0, st?.selectedB ?? 0));
      const rows = fs.readFileSync(path.join(dir, r.fineTune?.trainingFile as string), "utf8").trim().split("\n");
      expect(rows).toHaveLength(st?.rows as number);
      expect(JSON.parse(rows[0]).messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    }
    // fine-tuning on the (balanced, correct) judgements changed the simulated judge
    expect(it1.judgeModel).not.toBe(it0.judgeModel);
    // all recorded on disk; a fresh reader sees the same
    expect(readIterations(dir)).toEqual(res.iterations);
    // 5. a further run does nothing new
    const before = reqs.length;
    await runSelfTaughtLoop(opts);
    const after = off.server.requests.slice(before);
    expect(after.filter((r) => r.path === "/v1/chat/completions" || r.path === "/v1/fine-tunes" || r.path === "/v1/endpoints")).toEqual([]);
  }, 120_000);

  it("original behaviour: evaluation pairs regenerated by each evaluated model", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "st-loop-"));
    const { off, http } = await start();
    env = { off, dir };
    const { train, eval: ev } = splitInstructions(loadBuiltinInstructions(), 20, 10, 2);
    const res = await runSelfTaughtLoop({ llm: off.llm, together: http, runDir: dir, train, eval: ev, iterations: 1, seed: 2, evalPairs: "regenerate", fineTune: { from: "base", pollMs: 1 }, endpoint: { pollMs: 1 } });
    expect(res.iterations).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, "iter0-eval-generate.jsonl"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "iter1-eval-worse.jsonl"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "eval-generate.jsonl"))).toBe(false);
    // the fine-tuned model generated iteration 1's evaluation pairs
    const gen = fs.readFileSync(path.join(dir, "iter1-eval-generate.jsonl"), "utf8");
    expect(gen).toContain("ft=");
  }, 120_000);
});

describe("self-taught loop, dry run", () => {
  it("counts calls up to the first fine-tune and records nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "st-dry-"));
    const mock = createTogetherMock();
    const off = await startOfflineLLM({ roles: ROLES, seed: 1, server: { routes: mock.routes }, client: { dryRun: true } });
    env = { off, dir };
    const http = new TogetherHttp({ baseURL: off.server.url, env: {}, maxRetries: 0 });
    const { train, eval: ev } = splitInstructions(loadBuiltinInstructions(), 10, 6, 1);
    const res = await runSelfTaughtLoop({ llm: off.llm, together: http, runDir: dir, train, eval: ev, iterations: 2, seed: 1, annotate: { n: 2 }, fineTune: { pollMs: 1 }, endpoint: { pollMs: 1 } });
    expect(res.iterations).toEqual([]);
    expect(off.server.requests.filter((r) => r.path === "/v1/chat/completions")).toEqual([]);
    // generate + worse for 16 instructions, eval judged in both orders (12), annotation of 10 pairs
    const u = off.llm.usage();
    expect(u.dryRun?.dryRunCalls).toBe(16 + 16 + 12 + 10);
    expect(u.total.calls).toBe(0);
    const recorded = fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl") && fs.readFileSync(path.join(dir, f), "utf8").trim() !== "");
    expect(recorded).toEqual([]);
  }, 60_000);
});
