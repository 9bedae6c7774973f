/**
 * Fault storm benchmark (issue 10): 2,000 requests through the full client
 * stack against the loopback server answering 30% 429 (retry-after), 5%
 * 500/503, 2% timeouts and 1% malformed bodies. Prints completed / failed /
 * attempt counts, the ratio of attempts to the retry bound and to the ideal
 * (one attempt per request), and the measured limits.
 *
 *   npx tsx bench/fault-storm.ts [--requests 2000]
 */
import { runFaultStorm, STANDARD_STORM } from "../lib/reliability/fault-storm";

const i = process.argv.indexOf("--requests");
const requests = i > 0 ? Number(process.argv[i + 1]) : 2000;
const limits = { concurrency: 64, requestsPerMinute: 240_000, timeoutMs: 1000, maxRetries: 8 };
const r = await runFaultStorm({ ...STANDARD_STORM, retryAfterMs: 10, requests, limits, seed: 7 });
const row = (k: string, v: string | number) => console.log(k.padEnd(34) + String(v));
console.log("fault storm: " + requests + " requests; faults " + JSON.stringify(STANDARD_STORM.rates));
row("completed", r.done);
row("failed (reported with reason)", r.failedCount);
row("attempts at the server", r.serverAttempts);
row("attempts counted by the client", r.clientAttempts);
row("attempts / ideal (1 per request)", (r.serverAttempts / requests).toFixed(3));
row("attempts / retry bound", (r.serverAttempts / r.attemptBound).toFixed(3) + " (bound " + r.attemptBound + ")");
row("most attempts for one item", r.maxAttemptsPerItem + " (max " + (limits.maxRetries + 1) + ")");
row("faults injected", JSON.stringify(r.faults));
row("max arrivals / 60 s (limit)", r.maxPerMinute + " (" + limits.requestsPerMinute + ")");
row("max in flight (limit)", r.maxInFlight + " (" + limits.concurrency + ")");
row("wall time", (r.durationMs / 1000).toFixed(1) + " s");
for (const f of r.failed.slice(0, 5)) row("  failed item " + f.id, f.reason);
