import * as path from "node:path";
import { appendLineDurable } from "../../io/atomic";
import { isUserFacing, UserError } from "../../util/errors";
import { redactSecrets } from "../../util/secrets";
import { createProgress, type ProgressOptions } from "../progress/progress";
import { openStage, type StageRecords } from "./stage-file";

export interface RunStageOptions<I, O> {
  runDir: string;
  stage: string;
  items: readonly I[];
  /** Stable id of an item (unique within the stage). */
  id: (item: I, index: number) => string;
  /** The work for one item; its result is recorded under the item's id. */
  work: (item: I, index: number) => Promise<O>;
  /** Items worked on at once (default 8). The LLM client's scheduler still enforces endpoint limits. */
  concurrency?: number;
  /** Progress display (default: auto). Pass { mode: "none" } to silence. */
  progress?: ProgressOptions | false;
  /** Called after each stage record is written. */
  onRecord?: (id: string, value: O) => void;
  /** A client to record the stage's counts in the run's meta.json (pass the LLMClient). */
  meta?: { recordStage(stage: string, counts: { done: number; failed: number; skipped: number }): void };
}

export interface RunStageResult<O> {
  /** Every finished item: recorded earlier or now. */
  done: Map<string, O>;
  /** Items that failed in this run (also appended to `<stage>.failures.jsonl`); a re-run retries them. */
  failed: { id: string; error: string }[];
  /** Items skipped because a record already existed. */
  skipped: number;
  records: StageRecords<O>;
}

/**
 * Run a stage resumably: items with a record in `<runDir>/<stage>.jsonl` are
 * skipped; the others run `concurrency` at a time and each result is
 * appended durably as soon as it arrives, so a killed run resumes where it
 * stopped. An item's ordinary failure (provider error after retries, a bug
 * in parsing one answer) is recorded as failed with its (redacted) reason
 * and the stage goes on. A user-facing error (BudgetExceeded, a missing API
 * key, bad input) stops the stage cleanly: no new item starts, the items in
 * flight finish and are recorded, then the error is rethrown.
 */
export async function runStage<I, O>(opts: RunStageOptions<I, O>): Promise<RunStageResult<O>> {
  const records = openStage<O>(opts.runDir, opts.stage);
  const ids = opts.items.map((it, i) => String(opts.id(it, i)));
  const firstAt = new Map<string, number>();
  ids.forEach((id, i) => {
    const prev = firstAt.get(id);
    if (prev !== undefined) throw new UserError("stage " + opts.stage + ": duplicate item id '" + id + "' (items " + prev + " and " + i + ")");
    firstAt.set(id, i);
  });
  const done = new Map<string, O>();
  const todo: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (records.has(ids[i])) done.set(ids[i], records.get(ids[i]) as O);
    else todo.push(i);
  }
  const skipped = ids.length - todo.length;
  const failed: { id: string; error: string }[] = [];
  const progress = opts.progress === false ? createProgress(opts.stage, 0, { mode: "none" }) : createProgress(opts.stage, todo.length, opts.progress ?? {});
  const failuresFile = path.join(opts.runDir, opts.stage + ".failures.jsonl");
  let fatal: unknown;
  let next = 0;
  const worker = async () => {
    while (fatal === undefined && next < todo.length) {
      const i = todo[next++];
      const id = ids[i];
      try {
        const value = await opts.work(opts.items[i], i);
        records.put(id, value);
        done.set(id, value);
        opts.onRecord?.(id, value);
        progress.tick(1);
      } catch (e) {
        if (isUserFacing(e)) {
          if (fatal === undefined) fatal = e;
          continue;
        }
        const error = redactSecrets(e instanceof Error ? e.message : String(e));
        failed.push({ id, error });
        appendLineDurable(failuresFile, JSON.stringify({ id, error, at: new Date().toISOString() }));
        progress.tick(1, { failed: true });
      }
    }
  };
  const n = Math.max(1, Math.floor(opts.concurrency ?? 8));
  await Promise.all(Array.from({ length: Math.min(n, Math.max(1, todo.length)) }, worker));
  progress.done();
  opts.meta?.recordStage(opts.stage, { done: done.size, failed: failed.length, skipped });
  if (fatal !== undefined) throw fatal;
  return { done: orderedDone(ids, done), failed, skipped, records };
}

function orderedDone<O>(ids: string[], done: Map<string, O>): Map<string, O> {
  const out = new Map<string, O>();
  for (const id of ids) if (done.has(id)) out.set(id, done.get(id) as O);
  return out;
}
