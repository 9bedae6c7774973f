import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startMockServer, type MockServer } from "../../lib/llm/mock/index";
import { defaultRoutes } from "../../lib/llm/mock/plugins";
import { batchRoutes } from "../../lib/studies/sciriff/mock-batch-routes";
import { batchInputLines, runBatch, uploadBatchFile, createBatch, retrieveBatch } from "../../lib/studies/sciriff/judge/batch";
import { batchReplyText } from "../../lib/studies/sciriff/judge/batch-output";

const MODEL = "simulated/sciriff?quality=0.9";
const judgePrompt = (ref: string, ans: string) => "You are grading an answer to a question about a scientific paper.\n\nReference answer: " + ref + "\n\nModel answer: " + ans;

describe("OpenAI Batch API client against the loopback batch routes", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ routes: batchRoutes({ pollsToComplete: 3, failIds: ["task-3"] }) });
  });
  afterAll(async () => server.close());
  const noSleep = { sleep: async () => {} };

  it("uploads, creates, polls, downloads; results are matched by custom_id although the output is reversed", async () => {
    const items = [0, 1, 2, 3].map((i) => ({ customId: "task-" + i, prompt: judgePrompt("alpha beta gamma " + i, i % 2 ? "alpha beta gamma " + i : "unrelated words") }));
    const statuses: string[] = [];
    const results = await runBatch({ baseURL: server.url, apiKey: "sk-test", ...noSleep, onStatus: (b) => statuses.push(b.status) }, batchInputLines(items, MODEL, { temperature: 0 }));
    expect(statuses).toEqual(["in_progress", "in_progress", "completed"]);
    expect([...results.keys()].sort()).toEqual(["task-0", "task-1", "task-2", "task-3"]);
    // the failed request is reported (error file), not dropped
    expect(results.get("task-3")!.error).toMatchObject({ code: "simulated_failure" });
    expect(batchReplyText(results.get("task-3")!)).toBeUndefined();
    // each reply is the one for its own prompt: the same request sent directly gives the same text
    for (const i of [0, 1, 2]) {
      const direct = await fetch(server.url + "/chat/completions", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: items[i].prompt }], temperature: 0 }) });
      const body = (await direct.json()) as { choices: { message: { content: string } }[] };
      expect(batchReplyText(results.get("task-" + i)!)).toBe(body.choices[0].message.content);
    }
  });

  it("the upload is multipart with purpose=batch and the batch names the chat endpoint; output order is reversed", async () => {
    const before = server.requests.length;
    const o = { baseURL: server.url, ...noSleep };
    const res = await runBatch(o, batchInputLines([{ customId: "a", prompt: "hello" }, { customId: "b", prompt: "world" }], MODEL));
    const reqs = server.requests.slice(before).map((r) => r.method + " " + r.path.replace(/batch_\d+/, "ID").replace(/file-batch-\d+/, "FID"));
    expect(reqs).toEqual(["POST /v1/files", "POST /v1/batches", "GET /v1/batches/ID", "GET /v1/batches/ID", "GET /v1/batches/ID", "GET /v1/files/FID/content"]);
    const create = server.requests.slice(before).find((r) => r.path === "/v1/batches")!;
    expect(create.body).toMatchObject({ endpoint: "/v1/chat/completions", completion_window: "24h" });
    expect([...res.keys()]).toEqual(["b", "a"]); // as the output file lists them
  });

  it("resumes from the state file instead of submitting twice", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sciriff-batch-"));
    const state = path.join(dir, "lm_judge_mapping.json");
    const lines = batchInputLines([{ customId: "task-0", prompt: "x" }], MODEL);
    await runBatch({ baseURL: server.url, ...noSleep }, lines, state);
    const id = JSON.parse(fs.readFileSync(state, "utf8")).batch_id;
    expect(id).toMatch(/^batch_/);
    const before = server.requests.filter((r) => r.method === "POST" && r.path === "/v1/batches").length;
    const again = await runBatch({ baseURL: server.url, ...noSleep }, lines, state);
    expect(server.requests.filter((r) => r.method === "POST" && r.path === "/v1/batches").length).toBe(before);
    expect(again.has("task-0")).toBe(true);
  });

  it("server errors become one-line UserErrors; per-request errors come back in the results", async () => {
    await expect(createBatch({ baseURL: server.url }, "file-missing")).rejects.toThrow(/Batch API batch creation failed: HTTP 400/);
    await expect(retrieveBatch({ baseURL: server.url }, "batch_nope")).rejects.toThrow(/HTTP 404/);
    const fid = await uploadBatchFile({ baseURL: server.url }, batchInputLines([{ customId: "q", prompt: "x" }], "gpt-4o"));
    expect((await createBatch({ baseURL: server.url }, fid)).status).toBe("validating");
    const res = await runBatch({ baseURL: server.url, ...noSleep }, batchInputLines([{ customId: "q", prompt: "x" }], "simulated/no-such-simulator"));
    expect(res.get("q")!.response!.status_code).toBe(404);
  });
});

describe("batch routes among the default plugins (serve-mock)", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ routes: defaultRoutes() });
  });
  afterAll(async () => server.close());
  it("an OpenAI multipart upload reaches the batch plugin; Together's query-string upload still reaches Together's", async () => {
    const fid = await uploadBatchFile({ baseURL: server.url }, batchInputLines([{ customId: "t", prompt: "x" }], MODEL));
    expect(fid).toMatch(/^file-batch-/);
    const r = await fetch(server.url + "/files?file_name=a.jsonl&file_type=jsonl&purpose=fine-tune", { method: "POST", redirect: "manual" });
    expect(r.status).toBe(302);
  });
});
