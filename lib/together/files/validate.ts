/**
 * Local validation of fine-tuning JSONL before upload. Every bad row is
 * reported with its 1-based line, the field and the problem (not just the
 * first one), so a file can be fixed in one pass.
 */
import { readText, splitLines } from "../../io/text";
import { InputError } from "../../util/errors";
import { detectRowFormat, FORMAT_KEYS, TRAINING_ROLES, type TrainingFormat } from "./formats";

/** One problem found in a training file. */
export interface TrainingProblem {
  /** 1-based line number. */
  line: number;
  /** Offending field, e.g. "messages[2].role" (absent for whole-line problems). */
  field?: string;
  problem: string;
}

/** Result of validating a training file or a set of rows. */
export interface TrainingValidation {
  /** File path (or a label for in-memory rows). */
  file: string;
  /** The file's format (from its first recognisable row); undefined if none. */
  format?: TrainingFormat;
  /** Number of non-blank lines. */
  rows: number;
  /** Number of rows without any problem. */
  validRows: number;
  problems: TrainingProblem[];
  ok: boolean;
}

export interface ValidateOptions {
  /** Required format; by default the format of the first recognisable row. */
  format?: TrainingFormat;
  /** Minimum number of rows (Together requires at least 1; default 1). */
  minRows?: number;
  /** Accept keys beyond the format's own (default false: reported as problems). */
  allowExtraKeys?: boolean;
}

/** Validate a JSONL training file on disk. */
export function validateTrainingFile(file: string, options: ValidateOptions = {}): TrainingValidation {
  return validateTrainingText(readText(file), file, options);
}

/** Validate JSONL text; `file` labels the report. */
export function validateTrainingText(text: string, file: string, options: ValidateOptions = {}): TrainingValidation {
  const lines = splitLines(text);
  // A single trailing newline is normal; anything else blank is reported.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const values: { line: number; value: unknown; parseError?: string }[] = [];
  const problems: TrainingProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === "") {
      problems.push({ line: i + 1, problem: "blank line (Together rejects empty lines)" });
      continue;
    }
    try {
      values.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (e) {
      values.push({ line: i + 1, value: undefined, parseError: "invalid JSON (" + (e as Error).message + ")" });
    }
  }
  return validateValues(values, file, options, problems, lines.length === 0);
}

/** Validate in-memory rows (line = index + 1). */
export function validateTrainingRows(rows: unknown[], label = "<rows>", options: ValidateOptions = {}): TrainingValidation {
  return validateValues(rows.map((value, i) => ({ line: i + 1, value })), label, options, [], rows.length === 0);
}

function validateValues(
  values: { line: number; value: unknown; parseError?: string }[],
  file: string,
  options: ValidateOptions,
  problems: TrainingProblem[],
  empty: boolean,
): TrainingValidation {
  let format = options.format;
  let formatLine = 0;
  let validRows = 0;
  for (const v of values) {
    const before = problems.length;
    if (v.parseError) {
      problems.push({ line: v.line, problem: v.parseError });
      continue;
    }
    const row = v.value;
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      problems.push({ line: v.line, problem: "expected a JSON object, got " + typeName(row) });
      continue;
    }
    const obj = row as Record<string, unknown>;
    const rowFormat = detectRowFormat(obj);
    if (!rowFormat) {
      problems.push({ line: v.line, problem: "unrecognised row: expected key 'messages' (conversation), 'prompt'+'completion' (instruction) or 'text' (general); found " + keyList(obj) });
      continue;
    }
    if (format === undefined) {
      format = rowFormat;
      formatLine = v.line;
    } else if (rowFormat !== format) {
      problems.push({
        line: v.line,
        problem: "mixed formats: row is " + rowFormat + " but the file is " + format + (formatLine ? " (from line " + formatLine + ")" : " (required)"),
      });
      continue;
    }
    checkRow(obj, rowFormat, v.line, problems, options.allowExtraKeys ?? false);
    if (problems.length === before) validRows++;
  }
  const minRows = options.minRows ?? 1;
  if (empty) problems.push({ line: 1, problem: "file has no rows" });
  else if (values.length < minRows) problems.push({ line: 1, problem: "file has " + values.length + " rows; at least " + minRows + " required" });
  problems.sort((a, b) => a.line - b.line);
  return { file, format, rows: values.length, validRows, problems, ok: problems.length === 0 };
}

function checkRow(obj: Record<string, unknown>, format: TrainingFormat, line: number, problems: TrainingProblem[], allowExtra: boolean): void {
  if (!allowExtra) {
    for (const k of Object.keys(obj)) {
      if (!FORMAT_KEYS[format].includes(k)) problems.push({ line, field: k, problem: "unexpected key for the " + format + " format (allowed: " + FORMAT_KEYS[format].join(", ") + ")" });
    }
  }
  if (format === "instruction") {
    for (const k of ["prompt", "completion"]) checkText(obj[k], k, line, problems);
    return;
  }
  if (format === "general") {
    checkText(obj.text, "text", line, problems);
    return;
  }
  const messages = obj.messages;
  if (!Array.isArray(messages)) {
    problems.push({ line, field: "messages", problem: "must be an array of messages, got " + typeName(messages) });
    return;
  }
  if (messages.length === 0) {
    problems.push({ line, field: "messages", problem: "is empty" });
    return;
  }
  let assistantTurns = 0;
  let expected: "user" | "assistant" = "user";
  let turnOrderReported = false;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const f = "messages[" + i + "]";
    if (m === null || typeof m !== "object" || Array.isArray(m)) {
      problems.push({ line, field: f, problem: "must be an object with role and content, got " + typeName(m) });
      continue;
    }
    const msg = m as Record<string, unknown>;
    for (const k of Object.keys(msg)) {
      if (k !== "role" && k !== "content" && k !== "weight") problems.push({ line, field: f + "." + k, problem: "unexpected key in a message (allowed: role, content, weight)" });
    }
    const role = msg.role;
    if (typeof role !== "string") {
      problems.push({ line, field: f + ".role", problem: role === undefined ? "missing" : "must be a string, got " + typeName(role) });
    } else if (!(TRAINING_ROLES as string[]).includes(role)) {
      problems.push({ line, field: f + ".role", problem: "unknown role '" + role + "' (allowed: " + TRAINING_ROLES.join(", ") + ")" });
    } else if (role === "system") {
      if (i !== 0) problems.push({ line, field: f + ".role", problem: "a system message is only allowed first" });
    } else {
      if (role === "assistant") assistantTurns++;
      if (role !== expected && !turnOrderReported) {
        problems.push({ line, field: f + ".role", problem: "turns must alternate user/assistant starting with user; expected " + expected + ", got " + role });
        turnOrderReported = true;
      }
      expected = role === "user" ? "assistant" : "user";
    }
    checkText(msg.content, f + ".content", line, problems);
    if (msg.weight !== undefined && msg.weight !== 0 && msg.weight !== 1) {
      problems.push({ line, field: f + ".weight", problem: "must be 0 or 1, got " + JSON.stringify(msg.weight) });
    }
  }
  if (assistantTurns === 0) problems.push({ line, field: "messages", problem: "no assistant turn (nothing to train on)" });
}

function checkText(v: unknown, field: string, line: number, problems: TrainingProblem[]): void {
  if (v === undefined) problems.push({ line, field, problem: "missing" });
  else if (typeof v !== "string") problems.push({ line, field, problem: "must be a string, got " + typeName(v) });
  else if (v.trim() === "") problems.push({ line, field, problem: "is empty" });
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : typeof v === "undefined" ? "nothing" : "a " + typeof v;
}

function keyList(o: Record<string, unknown>): string {
  const k = Object.keys(o);
  return k.length ? k.map((s) => "'" + s + "'").join(", ") : "no keys";
}

/** One line per problem: "file:line field 'f': problem". */
export function formatProblems(v: TrainingValidation, max = Infinity): string[] {
  const out = v.problems.slice(0, max).map((p) => v.file + ":" + p.line + (p.field ? " field '" + p.field + "'" : "") + ": " + p.problem);
  if (v.problems.length > max) out.push("... and " + (v.problems.length - max) + " more problems");
  return out;
}

/**
 * Throw an InputError if the validation found problems. The error is located
 * at the first problem; its message lists every problem (up to `max`).
 */
export function assertValidTraining(v: TrainingValidation, max = 50): void {
  if (v.ok) return;
  const first = v.problems[0];
  const n = v.problems.length;
  const rowsBad = new Set(v.problems.map((p) => p.line)).size;
  throw new InputError(
    { file: v.file, line: first.line, field: first.field },
    first.problem + " — " + n + " problem" + (n === 1 ? "" : "s") + " on " + rowsBad + " line" + (rowsBad === 1 ? "" : "s") + ":\n" + formatProblems(v, max).join("\n"),
  );
}
