/**
 * Per-sample correlations with compute at the scale of a real benchmark:
 * 10,000 samples × 9 models × 3 methods (Pearson, Spearman, Kendall tau-b)
 * × 7 metrics, each (metric, method) followed by the distribution summary of
 * the original study (ECDF AUC, Wasserstein / energy distances, KS, moments).
 *
 *   npx tsx bench/correlations.ts [--samples 10000] [--python-samples 1000] [--no-python]
 *
 * The scores are a seeded simulated family (lib/studies/correlations/simulate).
 * When python3 with numpy and scipy is available, the same computation runs in
 * a subprocess with scipy.stats.pearsonr/spearmanr/kendalltau per sample (as
 * the original's loop) and the same summary statistics, on the same numbers
 * (passed as a binary file); the results are compared and the time ratio is
 * printed. scipy's per-call overhead makes the full loop take minutes, so by
 * default scipy runs on the first 1,000 samples (--python-samples N; give
 * the sample count for the full run) and its time is scaled by samples / N
 * (printed as extrapolated; the scipy loop is linear in the samples).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { simulateFamily, simulatedScoreMatrices } from "../lib/studies/correlations/simulate";
import { correlateColumns } from "../lib/stats/correlate-columns";
import { summarizeCorrelations } from "../lib/stats/correlation-summary";
import { CORRELATION_METHODS } from "../lib/stats/correlation";
import { orientScore } from "../lib/studies/correlations/metrics";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf("--" + name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}
const SAMPLES = arg("samples", 10_000);
const PY_SAMPLES = Math.min(SAMPLES, arg("python-samples", 1000));
const NO_PYTHON = process.argv.includes("--no-python");
const METRICS = ["log_prob_vocab_correct", "prob_vocab_correct", "prob_vocab_choices", "prob_choices_correct", "brier_score", "acc", "acc_norm"];

const sim = simulateFamily({ samples: SAMPLES, seed: 42 });
const mats = simulatedScoreMatrices(sim).filter((m) => METRICS.includes(m.metric));
const nm = sim.models.length;
const x = Float64Array.from(sim.models, (m) => Math.log10(m.compute));
const oriented = mats.map((m) => Float64Array.from(m.values, (v) => orientScore(m.metric, v)));

function runTs(): { ms: number; results: Float64Array[] } {
  const t0 = performance.now();
  const results: Float64Array[] = [];
  for (let k = 0; k < mats.length; k++) {
    for (const method of CORRELATION_METHODS) {
      const c = correlateColumns(method, x, oriented[k], nm, SAMPLES);
      summarizeCorrelations(c);
      results.push(c);
    }
  }
  return { ms: performance.now() - t0, results };
}

runTs(); // warm-up (JIT)
const runs = [runTs(), runTs(), runTs()];
const tsMs = Math.min(...runs.map((r) => r.ms));
const tsResults = runs[0].results;
const cells = SAMPLES * mats.length * CORRELATION_METHODS.length;
console.log(`TypeScript: ${cells.toLocaleString("en")} correlations (${SAMPLES} samples × ${nm} models × 3 methods × ${mats.length} metrics) + ${mats.length * 3} summaries: ${(tsMs / 1000).toFixed(3)} s (best of 3; ${((tsMs * 1000) / cells).toFixed(2)} µs per correlation)`);

const PY = `
import sys, time, warnings, json
import numpy as np, scipy.stats as st
warnings.simplefilter("ignore")
path, nm, ns, nk, use = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
buf = np.fromfile(path, dtype="<f8")
x = buf[:nm]
mats = buf[nm:].reshape(nk, nm, ns)
fns = [st.pearsonr, st.spearmanr, st.kendalltau]
out = np.empty((nk, 3, use))
t0 = time.perf_counter()
for k in range(nk):
    for f, fn in enumerate(fns):
        for j in range(use):
            out[k, f, j] = fn(x, mats[k, :, j]).statistic
        c = out[k, f]
        nn = c[np.isfinite(c)]
        if nn.size:
            e = st.ecdf(nn)
            q = np.concatenate([[-1.0], e.sf.quantiles, [1.0]]); s = np.concatenate([[1.0], e.sf.probabilities, [0.0]])
            np.trapezoid(s, q)
            ones = np.full_like(c, 1.0); mones = np.full_like(c, -1.0)
            st.wasserstein_distance(nn, ones); st.wasserstein_distance(nn, mones)
            st.energy_distance(nn, ones); st.energy_distance(nn, mones)
            st.kstest(nn, ones); st.kstest(nn, mones)
            np.mean(nn); np.median(nn); np.std(nn); np.var(nn); st.skew(nn); st.kurtosis(nn)
elapsed = time.perf_counter() - t0
out.tofile(path + ".out")
print(json.dumps({"seconds": elapsed, "scipy": __import__("scipy").__version__}))
`;

if (NO_PYTHON) {
  console.log("scipy comparison skipped (--no-python)");
} else {
  const probe = spawnSync("python3", ["-c", "import numpy, scipy.stats; print(scipy.__version__)"], { encoding: "utf8" });
  if (probe.status !== 0) {
    console.log("python3 with numpy and scipy not available: no ratio (" + (probe.stderr || probe.error?.message || "").trim().split("\n").pop() + ")");
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-corr-"));
    const bin = path.join(dir, "scores.bin");
    const all = new Float64Array(nm + mats.length * nm * SAMPLES);
    all.set(x, 0);
    oriented.forEach((o, k) => all.set(o, nm + k * nm * SAMPLES));
    fs.writeFileSync(bin, Buffer.from(all.buffer));
    const py = path.join(dir, "ref.py");
    fs.writeFileSync(py, PY);
    console.log(`scipy ${probe.stdout.trim()}: running the same loop on ${PY_SAMPLES === SAMPLES ? "all" : "the first " + PY_SAMPLES} samples…`);
    const r = spawnSync("python3", [py, bin, String(nm), String(SAMPLES), String(mats.length), String(PY_SAMPLES)], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (r.status !== 0) {
      console.log("python run failed: " + r.stderr.trim().split("\n").pop());
    } else {
      const res = JSON.parse(r.stdout.trim().split("\n").pop()!);
      const pyOut = new Float64Array(new Uint8Array(fs.readFileSync(bin + ".out")).buffer);
      let maxDiff = 0;
      let nanMismatch = 0;
      tsResults.forEach((c, idx) => {
        for (let j = 0; j < PY_SAMPLES; j++) {
          const a = c[j];
          const b = pyOut[idx * PY_SAMPLES + j];
          if (Number.isNaN(a) !== Number.isNaN(b)) nanMismatch++;
          else if (!Number.isNaN(a)) maxDiff = Math.max(maxDiff, Math.abs(a - b));
        }
      });
      const pyMs = res.seconds * 1000 * (SAMPLES / PY_SAMPLES);
      console.log(`scipy: ${(pyMs / 1000).toFixed(3)} s${PY_SAMPLES === SAMPLES ? "" : " (extrapolated from " + PY_SAMPLES + " samples)"}`);
      console.log(`agreement: max |Δ correlation| = ${maxDiff.toExponential(2)}, NaN mismatches = ${nanMismatch}`);
      console.log(`ratio scipy / TypeScript = ${(pyMs / tsMs).toFixed(1)}× (TypeScript is ${(pyMs / tsMs).toFixed(1)} times faster)`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
