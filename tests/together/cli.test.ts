import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { jsonLines, runCli } from "../helpers/cli";
import { requestsTo, startEnv, type Env } from "./helpers";

let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("evalbook together (CLI)", () => {
  it("files validate: JSON report per file, every bad line on stderr, exit 1", async () => {
    env = await startEnv();
    const good = path.join(env.dir, "good.jsonl");
    const bad = path.join(env.dir, "bad.jsonl");
    fs.writeFileSync(good, '{"prompt":"p","completion":"c"}\n');
    fs.writeFileSync(bad, '{"prompt":"p","completion":"c"}\n{"prompt":""}\n{"text":"t"}\n');
    const r = await runCli(["together", "files", "validate", good, bad]);
    expect(r.code).toBe(1);
    const [a, b] = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(a).toMatchObject({ ok: true, format: "instruction", rows: 1 });
    expect(b).toMatchObject({ ok: false, rows: 3, validRows: 1 });
    expect(r.stderr).toContain(bad + ":2 field 'prompt': is empty");
    expect(r.stderr).toContain(bad + ":2 field 'completion': missing");
    expect(r.stderr).toContain(bad + ":3: mixed formats");
    const ok = await runCli(["together", "files", "validate", good]);
    expect(ok.code).toBe(0);
  });

  it("files upload / list, endpoints create --wait, --running with hourly cost, stop, delete", async () => {
    env = await startEnv();
    const e = { TOGETHER_BASE_URL: env.server.url };
    const file = path.join(env.dir, "t.jsonl");
    fs.writeFileSync(file, '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n');
    const up = await runCli(["together", "files", "upload", file, "--run-dir", env.dir, "--poll-seconds", "0.01"], { env: e });
    expect(up.code, up.stderr).toBe(0);
    const u = jsonLines(up.stdout)[0] as Record<string, unknown>;
    expect(u).toMatchObject({ skipped: false, status: "COMPLETED", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const again = await runCli(["together", "files", "upload", file, "--run-dir", env.dir], { env: e });
    expect(jsonLines(again.stdout)[0]).toMatchObject({ skipped: true, id: u.id });
    const list = await runCli(["together", "files", "list"], { env: e });
    expect(jsonLines(list.stdout)).toEqual([expect.objectContaining({ id: u.id, filename: "t.jsonl" })]);

    const cr = await runCli(["together", "endpoints", "create", "--model", "simulated/together-test?q=1", "--hardware", "4x_nvidia_h100_80gb_sxm", "--min-replicas", "2", "--max-replicas", "3", "--wait", "--poll-seconds", "0.01"], { env: e });
    expect(cr.code, cr.stderr).toBe(0);
    const ep = jsonLines(cr.stdout)[0] as Record<string, unknown>;
    expect(ep).toMatchObject({ state: "STARTED", autoscaling: { min_replicas: 2, max_replicas: 3 } });
    expect(cr.stderr).toMatch(/bills until stopped/);
    const running = await runCli(["together", "endpoints", "--running"], { env: e });
    expect(running.code).toBe(0);
    // 22 cents/minute × 60 / 100 × 2 replicas = 26.40 USD/hour
    expect(jsonLines(running.stdout)).toEqual([expect.objectContaining({ id: ep.id, state: "STARTED", hourlyCostUsd: 26.4 })]);
    expect(running.stderr).toMatch(/1 running, \$26\.40\/hour/);
    const stop = await runCli(["together", "endpoints", "stop", String(ep.id)], { env: e });
    expect(stop.code).toBe(0);
    const w = await runCli(["together", "endpoints", "wait", String(ep.id), "--state", "STOPPED", "--poll-seconds", "0.01"], { env: e });
    expect(jsonLines(w.stdout)[0]).toMatchObject({ state: "STOPPED" });
    const after = await runCli(["together", "endpoints", "list", "--running"], { env: e });
    expect(jsonLines(after.stdout)).toEqual([]);
    expect(after.stderr).toMatch(/nothing running/);
    const del = await runCli(["together", "endpoints", "delete", String(ep.id)], { env: e });
    expect(jsonLines(del.stdout)[0]).toEqual({ id: ep.id, deleted: true });
    expect(requestsTo(env.server, "DELETE", "/v1/endpoints/" + ep.id)).toHaveLength(1);
  });

  it("finetune failure is exit 1 with the reason; usage errors exit 2; a missing key names the variable", async () => {
    env = await startEnv({ failJobs: "dataset too small" });
    const e = { TOGETHER_BASE_URL: env.server.url };
    const file = path.join(env.dir, "t.jsonl");
    fs.writeFileSync(file, '{"text":"some text"}\n');
    const r = await runCli(["together", "finetune", "create", "--model", "simulated/together-test", "--training-file", file, "--run-dir", env.dir, "--wait", "--poll-seconds", "0.01", "--no-lora"], { env: e });
    expect(r.code).toBe(1);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ status: "error", reason: "dataset too small" });
    expect(requestsTo(env.server, "POST", "/v1/fine-tunes")[0].body).toMatchObject({ training_type: { type: "Full" } });
    const bs = await runCli(["together", "finetune", "create", "--model", "m", "--training-file", "file-1", "--batch-size", "lots"], { env: e });
    expect(bs.code).toBe(2);
    expect(bs.stderr).toMatch(/--batch-size takes a positive integer or max/);
    const nokey = await runCli(["together", "endpoints", "--running", "--base-url", "https://api.together.xyz/v1"], { env: { TOGETHER_API_KEY: "" } });
    expect(nokey.code).toBe(1);
    expect(nokey.stderr).toMatch(/^evalbook: no Together API key: set the environment variable TOGETHER_API_KEY/);
  });
});

describe("serve-mock with Together failure injection from EVALBOOK_MOCK_TOGETHER", () => {
  it("parses the options strictly", async () => {
    const { mockOptionsFromEnv } = await import("../../lib/together/mock/env-options");
    expect(mockOptionsFromEnv({ EVALBOOK_MOCK_TOGETHER: '{"drive":"time","stepMs":50,"failJobs":"boom","endpointsNeverReady":true}' })).toEqual({ drive: "time", stepMs: 50, failJobs: "boom", endpointsNeverReady: true });
    expect(mockOptionsFromEnv({})).toEqual({});
    expect(() => mockOptionsFromEnv({ EVALBOOK_MOCK_TOGETHER: "{bad" })).toThrow(/must be a JSON object/);
    expect(() => mockOptionsFromEnv({ EVALBOOK_MOCK_TOGETHER: '{"drive":"fast"}' })).toThrow(/drive must be "polls" or "time"/);
    expect(() => mockOptionsFromEnv({ EVALBOOK_MOCK_TOGETHER: '{"speed":1}' })).toThrow(/unknown option 'speed'/);
  });

  it("defaultRoutes() picks them up (jobs fail with the given reason)", async () => {
    const { defaultRoutes } = await import("../../lib/llm/mock/plugins");
    const { startMockServer } = await import("../../lib/llm/mock/index");
    const { TogetherHttp } = await import("../../lib/together/http");
    const { uploadTrainingFile } = await import("../../lib/together/files/upload");
    const { runFineTune } = await import("../../lib/together/finetune/ensure");
    const prev = process.env.EVALBOOK_MOCK_TOGETHER;
    process.env.EVALBOOK_MOCK_TOGETHER = '{"failJobs":"injected from the environment"}';
    let routes;
    try {
      routes = defaultRoutes();
    } finally {
      if (prev === undefined) delete process.env.EVALBOOK_MOCK_TOGETHER;
      else process.env.EVALBOOK_MOCK_TOGETHER = prev;
    }
    const server = await startMockServer({ routes });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-te-"));
    try {
      const http = new TogetherHttp({ baseURL: server.url, env: {} });
      const f = path.join(dir, "t.jsonl");
      fs.writeFileSync(f, '{"text":"x"}\n');
      const up = await uploadTrainingFile(http, f, { runDir: dir, pollMs: 1 });
      await expect(runFineTune(http, { model: "simulated/generic", trainingFile: up.file.id }, { runDir: dir, pollMs: 1 })).rejects.toThrow(/injected from the environment/);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
