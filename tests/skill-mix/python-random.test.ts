import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PythonRandom, seedKey, bitLength, type PythonSeed } from "../../lib/random/python-random";

interface Case {
  kind: "int" | "str" | "bytes";
  seed: string | number[];
  random: number[];
  getrandbits: Record<string, string>;
  randbelow: number[];
  shuffle20: number[];
  sample_small: number[];
  sample_pool: number[];
  sample_set: number[];
  sample_counts: string[];
  choice: string[];
  randint: number[];
  randrange_step: number[];
  uniform: number[];
  choices: number[];
  choices_weighted: string[];
}

const fixture = JSON.parse(fs.readFileSync(path.join("tests", "fixtures", "skill-mix", "python_random.json"), "utf8")) as { python: string; cases: Case[] };

function seedOf(c: Case): PythonSeed {
  if (c.kind === "int") return BigInt(c.seed as string);
  if (c.kind === "bytes") return new Uint8Array(c.seed as number[]);
  return c.seed as string;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("PythonRandom matches CPython " + fixture.python, () => {
  for (const c of fixture.cases) {
    const label = c.kind + " seed " + JSON.stringify(c.seed);
    it(label + ": random()", () => {
      const r = new PythonRandom(seedOf(c));
      expect(c.random.map(() => r.random())).toEqual(c.random);
    });
    it(label + ": getrandbits", () => {
      const r = new PythonRandom(seedOf(c));
      for (const [k, v] of Object.entries(c.getrandbits)) expect(r.getrandbits(Number(k)).toString()).toBe(v);
    });
    it(label + ": _randbelow", () => {
      const r = new PythonRandom(seedOf(c));
      const ns = [1, 2, 3, 7, 10, 1000, 2 ** 31 + 11, 2 ** 40 + 3, 2 ** 53 - 1];
      expect(ns.map((n) => r.randbelow(n))).toEqual(c.randbelow);
    });
    it(label + ": shuffle and sample", () => {
      const r = new PythonRandom(seedOf(c));
      expect(r.shuffle(range(20))).toEqual(c.shuffle20);
      r.seed(seedOf(c));
      expect(r.sample(range(10), 5)).toEqual(c.sample_small);
      expect(r.sample(range(100), 10)).toEqual(c.sample_pool);
      expect(r.sample(range(1000), 30)).toEqual(c.sample_set);
      expect(r.sample(["a", "b", "c"], 6, [1, 3, 4])).toEqual(c.sample_counts);
    });
    it(label + ": choice, randint, randrange, uniform, choices", () => {
      const r = new PythonRandom(seedOf(c));
      expect(range(10).map(() => r.choice("abcdefg"))).toEqual(c.choice);
      expect(range(10).map(() => r.randint(1, 6))).toEqual(c.randint);
      expect([...range(5).map(() => r.randrange(0, 100, 7)), ...range(5).map(() => r.randrange(50, 0, -3))]).toEqual(c.randrange_step);
      expect(range(3).map(() => r.uniform(-2.5, 4.0))).toEqual(c.uniform);
      expect(r.choices(range(10), 6)).toEqual(c.choices);
      expect(r.choices(["x", "y", "z"], 6, { weights: [0.2, 0.5, 0.3] })).toEqual(c.choices_weighted);
    });
  }
});

describe("PythonRandom details", () => {
  it("number and bigint integer seeds agree; sign is ignored", () => {
    expect(new PythonRandom(42).random()).toBe(new PythonRandom(42n).random());
    expect(new PythonRandom(-42).random()).toBe(new PythonRandom(42).random());
  });
  it("seed key is the 32-bit little-endian words of |n|", () => {
    expect(seedKey(0)).toEqual([0]);
    expect(seedKey(2 ** 32)).toEqual([0, 1]);
    expect(seedKey(2n ** 64n + 5n)).toEqual([5, 0, 1]);
  });
  it("rejects seeds CPython would hash or that lose precision", () => {
    expect(() => new PythonRandom(1.5)).toThrow(/integer, string and bytes/);
    expect(() => new PythonRandom(2 ** 60)).toThrow(/bigint/);
  });
  it("getstate/setstate replays the stream", () => {
    const r = new PythonRandom("x");
    r.random();
    const s = r.getstate();
    const a = [r.random(), r.random()];
    r.setstate(s);
    expect([r.random(), r.random()]).toEqual(a);
  });
  it("errors like CPython on empty ranges", () => {
    const r = new PythonRandom(1);
    expect(() => r.choice([])).toThrow(/empty/);
    expect(() => r.randrange(0)).toThrow(/empty range/);
    expect(() => r.sample([1, 2], 3)).toThrow(/larger than population/);
    expect(() => r.randbelow(0)).toThrow(/positive/);
  });
  it("bitLength", () => {
    expect([1, 2, 3, 255, 256, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1].map(bitLength)).toEqual([1, 2, 2, 8, 9, 32, 33, 53]);
  });
});
