import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startMockServer, type MockServer, type Simulator } from "../../lib/llm/mock/index";
import { TogetherHttp } from "../../lib/together/http";
import { createTogetherMock, type TogetherMock, type TogetherMockOptions } from "../../lib/together/mock-routes";

/** A test simulator that answers with its own parameters (to see what the fine-tune changed). */
export const testSimulator: Simulator = {
  description: "together tests: echoes its model parameters",
  chat: (_messages, ctx) => "quality=" + (ctx.params.quality ?? "") + " ft=" + (ctx.params.ft ?? "none"),
};

export interface Env {
  server: MockServer;
  mock: TogetherMock;
  http: TogetherHttp;
  dir: string;
  close(): Promise<void>;
}

/** A loopback server with the Together routes, a client for it and a temporary run directory. */
export async function startEnv(options: TogetherMockOptions = {}, extra: { logFile?: string } = {}): Promise<Env> {
  const mock = createTogetherMock(options);
  const server = await startMockServer({ routes: mock.routes, logFile: extra.logFile, simulators: { "together-test": testSimulator } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-together-"));
  const http = new TogetherHttp({ baseURL: server.url, env: {}, maxRetries: 0 });
  return {
    server,
    mock,
    http,
    dir,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Requests in the server log with this method and path. */
export function requestsTo(server: MockServer, method: string, p: string) {
  return server.requests.filter((r) => r.method === method && r.path === p);
}

/** Write a small valid conversational training file; returns its path. */
export function writeChatFile(dir: string, n: number, name = "train.jsonl"): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ messages: [{ role: "system", content: "You are a judge." }, { role: "user", content: "Compare pair " + i }, { role: "assistant", content: "Explanation " + i + ". [[" + (i % 2 ? "A" : "B") + "]]" }] }));
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}
