/** Together fine-tuning REST calls and job-state helpers. */
import type { TogetherHttp } from "../http";
import type { FineTuneWireBody } from "./params";

/** Job statuses Together reports (plus "failed", accepted as a synonym of "error"). */
export type FineTuneStatus = "pending" | "queued" | "running" | "compressing" | "uploading" | "cancel_requested" | "cancelled" | "error" | "failed" | "completed";

/** One job event. */
export interface FineTuneEvent {
  object?: "fine-tune-event";
  created_at: string;
  type: string;
  message: string;
  level?: string | null;
  step?: number;
  total_steps?: number;
  [extra: string]: unknown;
}

/** A fine-tuning job (fields we use; others are kept). */
export interface FineTuneJob {
  id: string;
  status: FineTuneStatus;
  model?: string;
  training_file?: string;
  suffix?: string;
  n_epochs?: number;
  epochs_completed?: number;
  created_at?: string;
  updated_at?: string;
  /** Output model name (current API). */
  model_output_name?: string;
  /** Output model name (older API / our brief's name). */
  output_name?: string;
  progress?: { estimate_available: boolean; seconds_remaining: number };
  events?: FineTuneEvent[];
  total_price?: number;
  [extra: string]: unknown;
}

export const FINAL_STATUSES: FineTuneStatus[] = ["completed", "cancelled", "error", "failed"];

/** True when the job will not change any more. */
export function isFinalStatus(s: string): boolean {
  return (FINAL_STATUSES as string[]).includes(s);
}

/** The output model name of a finished job, if it has one. */
export function outputModelName(job: FineTuneJob): string | undefined {
  const n = job.model_output_name ?? job.output_name;
  return typeof n === "string" && n.length > 0 ? n : undefined;
}

/** The most informative failure reason in a job and its events. */
export function failureReason(job: FineTuneJob, events: FineTuneEvent[] = job.events ?? []): string {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type === "job_error" || e.level === "error") return e.message;
  }
  const direct = (job as Record<string, unknown>).error ?? (job as Record<string, unknown>).status_message;
  if (typeof direct === "string" && direct) return direct;
  if (direct && typeof direct === "object" && typeof (direct as Record<string, unknown>).message === "string") return (direct as Record<string, string>).message;
  if (job.status === "cancelled") return "the job was cancelled";
  return "no reason given by the server";
}

export function createFineTune(http: TogetherHttp, body: FineTuneWireBody): Promise<FineTuneJob> {
  return http.post<FineTuneJob>("/fine-tunes", body);
}

export function getFineTune(http: TogetherHttp, id: string): Promise<FineTuneJob> {
  return http.get<FineTuneJob>("/fine-tunes/" + encodeURIComponent(id));
}

export async function listFineTunes(http: TogetherHttp): Promise<FineTuneJob[]> {
  const r = await http.get<{ data?: FineTuneJob[] }>("/fine-tunes");
  return r?.data ?? [];
}

export async function listFineTuneEvents(http: TogetherHttp, id: string): Promise<FineTuneEvent[]> {
  const r = await http.get<{ data?: FineTuneEvent[] }>("/fine-tunes/" + encodeURIComponent(id) + "/events");
  return r?.data ?? [];
}

export function cancelFineTune(http: TogetherHttp, id: string): Promise<FineTuneJob> {
  return http.post<FineTuneJob>("/fine-tunes/" + encodeURIComponent(id) + "/cancel", undefined, { retry: true });
}
