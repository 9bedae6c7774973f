import { InputError } from "../util/errors";
import { readText, splitLines } from "./text";

/** One parsed JSONL row with the 1-based line it came from. */
export interface JsonlRow<T = unknown> {
  line: number;
  value: T;
}

export interface ReadJsonlOptions {
  /** Accept Python's NaN / Infinity / -Infinity tokens (as `json.loads` does). */
  allowNaN?: boolean;
  /** Fail on an empty file (default true). */
  requireRows?: boolean;
  /** Require every row to be a JSON object (default true). */
  objects?: boolean;
}

/**
 * Read a JSON Lines file. Blank lines are skipped; any line that is not valid
 * JSON is an InputError with its line number. Nothing is silently dropped.
 */
export function readJsonlRows<T = Record<string, unknown>>(file: string, options: ReadJsonlOptions = {}): JsonlRow<T>[] {
  return parseJsonlRows<T>(readText(file), file, options);
}

/** Like readJsonlRows, returning the values only. */
export function readJsonl<T = Record<string, unknown>>(file: string, options: ReadJsonlOptions = {}): T[] {
  return readJsonlRows<T>(file, options).map((r) => r.value);
}

/** Parse JSON Lines text; `file` is used in error messages. */
export function parseJsonlRows<T = Record<string, unknown>>(text: string, file: string, options: ReadJsonlOptions = {}): JsonlRow<T>[] {
  const rows: JsonlRow<T>[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === "") continue;
    const value = parseJsonText(raw, { file, line: i + 1 }, options.allowNaN ?? false);
    if ((options.objects ?? true) && (value === null || typeof value !== "object" || Array.isArray(value))) {
      throw new InputError({ file, line: i + 1 }, "expected a JSON object on each line");
    }
    rows.push({ line: i + 1, value: value as T });
  }
  if ((options.requireRows ?? true) && rows.length === 0) {
    throw new InputError({ file }, "file is empty (no JSON lines)");
  }
  return rows;
}

/**
 * Parse one JSON text, throwing an InputError at `where` on failure. With
 * allowNaN, bare NaN/Infinity/-Infinity tokens outside strings are accepted.
 */
export function parseJsonText(text: string, where: { file: string; line?: number }, allowNaN = false): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (allowNaN) {
      const fixed = replaceNonFiniteTokens(text);
      if (fixed !== text) {
        try {
          return JSON.parse(fixed, reviveNonFinite);
        } catch {
          // fall through to the original message
        }
      }
    }
    const msg = (e as Error).message.replace(/^JSON\.parse: /, "");
    throw new InputError(where, "invalid JSON (" + shorten(msg, 120) + ")");
  }
}

const NAN = "__evalbook_NaN__";
const POS_INF = "__evalbook_Infinity__";
const NEG_INF = "__evalbook_-Infinity__";

/** Replace NaN/Infinity tokens that stand outside JSON strings by sentinel strings. */
export function replaceNonFiniteTokens(text: string): string {
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (text.startsWith("NaN", i)) {
      out += '"' + NAN + '"';
      i += 3;
    } else if (text.startsWith("-Infinity", i)) {
      out += '"' + NEG_INF + '"';
      i += 9;
    } else if (text.startsWith("Infinity", i)) {
      out += '"' + POS_INF + '"';
      i += 8;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function reviveNonFinite(_key: string, value: unknown): unknown {
  if (value === NAN) return NaN;
  if (value === POS_INF) return Infinity;
  if (value === NEG_INF) return -Infinity;
  return value;
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

/** Serialise values as JSON Lines text (one line each, trailing newline). */
export function toJsonl(values: Iterable<unknown>): string {
  let s = "";
  for (const v of values) s += JSON.stringify(v) + "\n";
  return s;
}
