import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { NumpyRandomState } from "../../lib/random/numpy-random";
import { groupSplit, leaveOneCategoryOut, randomSplit } from "../../lib/studies/perf-pred/splits";

const fx = JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "perf-pred", "numpy_random.json"), "utf8"));

describe("NumpyRandomState (legacy MT19937)", () => {
  it("reproduces permutation() for int seeds", () => {
    for (const c of fx.permutation) {
      const rs = new NumpyRandomState(c.seed);
      expect(rs.permutation(c.n)).toEqual(c.perm);
    }
  });
  it("reproduces random_sample, randint and standard_normal", () => {
    for (const c of fx.sample) {
      const rs = new NumpyRandomState(c.seed);
      expect(Array.from({ length: 8 }, () => rs.randomSample())).toEqual(c.values);
    }
    for (const c of fx.randint) {
      const rs = new NumpyRandomState(c.seed);
      const got = [...Array.from({ length: 10 }, () => rs.randint(0, 7)), ...Array.from({ length: 5 }, () => rs.randint(3, 3000000000))];
      expect(got).toEqual(c.values);
    }
    for (const c of fx.normal) {
      const rs = new NumpyRandomState(c.seed);
      const got = Array.from({ length: 7 }, () => rs.standardNormal());
      got.forEach((g, i) => expect(Math.abs(g - c.values[i])).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(c.values[i]))));
    }
  });
  it("seeds from an array with init_by_array", () => {
    const rs = new NumpyRandomState(fx.array_seed.seed);
    expect(Array.from({ length: 5 }, () => rs.nextUint32())).toEqual(fx.array_seed.uint32);
  });
  it("rejects out-of-range seeds", () => {
    expect(() => new NumpyRandomState(-1)).toThrow(/Seed/);
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(/Seed/);
  });
});

describe("randomSplit (original perf-pred split)", () => {
  it("gives the published indices for seed 42, n = 119", () => {
    const s = randomSplit(119, 42);
    expect(s.test).toEqual([45, 0, 97, 64, 96, 88, 73, 18, 117, 11, 4, 26]);
    expect(s.dev).toEqual([110, 42, 40, 31, 56, 89, 112, 10, 95, 53, 90, 69]);
    expect(s.train.length).toBe(95);
  });
  it("matches numpy for seeds 42-51 and partitions the items", () => {
    for (const c of fx.splits) {
      const s = randomSplit(119, c.seed);
      expect({ train: s.train, dev: s.dev, test: s.test }).toEqual({ train: c.train, dev: c.dev, test: c.test });
      expect([...s.train, ...s.dev, ...s.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 119 }, (_, i) => i));
    }
  });
});

describe("groupSplit and leaveOneCategoryOut", () => {
  it("keeps all rows of a group on one side", () => {
    const groups = Array.from({ length: 60 }, (_, i) => "task" + (i % 20));
    const s = groupSplit(groups, 42);
    const side = new Map<string, string>();
    for (const k of ["train", "dev", "test"] as const) for (const i of s[k]) {
      const prev = side.get(groups[i]);
      expect(prev === undefined || prev === k).toBe(true);
      side.set(groups[i], k);
    }
    expect(s.train.length + s.dev.length + s.test.length).toBe(60);
    // 20 groups: eval 4 groups = 12 rows, test 2 groups = 6 rows.
    expect(s.test.length).toBe(6);
  });
  it("holds out exactly one category", () => {
    const cats = ["a", "b", "a", "c", ["b", "a"], "c", "c", "b", "c", "c"];
    const s = leaveOneCategoryOut(cats, "a", 1);
    expect(s.test).toEqual([0, 2, 4]);
    expect(s.dev.length).toBe(1);
    expect([...s.dev, ...s.train].sort((a, b) => a - b)).toEqual([1, 3, 5, 6, 7, 8, 9]);
    expect(() => leaveOneCategoryOut(cats, "zzz", 1)).toThrow(/no item/);
  });
});
