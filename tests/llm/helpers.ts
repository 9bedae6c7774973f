import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startMockServer, type MockServer, type MockServerOptions } from "../../lib/llm/mock/index";
import { createLLM, type LLMClient } from "../../lib/llm/client";
import type { LLMConfig } from "../../lib/llm/config";
import type { Endpoint } from "../../lib/llm/types";

/** A fresh temporary directory (removed by the caller's cleanup). */
export function tmpDir(prefix = "evalbook-llm-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Start a loopback server and a client whose role "m" points at it. */
export async function serverAndClient(
  server: MockServerOptions = {},
  client: Omit<LLMConfig, "roles"> & { endpoint?: Partial<Endpoint> } = {},
): Promise<{ server: MockServer; llm: LLMClient; ep: Endpoint; close(): Promise<void> }> {
  const s = await startMockServer(server);
  const ep: Endpoint = { provider: "openai-compatible", model: "simulated/generic", baseURL: s.url, ...(client.endpoint ?? {}) } as Endpoint;
  const { endpoint: _e, ...rest } = client;
  const llm = createLLM({ configFile: false, envOverrides: false, cacheDir: false, seed: 1, ...rest, roles: { m: ep } });
  return {
    server: s,
    llm,
    ep,
    async close() {
      await llm.close();
      await s.close();
    },
  };
}

/** Model requests in a server log (excluding control routes). */
export function modelRequests(server: MockServer) {
  return server.requests.filter((r) => r.path.startsWith("/v1/") && r.method === "POST");
}

export const chat = (content: string, extra: Record<string, unknown> = {}) => ({ messages: [{ role: "user" as const, content }], max_tokens: 8, ...extra });
