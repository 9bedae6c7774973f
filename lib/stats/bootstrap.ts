import type { Numbers } from "./types";
import { seededRng } from "../random/seeded";
import { sortedCopy } from "./sorted";
import { quantileSorted } from "./quantile";
import { normalCdf, normalQuantile } from "./normal";

/** Options of `bootstrapCI`. */
export interface BootstrapOptions {
  /** Number of resamples (default 9999, as scipy.stats.bootstrap). */
  resamples?: number;
  /** Two-sided confidence level (default 0.95). */
  confidence?: number;
  /** Interval method (default "BCa", as scipy.stats.bootstrap). */
  method?: "percentile" | "basic" | "BCa";
  /** Seed of the resampling stream (default 0). Equal seeds give equal intervals. */
  seed?: number | string;
}

/** A bootstrap confidence interval. */
export interface BootstrapResult {
  /** The statistic on the original data. */
  estimate: number;
  low: number;
  high: number;
  /** Standard deviation of the bootstrap distribution (ddof = 1, as scipy's standard_error). */
  standardError: number;
  method: "percentile" | "basic" | "BCa";
  confidence: number;
  resamples: number;
}

/**
 * Seeded bootstrap confidence interval of `statistic` over one or more paired
 * samples (all resampled with the same indices, like scipy's `paired=True`).
 * Intervals follow scipy.stats.bootstrap's definitions: percentile, basic
 * (2θ̂ − percentile bounds), and BCa with the bias correction
 * z0 = Φ⁻¹(mean of [θ*<θ̂] and [θ*<=θ̂]) and the jackknife acceleration.
 * Percentiles use linear interpolation (numpy's default). The resampling
 * stream is evalbook's seeded generator, not numpy's: intervals agree with
 * scipy's in distribution, not digit for digit. Resamples whose statistic is
 * NaN make the interval NaN (nothing is dropped silently).
 */
export function bootstrapCI(samples: Numbers[], statistic: (...resampled: Float64Array[]) => number, options: BootstrapOptions = {}): BootstrapResult {
  if (samples.length === 0) throw new RangeError("bootstrapCI: no samples given");
  const n = samples[0].length;
  for (const s of samples) if (s.length !== n) throw new RangeError("bootstrapCI: paired samples must have equal lengths");
  if (n < 2) throw new RangeError("bootstrapCI: at least 2 observations are needed");
  const B = Math.floor(options.resamples ?? 9999);
  if (!(B >= 1)) throw new RangeError("bootstrapCI: resamples must be >= 1");
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError("bootstrapCI: confidence must be in (0, 1)");
  const method = options.method ?? "BCa";
  const rng = seededRng(options.seed ?? 0);
  const originals = samples.map((s) => Float64Array.from(s as ArrayLike<number>));
  const estimate = statistic(...originals);
  const buffers = samples.map(() => new Float64Array(n));
  const thetas = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      for (let k = 0; k < originals.length; k++) buffers[k][i] = originals[k][j];
    }
    thetas[b] = statistic(...buffers);
  }
  let m = 0;
  for (let b = 0; b < B; b++) m += thetas[b];
  m /= B;
  let ss = 0;
  for (let b = 0; b < B; b++) ss += (thetas[b] - m) ** 2;
  const standardError = B > 1 ? Math.sqrt(ss / (B - 1)) : NaN;
  const sorted = sortedCopy(thetas);
  const alpha = (1 - confidence) / 2;
  let lowP = alpha;
  let highP = 1 - alpha;
  if (method === "BCa") {
    let less = 0;
    let lessEq = 0;
    for (let b = 0; b < B; b++) {
      if (thetas[b] < estimate) less++;
      if (thetas[b] <= estimate) lessEq++;
    }
    const z0 = normalQuantile((less + lessEq) / (2 * B));
    const a = jackknifeAcceleration(originals, statistic);
    const zl = normalQuantile(alpha);
    const zh = normalQuantile(1 - alpha);
    lowP = normalCdf(z0 + (z0 + zl) / (1 - a * (z0 + zl)));
    highP = normalCdf(z0 + (z0 + zh) / (1 - a * (z0 + zh)));
  }
  let low = quantileSorted(sorted, lowP);
  let high = quantileSorted(sorted, highP);
  if (method === "basic") {
    const l = 2 * estimate - high;
    high = 2 * estimate - low;
    low = l;
  }
  return { estimate, low, high, standardError, method, confidence, resamples: B };
}

/** Jackknife estimate of the BCa acceleration a = Σ(θ̄ − θᵢ)³ / (6 (Σ(θ̄ − θᵢ)²)^1.5). */
function jackknifeAcceleration(originals: Float64Array[], statistic: (...resampled: Float64Array[]) => number): number {
  const n = originals[0].length;
  const loo = originals.map(() => new Float64Array(n - 1));
  const th = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < originals.length; k++) {
      const src = originals[k];
      const dst = loo[k];
      let w = 0;
      for (let j = 0; j < n; j++) if (j !== i) dst[w++] = src[j];
    }
    th[i] = statistic(...loo);
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += th[i];
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = mean - th[i];
    num += d * d * d;
    den += d * d;
  }
  return num / (6 * den ** 1.5);
}
