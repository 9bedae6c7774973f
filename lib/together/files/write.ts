import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { writeFileAtomic } from "../../io/atomic";
import { toJsonl } from "../../io/jsonl";
import type { TrainingFormat, TrainingRow } from "./formats";
import { assertValidTraining, validateTrainingRows } from "./validate";

/** A training file written to disk. */
export interface WrittenTrainingFile {
  path: string;
  format: TrainingFormat;
  rows: number;
  bytes: number;
  sha256: string;
}

/**
 * Validate rows and write them as JSONL (atomically). Throws an InputError
 * listing every bad row (line = row index + 1) and writes nothing then.
 */
export function writeTrainingFile(file: string, rows: TrainingRow[], options: { format?: TrainingFormat } = {}): WrittenTrainingFile {
  const v = validateTrainingRows(rows, file + " (rows to write)", { format: options.format });
  assertValidTraining(v);
  const text = toJsonl(rows);
  const bytes = Buffer.from(text, "utf8");
  writeFileAtomic(file, bytes);
  return { path: file, format: v.format as TrainingFormat, rows: rows.length, bytes: bytes.length, sha256: sha256Hex(bytes) };
}

/** Hex SHA-256 of bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** Hex SHA-256 and size of a file. */
export function fileDigest(file: string): { sha256: string; bytes: number } {
  const buf = fs.readFileSync(file);
  return { sha256: sha256Hex(buf), bytes: buf.length };
}
