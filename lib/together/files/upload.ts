/**
 * Upload a training file with Together's files flow (our own implementation;
 * the SDK's files.upload is unusable here):
 *   POST /files?file_name=..&file_type=jsonl&purpose=fine-tune  → 302, Location + x-together-file-id
 *   PUT <Location> with the bytes (no Authorization header to another origin)
 *   POST /files/{id}/preprocess (finalise; skipped if the server has no such route)
 *   GET /files/{id} until processed.
 * The file is validated locally first (every bad row reported). Its SHA-256
 * is recorded in a local ledger; uploading identical content again to the
 * same API returns the recorded file without a new upload (after checking
 * that the server still has it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../util/errors";
import { sleep, TogetherApiError, type TogetherHttp } from "../http";
import { openLedger, type Ledger } from "../ledger";
import { fileState, getFile, type TogetherFile } from "./api";
import type { TrainingFormat } from "./formats";
import { assertValidTraining, validateTrainingText } from "./validate";
import { sha256Hex } from "./write";
import { decodeUtf8 } from "../../io/text";

/** One uploaded file in the local ledger. */
export interface FileLedgerEntry {
  sha256: string;
  bytes: number;
  fileId: string;
  filename: string;
  purpose: string;
  /** API base URL the file lives on (ledgers are per API). */
  baseURL: string;
  format?: TrainingFormat;
  rows?: number;
  uploadedAt: string;
}

export interface UploadOptions {
  /** Run directory: the ledger is its `together-files` stage records (else `.evalbook/together/files.jsonl`). */
  runDir?: string;
  /** Ledger file (a .jsonl path), overriding runDir. */
  ledgerFile?: string;
  /** Name sent to Together (default the file's base name). */
  fileName?: string;
  /** Default "fine-tune". */
  purpose?: "fine-tune" | "eval" | "batch-api";
  /** Validate locally first (default true for purpose fine-tune). */
  validate?: boolean;
  /** Upload even if identical content was uploaded before. */
  force?: boolean;
  /** Poll interval while the server processes the file (ms, default 1000). */
  pollMs?: number;
  /** Give up waiting for processing after this long (ms, default 10 min). */
  timeoutMs?: number;
  /** Progress messages. */
  onMessage?: (message: string) => void;
}

export interface UploadResult {
  file: TogetherFile;
  sha256: string;
  bytes: number;
  /** True when identical content was already uploaded and nothing was sent. */
  skipped: boolean;
  ledgerFile: string;
}

/** The files ledger for a run directory (or the project default). */
export function filesLedger(options: { runDir?: string; ledgerFile?: string } = {}): Ledger<FileLedgerEntry> {
  return openLedger<FileLedgerEntry>("files", (e) => e.baseURL + " " + e.purpose + " " + e.sha256, options);
}

/** Upload `file` (see module doc). */
export async function uploadTrainingFile(http: TogetherHttp, file: string, options: UploadOptions = {}): Promise<UploadResult> {
  const purpose = options.purpose ?? "fine-tune";
  const say = options.onMessage ?? (() => {});
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new UserError(file + ": cannot read (" + ((e as NodeJS.ErrnoException).code ?? (e as Error).message) + ")");
  }
  let format: TrainingFormat | undefined;
  let rows: number | undefined;
  if (options.validate ?? purpose === "fine-tune") {
    const v = validateTrainingText(decodeUtf8(buf, file), file);
    assertValidTraining(v);
    format = v.format;
    rows = v.rows;
  }
  const sha256 = sha256Hex(buf);
  const ledger = filesLedger(options);
  const key = http.baseURL + " " + purpose + " " + sha256;
  if (!options.force) {
    const prev = ledger.latest(key);
    if (prev) {
      try {
        const remote = await getFile(http, prev.fileId);
        const st = fileState(remote);
        if (st.state !== "failed") {
          say("files: identical content already uploaded as " + prev.fileId + " (sha256 " + sha256.slice(0, 12) + "); not uploading again");
          const ready = st.state === "ready" ? remote : await waitForFile(http, prev.fileId, options);
          return { file: ready, sha256, bytes: buf.length, skipped: true, ledgerFile: ledger.file };
        }
        say("files: earlier upload " + prev.fileId + " failed processing (" + st.reason + "); uploading again");
      } catch (e) {
        if (!(e instanceof TogetherApiError && e.status === 404)) throw e;
        say("files: earlier upload " + prev.fileId + " no longer exists on the server; uploading again");
      }
    }
  }
  const fileName = options.fileName ?? path.basename(file);
  // Together's clients send the metadata as a form body; the query string carries the same fields.
  const meta = { file_name: fileName, file_type: "jsonl", purpose };
  const start = await http.raw("POST", "/files", {
    query: meta,
    rawBody: Buffer.from(new URLSearchParams(meta).toString(), "utf8"),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    manualRedirect: true,
    retry: false,
  });
  const location = start.headers.get("location");
  const fileId = start.headers.get("x-together-file-id");
  if (start.status < 300 || start.status >= 400 || !location || !fileId) {
    throw new UserError("Together files upload: expected a redirect with Location and x-together-file-id from POST /files, got HTTP " + start.status);
  }
  const target = new URL(location, http.baseURL + "/").toString();
  const sameOrigin = new URL(target).origin === new URL(http.baseURL).origin;
  say("files: uploading " + fileName + " (" + buf.length + " bytes) as " + fileId);
  await http.raw("PUT", target, { rawBody: buf, noAuth: !sameOrigin, headers: { "Content-Type": "application/octet-stream" } });
  // Finalise (current API); servers without this step answer 404/405, which is fine.
  try {
    await http.raw("POST", "/files/" + encodeURIComponent(fileId) + "/preprocess", { retry: true });
  } catch (e) {
    if (!(e instanceof TogetherApiError && (e.status === 404 || e.status === 405))) throw e;
  }
  const ready = await waitForFile(http, fileId, options);
  ledger.append({ sha256, bytes: buf.length, fileId, filename: fileName, purpose, baseURL: http.baseURL, format, rows, uploadedAt: new Date().toISOString() });
  return { file: ready, sha256, bytes: buf.length, skipped: false, ledgerFile: ledger.file };
}

/** Poll GET /files/{id} until the file is processed; throws with the reason if processing failed. */
export async function waitForFile(http: TogetherHttp, id: string, options: { pollMs?: number; timeoutMs?: number } = {}): Promise<TogetherFile> {
  const pollMs = options.pollMs ?? 1000;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    const f = await getFile(http, id);
    const st = fileState(f);
    if (st.state === "ready") return f;
    if (st.state === "failed") throw new UserError("Together rejected file " + id + " (" + f.filename + "): " + st.reason);
    if (Date.now() >= deadline) throw new UserError("file " + id + " still not processed after " + Math.round((options.timeoutMs ?? 600_000) / 1000) + " s");
    await sleep(pollMs);
  }
}
