import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLLM } from "../../lib/llm/client";
import { uploadTrainingFile } from "../../lib/together/files/upload";
import { validateTrainingFile } from "../../lib/together/files/validate";
import { runFineTune } from "../../lib/together/finetune/ensure";
import { withEndpoint } from "../../lib/together/endpoints/scoped";
import { getEndpoint } from "../../lib/together/endpoints/api";
import { endpointsWithCost } from "../../lib/together/endpoints/running";
import { createTogetherMock, registerFineTuneEffect } from "../../lib/together/mock-routes";
import { startOfflineLLM } from "../../lib/llm/offline";
import { openStage } from "../../lib/llm/records";
import { TogetherHttp } from "../../lib/together/http";
import { requestsTo, startEnv, testSimulator, writeChatFile, type Env } from "./helpers";
import * as os from "node:os";

const BASE = "simulated/together-test?quality=0.6";
// How simulated fine-tuning changes the test simulator: quality rises with the number of rows.
registerFineTuneEffect("together-test", (params, info) => ({ ...params, quality: String(Math.min(0.95, Number(params.quality) + info.rows / 100)) }));

let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("Together full cycle against the loopback server", () => {
  it("validate → upload (302, checksum, re-upload skipped) → LoRA job → events → endpoint → chat via role → stop", async () => {
    env = await startEnv();
    const { server, http, dir } = env;
    const file = writeChatFile(dir, 12);

    // 1. validate locally
    expect(validateTrainingFile(file)).toMatchObject({ ok: true, format: "conversation", rows: 12 });

    // 2. upload with the redirect flow
    const up = await uploadTrainingFile(http, file, { runDir: dir, pollMs: 1 });
    expect(up.skipped).toBe(false);
    expect(up.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(up.file).toMatchObject({ id: expect.stringMatching(/^file-/), processing_status: "COMPLETED", bytes: fs.statSync(file).size });
    const post = requestsTo(server, "POST", "/v1/files");
    expect(post).toHaveLength(1);
    expect(post[0].status).toBe(302);
    const put = server.requests.filter((r) => r.method === "PUT");
    expect(put).toHaveLength(1);
    expect(put[0].path).toBe("/_mock-storage/files/" + up.file.id);
    expect(put[0].status).toBe(200);
    expect(requestsTo(server, "POST", "/v1/files/" + up.file.id + "/preprocess").map((r) => r.status)).toEqual([200]);
    // the ledger records the sha256
    const ledger = fs.readFileSync(up.ledgerFile, "utf8").trim().split("\n").map((l) => JSON.parse(l).value);
    expect(ledger).toEqual([expect.objectContaining({ sha256: up.sha256, fileId: up.file.id, rows: 12, format: "conversation" })]);
    expect(up.ledgerFile).toBe(path.join(dir, "together-files.jsonl"));

    // identical content again (even under another name): no new upload
    const copy = path.join(dir, "copy.jsonl");
    fs.copyFileSync(file, copy);
    const again = await uploadTrainingFile(http, copy, { runDir: dir, pollMs: 1 });
    expect(again).toMatchObject({ skipped: true, sha256: up.sha256 });
    expect(again.file.id).toBe(up.file.id);
    expect(requestsTo(server, "POST", "/v1/files")).toHaveLength(1);
    expect(server.requests.filter((r) => r.method === "PUT")).toHaveLength(1);

    // 3. LoRA job, polled through its events to completion
    const events: string[] = [];
    const progress: string[] = [];
    const ft = await runFineTune(
      http,
      { model: BASE, trainingFile: up.file.id, nEpochs: 3, nCheckpoints: 1, suffix: "judge-it1", learningRate: 1e-5, batchSize: 8, lora: { r: 16, alpha: 32, dropout: 0.05 } },
      { runDir: dir, trainingSha256: up.sha256, pollMs: 1, onEvent: (e) => events.push(e.type + ": " + e.message), onProgress: (j) => progress.push(j.status) },
    );
    expect(ft.reattached).toBe(false);
    expect(ft.job.status).toBe("completed");
    // the wire body carried every parameter in Together's format
    const created = requestsTo(server, "POST", "/v1/fine-tunes");
    expect(created).toHaveLength(1);
    expect(created[0].body).toEqual({
      model: BASE,
      training_file: up.file.id,
      n_epochs: 3,
      n_checkpoints: 1,
      suffix: "judge-it1",
      learning_rate: 1e-5,
      batch_size: 8,
      training_type: { type: "Lora", lora_r: 16, lora_alpha: 32, lora_dropout: 0.05 },
    });
    // every event exactly once, in order
    expect(new Set(events).size).toBe(events.length);
    expect(events.filter((e) => e.startsWith("epoch_complete"))).toEqual(["epoch_complete: Epoch 1/3 completed", "epoch_complete: Epoch 2/3 completed", "epoch_complete: Epoch 3/3 completed"]);
    expect(events[events.length - 1]).toMatch(/^job_complete/);
    expect(progress).toContain("queued");
    expect(progress).toContain("running");
    // the output model is the simulated model changed by the registered effect
    const out = new URL("http://x/" + ft.outputName.replace("simulated/", ""));
    expect(ft.outputName.startsWith("simulated/together-test?")).toBe(true);
    expect(out.searchParams.get("ft")).toBe(ft.job.id);
    expect(out.searchParams.get("train")).toBe("12");
    expect(Number(out.searchParams.get("quality"))).toBeCloseTo(0.72, 10);

    // 4. fine-tuned models are not serverless: a direct call fails before an endpoint runs
    const llm = createLLM({ roles: { judge: { provider: "together", model: BASE, baseURL: server.url } }, configFile: false, cacheDir: false, envOverrides: false, env: { TOGETHER_API_KEY: "loopback-test-key-0001" }, limits: { maxRetries: 0 } });
    llm.setRole("direct", { provider: "together", model: ft.outputName, baseURL: server.url });
    await expect(llm.chat("direct", { messages: [{ role: "user", content: "hi" }], max_tokens: 5 })).rejects.toThrow(/non-serverless|404/);

    // 5. endpoint: create, wait ready, chat through the role, stop
    let during: { running: unknown[]; model: string } | undefined;
    const answer = await withEndpoint(
      http,
      { model: ft.outputName, hardware: "2x_nvidia_h100_80gb_sxm", minReplicas: 1, maxReplicas: 2, llm, role: "judge", roleProvider: "together", pollMs: 1, reuse: false, runDir: dir },
      async (ep) => {
        expect(ep.state).toBe("STARTED");
        const running = await endpointsWithCost(http, { running: true });
        during = { running, model: llm.endpoint("judge").model };
        expect(llm.endpoint("judge")).toMatchObject({ provider: "together", model: ft.outputName, dedicatedEndpointId: ep.id, baseURL: server.url });
        const r = await llm.chat("judge", { messages: [{ role: "user", content: "Which is better, A or B?" }], max_tokens: 20 });
        return { text: r.choices[0].text, id: ep.id };
      },
    );
    expect(answer.text).toBe("quality=0.72 ft=" + ft.job.id);
    expect(during!.model).toBe(ft.outputName);
    expect(during!.running).toEqual([expect.objectContaining({ id: answer.id, state: "STARTED", hardware: "2x_nvidia_h100_80gb_sxm", hourlyCostUsd: 6.6, minReplicas: 1, maxReplicas: 2 })]);
    // the role is restored and the endpoint is stopped
    expect(llm.endpoint("judge").model).toBe(BASE);
    const patch = requestsTo(server, "PATCH", "/v1/endpoints/" + answer.id);
    expect(patch.map((p) => p.body)).toEqual([{ state: "STOPPED" }]);
    await getEndpoint(http, answer.id); // STOPPING → STOPPED on the next poll
    expect((await getEndpoint(http, answer.id)).state).toBe("STOPPED");
    expect(await endpointsWithCost(http, { running: true })).toEqual([]);
    // the use is in the run records with its price and estimated cost
    const uses = openStage<Record<string, unknown>>(dir, "together-endpoints").values();
    expect(uses).toEqual([expect.objectContaining({ endpointId: answer.id, status: "stopped", hourlyCostUsd: 6.6, readyAt: expect.any(String), stoppedAt: expect.any(String) })]);
    const hours = (Date.parse(String(uses[0].stoppedAt)) - Date.parse(String(uses[0].startedAt))) / 3600_000;
    expect(uses[0].estimatedCostUsd as number).toBeCloseTo(6.6 * hours, 12);
    // once stopped, the fine-tuned model is not served any more
    await expect(llm.chat("direct", { messages: [{ role: "user", content: "again?" }], max_tokens: 5, seed: 7 })).rejects.toThrow(/non-serverless|404/);
    // the chat went to the fine-tuned model while the endpoint ran
    const chats = requestsTo(server, "POST", "/v1/chat/completions").filter((r) => r.status === 200);
    expect(chats.map((c) => c.model)).toEqual([ft.outputName]);
    await llm.close();
  });
});

describe("offline notebook pattern (startOfflineLLM + Together routes)", () => {
  it("fine-tunes the simulated judge, serves it on an endpoint through the role, needs no key", async () => {
    const mock = createTogetherMock();
    const off = await startOfflineLLM({ roles: { judge: BASE }, server: { routes: mock.routes, simulators: { "together-test": testSimulator } } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-together-off-"));
    try {
      const http = new TogetherHttp({ baseURL: off.server.url, env: {} });
      const before = await off.llm.chat("judge", { messages: [{ role: "user", content: "x" }] });
      expect(before.choices[0].text).toBe("quality=0.6 ft=none");
      const up = await uploadTrainingFile(http, writeChatFile(dir, 3), { runDir: dir, pollMs: 1 });
      const ft = await runFineTune(http, { model: BASE, trainingFile: up.file.id }, { runDir: dir, trainingSha256: up.sha256, pollMs: 1 });
      const text = await withEndpoint(http, { model: ft.outputName, hardware: "1x_nvidia_a100_80gb_sxm", llm: off.llm, role: "judge", pollMs: 1 }, async () => {
        expect(off.llm.endpoint("judge").provider).toBe("openai-compatible");
        const r = await off.llm.chat("judge", { messages: [{ role: "user", content: "x" }] });
        expect(r.simulated).toBe(true);
        return r.choices[0].text;
      });
      expect(text).toBe("quality=0.63 ft=" + ft.job.id);
      expect(off.llm.endpoint("judge").model).toBe(BASE);
    } finally {
      await off.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
