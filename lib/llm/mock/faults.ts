/**
 * Fault decisions of the loopback server. A FaultPlan is built from a
 * FaultConfig; `decide` is called once per request (after the body was read)
 * and returns the fault to inject, if any.
 */
import { FAULT_KINDS, type FaultConfig, type FaultKind } from "./server-types";
import { unitFrom } from "./canonical";
import { UsageError } from "../../util/errors";

export interface FaultPlan {
  /** The fault for this request, or undefined. */
  decide(path: string, bodyHash: string, occurrence: number): FaultKind | undefined;
  /** Headers of an injected 429. */
  retryHeaders(): Record<string, string>;
  readonly config: FaultConfig;
}

/** Check a FaultConfig (probabilities in [0, 1] summing to <= 1, known kinds, valid schedule). */
export function checkFaultConfig(f: FaultConfig): void {
  let sum = 0;
  for (const [k, v] of Object.entries(f.rates ?? {})) {
    if (!FAULT_KINDS.includes(k as FaultKind)) throw new UsageError("unknown fault kind '" + k + "' (known: " + FAULT_KINDS.join(", ") + ")");
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new UsageError("fault rate of " + k + " must be a probability in [0, 1], got " + v);
    sum += v;
  }
  if (sum > 1 + 1e-12) throw new UsageError("fault rates sum to " + sum + " > 1");
  for (const [seq, k] of Object.entries(f.schedule ?? {})) {
    if (!/^[1-9][0-9]*$/.test(seq)) throw new UsageError("fault schedule keys are 1-based request numbers, got '" + seq + "'");
    if (!FAULT_KINDS.includes(k)) throw new UsageError("unknown fault kind '" + k + "' in schedule (known: " + FAULT_KINDS.join(", ") + ")");
  }
  const ra = f.retryAfterSeconds;
  if (ra !== undefined && ra !== null && !(Number.isInteger(ra) && ra >= 0)) throw new UsageError("retryAfterSeconds must be an integer >= 0, got " + ra);
  const ram = f.retryAfterMs;
  if (ram !== undefined && ram !== null && !(Number.isFinite(ram) && ram >= 0)) throw new UsageError("retryAfterMs must be a number >= 0, got " + ram);
}

/** Build a plan; `seed` is the server seed. Schedules count requests from the plan's creation. */
export function faultPlan(config: FaultConfig | undefined, seed: number): FaultPlan {
  const f: FaultConfig = config ?? {};
  checkFaultConfig(f);
  const rates = FAULT_KINDS.map((k) => [k, f.rates?.[k] ?? 0] as const).filter(([, v]) => v > 0);
  const schedule = f.schedule ?? {};
  const paths = f.paths;
  let counted = 0;
  return {
    config: f,
    decide(path, bodyHash, occurrence) {
      if (paths && !paths.some((p) => path.startsWith(p))) return undefined;
      counted++;
      const scheduled = schedule[counted];
      if (scheduled) return scheduled;
      if (rates.length === 0) return undefined;
      let u = unitFrom(seed, "fault", bodyHash, occurrence);
      for (const [k, v] of rates) {
        if (u < v) return k;
        u -= v;
      }
      return undefined;
    },
    retryHeaders() {
      const h: Record<string, string> = {};
      const ra = f.retryAfterSeconds === undefined ? 1 : f.retryAfterSeconds;
      if (ra !== null) h["retry-after"] = String(ra);
      if (f.retryAfterMs !== undefined && f.retryAfterMs !== null) h["retry-after-ms"] = String(f.retryAfterMs);
      return h;
    },
  };
}
