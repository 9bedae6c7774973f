/**
 * Mock of Together's files flow: POST /v1/files?file_name&file_type&purpose
 * answers 302 with `Location` (a PUT URL on the same server, outside /v1 like
 * a presigned storage URL) and `x-together-file-id`; PUT stores the bytes;
 * POST /v1/files/{id}/preprocess finalises; GET /v1/files/{id} reports
 * PENDING, then (next poll) COMPLETED or INVALID_FORMAT after server-side
 * validation with the same validator.
 */
import type { MockRoute } from "../../llm/mock/route";
import { validateTrainingText } from "../files/validate";
import { advance, newStepped, reschedule } from "./steps";
import { nextId, type MockFile, type TogetherMockState } from "./state";

export function fileObject(f: MockFile): Record<string, unknown> {
  const done = f.status === "COMPLETED" || f.status === "INVALID_FORMAT";
  const out: Record<string, unknown> = {
    id: f.id,
    object: "file",
    filename: f.filename,
    bytes: f.data ? f.data.length : 0,
    created_at: f.createdAt,
    purpose: f.purpose,
    FileType: f.fileType,
    Processed: done,
    processing_status: f.status === "UPLOADING" ? "PENDING" : f.status,
  };
  if (done) {
    out.validation_report = { valid: f.status === "COMPLETED", file_id: f.id, nlines: f.nlines, dataset_format: f.format?.toUpperCase(), ...(f.error ? { error: f.error, error_type: "INVALID_FORMAT" } : {}) };
  }
  return out;
}

export function fileRoutes(state: TogetherMockState): MockRoute[] {
  const get = (id: string) => state.files.get(id);
  return [
    {
      method: "POST",
      path: "/v1/files",
      name: "together files: create",
      handler(req, res) {
        const name = req.query.file_name;
        const purpose = req.query.purpose;
        const fileType = req.query.file_type ?? "jsonl";
        if (!name) return res.error(400, "file_name is required", "invalid_request_error", "missing_parameter");
        if (purpose !== "fine-tune" && purpose !== "eval" && purpose !== "batch-api") return res.error(400, "purpose must be fine-tune, eval or batch-api", "invalid_request_error", "invalid_parameter");
        if (fileType !== "jsonl" && fileType !== "csv" && fileType !== "parquet") return res.error(400, "file_type must be jsonl, csv or parquet", "invalid_request_error", "invalid_parameter");
        const id = nextId(state, "file");
        state.files.set(id, { id, filename: name, purpose, fileType, createdAt: Math.floor(Date.now() / 1000), status: "UPLOADING", stepped: newStepped() });
        res.redirect(req.origin + "/_mock-storage/files/" + encodeURIComponent(id) + "?signature=mock", 302, { "x-together-file-id": id });
      },
    },
    {
      method: "PUT",
      path: "/_mock-storage/files/:id",
      name: "together files: storage PUT",
      handler(req, res) {
        const f = get(req.params.id);
        if (!f) return res.error(404, "no pending upload " + req.params.id, "invalid_request_error", "not_found");
        if (f.status !== "UPLOADING") return res.error(409, "file " + f.id + " was already uploaded", "invalid_request_error", "conflict");
        f.data = Buffer.from(req.raw);
        reschedule(f.stepped, [
          () => (f.status = "PENDING"),
          () => processFile(f),
        ]);
        res.raw(200, "", { "Content-Type": "text/plain" });
      },
    },
    {
      method: "POST",
      path: "/v1/files/:id/preprocess",
      name: "together files: preprocess",
      handler(req, res) {
        const f = get(req.params.id);
        if (!f) return res.error(404, "No file with id " + req.params.id, "invalid_request_error", "not_found");
        if (f.status === "UPLOADING") return res.error(400, "file " + f.id + " has no uploaded content yet", "invalid_request_error", "invalid_state");
        res.json(200, fileObject(f));
      },
    },
    {
      method: "GET",
      path: "/v1/files",
      name: "together files: list",
      handler(_req, res) {
        res.json(200, { object: "list", data: Array.from(state.files.values(), fileObject) });
      },
    },
    {
      method: "GET",
      path: "/v1/files/:id",
      name: "together files: retrieve",
      handler(req, res) {
        const f = get(req.params.id);
        if (!f) return res.error(404, "No file with id " + req.params.id, "invalid_request_error", "not_found");
        advance(f.stepped, state.options, true);
        res.json(200, fileObject(f));
      },
    },
    {
      method: "GET",
      path: "/v1/files/:id/content",
      name: "together files: content",
      handler(req, res) {
        const f = get(req.params.id);
        if (!f || !f.data) return res.error(404, "No file content for " + req.params.id, "invalid_request_error", "not_found");
        res.raw(200, f.data, { "Content-Type": "application/octet-stream" });
      },
    },
    {
      method: "DELETE",
      path: "/v1/files/:id",
      name: "together files: delete",
      handler(req, res) {
        if (!state.files.delete(req.params.id)) return res.error(404, "No file with id " + req.params.id, "invalid_request_error", "not_found");
        res.json(200, { id: req.params.id, deleted: true });
      },
    },
  ];
}

function processFile(f: MockFile): void {
  if (f.purpose !== "fine-tune") {
    f.status = "COMPLETED";
    return;
  }
  const text = (f.data ?? Buffer.alloc(0)).toString("utf8");
  const v = validateTrainingText(text, f.filename);
  f.nlines = v.rows;
  f.format = v.format;
  if (v.ok) f.status = "COMPLETED";
  else {
    f.status = "INVALID_FORMAT";
    const p = v.problems[0];
    f.error = "line " + p.line + (p.field ? " field " + p.field : "") + ": " + p.problem + (v.problems.length > 1 ? " (and " + (v.problems.length - 1) + " more problems)" : "");
  }
}

/** Parsed rows of an uploaded training file (objects only). */
export function fileRows(f: MockFile): unknown[] {
  const out: unknown[] = [];
  for (const line of (f.data ?? Buffer.alloc(0)).toString("utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // invalid rows made the file INVALID_FORMAT; nothing to add
    }
  }
  return out;
}
