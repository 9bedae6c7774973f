/**
 * Loopback routes of the OpenAI Files + Batch API, as a MockRoute plugin of
 * the evalbook mock server (registered in lib/llm/mock/plugins.ts):
 * POST /v1/files (multipart, purpose "batch"), GET /v1/files/:id,
 * GET /v1/files/:id/content, POST /v1/batches, GET /v1/batches/:id,
 * POST /v1/batches/:id/cancel. Each request line is answered by the
 * server's own simulated chat completion (simulated/<name> models); the
 * batch moves validating -> in_progress -> completed over `pollsToComplete`
 * status requests, and the output file lists results in REVERSE input order
 * (as the real API, order is not guaranteed: clients must match custom_id).
 * Requests that are not for this plugin (a non-multipart POST /v1/files, a
 * file id it did not issue) fall through to later routes, so it coexists
 * with the Together files plugin.
 */
import type { MockRoute, MockRequest } from "../../llm/mock/route";
import { simulators } from "../../llm/mock/simulators/index";
import { simulateChat } from "../../llm/mock/simulate";
import { validateChat } from "../../llm/mock/validate";
import { canonicalJson } from "../../llm/mock/canonical";
import { HttpError } from "../../llm/mock/http-error";

/** Options of {@link batchRoutes}. */
export interface BatchRoutesOptions {
  /** Status requests before a batch completes (default 2). */
  pollsToComplete?: number;
  /** custom_ids answered with a request error (in the error file). */
  failIds?: string[];
  /** Seed of the simulated answers (default 0, the server's default). */
  seed?: number;
}

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: Buffer;
  created_at: number;
}

interface Batch {
  id: string;
  input_file_id: string;
  endpoint: string;
  completion_window: string;
  status: string;
  polls: number;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  metadata: unknown;
  request_counts: { total: number; completed: number; failed: number };
  lines: Record<string, unknown>[];
}

/** Parse a multipart/form-data body into fields (name -> {filename?, data}). */
export function parseMultipart(raw: Buffer, contentType: string | undefined): Map<string, { filename?: string; data: Buffer }> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
  if (!m) throw new HttpError(400, "expected multipart/form-data with a boundary", "invalid_request_error", null);
  const boundary = Buffer.from("--" + (m[1] ?? m[2]).trim());
  const out = new Map<string, { filename?: string; data: Buffer }>();
  let pos = raw.indexOf(boundary);
  while (pos >= 0) {
    const start = pos + boundary.length;
    if (raw.subarray(start, start + 2).toString() === "--") break;
    const next = raw.indexOf(boundary, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2); // skip CRLF after boundary, and before the next
    const sep = part.indexOf("\r\n\r\n");
    if (sep >= 0) {
      const head = part.subarray(0, sep).toString("utf8");
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      if (name !== undefined) out.set(name, { filename, data: Buffer.from(part.subarray(sep + 4)) });
    }
    pos = next;
  }
  return out;
}

/** The Files + Batch API plugin (fresh state per call). */
export function batchRoutes(options: BatchRoutesOptions = {}): MockRoute[] {
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, Batch>();
  let counter = 0;
  const polls = options.pollsToComplete ?? 2;
  const fail = new Set(options.failIds ?? []);
  const now = () => Math.floor(Date.now() / 1000);
  const fileObject = (f: StoredFile) => ({ id: f.id, object: "file", bytes: f.bytes.length, created_at: f.created_at, filename: f.filename, purpose: f.purpose, status: "processed" });
  const batchObject = (b: Batch) => {
    const { polls: _p, lines: _l, ...rest } = b;
    return { object: "batch", errors: null, ...rest };
  };
  const store = (filename: string, purpose: string, bytes: Buffer): StoredFile => {
    const f = { id: "file-batch-" + ++counter, filename, purpose, bytes, created_at: now() };
    files.set(f.id, f);
    return f;
  };
  const answer = (line: Record<string, unknown>, seq: number): { ok: boolean; line: Record<string, unknown> } => {
    const custom_id = line.custom_id as string;
    const reqId = "batch_req_" + seq;
    if (fail.has(custom_id)) return { ok: false, line: { id: reqId, custom_id, response: null, error: { code: "simulated_failure", message: "request failed (injected)" } } };
    try {
      const p = validateChat(line.body);
      const body = simulateChat(p, { registry: simulators, unknownModels: "reject", seed: options.seed ?? 0, canonicalBody: canonicalJson(line.body), body: line.body as Record<string, unknown>, idSuffix: String(seq) });
      return { ok: true, line: { id: reqId, custom_id, response: { status_code: 200, request_id: "req_" + seq, body }, error: null } };
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      return { ok: false, line: { id: reqId, custom_id, response: { status_code: status, request_id: "req_" + seq, body: { error: { message: (e as Error).message } } }, error: null } };
    }
  };
  const finish = (b: Batch) => {
    const ok: string[] = [];
    const bad: string[] = [];
    b.lines.forEach((l, i) => {
      const r = answer(l, i + 1);
      (r.ok ? ok : bad).push(JSON.stringify(r.line));
    });
    ok.reverse();
    bad.reverse();
    if (ok.length) b.output_file_id = store("batch_" + b.id + "_output.jsonl", "batch_output", Buffer.from(ok.join("\n") + "\n")).id;
    if (bad.length) b.error_file_id = store("batch_" + b.id + "_error.jsonl", "batch_output", Buffer.from(bad.join("\n") + "\n")).id;
    b.request_counts = { total: b.lines.length, completed: ok.length, failed: bad.length };
    b.status = "completed";
  };
  const getBatch = (req: MockRequest) => batches.get(req.params.id);
  return [
    {
      method: "POST",
      path: "/v1/files",
      name: "batch: upload file",
      handler(req, res) {
        // Not a multipart upload (e.g. Together's query-string upload): let later routes answer.
        if (!/^multipart\/form-data/i.test(req.contentType ?? "")) return false;
        let parts: Map<string, { filename?: string; data: Buffer }>;
        try {
          parts = parseMultipart(req.raw, req.contentType);
        } catch (e) {
          return res.error(400, (e as Error).message, "invalid_request_error");
        }
        const purpose = parts.get("purpose")?.data.toString("utf8");
        const file = parts.get("file");
        if (!file || !purpose) return res.error(400, "multipart fields 'file' and 'purpose' are required", "invalid_request_error", "missing_field");
        if (purpose !== "batch") return res.error(400, "this mock accepts purpose 'batch' only, got '" + purpose + "'", "invalid_request_error", "invalid_purpose");
        res.json(200, fileObject(store(file.filename ?? "upload.jsonl", purpose, file.data)));
      },
    },
    {
      method: "GET",
      path: "/v1/files/:id",
      handler(req, res) {
        const f = files.get(req.params.id);
        if (!f) return false; // not ours: later routes (or a 404) answer
        res.json(200, fileObject(f));
      },
    },
    {
      method: "GET",
      path: "/v1/files/:id/content",
      handler(req, res) {
        const f = files.get(req.params.id);
        if (!f) return false;
        res.raw(200, f.bytes, { "Content-Type": "application/octet-stream" });
      },
    },
    {
      method: "POST",
      path: "/v1/batches",
      name: "batch: create",
      handler(req, res) {
        const body = req.json as Record<string, unknown> | undefined;
        const fid = body?.input_file_id;
        if (typeof fid !== "string") return res.error(400, "input_file_id is required", "invalid_request_error", "missing_field");
        if (body?.endpoint !== "/v1/chat/completions") return res.error(400, "this mock supports endpoint /v1/chat/completions only", "invalid_request_error", "invalid_endpoint");
        if (body?.completion_window !== "24h") return res.error(400, "completion_window must be '24h'", "invalid_request_error", "invalid_completion_window");
        const f = files.get(fid);
        if (!f || f.purpose !== "batch") return res.error(400, "input file " + fid + " not found or not a batch file", "invalid_request_error", "invalid_file");
        const lines: Record<string, unknown>[] = [];
        const seen = new Set<string>();
        const text = f.bytes.toString("utf8").split("\n");
        for (let i = 0; i < text.length; i++) {
          if (text[i].trim() === "") continue;
          let l: Record<string, unknown>;
          try {
            l = JSON.parse(text[i]);
          } catch {
            return res.error(400, "input file line " + (i + 1) + " is not JSON", "invalid_request_error", "invalid_file");
          }
          if (typeof l.custom_id !== "string" || seen.has(l.custom_id)) return res.error(400, "input file line " + (i + 1) + ": missing or duplicate custom_id", "invalid_request_error", "invalid_file");
          if (l.method !== "POST" || l.url !== "/v1/chat/completions") return res.error(400, "input file line " + (i + 1) + ": method/url must be POST /v1/chat/completions", "invalid_request_error", "invalid_file");
          seen.add(l.custom_id);
          lines.push(l);
        }
        const b: Batch = {
          id: "batch_" + ++counter,
          input_file_id: fid,
          endpoint: "/v1/chat/completions",
          completion_window: "24h",
          status: "validating",
          polls: 0,
          output_file_id: null,
          error_file_id: null,
          created_at: now(),
          metadata: body.metadata ?? null,
          request_counts: { total: lines.length, completed: 0, failed: 0 },
          lines,
        };
        batches.set(b.id, b);
        res.json(200, batchObject(b));
      },
    },
    {
      method: "GET",
      path: "/v1/batches/:id",
      handler(req, res) {
        const b = getBatch(req);
        if (!b) return res.error(404, "No such Batch object: " + req.params.id, "invalid_request_error", "not_found");
        if (b.status === "validating" || b.status === "in_progress") {
          b.polls++;
          if (b.polls >= polls) finish(b);
          else b.status = "in_progress";
        }
        res.json(200, batchObject(b));
      },
    },
    {
      method: "POST",
      path: "/v1/batches/:id/cancel",
      handler(req, res) {
        const b = getBatch(req);
        if (!b) return res.error(404, "No such Batch object: " + req.params.id, "invalid_request_error", "not_found");
        if (b.status === "validating" || b.status === "in_progress") b.status = "cancelled";
        res.json(200, batchObject(b));
      },
    },
  ];
}
