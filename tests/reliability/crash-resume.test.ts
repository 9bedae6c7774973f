/**
 * Crash and resume of REAL stage CLIs (issue 10, item 1): a child process
 * `node bin/evalbook.js self-taught generate ...` (and `together finetune
 * create --wait`) runs against the in-process loopback server; the test
 * SIGKILLs it mid-request, mid-write (plus a torn final record line) and
 * during fine-tune polling, restarts the same command, and checks from the
 * server's request log and the stage records that nothing answered was sent
 * again, nothing was lost or duplicated, and the outputs equal those of an
 * uninterrupted run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRoutes, startMockServer, type MockServer, type RequestLogEntry } from "../../lib/llm/mock/index";
import { ResponseCache } from "../../lib/llm/cache/store";
import { openStage } from "../../lib/llm/records";
import { diffStageRecords, resendReport, tearLastRecord } from "../../lib/reliability/crash-check";
import { BIN, ROOT } from "../helpers/cli";

const CONCURRENCY = 4;
const N_TRAIN = 24;
const STAGE = "train-generate";
/** A response written this long before the kill has surely reached the client over loopback. */
const GRACE_MS = 100;
const FAKE_KEY = "tgp_fake-reliability-key-0123456789abcdef";

interface Child {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, cond: () => boolean, timeoutMs = 90_000, state: () => string = () => ""): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting for " + what + " " + state());
    await sleep(1);
  }
}

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-rel-" + prefix + "-"));
}

/**
 * The stage command. Without a cache it uses --server; with one, the roles
 * point at the server with --role (the --server mode never caches: it builds
 * its client with cacheDir false, whatever --cache-dir says).
 */
function generateArgs(server: MockServer, runDir: string, cache: string | false): string[] {
  const where = cache
    ? ["--role", "generator=openai-compatible:simulated/self-taught?gen=0.9@" + server.url, "--role", "judge=openai-compatible:simulated/self-taught?quality=0.74&bias=0.05@" + server.url, "--cache-dir", cache]
    : ["--server", server.url, "--no-cache"];
  return [
    "self-taught", "generate", "--run-dir", runDir, "--instructions", "builtin",
    "--n-train", String(N_TRAIN), "--n-eval", "6", "--seed", "7", "--concurrency", String(CONCURRENCY), ...where,
  ];
}

const isChat = (e: RequestLogEntry) => e.path === "/v1/chat/completions";

/** The instruction an item's request carried (the generate prompt quotes it). */
function requestsFor(entries: RequestLogEntry[], instruction: string): RequestLogEntry[] {
  const needle = JSON.stringify(instruction).slice(1, -1);
  return entries.filter((e) => JSON.stringify(e.body ?? "").includes(needle));
}

let server: MockServer;
let referenceDir: string;
beforeAll(async () => {
  // Together jobs advance with wall-clock time so that a kill lands while the job runs.
  const saved = process.env.EVALBOOK_MOCK_TOGETHER;
  process.env.EVALBOOK_MOCK_TOGETHER = JSON.stringify({ drive: "time", stepMs: 400 });
  const routes = defaultRoutes();
  if (saved === undefined) delete process.env.EVALBOOK_MOCK_TOGETHER;
  else process.env.EVALBOOK_MOCK_TOGETHER = saved;
  server = await startMockServer({ seed: 5, latencyMs: { min: 100, max: 200 }, routes });
  // The uninterrupted run every resumed run is compared with.
  referenceDir = tmp("reference");
  const ref = await start(generateArgs(server, referenceDir, false)).done;
  expect(ref.code, ref.stderr).toBe(0);
  expect(openStage(referenceDir, STAGE).ids()).toHaveLength(N_TRAIN);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/**
 * Run the generate stage, SIGKILL it when `killWhen(phaseEntries)` holds,
 * optionally damage the run (tear), restart it to completion and check it.
 */
async function killAndResume(opts: { killWhen: (phase: RequestLogEntry[]) => boolean; tear?: boolean; cache?: boolean }) {
  const runDir = tmp("run");
  const cacheDir = opts.cache ? tmp("cache") : false;
  const args = generateArgs(server, runDir, cacheDir);
  const seq0 = server.requests.length;
  const phase1 = () => server.requests.slice(seq0).filter(isChat);
  const first = start(args);
  await waitFor("the kill point", () => first.child.exitCode !== null || opts.killWhen(phase1()), 90_000, () => JSON.stringify(phase1().map((e) => [e.seq, e.completed, e.status])) + first.child.exitCode);
  first.child.kill("SIGKILL");
  const killedAt = Date.now();
  const r1 = await first.done;
  expect(r1.signal, "the child ended before the kill point: " + r1.stderr).toBe("SIGKILL");
  await sleep(300); // let the server see the dropped sockets
  const before = phase1();
  expect(before.length).toBeGreaterThan(0);
  expect(before.length).toBeLessThan(N_TRAIN + CONCURRENCY);

  // What the killed client had recorded.
  const recordsFile = path.join(runDir, STAGE + ".jsonl");
  const exempt = new Set<string>();
  if (opts.tear) {
    const tornId = tearLastRecord(recordsFile);
    const instr = (openStage<{ instruction: string }>(referenceDir, STAGE).get(tornId) as { instruction: string }).instruction;
    for (const e of requestsFor(before, instr)) exempt.add(e.bodyHash);
    expect(exempt.size).toBe(1);
    const reopened = openStage(runDir, STAGE);
    expect(reopened.tornLines).toHaveLength(1);
    expect(reopened.has(tornId)).toBe(false);
  }
  const recordedAtKill = openStage<{ instruction: string }>(runDir, STAGE);

  let cacheAtKill = 0;
  if (cacheDir) {
    // No torn or corrupt entry is readable after the kill; every entry is a complete response.
    const cache = new ResponseCache(cacheDir);
    expect(cache.corrupt).toBe(0);
    for (const e of cache.entries()) expect(e.r.choices[0].text.length).toBeGreaterThan(0);
    cacheAtKill = cache.size;
    cache.close();
  }

  const seq1 = server.requests.length;
  const second = start(args);
  const r2 = await second.done;
  expect(r2.code, r2.stderr).toBe(0);
  expect(r2.stderr).not.toMatch(/^\s+at |internal error/m);
  const after = server.requests.slice(seq1).filter(isChat);

  // 1. No request whose response had arrived was sent again; only those in flight at the kill repeat.
  const rep = resendReport(before, after, killedAt, GRACE_MS, exempt);
  expect(rep.resentAnswered.map((e) => e.seq)).toEqual([]);
  expect(rep.repeated.length).toBeLessThanOrEqual(CONCURRENCY + exempt.size);
  // ... and nothing the client had recorded was asked for again.
  for (const id of recordedAtKill.ids()) expect(requestsFor(after, recordedAtKill.get(id)!.instruction), id).toEqual([]);
  // The resumed run asked only for what was missing.
  if (cacheDir) expect(after.length).toBeLessThanOrEqual(N_TRAIN - Math.max(recordedAtKill.ids().length, cacheAtKill));
  else expect(after.length).toBe(N_TRAIN - recordedAtKill.ids().length);

  // 2. Nothing lost or duplicated; 3. values equal those of the uninterrupted run.
  const diff = diffStageRecords(referenceDir, runDir, STAGE);
  expect(diff).toEqual({ missing: [], extra: [], different: [], duplicated: [], tornLines: opts.tear ? [expect.any(Number)] : [] });
  // The fake key never reached the records.
  for (const f of fs.readdirSync(runDir)) expect(fs.readFileSync(path.join(runDir, f), "utf8")).not.toContain(FAKE_KEY);
  return { before, after, rep, recorded: recordedAtKill.ids().length };
}

describe("SIGKILL of `evalbook self-taught generate`, then the same command again", () => {
  it("mid-request (requests in flight at the server)", async () => {
    const r = await killAndResume({
      killWhen: (p) => p.filter((e) => e.completed).length >= 6 && p.some((e) => !e.completed),
    });
    expect(r.rep.inFlight).toBeGreaterThan(0);
    expect(r.recorded).toBeGreaterThan(0);
  }, 120_000);

  it("mid-write (right after responses completed), with a torn final record line", async () => {
    let seen = -1;
    const r = await killAndResume({
      tear: true,
      killWhen: (p) => {
        const done = p.filter((e) => e.completed).length;
        const fire = seen >= 0 && done > seen && done >= 8; // a response just finished: the client is writing
        seen = done;
        return fire;
      },
    });
    expect(r.recorded).toBeGreaterThan(0);
  }, 120_000);

  it("with the response cache on: no torn cache entry; resumed items come from records or cache", async () => {
    const r = await killAndResume({
      cache: true,
      killWhen: (p) => p.filter((e) => e.completed).length >= 10 && p.some((e) => !e.completed),
    });
    expect(r.recorded).toBeGreaterThan(0);
  }, 120_000);

  it("a torn cache segment line is skipped, never served", async () => {
    const cacheDir = tmp("cache-torn");
    const runDir = tmp("run-torn");
    const r = await start(generateArgs(server, runDir, cacheDir)).done;
    expect(r.code, r.stderr).toBe(0);
    const segDir = path.join(cacheDir, "v1");
    const seg = fs.readdirSync(segDir).filter((f) => f.endsWith(".jsonl")).map((f) => path.join(segDir, f))[0];
    const text = fs.readFileSync(seg, "utf8");
    const full = new ResponseCache(cacheDir);
    const n = full.size;
    full.close();
    // cut the last line in half, as a kill inside a write would
    const lastStart = text.lastIndexOf("\n", text.length - 2) + 1;
    fs.truncateSync(seg, Buffer.byteLength(text.slice(0, lastStart + Math.floor((text.length - lastStart) / 2)), "utf8"));
    const torn = new ResponseCache(cacheDir);
    expect(torn.size).toBe(n - 1);
    expect(torn.corrupt).toBeLessThanOrEqual(1);
    for (const e of torn.entries()) expect(e.r.choices[0].text.length).toBeGreaterThan(0);
    torn.close();
  }, 120_000);
});

describe("SIGKILL during fine-tune polling (`together finetune create --wait`)", () => {
  it("the restarted command re-attaches: no second POST /fine-tunes, no second upload", async () => {
    const runDir = tmp("ft");
    const file = path.join(runDir, "train.jsonl");
    const rows = Array.from({ length: 6 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: "question " + i }, { role: "assistant", content: "answer " + i }] }));
    fs.writeFileSync(file, rows.join("\n") + "\n");
    const args = ["together", "finetune", "create", "--base-url", server.url, "--run-dir", runDir, "--model", "simulated/self-taught?quality=0.7", "--training-file", file, "--wait", "--poll-seconds", "0.1"];
    const env = { TOGETHER_API_KEY: FAKE_KEY };
    const seq0 = server.requests.length;
    const log = () => server.requests.slice(seq0);
    const polls = () => log().filter((e) => e.method === "GET" && /^\/v1\/fine-tunes\/[^/]+$/.test(e.path));
    const first = start(args, env);
    await waitFor("fine-tune polling", () => polls().length >= 3);
    first.child.kill("SIGKILL");
    const r1 = await first.done;
    expect(r1.signal).toBe("SIGKILL");
    const second = await start(args, env).done;
    expect(second.code, second.stderr).toBe(0);
    const creates = log().filter((e) => e.method === "POST" && e.path === "/v1/fine-tunes");
    const uploads = log().filter((e) => e.method === "POST" && e.path === "/v1/files");
    expect(creates).toHaveLength(1);
    expect(uploads).toHaveLength(1);
    const out = second.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(JSON.stringify(out)).toMatch(/completed/);
    expect(second.stdout + second.stderr + r1.stdout + r1.stderr).not.toContain(FAKE_KEY);
    for (const f of fs.readdirSync(runDir, { recursive: true }) as string[]) {
      const p = path.join(runDir, f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p, "utf8"), p).not.toContain(FAKE_KEY);
    }
  }, 120_000);
});
