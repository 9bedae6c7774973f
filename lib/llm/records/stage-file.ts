import * as fs from "node:fs";
import * as path from "node:path";
import { appendLineDurable } from "../../io/atomic";
import { InputError } from "../../util/errors";

/** A stage's records: one JSONL file of `{id, value, at}` lines keyed by item id. */
export interface StageRecords<T> {
  has(id: string): boolean;
  get(id: string): T | undefined;
  /** Append a record durably (fsync); a later record for the same id replaces the earlier one. */
  put(id: string, value: T): void;
  /** Item ids in order of first appearance. */
  ids(): string[];
  /** Values in the order of `ids()`. */
  values(): T[];
  /** Path of the JSONL file. */
  file: string;
  /** Lines that could not be parsed (a torn tail left by a crash); reported, not fatal. */
  tornLines: number[];
}

/** Stage names become file names: keep them simple. */
export function stageFile(runDir: string, stage: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(stage) || stage.includes("..")) {
    throw new InputError({ file: runDir, field: "stage" }, "stage names use letters, digits, '_', '-' and '.', got '" + stage + "'");
  }
  return path.join(runDir, stage + ".jsonl");
}

/**
 * Open (or create) a stage's record file. Loading tolerates a torn final
 * line (a crash in the middle of an append): it is skipped and listed in
 * `tornLines`, and the next append starts on a fresh line so the fragment can
 * never merge with a new record. Duplicate ids resolve deterministically:
 * the last complete record wins. A line that parses but has no string/number
 * `id` is an InputError naming file, line and field.
 * One process writes a stage at a time (the run directory is the unit of work).
 */
export function openStage<T = unknown>(runDir: string, stage: string): StageRecords<T> {
  const file = stageFile(runDir, stage);
  const map = new Map<string, T>();
  const order: string[] = [];
  const tornLines: number[] = [];
  let needsNewline = false;
  if (fs.existsSync(file)) {
    if (!fs.statSync(file).isFile()) throw new InputError({ file }, "stage records must be a regular file");
    const text = fs.readFileSync(file, "utf8");
    needsNewline = text.length > 0 && !text.endsWith("\n");
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === "") continue;
      let rec: { id?: unknown; value?: unknown };
      try {
        rec = JSON.parse(line);
      } catch {
        tornLines.push(i + 1);
        continue;
      }
      if (!rec || typeof rec !== "object" || (typeof rec.id !== "string" && typeof rec.id !== "number")) {
        throw new InputError({ file, line: i + 1, field: "id" }, "record has no string id");
      }
      const id = String(rec.id);
      if (!map.has(id)) order.push(id);
      map.set(id, rec.value as T); // last complete record wins
    }
  }
  return {
    file,
    tornLines,
    has: (id) => map.has(id),
    get: (id) => map.get(id),
    put(id, value) {
      const line = JSON.stringify({ id, value, at: new Date().toISOString() });
      appendLineDurable(file, (needsNewline ? "\n" : "") + line);
      needsNewline = false;
      if (!map.has(id)) order.push(id);
      map.set(id, value);
    },
    ids: () => order.slice(),
    values: () => order.map((id) => map.get(id) as T),
  };
}
