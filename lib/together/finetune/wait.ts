/**
 * Poll a fine-tuning job until it reaches a final state, reporting progress
 * and each NEW event exactly once.
 */
import { UserError } from "../../util/errors";
import { sleep, type TogetherHttp } from "../http";
import { failureReason, getFineTune, isFinalStatus, listFineTuneEvents, outputModelName, type FineTuneEvent, type FineTuneJob } from "./api";

/** A job that ended in error/failed/cancelled. */
export class FineTuneFailedError extends UserError {
  readonly job: FineTuneJob;
  readonly reason: string;
  constructor(job: FineTuneJob, reason: string) {
    super("fine-tune job " + job.id + " " + (job.status === "cancelled" ? "was cancelled" : "failed (" + job.status + ")") + ": " + reason);
    this.name = "FineTuneFailedError";
    this.job = job;
    this.reason = reason;
  }
}

export interface WaitForJobOptions {
  /** Poll interval (ms, default 10 000). */
  pollMs?: number;
  /** Give up after this long (ms, default 24 h); the job keeps running. */
  timeoutMs?: number;
  /** Called once per new event, in order. */
  onEvent?: (event: FineTuneEvent, job: FineTuneJob) => void;
  /** Called after each poll with the job's current state. */
  onProgress?: (job: FineTuneJob) => void;
  /** Throw FineTuneFailedError for error/failed/cancelled (default true). */
  throwOnFailure?: boolean;
  /** Events already shown (keys from eventKey), to continue without repeats. */
  seenEvents?: Set<string>;
}

export interface WaitForJobResult {
  job: FineTuneJob;
  /** All events seen, in order. */
  events: FineTuneEvent[];
  /** Output model name when completed. */
  outputName?: string;
  /** Failure reason when not completed. */
  reason?: string;
}

/** Identity of an event (for showing each once). */
export function eventKey(e: FineTuneEvent, index: number): string {
  return [e.created_at, e.type, e.step ?? "", e.message, index].join("|");
}

/** Poll until final; see WaitForJobOptions. */
export async function waitForFineTune(http: TogetherHttp, id: string, options: WaitForJobOptions = {}): Promise<WaitForJobResult> {
  const pollMs = options.pollMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 24 * 3600_000;
  const deadline = Date.now() + timeoutMs;
  const seen = options.seenEvents ?? new Set<string>();
  let events: FineTuneEvent[] = [];
  for (;;) {
    const job = await getFineTune(http, id);
    events = await listFineTuneEvents(http, id);
    for (let i = 0; i < events.length; i++) {
      const k = eventKey(events[i], i);
      if (seen.has(k)) continue;
      seen.add(k);
      options.onEvent?.(events[i], job);
    }
    options.onProgress?.(job);
    if (isFinalStatus(job.status)) {
      if (job.status === "completed") {
        const outputName = outputModelName(job);
        if (!outputName) throw new UserError("fine-tune job " + id + " completed but the server gave no output model name");
        return { job, events, outputName };
      }
      const reason = failureReason(job, events);
      if (options.throwOnFailure ?? true) throw new FineTuneFailedError(job, reason);
      return { job, events, reason };
    }
    if (Date.now() >= deadline) {
      throw new UserError("fine-tune job " + id + " still " + job.status + " after " + Math.round(timeoutMs / 1000) + " s (it keeps running; wait again or cancel it)");
    }
    await sleep(pollMs);
  }
}

/** One human line for a job's state. */
export function describeJob(job: FineTuneJob): string {
  let s = job.id + " " + job.status;
  if (job.n_epochs) s += " epoch " + (job.epochs_completed ?? 0) + "/" + job.n_epochs;
  if (job.progress?.estimate_available) s += ", ~" + Math.round(job.progress.seconds_remaining) + " s left";
  const out = outputModelName(job);
  if (out && job.status === "completed") s += " → " + out;
  return s;
}
