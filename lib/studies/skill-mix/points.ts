import { pyStrip } from "./py-compat";

/**
 * Bring a grader's points to length k + 3 as the original does: no points →
 * all zeros; too many → truncated; too few → padded with zeros.
 */
export function normalizePoints(points: readonly number[], k: number): number[] {
  const max = k + 3;
  if (points.length === 0) return new Array<number>(max).fill(0);
  if (points.length > max) return points.slice(0, max);
  return [...points, ...new Array<number>(max - points.length).fill(0)];
}

/**
 * The explicit-name filter: a skill whose name (the part before any "(",
 * stripped, lower-cased) occurs in the lower-cased answer loses its point.
 * Returns a new vector.
 */
export function filterExplicitNames(points: readonly number[], skills: readonly string[], answer: string): number[] {
  const text = pyStrip(answer).toLowerCase();
  const out = [...points];
  skills.forEach((skill, i) => {
    const name = pyStrip(skill.split("(")[0]).toLowerCase();
    if (i < out.length && text.includes(name)) out[i] = 0;
  });
  return out;
}

/** Python's round-half-to-even (numpy.rint) for finite numbers. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Per-point vote over grading rounds: majority (mean rounded half to even) or plain mean. */
export function votePoints(rounds: readonly (readonly number[])[], method: "majority" | "average" = "majority"): number[] {
  if (rounds.length === 0) throw new RangeError("votePoints: no grading rounds");
  const len = rounds[0].length;
  const out: number[] = [];
  for (let i = 0; i < len; i++) {
    let s = 0;
    for (const r of rounds) s += r[i];
    const mean = s / rounds.length;
    out.push(method === "majority" ? roundHalfEven(mean) : mean);
  }
  return out;
}
