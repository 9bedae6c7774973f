/** Together file objects (GET /files, GET /files/{id}, DELETE /files/{id}). */
import type { TogetherHttp } from "../http";

/** A file as Together describes it (fields we use; others are kept). */
export interface TogetherFile {
  id: string;
  object?: "file";
  filename: string;
  bytes: number;
  purpose: string;
  created_at?: number;
  FileType?: string;
  /** Deprecated upstream but still sent: true once the upload is complete. */
  Processed?: boolean;
  processing_status?: "PENDING" | "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "INVALID_FORMAT";
  validation_report?: { valid: boolean; error?: string; nlines?: number; dataset_format?: string };
  [extra: string]: unknown;
}

export function getFile(http: TogetherHttp, id: string): Promise<TogetherFile> {
  return http.get<TogetherFile>("/files/" + encodeURIComponent(id));
}

export async function listFiles(http: TogetherHttp): Promise<TogetherFile[]> {
  const r = await http.get<{ data?: TogetherFile[] }>("/files");
  return r?.data ?? [];
}

export function deleteFile(http: TogetherHttp, id: string): Promise<void> {
  return http.delete("/files/" + encodeURIComponent(id));
}

/** "ready", "pending" or "failed" (with the reason) for a file object. */
export function fileState(f: TogetherFile): { state: "ready" | "pending" | "failed"; reason?: string } {
  const s = f.processing_status;
  if (s === "FAILED" || s === "INVALID_FORMAT") return { state: "failed", reason: f.validation_report?.error ?? s };
  if (f.validation_report && f.validation_report.valid === false) return { state: "failed", reason: f.validation_report.error ?? "validation failed" };
  if (s === "COMPLETED") return { state: "ready" };
  if (s === undefined && f.Processed === true) return { state: "ready" };
  if (s === undefined && f.Processed === undefined) return { state: "ready" }; // servers that do not report processing
  return { state: "pending" };
}
