import { InputError } from "../../util/errors";

/** How a task's per-sample log-likelihood responses are read. */
export type TaskKind = "multiple_choice" | "single_target";

/** The original's list of multiple-choice tasks (exact names). */
const MC_TASKS = new Set([
  "arc_easy", "arc_challenge", "hellaswag", "logiqa", "logiqa2", "mathqa", "mc_taco", "openbookqa", "piqa", "prost",
  "pubmedqa", "qasper_bool", "race", "sciq", "social_iqa", "swag", "winogrande", "xwinograd_en",
]);
/** Prefixes of multiple-choice task families in the original. */
const MC_PREFIXES = ["anli", "advanced_ai_risk", "ethics", "mmlu", "persona", "sycophancy"];
/** Tasks whose single response is the log-likelihood of the one target string. */
const SINGLE_TARGET = new Set(["asdiv", "lambada_openai", "lambada_standard"]);

/**
 * The kind of a task as the original study treats it, or undefined for a task
 * it does not score from log-likelihoods (generation tasks, perplexity tasks
 * and unknown names: the original raises or writes NaN there).
 */
export function taskKind(task: string): TaskKind | undefined {
  if (MC_TASKS.has(task) || MC_PREFIXES.some((p) => task.startsWith(p))) return "multiple_choice";
  if (SINGLE_TARGET.has(task)) return "single_target";
  return undefined;
}

/** The parts of a log_samples row used to find the target. */
export interface TargetRow {
  target: unknown;
  doc?: unknown;
  /** Continuation strings of the choices (arguments[i][1]). */
  continuations: string[];
}

/**
 * Index of the correct choice, as the original study derives it:
 * - default: the row's `target` (an integer index; integer strings accepted;
 *   extension: a text target equal to exactly one choice, as lm-eval resolves it);
 * - anli*: `target` is a label string ("True", "Neither", "False"): the one
 *   choice whose continuation ends with it (exactly one must match);
 * - pubmedqa: `target` is "yes" / "no" / "maybe": the one choice whose
 *   continuation equals " " + target;
 * - winogrande, xwinograd_en: `doc.answer` (1-based, "1" or "2") − 1 (the
 *   logged `target` is not the choice index for these partial-scoring tasks).
 * Anything else is an InputError at `where`.
 */
export function targetIndex(task: string, row: TargetRow, where: { file: string; line?: number }): number {
  const n = row.continuations.length;
  const check = (i: number, field: string): number => {
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new InputError({ ...where, field }, "target index " + i + " is outside 0.." + (n - 1));
    return i;
  };
  if (task.startsWith("anli")) {
    if (typeof row.target !== "string") throw new InputError({ ...where, field: "target" }, "anli expects a label string target, found " + JSON.stringify(row.target));
    const label = row.target;
    const hits = row.continuations.map((c, i) => (c.endsWith(label) ? i : -1)).filter((i) => i >= 0);
    if (hits.length !== 1) throw new InputError({ ...where, field: "target" }, "expected exactly one choice ending with '" + label + "', found " + hits.length);
    return hits[0];
  }
  if (task === "pubmedqa") {
    if (typeof row.target !== "string") throw new InputError({ ...where, field: "target" }, "pubmedqa expects a yes/no/maybe target, found " + JSON.stringify(row.target));
    const want = " " + row.target;
    const hits = row.continuations.map((c, i) => (c === want ? i : -1)).filter((i) => i >= 0);
    if (hits.length !== 1) throw new InputError({ ...where, field: "target" }, "expected exactly one choice equal to '" + want + "', found " + hits.length);
    return hits[0];
  }
  if (task === "winogrande" || task === "xwinograd_en") {
    const doc = row.doc as Record<string, unknown> | undefined;
    const ans = doc && typeof doc === "object" ? doc.answer : undefined;
    const v = typeof ans === "number" ? ans : typeof ans === "string" && /^\s*\d+\s*$/.test(ans) ? Number(ans) : NaN;
    if (!Number.isInteger(v)) throw new InputError({ ...where, field: "doc.answer" }, "expected the 1-based answer (\"1\" or \"2\"), found " + JSON.stringify(ans));
    return check(v - 1, "doc.answer");
  }
  const t = row.target;
  if (typeof t === "string" && !/^\s*\d+\s*$/.test(t)) {
    // lm-eval resolves a text target to its choice (choices.index(gold)); the original assumed integers
    const hits = row.continuations.map((c, i) => (c === t || c === " " + t ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 1) return hits[0];
    throw new InputError({ ...where, field: "target" }, "expected an integer choice index or the text of exactly one choice, found " + JSON.stringify(t));
  }
  const v = typeof t === "number" ? t : typeof t === "string" ? Number(t) : NaN;
  if (!Number.isInteger(v)) throw new InputError({ ...where, field: "target" }, "expected an integer choice index, found " + JSON.stringify(t));
  return check(v, "target");
}
