import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TogetherHttp } from "../../lib/together/http";
import { ensureFineTune, jobsLedger, runFineTune } from "../../lib/together/finetune/ensure";
import { getEndpoint } from "../../lib/together/endpoints/api";
import { jsonLines, runCli } from "../helpers/cli";
import { requestsTo, startEnv, writeChatFile, type Env } from "./helpers";
import { uploadTrainingFile } from "../../lib/together/files/upload";

const BASE = "simulated/together-test?quality=0.6";
let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("re-attach after a restart: no second paid job", () => {
  it("a new client with the same run directory finds the running, then the finished job", async () => {
    env = await startEnv();
    const up = await uploadTrainingFile(env.http, writeChatFile(env.dir, 5), { runDir: env.dir, pollMs: 1 });
    const params = { model: BASE, trainingFile: up.file.id, nEpochs: 4, suffix: "it1", lora: { r: 8 } };
    const first = await ensureFineTune(env.http, params, { runDir: env.dir, trainingSha256: up.sha256 });
    expect(first.reattached).toBe(false);

    // "restart": a fresh client object, same records
    const http2 = new TogetherHttp({ baseURL: env.server.url, env: {}, maxRetries: 0 });
    const again = await ensureFineTune(http2, params, { runDir: env.dir, trainingSha256: up.sha256 });
    expect(again).toMatchObject({ reattached: true, key: first.key });
    expect(again.job.id).toBe(first.job.id);
    expect(["pending", "queued", "running"]).toContain(again.job.status);

    const done = await runFineTune(http2, params, { runDir: env.dir, trainingSha256: up.sha256, pollMs: 1 });
    expect(done.job.id).toBe(first.job.id);
    const third = await runFineTune(new TogetherHttp({ baseURL: env.server.url, env: {} }), params, { runDir: env.dir, trainingSha256: up.sha256, pollMs: 1 });
    expect(third).toMatchObject({ reattached: true, outputName: done.outputName });
    expect(requestsTo(env.server, "POST", "/v1/fine-tunes")).toHaveLength(1);

    // the same job when the file is given by id only: its hash comes from the files ledger
    const byId = await ensureFineTune(http2, params, { runDir: env.dir });
    expect(byId).toMatchObject({ reattached: true, key: first.key });
    // a different parameter is a different job
    const other = await ensureFineTune(http2, { ...params, nEpochs: 2 }, { runDir: env.dir, trainingSha256: up.sha256 });
    expect(other.reattached).toBe(false);
    expect(other.key).not.toBe(first.key);
    expect(requestsTo(env.server, "POST", "/v1/fine-tunes")).toHaveLength(2);
  });

  it("concurrent calls with the same run directory create one job", async () => {
    env = await startEnv();
    const e = env;
    const up = await uploadTrainingFile(e.http, writeChatFile(e.dir, 5), { runDir: e.dir, pollMs: 1 });
    const params = { model: BASE, trainingFile: up.file.id, nEpochs: 1 };
    const clients = [0, 1, 2, 3].map(() => new TogetherHttp({ baseURL: e.server.url, env: {} }));
    const rs = await Promise.all(clients.map((c) => ensureFineTune(c, params, { runDir: e.dir })));
    expect(new Set(rs.map((r) => r.job.id)).size).toBe(1);
    expect(rs.filter((r) => !r.reattached)).toHaveLength(1);
    expect(requestsTo(e.server, "POST", "/v1/fine-tunes")).toHaveLength(1);
    expect(fs.existsSync(path.join(e.dir, "together-jobs.lock"))).toBe(false);
  });

  it("a stale lock left by a dead process is taken over", async () => {
    env = await startEnv();
    const up = await uploadTrainingFile(env.http, writeChatFile(env.dir, 2), { runDir: env.dir, pollMs: 1 });
    fs.writeFileSync(path.join(env.dir, "together-jobs.lock"), JSON.stringify({ pid: 2147483646, at: "2026-01-01T00:00:00Z" }));
    const r = await ensureFineTune(env.http, { model: BASE, trainingFile: up.file.id }, { runDir: env.dir });
    expect(r.reattached).toBe(false);
  });

  it("a crash between POST /fine-tunes and recording the job id: the next run finds the job on the server", async () => {
    env = await startEnv();
    const up = await uploadTrainingFile(env.http, writeChatFile(env.dir, 5), { runDir: env.dir, pollMs: 1 });
    // a client whose POST /fine-tunes reaches the server but whose response is lost
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === "POST" && String(input).endsWith("/fine-tunes")) throw new TypeError("fetch failed (connection reset)");
      return res;
    };
    const params = { model: BASE, trainingFile: up.file.id, nEpochs: 1 };
    await expect(ensureFineTune(new TogetherHttp({ baseURL: env.server.url, env: {}, fetch: lossy, maxRetries: 0 }), params, { runDir: env.dir })).rejects.toThrow(/connection reset/);
    expect(jobsLedger({ runDir: env.dir }).all().map((e) => e.phase)).toEqual(["intent"]);
    const r = await ensureFineTune(env.http, params, { runDir: env.dir });
    expect(r.reattached).toBe(true);
    expect(requestsTo(env.server, "POST", "/v1/fine-tunes")).toHaveLength(1);
    expect(r.job.id).toBe(Array.from(env.mock.state.jobs.keys())[0]);
  });

  it("separate CLI processes: create, create again (re-attached), wait; one POST in the server log", async () => {
    env = await startEnv();
    const file = writeChatFile(env.dir, 4);
    const cliEnv = { TOGETHER_BASE_URL: env.server.url, TOGETHER_API_KEY: "" };
    const args = ["together", "finetune", "create", "--model", BASE, "--training-file", file, "--epochs", "2", "--suffix", "cli", "--lora-r", "4", "--run-dir", env.dir];
    // --dry-run: shows the wire body, sends nothing
    const dry = await runCli([...args, "--dry-run"], { env: cliEnv });
    expect(dry.code, dry.stderr).toBe(0);
    expect(jsonLines(dry.stdout)[0]).toMatchObject({ dryRun: true, key: null, wouldCreate: true, body: { model: BASE, n_epochs: 2, training_type: { type: "Lora", lora_r: 4 } } });
    expect(env.server.requests).toHaveLength(0);
    const a = await runCli(args, { env: cliEnv });
    expect(a.code, a.stderr).toBe(0);
    const ja = jsonLines(a.stdout)[0] as Record<string, unknown>;
    expect(ja).toMatchObject({ reattached: false, status: "pending" });
    const b = await runCli(args, { env: cliEnv });
    expect(b.code, b.stderr).toBe(0);
    const jb = jsonLines(b.stdout)[0] as Record<string, unknown>;
    expect(jb).toMatchObject({ reattached: true, id: ja.id, key: ja.key });
    expect(b.stderr).toMatch(/identical content already uploaded/);
    const dry2 = await runCli([...args, "--dry-run"], { env: cliEnv });
    expect(jsonLines(dry2.stdout)[0]).toMatchObject({ dryRun: true, key: ja.key, recordedJob: ja.id, wouldCreate: false });
    const w = await runCli(["together", "finetune", "wait", String(ja.id), "--poll-seconds", "0.005"], { env: cliEnv });
    expect(w.code, w.stderr).toBe(0);
    expect(jsonLines(w.stdout)[0]).toMatchObject({ id: ja.id, status: "completed", output_name: expect.stringContaining("ft=" + ja.id) });
    // each event shown once
    const epochLines = w.stderr.split("\n").filter((l) => l.includes("epoch_complete"));
    expect(epochLines).toHaveLength(2);
    expect(requestsTo(env.server, "POST", "/v1/fine-tunes")).toHaveLength(1);
    expect(requestsTo(env.server, "POST", "/v1/files")).toHaveLength(1);
    expect(requestsTo(env.server, "POST", "/v1/fine-tunes")[0].body).toMatchObject({ training_type: { type: "Lora", lora_r: 4, lora_alpha: 8 }, suffix: "cli", n_epochs: 2 });
  });
});

describe("signals while an endpoint runs", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("%s to a process inside withEndpoint stops the endpoint before the process exits", async (signal, exitCode) => {
    env = await startEnv();
    const script = path.join(process.cwd(), "tests", "together", "fixtures", "hold-endpoint.ts");
    const child = spawn(process.execPath, ["--import", "tsx", script, BASE], { env: { ...process.env, TOGETHER_BASE_URL: env.server.url }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const id = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        const m = /ready (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on("close", (code) => reject(new Error("child exited early (" + code + "): " + err)));
    });
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners("close");
      child.on("close", (c) => resolve(c));
      child.kill(signal);
    });
    expect(code).toBe(exitCode);
    expect(err).toMatch(new RegExp(signal + " received; stopping 1 dedicated endpoint"));
    expect(requestsTo(env.server, "PATCH", "/v1/endpoints/" + id).map((r) => r.body)).toEqual([{ state: "STOPPED" }]);
    await getEndpoint(env.http, id);
    expect((await getEndpoint(env.http, id)).state).toBe("STOPPED");
  });
});
