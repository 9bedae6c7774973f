import { PythonRandom, type PythonSeed } from "../../random/python-random";

/** One planned generation: a topic and k skills in the order given to the student. */
export interface Combination {
  /** Index of the skill combination (the original's `idx`, the row of records.csv). */
  index: number;
  /** Index of the topic among the combination's topics (0 unless numTopics > 1). */
  topicIndex: number;
  topic: string;
  /** Skill names in generation order (after the per-generation shuffle). */
  skills: string[];
}

export interface SamplingOptions {
  /** Number of skills per combination. */
  k: number;
  /** Seed of the combination draw (the original's --seed, an integer). */
  seed: number | bigint;
  /** Combinations to draw (--num_combinations); <= 0 means every k-subset in sorted order. */
  numCombinations: number;
  /** Experiment path string (--exp_path, "test" in the released runs): seeds the order shuffle. */
  expPath: PythonSeed;
  /** Topics per combination (--num_topics, default 1). */
  numTopics?: number;
  /** One topic draw shared by all combinations (--fix_topics). */
  fixTopics?: boolean;
  /** Keep only the first n skills of the list (--skill_list_len; <= 0: all). */
  skillListLen?: number;
  /** Largest number of combinations "all subsets" mode may produce (default 1e6). */
  maxCombinations?: number;
}

/**
 * Reproduce the original `query_random.py` draw exactly:
 *
 * 1. `random.seed(seed)`; for each of `numCombinations` combinations, shuffle
 *    the whole (cumulatively shuffled) skill list in place and take its first
 *    k entries;
 * 2. then, after all skill draws, for each combination shuffle the topic list
 *    in place and take its first `numTopics` topics (once only with fixTopics);
 * 3. `random.seed(expPath)` (a string seed: SHA-512, CPython version 2); then
 *    before each generation shuffle that combination's skills in place: this
 *    is the order in which the skills appear in the prompts and records.
 *
 * With numCombinations <= 0 the original enumerates `sorted(combinations(...))`
 * (then fails on `random.shuffle` of a tuple); here the subsets are copied to
 * arrays so the mode works, in the same sorted order (code-point order).
 */
export function sampleCombinations(skillNames: readonly string[], topicList: readonly string[], opts: SamplingOptions): Combination[] {
  const { k } = opts;
  if (!Number.isInteger(k) || k < 1) throw new RangeError("k must be a positive integer, got " + k);
  let skills = [...skillNames];
  const rng = new PythonRandom(opts.seed);
  if (opts.skillListLen !== undefined && opts.skillListLen > 0) skills = skills.slice(0, opts.skillListLen);
  if (k > skills.length) throw new RangeError("k = " + k + " is larger than the number of skills (" + skills.length + ")");
  const combs: string[][] = [];
  if (opts.numCombinations > 0) {
    for (let i = 0; i < opts.numCombinations; i++) {
      rng.shuffle(skills);
      combs.push(skills.slice(0, k));
    }
  } else {
    for (const c of sortedCombinations(skills, k, opts.maxCombinations ?? 1e6)) combs.push(c);
  }
  const topics = [...topicList];
  const numTopics = opts.numTopics ?? 1;
  if (topics.length === 0) throw new RangeError("the topic list is empty");
  const topicsPerComb: string[][] = [];
  if (opts.fixTopics) {
    rng.shuffle(topics);
    const fixed = topics.slice(0, numTopics);
    for (let i = 0; i < combs.length; i++) topicsPerComb.push(fixed);
  } else {
    for (let i = 0; i < combs.length; i++) {
      rng.shuffle(topics);
      topicsPerComb.push(topics.slice(0, numTopics));
    }
  }
  rng.seed(opts.expPath);
  const out: Combination[] = [];
  combs.forEach((comb, index) => {
    topicsPerComb[index].forEach((topic, topicIndex) => {
      rng.shuffle(comb);
      out.push({ index, topicIndex, topic, skills: [...comb] });
    });
  });
  return out;
}

/** Python's `sorted(itertools.combinations(elements, k))` (tuples compared element-wise, strings by code point). */
export function sortedCombinations(elements: readonly string[], k: number, max = Infinity): string[][] {
  const out: string[][] = [];
  const n = elements.length;
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > n) return out;
  for (;;) {
    out.push(idx.map((i) => elements[i]));
    if (out.length > max) throw new RangeError("more than " + max + " combinations; draw a number of them instead");
    let i = k - 1;
    while (i >= 0 && idx[i] === i + n - k) i--;
    if (i < 0) break;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
  return out.sort(compareTuples);
}

function compareTuples(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareCodePoints(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Compare strings by Unicode code point (Python's str ordering). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
