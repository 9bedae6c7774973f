/** Exponential backoff parameters. */
export interface BackoffOptions {
  /** Delay cap of the first retry in ms (default 500). */
  baseMs?: number;
  /** Maximum delay cap in ms (default 30 000). */
  maxMs?: number;
}

/**
 * "Full jitter" exponential backoff (Brooker, AWS Architecture Blog 2015):
 * the delay before retry number `attempt` (0-based) is uniform in
 * [0, min(maxMs, baseMs * 2^attempt)). `random` is injectable for tests.
 */
export function backoffDelay(attempt: number, random: () => number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 500;
  const max = opts.maxMs ?? 30_000;
  const cap = Math.min(max, base * Math.pow(2, Math.max(0, attempt)));
  return Math.floor(random() * cap);
}
