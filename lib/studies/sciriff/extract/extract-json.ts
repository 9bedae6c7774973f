import { parsePyJson } from "../pyjson/parse";
import { findJson, type ScanMode } from "./find-json";
import { isDict, pyStrip } from "../pyjson/py-types";

/**
 * Parse status of one response, named as in SciRIFF's JSONParser:
 * `valid_json` (the whole text parsed), `null_json` (it parsed to null or to
 * the string "null": the task default is used), `extract_success` (a JSON
 * value was found inside the text), `extract_failure` (nothing found: the
 * task default is used).
 */
export type JsonStatus = "valid_json" | "null_json" | "extract_success" | "extract_failure";

/** One extracted response. */
export interface Extracted {
  /** The text that was parsed (after the evidence-inference fix-up). */
  raw: string;
  value: unknown;
  status: JsonStatus;
}

/** Counts of statuses plus `frac_success` = (valid + extracted) / all. */
export interface JsonCounts {
  valid_json: number;
  null_json: number;
  extract_success: number;
  extract_failure: number;
  frac_success: number;
}

/** Options of {@link extractJson}. */
export interface ExtractOptions {
  /** The task's default value (a dict or a list): its type selects `{}` or `[]` scanning. */
  default: unknown;
  /**
   * Apply SciRIFF's evidence-inference fix-up: strip the text and, if it
   * ends with "}", replace that last character by "]".
   */
  closeBracketFix?: boolean;
  scan?: ScanMode;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Extract JSON from one model response as SciRIFF's `JSONParser.apply_instance`.
 */
export function extractJson(text: string, options: ExtractOptions): Extracted {
  let inst = text;
  if (options.closeBracketFix) {
    inst = pyStrip(inst);
    if (inst.length && inst[inst.length - 1] === "}") inst = inst.slice(0, -1) + "]";
  }
  const whole = parsePyJson(inst);
  if (whole.ok) {
    if (whole.value === null || whole.value === "null") return { raw: inst, value: clone(options.default), status: "null_json" };
    return { raw: inst, value: whole.value, status: "valid_json" };
  }
  const kind = isDict(options.default) ? "object" : Array.isArray(options.default) ? "array" : undefined;
  if (kind === undefined) throw new Error("extractJson: the default must be a dict or a list");
  const found = findJson(inst, kind, options.scan ?? "string-aware");
  if (found.found) return { raw: inst, value: found.value, status: "extract_success" };
  return { raw: inst, value: clone(options.default), status: "extract_failure" };
}

/** Extract every response and count statuses (SciRIFF's `JSONParser.__call__`). */
export function extractAll(texts: readonly string[], options: ExtractOptions): { results: Extracted[]; counts: JsonCounts } {
  const counts: JsonCounts = { valid_json: 0, null_json: 0, extract_success: 0, extract_failure: 0, frac_success: 0 };
  const results = texts.map((t) => {
    const r = extractJson(t, options);
    counts[r.status]++;
    return r;
  });
  const total = counts.valid_json + counts.null_json + counts.extract_success + counts.extract_failure;
  counts.frac_success = total > 0 ? (counts.valid_json + counts.extract_success) / total : 0;
  return { results, counts };
}
