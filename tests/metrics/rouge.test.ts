import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { describeShared } from "../helpers/shared";
import { lcsLength, lcsLengthNaive, porterStem, rougeL, rougeLScore, rougeTokenize } from "../../lib/metrics/index";
import { seededRng } from "../../lib/random/seeded";

const FIX = path.join(process.cwd(), "tests", "fixtures", "metrics");

describe("rougeTokenize (rouge_score 0.1.2 tokenizer)", () => {
  it("lowercases, splits on non-[a-z0-9], stems only tokens longer than 3", () => {
    expect(rougeTokenize("Hello, World!! it's 1990s")).toEqual(["hello", "world", "it", "s", "1990s"]);
    expect(rougeTokenize("Hello, World!! it's 1990s", { stem: true })).toEqual(["hello", "world", "it", "s", "1990"]);
    // 'was' (3 chars) is not stemmed although Porter would give 'wa'; 'ties' (4) is.
    expect(rougeTokenize("was ties", { stem: true })).toEqual(["was", "tie"]);
  });
  it("treats non-ASCII letters as separators", () => {
    expect(rougeTokenize("café naïve")).toEqual(["caf", "na", "ve"]);
    // Python's lower() maps U+0130 to 'i' + combining dot: the 'i' survives.
    expect(rougeTokenize("İstanbul")).toEqual(["i", "stanbul"]);
    expect(rougeTokenize("日本語")).toEqual([]);
  });
  it("gives no tokens for empty and punctuation-only text", () => {
    expect(rougeTokenize("")).toEqual([]);
    expect(rougeTokenize("  ?!... --- ")).toEqual([]);
  });
});

describe("rougeL (hand-computed)", () => {
  it("scores LCS-based F", () => {
    // LCS(the quick brown fox, the fast brown fox) = 3 of 4 each way.
    expect(rougeL("the quick brown fox", "the fast brown fox")).toBeCloseTo(0.75, 15);
    // pred [the cat sat on the mat] ref [the cat was on a mat]: LCS 4, P 4/6, R 4/6.
    expect(rougeL("the cat sat on the mat", "the cat was on a mat")).toBeCloseTo(2 / 3, 15);
  });
  it("uses stemming by default and can switch it off", () => {
    // stemmed: [run, dog] vs [the, dog, run]: LCS 1, P 1/2, R 1/3, F 0.4.
    expect(rougeL("running dogs", "the dog runs")).toBeCloseTo(0.4, 15);
    expect(rougeL("running dogs", "the dog runs", { stem: false })).toBe(0);
    const s = rougeLScore("running dogs", "the dog runs");
    expect(s.precision).toBeCloseTo(0.5, 15);
    expect(s.recall).toBeCloseTo(1 / 3, 15);
  });
  it("handles non-ASCII (café -> caf vs cafe kept by the stemmer)", () => {
    // [caf, au, lait] vs [cafe, au, lait]: LCS 2 -> F 2/3.
    expect(rougeL("café au lait", "cafe au lait")).toBeCloseTo(2 / 3, 15);
  });
  it("is 0 when either side has no tokens", () => {
    expect(rougeL("", "")).toBe(0);
    expect(rougeL("", "abc")).toBe(0);
    expect(rougeL("!!!", "!!!")).toBe(0);
    expect(rougeL("abc", "...")).toBe(0);
  });
  it("takes the maximum over references", () => {
    expect(rougeL("a b", ["c", "a b"])).toBe(1);
    expect(rougeL("a b", ["c d", "b"])).toBeCloseTo(2 / 3, 15);
    expect(() => rougeL("a", [])).toThrow(/no reference/);
  });
});

describe("porterStem (NLTK_EXTENSIONS mode)", () => {
  // Porter (1980) examples whose NLTK stems are unchanged by the extensions, plus
  // NLTK's own special cases (irregular pool, -ies/-ied on 4-letter words, y -> i, logi).
  const cases: Record<string, string> = {
    caresses: "caress", ponies: "poni", ties: "tie", caress: "caress", cats: "cat", feed: "feed", agreed: "agre",
    plastered: "plaster", bled: "bled", motoring: "motor", sing: "sing", conflated: "conflat", troubled: "troubl",
    sized: "size", hopping: "hop", tanned: "tan", falling: "fall", hissing: "hiss", fizzed: "fizz", failing: "fail",
    filing: "file", happy: "happi", sky: "sky", relational: "relat", conditional: "condit", rational: "ration",
    valenci: "valenc", digitizer: "digit", conformabli: "conform", radicalli: "radic", differentli: "differ",
    vileli: "vile", analogousli: "analog", vietnamization: "vietnam", predication: "predic", operator: "oper",
    feudalism: "feudal", decisiveness: "decis", hopefulness: "hope", callousness: "callous", formaliti: "formal",
    sensitiviti: "sensit", sensibiliti: "sensibl", triplicate: "triplic", formative: "form", formalize: "formal",
    electriciti: "electr", electrical: "electr", hopeful: "hope", goodness: "good", revival: "reviv",
    allowance: "allow", inference: "infer", airliner: "airlin", gyroscopic: "gyroscop", adjustable: "adjust",
    defensible: "defens", irritant: "irrit", replacement: "replac", adjustment: "adjust", dependent: "depend",
    adoption: "adopt", homologou: "homolog", communism: "commun", activate: "activ", angulariti: "angular",
    homologous: "homolog", effective: "effect", bowdlerize: "bowdler", probate: "probat", rate: "rate",
    cease: "ceas", controll: "control", roll: "roll",
    running: "run", generously: "gener", dying: "die", lying: "lie", tying: "tie", flies: "fli", dies: "die",
    spied: "spi", died: "die", enjoy: "enjoy", news: "news", innings: "inning", proceed: "proceed",
    exceed: "exceed", skies: "sky", organization: "organ", generalization: "gener", university: "univers",
    was: "wa", this: "thi", is: "is", geology: "geolog", meeting: "meet", sentences: "sentenc",
  };
  it("matches known stems", () => {
    const got: Record<string, string> = {};
    for (const w of Object.keys(cases)) got[w] = porterStem(w);
    expect(got).toEqual(cases);
  });
  it("matches the independent python implementation on the self_instruct vocabulary", () => {
    const file = path.join(FIX, "porter_self_instruct_vocab.json");
    const vocab = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
    const words = Object.keys(vocab);
    expect(words.length).toBeGreaterThan(5000);
    const bad = words.filter((w) => porterStem(w) !== vocab[w]);
    expect(bad).toEqual([]);
  });
});

describe("lcsLength (bit-parallel)", () => {
  it("agrees with the quadratic table on random sequences, across word boundaries", () => {
    const rng = seededRng(7);
    for (let k = 0; k < 500; k++) {
      const alpha = 1 + rng.int(6);
      const a = Array.from({ length: rng.int(140) }, () => "t" + rng.int(alpha));
      const b = Array.from({ length: rng.int(140) }, () => "t" + rng.int(alpha));
      expect(lcsLength(a, b)).toBe(lcsLengthNaive(a, b));
    }
  });
  it("handles exact multiples of 32 and empty input", () => {
    const a = Array.from({ length: 64 }, (_, i) => String(i % 3));
    expect(lcsLength(a, a)).toBe(64);
    expect(lcsLength([], a)).toBe(0);
  });
});

describeShared("rougeL on the real self_instruct pairs", "self_instruct/predictions", (dir) => {
  it("agrees with the reference values to 1e-9 (stemmed and not)", () => {
    const ref = JSON.parse(fs.readFileSync(path.join(FIX, "rouge_self_instruct.json"), "utf8")) as {
      files: Record<string, { stem: number[]; nostem: number[] }[]>;
    };
    let n = 0;
    let maxErr = 0;
    for (const [name, rows] of Object.entries(ref.files)) {
      const lines = fs.readFileSync(path.join(dir, name), "utf8").split("\n").filter((l) => l.trim());
      expect(lines.length).toBe(rows.length);
      lines.forEach((line, i) => {
        const d = JSON.parse(line) as { response: string; target: string };
        const s = rougeLScore(d.response, d.target, { stem: true });
        const u = rougeLScore(d.response, d.target, { stem: false });
        const got = [s.precision, s.recall, s.fmeasure, u.precision, u.recall, u.fmeasure];
        const want = [...rows[i].stem, ...rows[i].nostem];
        for (let k = 0; k < 6; k++) maxErr = Math.max(maxErr, Math.abs(got[k] - want[k]));
        n++;
      });
    }
    expect(n).toBe(2016);
    expect(maxErr).toBeLessThanOrEqual(1e-9);
  });
});
