import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockServer, type MockRoute } from "../../lib/llm/mock/index";
import { createLLM } from "../../lib/llm/client";
import { runStage } from "../../lib/llm/records";
import { tmpDir } from "./helpers";

const KEYS = {
  OPENAI_API_KEY: "sk-fake-OPENAI-evalbook-test-0123456789abcdef",
  TOGETHER_API_KEY: "fake-TOGETHER-evalbook-test-9876543210",
  MY_VLLM_API_KEY: "fake-VLLM-evalbook-test-5555555555",
};

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(p));
    else out.push(p);
  }
  return out;
}

const saved: Record<string, string | undefined> = {};
beforeEach(() => {
  for (const [k, v] of Object.entries(KEYS)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterEach(() => {
  for (const k of Object.keys(KEYS)) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("secrets", () => {
  it("no API key in any file written (cache, records, failures, meta) nor in errors or progress output", async () => {
    // A misbehaving server that echoes a key in its error message (providers have done this).
    const leaky: MockRoute[] = [
      {
        method: "POST",
        path: "/v1/chat/completions",
        handler(req, res) {
          const body = req.json as { messages: { content: string }[] };
          if (body.messages[0].content.includes("leak")) return res.error(401, "Incorrect API key provided: " + KEYS.OPENAI_API_KEY, "invalid_request_error", "invalid_api_key");
          return false;
        },
      },
    ];
    const server = await startMockServer({ routes: leaky });
    const runDir = tmpDir();
    const cacheDir = tmpDir();
    const llm = createLLM({
      configFile: false,
      envOverrides: false,
      runDir,
      cacheDir,
      roles: {
        o: { provider: "openai", model: "gpt-4o-mini", baseURL: server.url },
        t: { provider: "together", model: "meta-llama/Llama-3.3-70B-Instruct-Turbo", baseURL: server.url },
        v: { provider: "openai-compatible", model: "simulated/generic", baseURL: server.url, apiKeyEnv: "MY_VLLM_API_KEY" },
      },
    });
    const out: string[] = [];
    const items = ["a", "b", "leak", "c"];
    for (const role of ["o", "t", "v"]) {
      const res = await runStage({
        runDir,
        stage: "stage-" + role,
        items,
        id: (x) => x,
        work: async (x) => (await llm.chat(role, { messages: [{ role: "user", content: x }] })).choices[0].text,
        progress: { mode: "cli", stream: { write: (s: string) => out.push(s), isTTY: false }, intervalMs: 0 },
      });
      expect(res.done.size).toBe(3);
      expect(res.failed.length).toBe(1);
      out.push(res.failed[0].error);
      expect(res.failed[0].error).toContain("[redacted]");
    }
    await llm.complete("o", { prompt: "p", max_tokens: 0, echo: true, logprobs: 0 });
    await llm.embed("t", { input: ["e"] });
    await llm.close();
    await server.close();
    const files = [...allFiles(runDir), ...allFiles(cacheDir)];
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      for (const k of Object.values(KEYS)) expect(text.includes(k), f + " contains a key").toBe(false);
    }
    const console = out.join("");
    for (const k of Object.values(KEYS)) expect(console.includes(k)).toBe(false);
    // The variable NAME is recorded (so a run says where its key came from), never the value.
    expect(fs.readFileSync(path.join(runDir, "meta.json"), "utf8")).toContain("MY_VLLM_API_KEY");
  });
});
