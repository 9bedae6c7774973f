/**
 * ROUGE-L throughput on every (response, target) pair of the self_instruct
 * predictions (8 models x 252 instructions), stemmed, and the ratio against
 * a naive implementation with a full quadratic LCS table (as rouge_score
 * computes it), measured in the same run on the same token lists.
 *
 *   npx tsx bench/rouge.ts [--rounds N]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { sharedDataDir } from "../lib/io/paths";
import { lcsLength, lcsLengthNaive, rougeL, rougeTokenize } from "../lib/metrics/index";

const shared = sharedDataDir();
if (!shared) {
  console.error("bench/rouge: ../shared/data is absent; nothing to measure");
  process.exit(1);
}
const roundsArg = process.argv.indexOf("--rounds");
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;
const dir = path.join(shared, "self_instruct", "predictions");
const pairs: { pred: string; ref: string }[] = [];
for (const f of fs.readdirSync(dir).sort()) {
  for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as { response: string; target: string };
    pairs.push({ pred: d.response, ref: d.target });
  }
}

function time(fn: () => number): { ms: number; check: number } {
  let best = Infinity;
  let check = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    check = fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms < best) best = ms;
  }
  return { ms: best, check };
}

// 1. End to end (tokenize + stem + LCS + F), as a user calls it.
const full = time(() => pairs.reduce((s, p) => s + rougeL(p.pred, p.ref, { stem: true }), 0));
// 1b. The same end to end with the quadratic-table LCS (rouge_score's algorithm).
const fullNaive = time(() =>
  pairs.reduce((s, p) => {
    const a = rougeTokenize(p.ref, { stem: true });
    const b = rougeTokenize(p.pred, { stem: true });
    if (!a.length || !b.length) return s;
    const l = lcsLengthNaive(a, b);
    const pr = l / b.length;
    const rc = l / a.length;
    return s + (pr + rc > 0 ? (2 * pr * rc) / (pr + rc) : 0);
  }, 0),
);
if (Math.abs(fullNaive.check - full.check) > 1e-9) throw new Error("end-to-end totals differ");
// 2. LCS only, ours vs the quadratic table, on pre-tokenised pairs.
const toks = pairs.map((p) => [rougeTokenize(p.ref, { stem: true }), rougeTokenize(p.pred, { stem: true })] as const);
const ours = time(() => toks.reduce((s, [a, b]) => s + lcsLength(a, b), 0));
const naive = time(() => toks.reduce((s, [a, b]) => s + lcsLengthNaive(a, b), 0));
if (ours.check !== naive.check) throw new Error("LCS totals differ: " + ours.check + " vs " + naive.check);
const maxLen = Math.max(...toks.map(([a, b]) => Math.max(a.length, b.length)));
console.log(`pairs: ${pairs.length} (longest ${maxLen} tokens), best of ${rounds} rounds`);
console.log(`rougeL (stemmed, end to end): ${(pairs.length / (full.ms / 1000)).toFixed(0)} pairs/s  (mean F x100 = ${((100 * full.check) / pairs.length).toFixed(4)})`);
console.log(`rougeL with a quadratic-table LCS, end to end: ${(pairs.length / (fullNaive.ms / 1000)).toFixed(0)} pairs/s; ratio ours / naive: ${(fullNaive.ms / full.ms).toFixed(2)}x`);
console.log(`LCS bit-parallel: ${(pairs.length / (ours.ms / 1000)).toFixed(0)} pairs/s; quadratic table: ${(pairs.length / (naive.ms / 1000)).toFixed(0)} pairs/s`);
console.log(`ratio LCS bit-parallel / quadratic table: ${(naive.ms / ours.ms).toFixed(2)}x faster`);
