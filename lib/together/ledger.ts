/**
 * Append-only JSONL ledgers for Together resources (files, jobs, endpoints).
 * Each line is one JSON record; later lines for the same key supersede earlier
 * ones. Lines are written with a single fsync'ed append, so a crash can only
 * leave a torn final line, which is ignored on reading (and reported through
 * `tornLines`). Nothing secret is ever written here.
 */
import * as fs from "node:fs";
import { appendLineDurable } from "../io/atomic";
import { readText, splitLines } from "../io/text";
import { InputError } from "../util/errors";

export interface Ledger<T> {
  file: string;
  /** All records in file order. */
  all(): T[];
  /** Latest record for a key. */
  latest(key: string): T | undefined;
  /** Append a record. */
  append(record: T): void;
  /** Number of torn (crash-truncated) lines skipped on the last read. */
  tornLines: number;
}

/** Open (lazily create) a ledger keyed by `keyOf(record)`. */
export function openLedger<T>(file: string, keyOf: (r: T) => string): Ledger<T> {
  const ledger: Ledger<T> = {
    file,
    tornLines: 0,
    all() {
      if (!fs.existsSync(file)) return [];
      const lines = splitLines(readText(file));
      const out: T[] = [];
      ledger.tornLines = 0;
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (l.trim() === "") continue;
        try {
          out.push(JSON.parse(l) as T);
        } catch {
          const isLast = lines.slice(i + 1).every((x) => x.trim() === "");
          if (isLast || !l.trim().endsWith("}")) {
            ledger.tornLines++; // torn line from a crash mid-append
            continue;
          }
          throw new InputError({ file, line: i + 1 }, "corrupt ledger line (not JSON); fix or remove this line");
        }
      }
      return out;
    },
    latest(key) {
      let found: T | undefined;
      for (const r of ledger.all()) if (keyOf(r) === key) found = r;
      return found;
    },
    append(record) {
      // After a torn final line (no newline), start a fresh line so the new record stays intact.
      appendLineDurable(file, (endsWithoutNewline(file) ? "\n" : "") + JSON.stringify(record));
    },
  };
  return ledger;
}

function endsWithoutNewline(file: string): boolean {
  let fd: number | undefined;
  try {
    const size = fs.statSync(file).size;
    if (size === 0) return false;
    fd = fs.openSync(file, "r");
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, size - 1);
    return b[0] !== 0x0a;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
