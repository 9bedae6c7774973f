/**
 * Ledgers of Together resources (uploaded files, fine-tune jobs), kept in the
 * run records: `openStage(runDir, "together-<kind>")` from lib/llm/records —
 * append-only JSONL, fsync'ed, a later record for a key supersedes the
 * earlier one, a torn final line (crash mid-append) is skipped. Without a run
 * directory the records go to `<project>/.evalbook/together/<kind>.jsonl`.
 * Nothing secret is ever written here.
 */
import * as path from "node:path";
import { openStage } from "../llm/records";
import { projectRoot } from "../io/paths";

export interface Ledger<T> {
  file: string;
  /** Latest record of every key, in order of first appearance. */
  all(): T[];
  /** Latest record for a key. */
  latest(key: string): T | undefined;
  /** Append a record (durably). */
  append(record: T): void;
  /** Line numbers of torn (crash-truncated) lines skipped on reading. */
  tornLines: number[];
}

/** Open the ledger of `kind` ("files", "jobs") for a run directory, or the project default. */
export function openLedger<T>(kind: string, keyOf: (r: T) => string, options: { runDir?: string; ledgerFile?: string } = {}): Ledger<T> {
  let dir: string;
  let stage: string;
  if (options.ledgerFile) {
    dir = path.dirname(path.resolve(options.ledgerFile));
    stage = path.basename(options.ledgerFile).replace(/\.jsonl$/, "");
  } else if (options.runDir) {
    dir = path.resolve(options.runDir);
    stage = "together-" + kind;
  } else {
    dir = path.join(projectRoot(), ".evalbook", "together");
    stage = kind;
  }
  const records = openStage<T>(dir, stage);
  return {
    file: records.file,
    tornLines: records.tornLines,
    all: () => records.values(),
    latest: (key) => records.get(key),
    append: (record) => records.put(keyOf(record), record),
  };
}
