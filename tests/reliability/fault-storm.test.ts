import { describe, expect, it } from "vitest";
import { maxInWindow, maxOverlap, runFaultStorm, STANDARD_STORM } from "../../lib/reliability/fault-storm";

describe("window measures", () => {
  it("count arrivals in sliding windows and overlapping intervals", () => {
    expect(maxInWindow([0, 10, 20, 1000, 1005], 1000)).toBe(4);
    expect(maxInWindow([0, 10, 20, 1010, 1015], 1000)).toBe(3);
    expect(maxInWindow([0, 999, 1000], 1000)).toBe(2);
    expect(maxInWindow([], 1000)).toBe(0);
    expect(maxOverlap([[0, 10], [5, 15], [10, 20], [12, 13]])).toBe(3);
  });
});

describe("fault storm (issue 10): 2,000 requests, 30% 429, 5% 500/503, 2% timeouts, 1% malformed", () => {
  it("completes with every item done or failed with its reason, within the retry bound and the limits", async () => {
    const limits = { concurrency: 64, requestsPerMinute: 240_000, timeoutMs: 1000, maxRetries: 8 };
    const r = await runFaultStorm({ ...STANDARD_STORM, retryAfterMs: 10, requests: 2000, limits, seed: 7 });
    // Every item is accounted for: done, or failed with the reason the client gave.
    expect(r.done + r.failedCount).toBe(2000);
    for (const f of r.failed) expect(f.reason).toMatch(/gave up after \d+ attempts/);
    expect(r.done).toBeGreaterThanOrEqual(1990);
    // Each fault kind really happened.
    for (const kind of ["429", "500", "503", "timeout", "malformed"]) expect(r.faults[kind], kind).toBeGreaterThan(0);
    // Attempts stay within the retry bound (measured at the server), and retries do not multiply.
    expect(r.serverAttempts).toBeLessThanOrEqual(r.attemptBound);
    expect(r.maxAttemptsPerItem).toBeLessThanOrEqual(limits.maxRetries + 1);
    expect(r.serverAttempts).toBeLessThanOrEqual(r.clientAttempts);
    const injected = Object.values(r.faults).reduce((a, b) => a + b, 0);
    // Each done item took one good attempt; every injected fault cost one attempt.
    expect(r.serverAttempts).toBeGreaterThanOrEqual(r.done + injected);
    // Limits are never exceeded (from the server's log).
    expect(r.maxPerMinute).toBeLessThanOrEqual(limits.requestsPerMinute);
    expect(r.maxPerSecond).toBeLessThanOrEqual(limits.requestsPerMinute / 60 + 1);
    expect(r.maxInFlight).toBeLessThanOrEqual(limits.concurrency);
  }, 300_000);
});

