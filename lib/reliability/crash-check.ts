/**
 * Evidence for crash/resume tests: what a killed run had already received
 * (from the loopback server's request log), what a restarted run sent again,
 * and whether two runs' stage records agree. Pure functions over the log
 * entries and record files; compiles under TypeScript 5.0 / ES2022.
 */
import * as fs from "node:fs";
import type { RequestLogEntry } from "../llm/mock/server-types";
import { openStage } from "../llm/records/stage-file";

/** The request-log fields these checks use (in-memory entries and file entries both have them). */
export type LoggedRequest = Pick<RequestLogEntry, "seq" | "bodyHash" | "receivedAt" | "finishedAt" | "completed"> & Partial<Pick<RequestLogEntry, "path" | "method" | "body">>;

/**
 * Body hashes of requests whose full response had been written more than
 * `graceMs` before `killedAt`: on loopback such a response had reached the
 * client, so a correct resume never sends that request again.
 */
export function answeredBefore(entries: readonly LoggedRequest[], killedAt: number, graceMs: number): Set<string> {
  const out = new Set<string>();
  for (const e of entries) if (e.completed && e.finishedAt !== undefined && e.finishedAt < killedAt - graceMs) out.add(e.bodyHash);
  return out;
}

/** Body hashes of requests that had arrived but were not fully answered at `killedAt` (in flight at the kill). */
export function inFlightAt(entries: readonly LoggedRequest[], killedAt: number): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    if (e.receivedAt > killedAt) continue;
    if (!e.completed || e.finishedAt === undefined || e.finishedAt >= killedAt) out.add(e.bodyHash);
  }
  return out;
}

/** What a resumed run sent again, measured against the killed run's log. */
export interface ResendReport {
  /** Requests of the resumed run whose body had been answered (before the grace) in the killed run: must be empty. */
  resentAnswered: LoggedRequest[];
  /** Requests of the resumed run whose body had been seen at all in the killed run. */
  repeated: LoggedRequest[];
  /** Distinct bodies in flight at the kill. */
  inFlight: number;
  /** Distinct bodies answered before the kill (minus the grace). */
  answered: number;
}

/**
 * Compare the requests of a killed run (`before`) with those of the run that
 * resumed it (`after`). `exempt` lists body hashes allowed to repeat even
 * though they were answered (e.g. an item whose record the test tore on purpose).
 */
export function resendReport(before: readonly LoggedRequest[], after: readonly LoggedRequest[], killedAt: number, graceMs: number, exempt: ReadonlySet<string> = new Set()): ResendReport {
  const answered = answeredBefore(before, killedAt, graceMs);
  const seen = new Set(before.map((e) => e.bodyHash));
  return {
    resentAnswered: after.filter((e) => answered.has(e.bodyHash) && !exempt.has(e.bodyHash)),
    repeated: after.filter((e) => seen.has(e.bodyHash)),
    inFlight: inFlightAt(before, killedAt).size,
    answered: answered.size,
  };
}

/** Per-id comparison of one stage's records in two run directories. */
export interface StageDiff {
  /** Ids in the reference but not in the candidate. */
  missing: string[];
  /** Ids in the candidate but not in the reference. */
  extra: string[];
  /** Ids whose values differ (deep, JSON equality). */
  different: string[];
  /** Ids with more than one complete record line in the candidate file. */
  duplicated: string[];
  /** Torn (unparseable) lines in the candidate file. */
  tornLines: number[];
}

/** Compare `stage` records of `candidateDir` against those of `referenceDir`. */
export function diffStageRecords(referenceDir: string, candidateDir: string, stage: string): StageDiff {
  const ref = openStage<unknown>(referenceDir, stage);
  const cand = openStage<unknown>(candidateDir, stage);
  const refIds = new Set(ref.ids());
  const candIds = new Set(cand.ids());
  const different: string[] = [];
  for (const id of ref.ids()) if (candIds.has(id) && stableJson(ref.get(id)) !== stableJson(cand.get(id))) different.push(id);
  return {
    missing: ref.ids().filter((id) => !candIds.has(id)),
    extra: cand.ids().filter((id) => !refIds.has(id)),
    different,
    duplicated: duplicateRecordIds(cand.file),
    tornLines: cand.tornLines.slice(),
  };
}

/** Ids that occur on more than one parseable line of a stage record file. */
export function duplicateRecordIds(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const count = new Map<string, number>();
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    let rec: { id?: unknown };
    try {
      rec = JSON.parse(line);
    } catch {
      continue;
    }
    const id = String(rec.id);
    count.set(id, (count.get(id) ?? 0) + 1);
  }
  const out: string[] = [];
  count.forEach((n, id) => {
    if (n > 1) out.push(id);
  });
  return out;
}

/**
 * Cut a record file in the middle of its last complete line, as a crash in
 * the middle of an append leaves it. Returns the id of the record destroyed.
 */
export function tearLastRecord(file: string): string {
  const text = fs.readFileSync(file, "utf8");
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const start = body.lastIndexOf("\n") + 1;
  const last = body.slice(start);
  const id = String((JSON.parse(last) as { id: unknown }).id);
  fs.truncateSync(file, Buffer.byteLength(text.slice(0, start + Math.floor(last.length / 2)), "utf8"));
  return id;
}

/** JSON with sorted object keys, for order-insensitive equality. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (x && typeof x === "object" && !Array.isArray(x)) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) o[k] = (x as Record<string, unknown>)[k];
      return o;
    }
    return x;
  });
}
