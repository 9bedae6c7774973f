import * as fs from "node:fs";
import { UserError } from "../../../util/errors";
import { redactSecrets } from "../../../util/secrets";
import { writeFileAtomic } from "../../../io/atomic";
import type { ChatMessage } from "../../../llm/types";
import { parseBatchOutput, type BatchOutputLine } from "./batch-output";

/** Where and how to reach the OpenAI Batch API (or a compatible server). */
export interface BatchClientOptions {
  /** Base URL including /v1 (default https://api.openai.com/v1). */
  baseURL?: string;
  /** API key (read from the environment by the caller; never written anywhere). */
  apiKey?: string;
  /** Poll interval while waiting (default 30 s). */
  pollIntervalMs?: number;
  /** Give up waiting after this long (default 25 h; the batch keeps running server-side). */
  timeoutMs?: number;
  /** Status callback (each poll). */
  onStatus?: (batch: BatchObject) => void;
  /** Injected sleep (tests). */
  sleep?: (ms: number) => Promise<void>;
}

/** One request line of a batch input file. */
export interface BatchInputLine {
  custom_id: string;
  method: "POST";
  url: "/v1/chat/completions";
  body: { model: string; messages: ChatMessage[]; temperature?: number; max_tokens?: number };
}

/** The fields of an OpenAI batch object that we use. */
export interface BatchObject {
  id: string;
  status: string;
  input_file_id: string;
  output_file_id?: string | null;
  error_file_id?: string | null;
  request_counts?: { total: number; completed: number; failed: number };
  errors?: unknown;
}

const TERMINAL = new Set(["completed", "failed", "expired", "cancelled"]);

function base(o: BatchClientOptions): string {
  return (o.baseURL ?? "https://api.openai.com/v1").replace(/\/+$/, "");
}

function headers(o: BatchClientOptions, extra: Record<string, string> = {}): Record<string, string> {
  return o.apiKey ? { Authorization: "Bearer " + o.apiKey, ...extra } : extra;
}

async function check(res: Response, what: string): Promise<Response> {
  if (res.ok) return res;
  let msg = "";
  try {
    const t = await res.text();
    try {
      msg = (JSON.parse(t) as { error?: { message?: string } }).error?.message ?? t;
    } catch {
      msg = t;
    }
  } catch {
    // no body
  }
  throw new UserError("Batch API " + what + " failed: HTTP " + res.status + (msg ? " (" + redactSecrets(msg).slice(0, 300) + ")" : ""));
}

/** Build the JSONL request lines of a batch (one chat completion per item). */
export function batchInputLines(items: readonly { customId: string; prompt: string }[], model: string, params: { temperature?: number; max_tokens?: number } = {}): BatchInputLine[] {
  const ids = new Set<string>();
  return items.map((it) => {
    if (ids.has(it.customId)) throw new Error("duplicate custom_id " + it.customId);
    ids.add(it.customId);
    return { custom_id: it.customId, method: "POST", url: "/v1/chat/completions", body: { model, messages: [{ role: "user", content: it.prompt }], ...params } };
  });
}

/** Upload a JSONL batch input file (POST /files, purpose "batch"); returns the file id. */
export async function uploadBatchFile(o: BatchClientOptions, lines: readonly BatchInputLine[], filename = "batch_input.jsonl"): Promise<string> {
  const form = new FormData();
  form.append("purpose", "batch");
  form.append("file", new Blob([lines.map((l) => JSON.stringify(l)).join("\n") + "\n"], { type: "application/jsonl" }), filename);
  const res = await check(await fetch(base(o) + "/files", { method: "POST", headers: headers(o), body: form }), "file upload");
  const f = (await res.json()) as { id?: string };
  if (typeof f.id !== "string") throw new UserError("Batch API file upload returned no file id");
  return f.id;
}

/** Create a batch over an uploaded input file (POST /batches, 24 h window). */
export async function createBatch(o: BatchClientOptions, inputFileId: string, metadata?: Record<string, string>): Promise<BatchObject> {
  const body = { input_file_id: inputFileId, endpoint: "/v1/chat/completions", completion_window: "24h", ...(metadata ? { metadata } : {}) };
  const res = await check(await fetch(base(o) + "/batches", { method: "POST", headers: headers(o, { "Content-Type": "application/json" }), body: JSON.stringify(body) }), "batch creation");
  return (await res.json()) as BatchObject;
}

/** GET /batches/{id}. */
export async function retrieveBatch(o: BatchClientOptions, id: string): Promise<BatchObject> {
  const res = await check(await fetch(base(o) + "/batches/" + encodeURIComponent(id), { headers: headers(o) }), "batch status");
  return (await res.json()) as BatchObject;
}

/** GET /files/{id}/content as text. */
export async function fileContent(o: BatchClientOptions, id: string): Promise<string> {
  const res = await check(await fetch(base(o) + "/files/" + encodeURIComponent(id) + "/content", { headers: headers(o) }), "file download");
  return res.text();
}

/** Poll a batch until it reaches a terminal status (completed, failed, expired, cancelled). */
export async function waitForBatch(o: BatchClientOptions, id: string): Promise<BatchObject> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (o.timeoutMs ?? 25 * 3600 * 1000);
  for (;;) {
    const b = await retrieveBatch(o, id);
    o.onStatus?.(b);
    if (TERMINAL.has(b.status)) return b;
    if (Date.now() > deadline) throw new UserError("batch " + id + " still " + b.status + " after the wait limit; run again later to resume");
    await sleep(o.pollIntervalMs ?? 30000);
  }
}

/**
 * Download the results of a finished batch: the output file and the error
 * file, merged by custom_id (never by position: the API does not keep the
 * input order).
 */
export async function batchResults(o: BatchClientOptions, b: BatchObject): Promise<Map<string, BatchOutputLine>> {
  if (b.status !== "completed") throw new UserError("batch " + b.id + " ended with status " + b.status + (b.errors ? ": " + redactSecrets(JSON.stringify(b.errors)).slice(0, 300) : ""));
  const out = new Map<string, BatchOutputLine>();
  for (const fid of [b.output_file_id, b.error_file_id]) {
    if (!fid) continue;
    for (const [k, v] of parseBatchOutput(await fileContent(o, fid), "batch file " + fid)) out.set(k, v);
  }
  return out;
}

/**
 * Run a batch end to end: upload, create, poll, download. With `stateFile`
 * the batch id is recorded (SciRIFF's lm_judge_mapping.json: `{batch_id}`)
 * right after creation, and a later call with the same file resumes
 * polling that batch instead of submitting again.
 */
export async function runBatch(o: BatchClientOptions, lines: readonly BatchInputLine[], stateFile?: string): Promise<Map<string, BatchOutputLine>> {
  let id: string | undefined;
  if (stateFile && fs.existsSync(stateFile)) {
    id = (JSON.parse(fs.readFileSync(stateFile, "utf8")) as { batch_id?: string }).batch_id;
  }
  if (!id) {
    const fileId = await uploadBatchFile(o, lines);
    const b = await createBatch(o, fileId, { tool: "evalbook sciriff" });
    id = b.id;
    if (stateFile) writeFileAtomic(stateFile, JSON.stringify({ batch_id: id }) + "\n");
  }
  const done = await waitForBatch(o, id);
  // custom_ids absent from the results stay absent: callers count them as missing ratings.
  return batchResults(o, done);
}
