import { afterEach, describe, expect, it } from "vitest";
import Together from "together-ai";
import { uploadTrainingFile } from "../../lib/together/files/upload";
import { startEnv, writeChatFile, type Env } from "./helpers";

let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("the mock speaks the wire format the together-ai SDK expects", () => {
  it("fineTuning.* and endpoints.* work against the loopback routes", async () => {
    env = await startEnv();
    const sdk = new Together({ apiKey: "loopback-test-key-0001", baseURL: env.server.url, maxRetries: 0 });
    const up = await uploadTrainingFile(env.http, writeChatFile(env.dir, 3), { runDir: env.dir, pollMs: 1 });
    const file = await sdk.files.retrieve(up.file.id);
    expect(file).toMatchObject({ id: up.file.id, processing_status: "COMPLETED" });
    const created = await sdk.fineTuning.create({ model: "simulated/together-test", training_file: up.file.id, n_epochs: 1, training_type: { type: "Lora", lora_r: 8, lora_alpha: 16 } });
    expect(created.status).toBe("pending");
    let job = await sdk.fineTuning.retrieve(created.id);
    for (let i = 0; i < 10 && job.status !== "completed"; i++) job = await sdk.fineTuning.retrieve(created.id);
    expect(job.status).toBe("completed");
    expect(job.model_output_name).toMatch(/^simulated\/together-test\?ft=/);
    const events = await sdk.fineTuning.listEvents(created.id);
    expect(events.data.map((e) => e.type)).toContain("job_complete");
    expect((await sdk.fineTuning.list()).data.map((j) => j.id)).toEqual([created.id]);
    const hw = await sdk.endpoints.listHardware();
    expect(hw.data[0].pricing.cents_per_minute).toBeGreaterThan(0);
    const ep = await sdk.endpoints.create({ model: job.model_output_name!, hardware: hw.data[0].id, autoscaling: { min_replicas: 1, max_replicas: 1 } });
    expect(ep.state).toBe("PENDING");
    expect((await sdk.endpoints.retrieve(ep.id)).state).toBe("STARTING");
    expect((await sdk.endpoints.retrieve(ep.id)).state).toBe("STARTED");
    const chat = await sdk.chat.completions.create({ model: ep.name, messages: [{ role: "user", content: "hi" }] });
    expect(chat.choices[0].message?.content).toMatch(/^quality= ft=ft-/);
    expect((await sdk.endpoints.update(ep.id, { state: "STOPPED" })).state).toBe("STOPPING");
    expect((await sdk.endpoints.list()).data.map((e) => e.id)).toEqual([ep.id]);
    await sdk.endpoints.delete(ep.id);
    expect((await sdk.endpoints.list()).data).toEqual([]);
  });
});
