import { UserError } from "../../util/errors";
import { DEFAULT_METRICS, metricValue, type MetricName } from "./metrics";
import { filterExplicitNames, normalizePoints, votePoints } from "./points";

/** One grading of one generation (a row of a graded records.csv). */
export interface GradedItem {
  /** Combination index (row of the generation records). */
  combination: number;
  /** Generation round (the r in k3_s10_vdefault_r2). */
  generationRound: number;
  /** Grading round (the i in by_gpt-4_on_text_1_i_gpt). */
  gradingRound: number;
  /** Skill names in rubric order. */
  skills: string[];
  /** The grader's per-criterion points as parsed (any length). */
  points: number[];
  /** 1 when the answer is within the sentence limit by the original's sentence counter, else 0. */
  sentenceLimitPoint: number;
  /** The student's answer (needed by the explicit-name filter). */
  answer?: string;
}

export interface AggregateOptions {
  /** Number of skills; points are padded/truncated to k + 3. */
  k: number;
  /** A skill named in the answer loses its point (--filter_explicit_name). */
  filterExplicitName?: boolean;
  /** Drop combinations containing any of these skills (--filter_skills; names are stripped here). */
  filterSkills?: string[];
  /** Vote over grading rounds per point: "majority" (default; mean rounded half to even) or "average". */
  vote?: "majority" | "average";
  /** Combine generation rounds per combination: "max" (default) or "average". */
  acrossGenerations?: "max" | "average";
  metrics?: MetricName[];
  /** Keep the first n generations of each round (--num_generations_per_round, default 100). */
  maxPerRound?: number;
  /** Replace the grader's last point by the sentence counter's verdict (default true, as the original). */
  overrideSentenceLimit?: boolean;
  /**
   * Rounds with different combinations (an interrupted run): "available"
   * (default) votes over the grading rounds present and takes the max over
   * the generation rounds present, per combination; "common" keeps only
   * combinations graded in every round; "error" refuses (the original needs
   * a complete rectangle and fails otherwise).
   */
  incomplete?: "available" | "common" | "error";
}

/** Mean ± standard error of a metric over combinations. */
export interface MetricSummary {
  mean: number;
  /** Sample standard deviation (ddof = 1) / sqrt(n); NaN for n < 2. */
  se: number;
  sd: number;
  n: number;
}

export interface AggregateResult {
  k: number;
  /** Combinations that entered the means (after the skill filter). */
  combinations: number[];
  metrics: Partial<Record<MetricName, MetricSummary>>;
  /** Per combination (same order as `combinations`), after combining generation rounds. */
  perCombination: Partial<Record<MetricName, number[]>>;
  generationRounds: number[];
  gradingRounds: number[];
  /** Combinations left out by the skill filter. */
  filteredOut: number[];
  /** Human-readable notes on missing gradings and how they were handled. */
  notes: string[];
}

/** Voted point vectors per generation round and combination (the input of every metric). */
export interface VotedPoints {
  k: number;
  /** generation round -> combination -> voted points (length k + 3). */
  byRound: Map<number, Map<number, number[]>>;
  /** Skills of each combination. */
  skills: Map<number, string[]>;
  generationRounds: number[];
  gradingRounds: number[];
  notes: string[];
}

/**
 * Steps 1–2 of the original aggregation: normalise each grading's points to
 * k + 3, set the last point from the sentence counter, apply the
 * explicit-name filter, keep the first `maxPerRound` generations of each
 * round, and vote per point over the grading rounds.
 */
export function votePerGeneration(items: readonly GradedItem[], opts: AggregateOptions): VotedPoints {
  const k = opts.k;
  const maxPerRound = opts.maxPerRound ?? 100;
  const incomplete = opts.incomplete ?? "available";
  const notes: string[] = [];
  const cells = new Map<number, Map<number, Map<number, number[]>>>(); // g -> r -> c -> points
  const skills = new Map<number, string[]>();
  const gradingRounds = new Set<number>();
  for (const it of items) {
    if (it.skills.length !== k) throw new UserError("combination " + it.combination + " has " + it.skills.length + " skills, expected k = " + k);
    let p = normalizePoints(it.points, k);
    if (opts.overrideSentenceLimit ?? true) p[p.length - 1] = it.sentenceLimitPoint;
    if (opts.filterExplicitName) {
      if (it.answer === undefined) throw new UserError("the explicit-name filter needs the student's answer, which combination " + it.combination + " (generation round " + it.generationRound + ") does not have");
      p = filterExplicitNames(p, it.skills, it.answer);
    }
    if (!cells.has(it.generationRound)) cells.set(it.generationRound, new Map());
    const byR = cells.get(it.generationRound) as Map<number, Map<number, number[]>>;
    if (!byR.has(it.gradingRound)) byR.set(it.gradingRound, new Map());
    const byC = byR.get(it.gradingRound) as Map<number, number[]>;
    if (byC.has(it.combination)) throw new UserError("combination " + it.combination + " graded twice in generation round " + it.generationRound + ", grading round " + it.gradingRound);
    byC.set(it.combination, p);
    gradingRounds.add(it.gradingRound);
    if (!skills.has(it.combination)) skills.set(it.combination, it.skills);
  }
  const generationRounds = [...cells.keys()].sort((a, b) => a - b);
  const allRounds = [...gradingRounds].sort((a, b) => a - b);
  // Truncate each (g, r) cell to its first maxPerRound combinations.
  for (const byR of cells.values()) {
    for (const [r, byC] of byR) {
      const keep = [...byC.keys()].sort((a, b) => a - b).slice(0, maxPerRound);
      byR.set(r, new Map(keep.map((c) => [c, byC.get(c) as number[]])));
    }
  }
  const allCombs = [...skills.keys()].sort((a, b) => a - b);
  const missing: string[] = [];
  for (const g of generationRounds) {
    const byR = cells.get(g) as Map<number, Map<number, number[]>>;
    for (const r of allRounds) {
      const byC = byR.get(r);
      const lack = allCombs.filter((c) => !byC || !byC.has(c));
      if (lack.length) missing.push("generation round " + g + ", grading round " + r + ": combinations " + lack.join(", ") + " not graded");
    }
  }
  let combs = allCombs;
  if (missing.length) {
    if (incomplete === "error") throw new UserError("incomplete gradings (the original needs every round complete): " + missing.join("; "));
    if (incomplete === "common") {
      combs = allCombs.filter((c) => generationRounds.every((g) => allRounds.every((r) => cells.get(g)?.get(r)?.has(c))));
      notes.push(...missing, "kept only the " + combs.length + " combinations graded in every round");
    } else notes.push(...missing, "voted over the grading rounds present and combined the generation rounds present, per combination");
  }
  const byRound = new Map<number, Map<number, number[]>>();
  for (const g of generationRounds) {
    const byR = cells.get(g) as Map<number, Map<number, number[]>>;
    const out = new Map<number, number[]>();
    for (const c of combs) {
      const rounds = allRounds.map((r) => byR.get(r)?.get(c)).filter((p): p is number[] => p !== undefined);
      if (rounds.length) out.set(c, votePoints(rounds, opts.vote ?? "majority"));
    }
    byRound.set(g, out);
  }
  const keptSkills = new Map(combs.map((c) => [c, skills.get(c) as string[]]));
  return { k, byRound, skills: keptSkills, generationRounds, gradingRounds: allRounds, notes };
}

/**
 * The original aggregation end to end (aggregate_metrics.py): vote per point
 * over grading rounds, compute each metric per (generation round,
 * combination), combine generation rounds per combination (max by default),
 * then mean and standard error (sd with ddof = 1, over sqrt(n)) over the
 * combinations that survive the skill filter.
 */
export function aggregateSkillMix(items: readonly GradedItem[], opts: AggregateOptions): AggregateResult {
  const voted = votePerGeneration(items, opts);
  const metrics = opts.metrics ?? DEFAULT_METRICS;
  const filter = new Set((opts.filterSkills ?? []).map((s) => s.trim()).filter((s) => s.length > 0));
  const combs = [...voted.skills.keys()].sort((a, b) => a - b);
  const valid = combs.filter((c) => !(voted.skills.get(c) as string[]).some((s) => filter.has(s.trim())));
  const filteredOut = combs.filter((c) => !valid.includes(c));
  const result: AggregateResult = { k: opts.k, combinations: valid, metrics: {}, perCombination: {}, generationRounds: voted.generationRounds, gradingRounds: voted.gradingRounds, filteredOut, notes: voted.notes };
  for (const m of metrics) {
    const per = valid.map((c) => {
      const vals: number[] = [];
      for (const g of voted.generationRounds) {
        const p = voted.byRound.get(g)?.get(c);
        if (p) vals.push(metricValue(m, p, opts.k));
      }
      return (opts.acrossGenerations ?? "max") === "max" ? Math.max(...vals) : vals.reduce((a, b) => a + b, 0) / vals.length;
    });
    result.perCombination[m] = per;
    result.metrics[m] = meanAndSe(per);
  }
  return result;
}

/** Mean, sample sd (ddof = 1) and standard error; NaN where undefined. */
export function meanAndSe(xs: readonly number[]): MetricSummary {
  const n = xs.length;
  if (n === 0) return { mean: NaN, sd: NaN, se: NaN, n };
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  if (n < 2) return { mean, sd: NaN, se: NaN, n };
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  const sd = Math.sqrt(ss / (n - 1));
  return { mean, sd, se: sd / Math.sqrt(n), n };
}

/** Success rate of each skill: the share of (generation round, combination) pairs whose voted point for it is earned. */
export function perSkillRates(items: readonly GradedItem[], opts: AggregateOptions): { skill: string; rate: number; earned: number; n: number }[] {
  const voted = votePerGeneration(items, opts);
  const acc = new Map<string, { earned: number; n: number }>();
  for (const byC of voted.byRound.values()) {
    for (const [c, p] of byC) {
      (voted.skills.get(c) as string[]).forEach((s, i) => {
        const a = acc.get(s) ?? { earned: 0, n: 0 };
        a.earned += p[i];
        a.n += 1;
        acc.set(s, a);
      });
    }
  }
  return [...acc.entries()].map(([skill, a]) => ({ skill, rate: a.earned / a.n, earned: a.earned, n: a.n })).sort((x, y) => y.rate - x.rate || (x.skill < y.skill ? -1 : 1));
}
