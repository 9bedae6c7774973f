/**
 * Verdict parsing for the judge's output, which the judge prompt asks to end
 * with exactly one tag: `[[A]]` or `[[B]]`.
 *
 * Tags are matched exactly (`[[A]]`, `[[B]]`; upper case, no spaces inside).
 * Two rules are available:
 *
 * - "any" (default; the Self-Taught Evaluator's rule): the verdict is A when
 *   `[[A]]` occurs anywhere and `[[B]]` nowhere, B symmetrically. If both
 *   tags occur ANYWHERE — including a tag quoted inside the explanation
 *   ("... it does not deserve [[B]] ... [[A]]") — the verdict is invalid
 *   ("both"); if neither occurs it is invalid ("none"). Repeating the same
 *   tag is fine.
 * - "last-line": only the last non-empty line counts, and it must contain
 *   exactly one tag (optionally with other words such as "Final verdict:").
 *   Tags in the explanation above it are ignored. Both tags on the last line
 *   = "both"; no tag on it = "none".
 *
 * Empty or whitespace-only output is invalid with reason "empty" under both rules.
 */
export type VerdictRule = "any" | "last-line";

export type VerdictLetter = "A" | "B";

export type InvalidReason = "both" | "none" | "empty";

export interface ParsedVerdict {
  /** The chosen position, or null when invalid. */
  verdict: VerdictLetter | null;
  /** Why it is invalid (absent when valid). */
  invalid?: InvalidReason;
}

const TAG = /\[\[(A|B)\]\]/g;

function fromTags(text: string): ParsedVerdict {
  let a = false;
  let b = false;
  for (const m of text.matchAll(TAG)) {
    if (m[1] === "A") a = true;
    else b = true;
  }
  if (a && b) return { verdict: null, invalid: "both" };
  if (a) return { verdict: "A" };
  if (b) return { verdict: "B" };
  return { verdict: null, invalid: "none" };
}

/** Parse one judge output under `rule` (default "any"). */
export function parseVerdict(output: string | null | undefined, rule: VerdictRule = "any"): ParsedVerdict {
  const text = output ?? "";
  if (text.trim() === "") return { verdict: null, invalid: "empty" };
  if (rule === "any") return fromTags(text);
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "");
  return fromTags(lines[lines.length - 1]);
}

/** Counts of parse outcomes over many outputs. */
export interface VerdictTally {
  A: number;
  B: number;
  both: number;
  none: number;
  empty: number;
  total: number;
  /** (both + none + empty) / total. */
  invalidRate: number;
}

/** Tally parse outcomes. */
export function tallyVerdicts(parsed: ParsedVerdict[]): VerdictTally {
  const t: VerdictTally = { A: 0, B: 0, both: 0, none: 0, empty: 0, total: parsed.length, invalidRate: NaN };
  for (const p of parsed) {
    if (p.verdict) t[p.verdict]++;
    else t[p.invalid as InvalidReason]++;
  }
  t.invalidRate = t.total ? (t.both + t.none + t.empty) / t.total : NaN;
  return t;
}
