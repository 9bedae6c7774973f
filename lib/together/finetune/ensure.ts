/**
 * Create-or-re-attach: the same (training data, parameters) never launches a
 * second paid job. Jobs are recorded in a ledger under the run directory,
 * keyed by `fineTuneKey`. The intent is recorded BEFORE the POST; if the
 * process dies between the POST and recording the job id, the next run finds
 * the job on the server (same training file and parameters, created after the
 * intent) instead of creating another.
 */
import { UserError } from "../../util/errors";
import { TogetherApiError, type TogetherHttp } from "../http";
import { openLedger, type Ledger } from "../ledger";
import { filesLedger } from "../files/upload";
import { withLockFile } from "../lock";
import { createFineTune, getFineTune, isFinalStatus, listFineTunes, outputModelName, type FineTuneJob } from "./api";
import { fineTuneKey, fineTuneWireBody, type FineTuneParams, type FineTuneWireBody } from "./params";
import { describeJob, waitForFineTune, type WaitForJobOptions, type WaitForJobResult } from "./wait";

/** One job record in the ledger (later records for a key supersede earlier ones). */
export interface JobLedgerEntry {
  key: string;
  baseURL: string;
  /** "intent": about to POST; "created": job id known; "final": finished. */
  phase: "intent" | "created" | "final";
  jobId?: string;
  status?: string;
  outputName?: string;
  reason?: string;
  body: FineTuneWireBody;
  trainingSha256?: string;
  at: string;
}

export interface EnsureFineTuneOptions {
  /** Run directory: jobs are its `together-jobs` stage records (default `.evalbook/together/jobs.jsonl`). */
  runDir?: string;
  ledgerFile?: string;
  /** Content hash of the training file (makes the key content-based; default: from the files ledger of the same run directory). */
  trainingSha256?: string;
  validationSha256?: string;
  /** A previous job for this key failed or was cancelled: create a new one (default false: throw). */
  retryFailed?: boolean;
  onMessage?: (message: string) => void;
}

export interface EnsureFineTuneResult {
  job: FineTuneJob;
  key: string;
  /** True when an existing job was found (no POST made). */
  reattached: boolean;
  ledgerFile: string;
}

/** The jobs ledger for a run directory. */
export function jobsLedger(options: { runDir?: string; ledgerFile?: string } = {}): Ledger<JobLedgerEntry> {
  return openLedger<JobLedgerEntry>("jobs", (e) => e.key, options);
}

/**
 * Find the job for these parameters, or create it (see module doc). Holds a
 * lock file beside the ledger while deciding and creating, so concurrent
 * calls (other processes, or the same one) with the same run directory
 * create at most one job.
 */
export async function ensureFineTune(http: TogetherHttp, params: FineTuneParams, options: EnsureFineTuneOptions = {}): Promise<EnsureFineTuneResult> {
  const lock = jobsLedger(options).file.replace(/\.jsonl$/, "") + ".lock";
  return withLockFile(lock, () => ensureUnlocked(http, params, options));
}

async function ensureUnlocked(http: TogetherHttp, params: FineTuneParams, options: EnsureFineTuneOptions): Promise<EnsureFineTuneResult> {
  const say = options.onMessage ?? (() => {});
  const body = fineTuneWireBody(params);
  // Content hashes make the key independent of how the file was named: look them up in the files ledger if not given.
  const shaOf = (fileId: string | undefined) => {
    if (!fileId) return undefined;
    const found = filesLedger(options).all().filter((e) => e.fileId === fileId && e.baseURL === http.baseURL);
    return found.length ? found[found.length - 1].sha256 : undefined;
  };
  const hashes = {
    trainingSha256: options.trainingSha256 ?? shaOf(params.trainingFile),
    validationSha256: options.validationSha256 ?? shaOf(params.validationFile),
  };
  const key = fineTuneKey(http.baseURL, body, hashes);
  const ledger = jobsLedger(options);
  const prev = ledger.latest(key);
  const base = { key, baseURL: http.baseURL, body, trainingSha256: hashes.trainingSha256 };
  if (prev?.jobId) {
    let job: FineTuneJob | undefined;
    try {
      job = await getFineTune(http, prev.jobId);
    } catch (e) {
      if (!(e instanceof TogetherApiError && e.status === 404)) throw e;
      say("finetune: recorded job " + prev.jobId + " no longer exists on the server; creating a new one");
    }
    if (job) {
      const failed = isFinalStatus(job.status) && job.status !== "completed";
      if (!failed || !options.retryFailed) {
        if (failed) {
          throw new UserError(
            "fine-tune job " + job.id + " for these data and parameters ended " + job.status + (prev.reason ? " (" + prev.reason + ")" : "") + "; pass retryFailed: true (CLI --retry-failed) to launch a new one",
          );
        }
        say("finetune: re-attached to job " + job.id + " (" + job.status + "), key " + key);
        return { job, key, reattached: true, ledgerFile: ledger.file };
      }
      say("finetune: previous job " + job.id + " ended " + job.status + "; creating a new one (retryFailed)");
    }
  } else if (prev?.phase === "intent") {
    const found = await findServerJob(http, body, Date.parse(prev.at) - 120_000);
    if (found) {
      ledger.append({ ...base, phase: "created", jobId: found.id, status: found.status, at: new Date().toISOString() });
      say("finetune: found job " + found.id + " created by an interrupted run; re-attached");
      return { job: found, key, reattached: true, ledgerFile: ledger.file };
    }
  }
  ledger.append({ ...base, phase: "intent", at: new Date().toISOString() });
  const job = await createFineTune(http, body);
  if (!job || typeof job.id !== "string") throw new UserError("POST /fine-tunes returned no job id");
  ledger.append({ ...base, phase: "created", jobId: job.id, status: job.status, at: new Date().toISOString() });
  say("finetune: created job " + job.id + " (" + body.model + ", key " + key + ")");
  return { job, key, reattached: false, ledgerFile: ledger.file };
}

/** A server job with this training file and parameters created at or after `since` (ms). */
async function findServerJob(http: TogetherHttp, body: FineTuneWireBody, since: number): Promise<FineTuneJob | undefined> {
  const jobs = await listFineTunes(http);
  const matches = jobs.filter((j) => {
    if (j.training_file !== body.training_file) return false;
    if (j.model !== undefined && j.model !== body.model) return false;
    if (body.suffix !== undefined && j.suffix !== undefined && j.suffix !== body.suffix) return false;
    if (body.n_epochs !== undefined && j.n_epochs !== undefined && j.n_epochs !== body.n_epochs) return false;
    const t = j.created_at ? Date.parse(j.created_at) : NaN;
    return !Number.isFinite(t) || t >= since;
  });
  matches.sort((a, b) => String(a.created_at ?? "").localeCompare(String(b.created_at ?? "")));
  return matches[0];
}

export interface RunFineTuneResult extends WaitForJobResult {
  key: string;
  reattached: boolean;
  outputName: string;
}

/**
 * ensureFineTune + waitForFineTune: returns when the job completed, with its
 * output model name; throws FineTuneFailedError (with the reason) otherwise.
 * The final state is recorded in the ledger.
 */
export async function runFineTune(http: TogetherHttp, params: FineTuneParams, options: EnsureFineTuneOptions & WaitForJobOptions = {}): Promise<RunFineTuneResult> {
  const ensured = await ensureFineTune(http, params, options);
  const ledger = jobsLedger(options);
  const record = (job: FineTuneJob, reason?: string) => {
    const prev = ledger.latest(ensured.key);
    if (prev?.phase === "final" && prev.jobId === job.id) return;
    ledger.append({
      key: ensured.key,
      baseURL: http.baseURL,
      body: fineTuneWireBody(params),
      trainingSha256: options.trainingSha256,
      phase: "final",
      jobId: job.id,
      status: job.status,
      outputName: outputModelName(job),
      reason,
      at: new Date().toISOString(),
    });
  };
  // Without explicit callbacks, new events and status changes go to onMessage (e.g. a notebook's log).
  const say = options.onMessage;
  let lastStatus = "";
  const waitOptions: WaitForJobOptions = {
    ...options,
    onEvent: options.onEvent ?? (say ? (e) => say("finetune " + ensured.job.id + ": " + e.type + ": " + e.message) : undefined),
    onProgress:
      options.onProgress ??
      (say
        ? (j) => {
            if (j.status !== lastStatus) say("finetune: " + describeJob(j));
            lastStatus = j.status;
          }
        : undefined),
  };
  try {
    const r = await waitForFineTune(http, ensured.job.id, waitOptions);
    record(r.job, r.reason);
    if (!r.outputName) throw new UserError("fine-tune job " + r.job.id + " ended " + r.job.status + ": " + (r.reason ?? "no output model"));
    return { ...r, outputName: r.outputName, key: ensured.key, reattached: ensured.reattached };
  } catch (e) {
    const job = (e as { job?: FineTuneJob }).job;
    if (job) record(job, (e as { reason?: string }).reason);
    throw e;
  }
}
