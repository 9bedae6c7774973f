import * as fs from "node:fs";
import * as path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer, type RequestLogEntry } from "../../lib/llm/mock/index";
import { openStage } from "../../lib/llm/records";
import { ResponseCache } from "../../lib/llm/cache/store";
import { tmpDir } from "./helpers";

const root = path.resolve(__dirname, "..", "..");
const tsxCli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const childScript = path.join(root, "tests", "llm", "child", "stage-child.ts");
const FAKE_KEY = "evalbook-fake-key-CRASHTEST-0123456789";

function startChild(job: object): { child: ChildProcess; result: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [tsxCli, childScript], {
    cwd: root,
    env: { ...process.env, EVALBOOK_CHILD_JOB: JSON.stringify(job), EVALBOOK_FAKE_API_KEY: FAKE_KEY },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const result = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, result };
}

function lineCount(file: string): number {
  if (!fs.existsSync(file)) return 0;
  return fs.readFileSync(file, "utf8").split("\n").filter(Boolean).length;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 11, latencyMs: { min: 40, max: 160 } });
});
afterAll(async () => {
  await server.close();
});

const prompts = Array.from({ length: 80 }, (_, i) => "crash/resume prompt number " + i);

describe("kill -9 of a real child process, then resume", () => {
  for (const killAfter of [3, 30, 60]) {
    it("killed after " + killAfter + " records: no answered request is sent again; outputs equal an uninterrupted run", async () => {
      const runDir = tmpDir();
      const cacheDir = tmpDir();
      const job = { url: server.url, runDir, cacheDir, stage: "answers", prompts, concurrency: 8 };
      const seqStart = server.requests.length;
      const first = startChild(job);
      const recFile = path.join(runDir, "answers.jsonl");
      const deadline = Date.now() + 60_000;
      while (lineCount(recFile) < killAfter && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      first.child.kill("SIGKILL");
      const killedAt = Date.now();
      const r1 = await first.result;
      expect(r1.signal).toBe("SIGKILL");
      // Let the server notice the dropped sockets.
      await new Promise((r) => setTimeout(r, 300));
      const phase1: RequestLogEntry[] = server.requests.slice(seqStart);
      const seqResume = server.requests.length;
      const second = startChild(job);
      const r2 = await second.result;
      expect(r2.code, r2.stderr).toBe(0);
      const phase2 = server.requests.slice(seqResume);
      // A response fully written more than 100 ms before the kill had arrived (loopback): it must never be re-sent.
      const answered = new Set(phase1.filter((e) => e.completed && e.finishedAt! < killedAt - 100).map((e) => e.bodyHash));
      const resent = phase2.filter((e) => answered.has(e.bodyHash));
      // The kill landed after some answers (how many arrived > 100 ms before it depends on the machine's load).
      if (killAfter >= 30) expect(answered.size).toBeGreaterThan(0);
      expect(resent.map((e) => e.seq)).toEqual([]);
      // Only requests in flight at the kill (or not yet sent) are sent in the second run.
      const inFlightAtKill = phase1.filter((e) => !answered.has(e.bodyHash)).length;
      expect(phase2.length).toBeLessThanOrEqual(prompts.length - answered.size);
      expect(phase2.filter((e) => phase1.some((p) => p.bodyHash === e.bodyHash)).length).toBeLessThanOrEqual(inFlightAtKill);
      // Records: nothing lost, nothing duplicated, same values as an uninterrupted run.
      const recs = openStage<{ text: string }>(runDir, "answers");
      expect(recs.ids().length).toBe(prompts.length);
      const lines = fs.readFileSync(recFile, "utf8").split("\n").filter(Boolean);
      expect(new Set(lines.map((l) => JSON.parse(l).id)).size).toBe(lines.length);
      const cleanDir = tmpDir();
      const clean = startChild({ ...job, runDir: cleanDir, cacheDir: undefined });
      expect((await clean.result).code).toBe(0);
      const ref = openStage<{ text: string }>(cleanDir, "answers");
      for (const id of ref.ids()) expect(recs.get(id)).toEqual(ref.get(id));
      // The fake key was never written anywhere.
      for (const f of [...filesUnder(runDir), ...filesUnder(cacheDir)]) expect(fs.readFileSync(f, "utf8").includes(FAKE_KEY), f).toBe(false);
      expect(r1.stdout + r1.stderr + r2.stdout + r2.stderr).not.toContain(FAKE_KEY);
    });
  }
});

describe("several processes writing one cache at once", () => {
  it("4 children, overlapping requests: no corruption, every answer cached once readable", async () => {
    const cacheDir = tmpDir();
    const shared = Array.from({ length: 40 }, (_, i) => "shared prompt " + i);
    const jobs = [0, 1, 2, 3].map((k) => ({
      url: server.url,
      cacheDir,
      stage: "x",
      concurrency: 8,
      prompts: [...shared, ...Array.from({ length: 25 }, (_, i) => "own prompt " + k + "-" + i)],
    }));
    const results = await Promise.all(jobs.map((j) => startChild(j).result));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const cache = new ResponseCache(cacheDir);
    expect(cache.corrupt).toBe(0);
    expect(cache.size).toBe(40 + 4 * 25);
    for (const e of cache.entries()) expect(e.r.choices[0].text.length).toBeGreaterThan(0);
    cache.close();
    // A fifth run of everything is served from the cache.
    const before = server.requests.length;
    const all = { ...jobs[0], prompts: jobs.flatMap((j) => j.prompts) };
    const r = await startChild(all).result;
    expect(r.code, r.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
  });
});
