import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { uploadTrainingFile } from "../../lib/together/files/upload";
import { deleteFile } from "../../lib/together/files/api";
import { ensureFineTune, jobsLedger, runFineTune } from "../../lib/together/finetune/ensure";
import { cancelFineTune } from "../../lib/together/finetune/api";
import { FineTuneFailedError, waitForFineTune } from "../../lib/together/finetune/wait";
import { withEndpoint } from "../../lib/together/endpoints/scoped";
import { getEndpoint, listEndpoints } from "../../lib/together/endpoints/api";
import { EndpointNotReadyError } from "../../lib/together/endpoints/wait";
import { activeEndpointIds } from "../../lib/together/endpoints/cleanup";
import { InputError } from "../../lib/util/errors";
import { openStage } from "../../lib/llm/records";
import { requestsTo, startEnv, writeChatFile, type Env } from "./helpers";

const BASE = "simulated/together-test?quality=0.6";
let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function uploaded(e: Env, rows = 6) {
  return uploadTrainingFile(e.http, writeChatFile(e.dir, rows), { runDir: e.dir, pollMs: 1 });
}

describe("fine-tune failure paths", () => {
  it("a failing job reports the server's reason; the key then refuses a silent re-launch unless retryFailed", async () => {
    env = await startEnv({ failJobs: "CUDA out of memory at step 12" });
    const up = await uploaded(env);
    const params = { model: BASE, trainingFile: up.file.id, nEpochs: 2 };
    const seen: string[] = [];
    const err = await runFineTune(env.http, params, { runDir: env.dir, trainingSha256: up.sha256, pollMs: 1, onEvent: (e) => seen.push(e.type) }).catch((e) => e);
    expect(err).toBeInstanceOf(FineTuneFailedError);
    expect(err.message).toMatch(/failed \(error\): CUDA out of memory at step 12/);
    expect(err.reason).toBe("CUDA out of memory at step 12");
    expect(seen[seen.length - 1]).toBe("job_error");
    const last = jobsLedger({ runDir: env.dir }).all().pop()!;
    expect(last).toMatchObject({ phase: "final", status: "error", reason: "CUDA out of memory at step 12" });

    await expect(ensureFineTune(env.http, params, { runDir: env.dir, trainingSha256: up.sha256 })).rejects.toThrow(/ended error.*retryFailed/);
    expect(requestsTo(env.server, "POST", "/v1/fine-tunes")).toHaveLength(1);
    env.mock.configure({ failJobs: undefined });
    const retry = await runFineTune(env.http, params, { runDir: env.dir, trainingSha256: up.sha256, pollMs: 1, retryFailed: true });
    expect(retry.job.status).toBe("completed");
    expect(requestsTo(env.server, "POST", "/v1/fine-tunes")).toHaveLength(2);
  });

  it("cancel: the wait ends with the cancellation", async () => {
    env = await startEnv();
    const up = await uploaded(env);
    const { job } = await ensureFineTune(env.http, { model: BASE, trainingFile: up.file.id, nEpochs: 5 }, { runDir: env.dir });
    await cancelFineTune(env.http, job.id);
    const err = await waitForFineTune(env.http, job.id, { pollMs: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(FineTuneFailedError);
    expect(err.job.status).toBe("cancelled");
    expect(err.message).toMatch(/was cancelled/);
    const r = await waitForFineTune(env.http, job.id, { pollMs: 1, throwOnFailure: false });
    expect(r.reason).toBe("the job was cancelled");
    expect(r.outputName).toBeUndefined();
    await expect(cancelFineTune(env.http, job.id)).rejects.toThrow(/already cancelled/);
  });

  it("waiting longer than the timeout is an error that says the job keeps running", async () => {
    env = await startEnv();
    const up = await uploaded(env);
    const { job } = await ensureFineTune(env.http, { model: BASE, trainingFile: up.file.id, nEpochs: 3 }, { runDir: env.dir });
    await expect(waitForFineTune(env.http, job.id, { pollMs: 1, timeoutMs: 0 })).rejects.toThrow(/still queued after 0 s \(it keeps running; wait again or cancel it\)/);
  });

  it("time-driven state machine reaches completion by wall-clock time", async () => {
    env = await startEnv({ drive: "time", stepMs: 5 });
    const up = await uploaded(env);
    const log: string[] = [];
    const r = await runFineTune(env.http, { model: BASE, trainingFile: up.file.id, nEpochs: 2 }, { runDir: env.dir, pollMs: 3, onMessage: (m) => log.push(m) });
    expect(r.job.status).toBe("completed");
    // without onEvent/onProgress, events and status changes go to onMessage, each once
    expect(log.filter((l) => l.includes("epoch_complete"))).toHaveLength(2);
    expect(log.filter((l) => / completed epoch 2\/2 → simulated\//.test(l))).toHaveLength(1);
  });

  it("bad parameters are refused locally, before any request", async () => {
    env = await startEnv();
    const n = env.server.requests.length;
    await expect(ensureFineTune(env.http, { model: BASE, trainingFile: "file-x", nEpochs: 0 }, { runDir: env.dir })).rejects.toThrow(/nEpochs must be an integer >= 1/);
    await expect(ensureFineTune(env.http, { model: BASE, trainingFile: "file-x", lora: { r: 8, dropout: 1.5 } }, { runDir: env.dir })).rejects.toThrow(/lora.dropout/);
    await expect(ensureFineTune(env.http, { model: BASE, trainingFile: "file-x", suffix: "has space" }, { runDir: env.dir })).rejects.toThrow(/suffix/);
    expect(env.server.requests.length).toBe(n);
  });
});

describe("upload failure paths", () => {
  it("a bad file is refused locally with every bad line, and nothing is sent", async () => {
    env = await startEnv();
    const file = path.join(env.dir, "bad.jsonl");
    fs.writeFileSync(file, '{"messages":[{"role":"user","content":"q"}]}\n{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n{oops\n');
    const err = await uploadTrainingFile(env.http, file, { runDir: env.dir }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/bad\.jsonl:1 field 'messages': no assistant turn/);
    expect(err.message).toMatch(/bad\.jsonl:3: invalid JSON/);
    expect(env.server.requests).toHaveLength(0);
  });

  it("the server's own rejection is reported with its reason (local validation off)", async () => {
    env = await startEnv();
    const file = path.join(env.dir, "bad.jsonl");
    fs.writeFileSync(file, '{"messages":[{"role":"user","content":"q"}]}\n');
    await expect(uploadTrainingFile(env.http, file, { runDir: env.dir, validate: false, pollMs: 1 })).rejects.toThrow(/Together rejected file file-.*no assistant turn/);
  });

  it("a recorded file that no longer exists on the server is uploaded again", async () => {
    env = await startEnv();
    const first = await uploaded(env);
    await deleteFile(env.http, first.file.id);
    const second = await uploaded(env);
    expect(second.skipped).toBe(false);
    expect(second.file.id).not.toBe(first.file.id);
    expect(requestsTo(env.server, "POST", "/v1/files")).toHaveLength(2);
  });
});

describe("dedicated endpoint failure paths", () => {
  it("an endpoint that never becomes ready times out, the callback never runs, and the endpoint is stopped", async () => {
    env = await startEnv({ endpointsNeverReady: true });
    let ran = false;
    const err = await withEndpoint(env.http, { model: BASE, hardware: "1x_nvidia_h100_80gb_sxm", pollMs: 2, readyTimeoutMs: 60, runDir: env.dir }, () => {
      ran = true;
    }).catch((e) => e);
    expect(err).toBeInstanceOf(EndpointNotReadyError);
    expect(err.message).toMatch(/not STARTED after 0 s \(state STARTING\)/);
    expect(ran).toBe(false);
    const [ep] = await listEndpoints(env.http);
    expect(requestsTo(env.server, "PATCH", "/v1/endpoints/" + ep.id).map((r) => r.body)).toEqual([{ state: "STOPPED" }]);
    expect(["STOPPING", "STOPPED"]).toContain(ep.state);
    expect(activeEndpointIds()).toEqual([]);
    const [use] = openStage<Record<string, unknown>>(env.dir, "together-endpoints").values();
    expect(use).toMatchObject({ endpointId: ep.id, status: "failed", error: expect.stringMatching(/not STARTED/) });
    expect(use.readyAt).toBeUndefined();
  });

  it("an endpoint that goes to ERROR fails at once with the server's message, and is stopped", async () => {
    env = await startEnv({ endpointsError: "insufficient capacity for 1x_nvidia_h100_80gb_sxm" });
    const err = await withEndpoint(env.http, { model: BASE, hardware: "1x_nvidia_h100_80gb_sxm", pollMs: 1 }, () => 1).catch((e) => e);
    expect(err).toBeInstanceOf(EndpointNotReadyError);
    expect(err.message).toMatch(/is in state ERROR: insufficient capacity/);
    const [ep] = await listEndpoints(env.http);
    expect(requestsTo(env.server, "PATCH", "/v1/endpoints/" + ep.id).map((r) => r.body)).toEqual([{ state: "STOPPED" }]);
  });

  it("a callback that throws still stops (and with deleteAfter deletes) the endpoint; the role is restored", async () => {
    env = await startEnv();
    const roles = new Map<string, { model: string }>([["judge", { model: "base-judge" }]]);
    const llm = {
      setRole: (role: string, ep: { model: string }) => void roles.set(role, ep),
      endpoint: (role: string) => roles.get(role) as never,
    };
    let id = "";
    const err = await withEndpoint(env.http, { model: BASE, hardware: "1x_nvidia_h100_80gb_sxm", pollMs: 1, llm, role: "judge", deleteAfter: true }, async (ep) => {
      id = ep.id;
      expect(roles.get("judge")).toMatchObject({ model: BASE, dedicatedEndpointId: ep.id });
      throw new Error("cell failed");
    }).catch((e) => e);
    expect(err.message).toBe("cell failed");
    expect(requestsTo(env.server, "PATCH", "/v1/endpoints/" + id).map((r) => r.body)).toEqual([{ state: "STOPPED" }]);
    expect(requestsTo(env.server, "DELETE", "/v1/endpoints/" + id)).toHaveLength(1);
    await expect(getEndpoint(env.http, id)).rejects.toThrow(/404/);
    expect(roles.get("judge")).toEqual({ model: "base-judge" });
    expect(activeEndpointIds()).toEqual([]);
  });

  it("a failed stop is reported loudly (with the command to stop it) and recorded; uses are in the run records", async () => {
    env = await startEnv();
    const e = env;
    const err = await withEndpoint(e.http, { model: BASE, hardware: "1x_nvidia_a100_80gb_sxm", pollMs: 1, runDir: e.dir }, () => {
      e.server.setFaults({ rates: { "500": 1 }, paths: ["/v1/endpoints/"] });
    }).catch((x) => x);
    e.server.setFaults();
    expect(err.message).toMatch(/could not stop endpoint (\S+) \(it may still be billing\).*npx evalbook together endpoints stop/);
    const [ep] = await listEndpoints(e.http);
    expect(ep.state).toBe("STARTED");
    const uses = openStage<Record<string, unknown>>(e.dir, "together-endpoints").values();
    expect(uses).toEqual([expect.objectContaining({ endpointId: ep.id, status: "stop-failed", hourlyCostUsd: 2.52, model: BASE })]);
    expect(activeEndpointIds()).toEqual([]);
  });

  it("reuse: a stopped endpoint for the same model is restarted instead of creating another", async () => {
    env = await startEnv();
    const opts = { model: BASE, hardware: "1x_nvidia_h100_80gb_sxm", pollMs: 1 };
    const a = await withEndpoint(env.http, opts, (ep) => ep.id);
    await getEndpoint(env.http, a); // let it reach STOPPED
    const b = await withEndpoint(env.http, opts, (ep) => ep.id);
    expect(b).toBe(a);
    expect(requestsTo(env.server, "POST", "/v1/endpoints")).toHaveLength(1);
    expect(requestsTo(env.server, "PATCH", "/v1/endpoints/" + a).map((r) => r.body)).toEqual([{ state: "STOPPED" }, { state: "STARTED" }, { state: "STOPPED" }]);
  });
});
