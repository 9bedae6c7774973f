import { parsePyJson } from "../pyjson/parse";

/**
 * How to scan mixed text for an embedded JSON value.
 * - "string-aware" (default, a deliberate fix): brackets inside JSON strings
 *   of a candidate are not counted, and a closing bracket outside any
 *   candidate is ignored.
 * - "original": SciRIFF's `JSONParser._find_json` exactly: every bracket
 *   character counts, even inside strings, and a stray closing bracket
 *   drives the depth negative (which can hide every later candidate).
 */
export type ScanMode = "string-aware" | "original";

/** Result of {@link findJson}: the first candidate that parses, or none. */
export type FindJsonResult = { found: true; value: unknown; start: number; end: number } | { found: false };

/**
 * Find the first balanced `{...}` (kind "object") or `[...]` (kind "array")
 * in `text` that Python's json.loads accepts. A candidate that fails to
 * parse is abandoned and the scan continues after it.
 */
export function findJson(text: string, kind: "object" | "array", mode: ScanMode = "string-aware"): FindJsonResult {
  const open = kind === "object" ? "{" : "[";
  const close = kind === "object" ? "}" : "]";
  const aware = mode === "string-aware";
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (aware && depth > 0) {
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') {
        inString = true;
        continue;
      }
    }
    if (c === open) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === close) {
      if (aware && depth === 0) continue;
      depth--;
      if (depth === 0 && start !== -1) {
        const r = parsePyJson(text.slice(start, i + 1));
        if (r.ok) return { found: true, value: r.value, start, end: i + 1 };
        start = -1;
      }
    }
  }
  return { found: false };
}
