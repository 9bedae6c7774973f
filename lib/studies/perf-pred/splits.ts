import { NumpyRandomState } from "../../random/numpy-random";

/** Index sets of one train/dev/test split. */
export interface Split {
  train: number[];
  dev: number[];
  test: number[];
  /** Human label: "seed 42", "category Question Answering", ... */
  label: string;
}

/** Sizes of the random split. */
export interface RandomSplitOptions {
  /** Items held out for dev + test (default: ceil(0.2 n), i.e. 24 of 119 as in the original). */
  evalSize?: number;
  /** Of the held-out items, how many go to test (default floor(evalSize / 2): 12). */
  testSize?: number;
}

/**
 * The original study's random split: `np.random.seed(seed)`;
 * `p = permutation(n)`; eval = p[:evalSize], train = p[evalSize:];
 * `q = permutation(evalSize)`; test = eval[q[:testSize]], dev = eval[q[testSize:]].
 * With n = 119 and seeds 42–51 this reproduces its indices exactly.
 */
export function randomSplit(n: number, seed: number, options: RandomSplitOptions = {}): Split {
  const evalSize = options.evalSize ?? Math.ceil(0.2 * n);
  const testSize = options.testSize ?? Math.floor(evalSize / 2);
  if (!Number.isInteger(n) || n < 3) throw new RangeError("a split needs at least 3 items, got " + n);
  if (evalSize < 2 || evalSize >= n) throw new RangeError("evalSize must be in [2, n), got " + evalSize);
  if (testSize < 1 || testSize >= evalSize) throw new RangeError("testSize must be in [1, evalSize), got " + testSize);
  const rs = new NumpyRandomState(seed);
  const p = rs.permutation(n);
  const ev = p.slice(0, evalSize);
  const train = p.slice(evalSize);
  const q = rs.permutation(evalSize);
  return { train, test: q.slice(0, testSize).map((i) => ev[i]), dev: q.slice(testSize).map((i) => ev[i]), label: "seed " + seed };
}

/**
 * Split by group (e.g. by task when there are several rows per task): the
 * distinct groups, in order of first appearance, are split as
 * {@link randomSplit} splits items, and every row follows its group.
 */
export function groupSplit(groups: readonly string[], seed: number, options: RandomSplitOptions = {}): Split {
  const names: string[] = [];
  const index = new Map<string, number>();
  for (const g of groups) if (!index.has(g)) index.set(g, names.push(g) - 1);
  const s = randomSplit(names.length, seed, options);
  const side = new Array<"train" | "dev" | "test">(names.length);
  for (const i of s.train) side[i] = "train";
  for (const i of s.dev) side[i] = "dev";
  for (const i of s.test) side[i] = "test";
  const out: Split = { train: [], dev: [], test: [], label: "by group, seed " + seed };
  groups.forEach((g, i) => out[side[index.get(g) as number]].push(i));
  return out;
}

/**
 * Leave-one-category-out: test = the items of `category`; the other items
 * are permuted (numpy legacy, `seed`) and the first ceil(devFraction * rest)
 * become dev, the remainder train. Items may have several categories
 * (`string[]`): an item belongs to the test side if any of them matches.
 */
export function leaveOneCategoryOut(categories: readonly (string | readonly string[])[], category: string, seed: number, devFraction = 0.1): Split {
  const test: number[] = [];
  const rest: number[] = [];
  categories.forEach((c, i) => ((typeof c === "string" ? c === category : c.includes(category)) ? test : rest).push(i));
  if (test.length === 0) throw new RangeError("no item has category '" + category + "'");
  if (rest.length < 2) throw new RangeError("category '" + category + "' leaves fewer than 2 items for train/dev");
  const q = new NumpyRandomState(seed).permutation(rest.length);
  const nDev = Math.min(rest.length - 1, Math.max(1, Math.ceil(devFraction * rest.length)));
  return { test, dev: q.slice(0, nDev).map((i) => rest[i]), train: q.slice(nDev).map((i) => rest[i]), label: "category " + category };
}

/** Every category once, in order of first appearance (for leave-one-category-out loops). */
export function distinctCategories(categories: readonly (string | readonly string[])[]): string[] {
  const out: string[] = [];
  for (const c of categories) for (const x of typeof c === "string" ? [c] : c) if (!out.includes(x)) out.push(x);
  return out;
}

/** The original seeds: 42, 43, ..., 51. */
export const ORIGINAL_SEEDS: readonly number[] = [42, 43, 44, 45, 46, 47, 48, 49, 50, 51];
