import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { TogetherApiError, TogetherHttp } from "../../lib/together/http";
import { uploadTrainingFile } from "../../lib/together/files/upload";
import { createFineTune } from "../../lib/together/finetune/api";
import { writeChatFile } from "./helpers";

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A fake fetch answering from a script, recording requests. */
function fakeFetch(answers: ((s: Seen) => Response)[]): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const f = async (input: string | URL | Request, init?: RequestInit) => {
    const s: Seen = { method: init?.method ?? "GET", url: String(input), headers: { ...(init?.headers as Record<string, string>) } };
    seen.push(s);
    const next = answers.shift();
    if (!next) throw new Error("unexpected request " + s.method + " " + s.url);
    return next(s);
  };
  return { fetch: f as typeof fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const KEY = "tgp_v1_abcdefghijklmnopqrstuvwxyz0123456789";

describe("TogetherHttp", () => {
  it("sends the key from the environment only as a Bearer header, and never shows it in errors", async () => {
    const { fetch, seen } = fakeFetch([() => json(400, { error: { message: "bad key " + KEY } })]);
    const http = new TogetherHttp({ baseURL: "https://api.together.xyz/v1", env: { TOGETHER_API_KEY: KEY }, fetch });
    const err = (await http.get("/fine-tunes").catch((e) => e)) as TogetherApiError;
    expect(seen[0].headers.Authorization).toBe("Bearer " + KEY);
    expect(err).toBeInstanceOf(TogetherApiError);
    expect(err.status).toBe(400);
    expect(err.message).not.toContain(KEY);
    expect(err.message).toMatch(/GET \/fine-tunes failed with HTTP 400: bad key \[redacted\]/);
  });

  it("a missing key is a clear error naming the variable (except on loopback)", async () => {
    const http = new TogetherHttp({ baseURL: "https://api.together.xyz/v1", env: {} });
    await expect(http.get("/files")).rejects.toThrow(/set the environment variable TOGETHER_API_KEY/);
    const custom = new TogetherHttp({ baseURL: "https://api.together.xyz/v1", env: {}, apiKeyEnv: "MY_TOGETHER_KEY" });
    await expect(custom.get("/files")).rejects.toThrow(/MY_TOGETHER_KEY/);
  });

  it("base URL from TOGETHER_BASE_URL, else the public API", () => {
    expect(new TogetherHttp({ env: {} }).baseURL).toBe("https://api.together.xyz/v1");
    expect(new TogetherHttp({ env: { TOGETHER_BASE_URL: "http://127.0.0.1:9/v1/" } }).baseURL).toBe("http://127.0.0.1:9/v1");
  });

  it("retries idempotent GETs on 429/5xx honouring retry-after-ms, never a creating POST", async () => {
    const a = fakeFetch([() => json(503, { error: "busy" }), () => json(429, { error: "slow down" }, { "retry-after-ms": "5" }), () => json(200, { data: [] })]);
    const http = new TogetherHttp({ baseURL: "https://x.test/v1", env: { TOGETHER_API_KEY: KEY }, fetch: a.fetch, maxRetries: 3 });
    expect(await http.get("/fine-tunes")).toEqual({ data: [] });
    expect(a.seen).toHaveLength(3);
    const b = fakeFetch([() => json(503, { error: "busy" })]);
    const http2 = new TogetherHttp({ baseURL: "https://x.test/v1", env: { TOGETHER_API_KEY: KEY }, fetch: b.fetch, maxRetries: 3 });
    await expect(createFineTune(http2, { model: "m", training_file: "f" })).rejects.toThrow(/HTTP 503: busy/);
    expect(b.seen).toHaveLength(1);
  });

  it("the upload PUT to a presigned storage URL on another origin carries no Authorization header", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-th-"));
    try {
      const file = writeChatFile(dir, 2);
      const { fetch, seen } = fakeFetch([
        () => new Response(null, { status: 302, headers: { location: "https://storage.example/bucket/file-9?X-Amz-Signature=abc", "x-together-file-id": "file-9" } }),
        () => new Response("", { status: 200 }),
        () => json(200, { id: "file-9", filename: "train.jsonl", bytes: 10, purpose: "fine-tune", processing_status: "PENDING" }),
        () => json(200, { id: "file-9", filename: "train.jsonl", bytes: 10, purpose: "fine-tune", processing_status: "COMPLETED" }),
      ]);
      const http = new TogetherHttp({ baseURL: "https://api.together.xyz/v1", env: { TOGETHER_API_KEY: KEY }, fetch });
      const r = await uploadTrainingFile(http, file, { runDir: dir, pollMs: 1 });
      expect(r.file.id).toBe("file-9");
      expect(seen.map((s) => s.method + " " + s.url.replace(/\?.*/, ""))).toEqual([
        "POST https://api.together.xyz/v1/files",
        "PUT https://storage.example/bucket/file-9",
        "POST https://api.together.xyz/v1/files/file-9/preprocess",
        "GET https://api.together.xyz/v1/files/file-9",
      ]);
      expect(seen[0].url).toContain("file_name=train.jsonl&file_type=jsonl&purpose=fine-tune");
      expect(seen[0].headers.Authorization).toBe("Bearer " + KEY);
      expect(seen[1].headers.Authorization).toBeUndefined();
      expect(seen[2].headers.Authorization).toBe("Bearer " + KEY);
      // the key is not in the ledger
      expect(fs.readFileSync(r.ledgerFile, "utf8")).not.toContain(KEY);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a server without the preprocess step (404) still completes the upload", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-th-"));
    try {
      const { fetch, seen } = fakeFetch([
        () => new Response(null, { status: 302, headers: { location: "/v1/upload/file-3", "x-together-file-id": "file-3" } }),
        () => new Response("", { status: 200 }),
        () => json(404, { error: "Not found" }),
        () => json(200, { id: "file-3", filename: "train.jsonl", bytes: 10, purpose: "fine-tune", Processed: true }),
      ]);
      const http = new TogetherHttp({ baseURL: "https://api.together.xyz/v1", env: { TOGETHER_API_KEY: KEY }, fetch });
      const r = await uploadTrainingFile(http, writeChatFile(dir, 1), { runDir: dir, pollMs: 1 });
      expect(r.file.id).toBe("file-3");
      // a relative Location on the same origin keeps the Authorization header
      expect(seen[1].url).toBe("https://api.together.xyz/v1/upload/file-3");
      expect(seen[1].headers.Authorization).toBe("Bearer " + KEY);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a POST /files without the redirect is a clear error", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-th-"));
    try {
      const { fetch } = fakeFetch([() => json(200, { id: "file-1" })]);
      const http = new TogetherHttp({ baseURL: "https://api.together.xyz/v1", env: { TOGETHER_API_KEY: KEY }, fetch });
      await expect(uploadTrainingFile(http, writeChatFile(dir, 1), { runDir: dir })).rejects.toThrow(/expected a redirect with Location and x-together-file-id/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
