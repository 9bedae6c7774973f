import { startMockServer } from "../llm/mock/index";
import type { FaultKind, RequestLogEntry } from "../llm/mock/server-types";
import { createLLM } from "../llm/client";
import type { EndpointLimits } from "../llm/types";

/** A fault storm: many requests through the full client stack against a misbehaving loopback server. */
export interface StormOptions {
  /** Number of distinct requests (items). */
  requests: number;
  /** Fault probabilities per attempt (see the mock server's FaultConfig). */
  rates: Partial<Record<FaultKind, number>>;
  /** retry-after-ms sent with injected 429s (default 20). */
  retryAfterMs?: number;
  /** Client limits of the storm endpoint. */
  limits: EndpointLimits;
  /** Server latency per request in ms (default 2). */
  latencyMs?: number;
  seed?: number;
}

export interface StormReport {
  requests: number;
  done: number;
  /** Items that failed, each with the client's reason (at most 20 listed). */
  failed: { id: number; reason: string }[];
  failedCount: number;
  /** Attempts that reached the server (from its request log). */
  serverAttempts: number;
  /** Attempts counted by the client's scheduler. */
  clientAttempts: number;
  /** The bound: requests x (maxRetries + 1). */
  attemptBound: number;
  /** Most attempts any single item needed (from the server log). */
  maxAttemptsPerItem: number;
  /** Faults injected by kind. */
  faults: Record<string, number>;
  /** Most request arrivals in any sliding 60 s window, and the configured limit. */
  maxPerMinute: number;
  /** Most request arrivals in any sliding 1 s window (pacing check: <= requestsPerMinute / 60, plus one). */
  maxPerSecond: number;
  requestsPerMinute?: number;
  /** Smallest gap between consecutive arrivals in ms (pacing), and the limit's spacing. */
  minGapMs: number;
  /** Most requests in flight at the server at once, and the configured concurrency. */
  maxInFlight: number;
  concurrency?: number;
  durationMs: number;
}

/** Most arrivals within any window of `windowMs` (two-pointer sweep over sorted times). */
export function maxInWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while (t[hi] - t[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** Most intervals [start, end) overlapping at one time. */
export function maxOverlap(intervals: [number, number][]): number {
  const ev: [number, number][] = [];
  for (const [s, e] of intervals) ev.push([s, 1], [e, -1]);
  ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let cur = 0;
  let best = 0;
  for (const [, d] of ev) best = Math.max(best, (cur += d));
  return best;
}

/** Run a storm and report what happened, measured from the server's request log. */
export async function runFaultStorm(opts: StormOptions): Promise<StormReport> {
  const server = await startMockServer({
    seed: opts.seed ?? 1,
    latencyMs: opts.latencyMs ?? 2,
    logBodies: true,
    faults: { rates: opts.rates, retryAfterSeconds: null, retryAfterMs: opts.retryAfterMs ?? 20 },
  });
  const llm = createLLM({
    configFile: false,
    envOverrides: false,
    cacheDir: false,
    seed: opts.seed ?? 1,
    env: {},
    roles: { storm: { provider: "openai-compatible", model: "simulated/generic", baseURL: server.url, limits: opts.limits } },
  });
  const t0 = Date.now();
  const failed: { id: number; reason: string }[] = [];
  let done = 0;
  try {
    await Promise.all(
      Array.from({ length: opts.requests }, async (_, i) => {
        try {
          const r = await llm.chat("storm", { messages: [{ role: "user", content: "storm item " + i }], max_tokens: 16 });
          if (r.choices.length > 0) done++;
          else failed.push({ id: i, reason: "no choices in the response" });
        } catch (e) {
          failed.push({ id: i, reason: (e as Error).message });
        }
      }),
    );
  } finally {
    await llm.close();
  }
  const durationMs = Date.now() - t0;
  const log: RequestLogEntry[] = server.requests.filter((r) => r.path === "/v1/chat/completions");
  await server.close();
  const perItem = new Map<string, number>();
  const faults: Record<string, number> = {};
  for (const r of log) {
    perItem.set(r.bodyHash, (perItem.get(r.bodyHash) ?? 0) + 1);
    if (r.fault) faults[r.fault] = (faults[r.fault] ?? 0) + 1;
  }
  const arrivals = log.map((r) => r.receivedAt).sort((a, b) => a - b);
  let minGap = Infinity;
  for (let i = 1; i < arrivals.length; i++) minGap = Math.min(minGap, arrivals[i] - arrivals[i - 1]);
  const stats = llm.schedulerStats("storm");
  return {
    requests: opts.requests,
    done,
    failed: failed.slice(0, 20),
    failedCount: failed.length,
    serverAttempts: log.length,
    clientAttempts: stats.attempts,
    attemptBound: opts.requests * ((opts.limits.maxRetries ?? 5) + 1),
    maxAttemptsPerItem: Math.max(0, ...perItem.values()),
    faults,
    maxPerMinute: maxInWindow(arrivals, 60_000),
    maxPerSecond: maxInWindow(arrivals, 1000),
    requestsPerMinute: opts.limits.requestsPerMinute,
    minGapMs: minGap === Infinity ? 0 : minGap,
    maxInFlight: maxOverlap(log.map((r) => [r.receivedAt, r.finishedAt ?? r.receivedAt] as [number, number])),
    concurrency: opts.limits.concurrency,
    durationMs,
  };
}

/** The storm of issue 10: 30% 429, 5% 500/503, 2% timeouts, 1% malformed bodies. */
export const STANDARD_STORM: Omit<StormOptions, "requests" | "limits"> = {
  rates: { "429": 0.3, "500": 0.025, "503": 0.025, timeout: 0.02, malformed: 0.01 },
  retryAfterMs: 20,
};
