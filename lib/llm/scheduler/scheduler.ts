import type { EndpointLimits } from "../types";
import { ProviderError, classifyError } from "../providers/errors";
import { AdaptiveRate } from "./adaptive";
import { backoffDelay, type BackoffOptions } from "./backoff";
import { realClock, type Clock } from "./clock";
import { SlotQueue } from "./slot-queue";
import { WindowLimiter } from "./window-limiter";

/** Defaults applied when an endpoint sets no limit. */
export const DEFAULT_LIMITS: Required<Pick<EndpointLimits, "concurrency" | "timeoutMs" | "maxRetries">> = {
  concurrency: 16,
  timeoutMs: 120_000,
  maxRetries: 5,
};

export interface SchedulerOptions {
  clock?: Clock;
  /** Uniform [0,1) source for jitter (seed it for deterministic tests). */
  random?: () => number;
  backoff?: BackoffOptions;
  /** Longest server-requested wait that is honoured as is (default 120 s; longer waits are capped). */
  maxRetryAfterMs?: number;
  /** Called before each retry sleep (for logs/progress). */
  onRetry?: (info: { attempt: number; delayMs: number; error: ProviderError }) => void;
}

/** Counters of one endpoint's scheduler. */
export interface SchedulerStats {
  calls: number;
  attempts: number;
  retries: number;
  throttled: number;
  failures: number;
}

/**
 * Per-endpoint scheduler: the single retry layer of the LLM client (SDK
 * retries are off). Each attempt takes a concurrency slot, a request from
 * the requests/minute window and its estimated tokens from the tokens/minute
 * window (corrected to the measured usage afterwards). Retryable failures
 * (408/409/429/5xx, timeouts, connection errors, malformed bodies) are
 * retried up to `maxRetries` times with full-jitter exponential backoff, or
 * after the server's retry-after when given. A 429 halves the effective
 * rate (concurrency and per-minute limits) and pauses new attempts on this
 * endpoint for the retry-after period; successes recover the rate gradually.
 */
export class EndpointScheduler {
  readonly stats: SchedulerStats = { calls: 0, attempts: 0, retries: 0, throttled: 0, failures: 0 };
  private readonly slots: SlotQueue;
  private readonly rpm?: WindowLimiter;
  private readonly tpm?: WindowLimiter;
  private readonly adaptive = new AdaptiveRate();
  private readonly clock: Clock;
  private readonly random: () => number;
  private pausedUntil = 0;
  readonly concurrency: number;
  readonly maxRetries: number;
  readonly timeoutMs: number;

  constructor(limits: EndpointLimits = {}, private readonly opts: SchedulerOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.concurrency = limits.concurrency ?? DEFAULT_LIMITS.concurrency;
    this.maxRetries = limits.maxRetries ?? DEFAULT_LIMITS.maxRetries;
    this.timeoutMs = limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
    this.slots = new SlotQueue(this.concurrency);
    if (limits.requestsPerMinute) this.rpm = new WindowLimiter(limits.requestsPerMinute, this.clock, 60_000, true);
    if (limits.tokensPerMinute) this.tpm = new WindowLimiter(limits.tokensPerMinute, this.clock, 60_000, false);
  }

  /** Current adaptive rate factor (1 = full speed). */
  get rateFactor(): number {
    return this.adaptive.factor;
  }

  /**
   * Run `attempt` under the limits, retrying retryable failures.
   * `estimatedTokens` is reserved before each attempt; `measuredTokens`
   * gives the real count from the result.
   */
  async run<T>(attemptFn: (attempt: number) => Promise<T>, estimatedTokens = 0, measuredTokens?: (r: T) => number): Promise<T> {
    this.stats.calls++;
    for (let attempt = 0; ; attempt++) {
      const release = await this.slots.acquire();
      let tokenRes: { at: number; amount: number } | undefined;
      try {
        await this.waitPause();
        if (this.rpm) await this.rpm.reserve(1, () => this.pausedUntil);
        if (this.tpm) tokenRes = await this.tpm.reserve(Math.max(0, estimatedTokens), () => this.pausedUntil);
        this.stats.attempts++;
        const result = await attemptFn(attempt);
        if (tokenRes && measuredTokens) this.tpm!.correct(tokenRes, measuredTokens(result));
        this.adaptive.onSuccess(this.clock.now());
        this.applyFactor();
        return result;
      } catch (e) {
        const err = classifyError(e, "request");
        if (tokenRes) this.tpm!.correct(tokenRes, 0);
        const now = this.clock.now();
        if (err.status === 429) {
          this.stats.throttled++;
          this.adaptive.onThrottle(now);
          this.applyFactor();
        }
        if (!err.retryable || attempt >= this.maxRetries) {
          this.stats.failures++;
          if (err.retryable) {
            throw new ProviderError(err.kind, err.message + " (gave up after " + (attempt + 1) + " attempts)", {
              status: err.status,
              retryable: false,
            });
          }
          throw err;
        }
        const cap = this.opts.maxRetryAfterMs ?? 120_000;
        const delay = err.retryAfterMs !== undefined ? Math.min(err.retryAfterMs, cap) : backoffDelay(attempt, this.random, this.opts.backoff);
        if (err.status === 429 && err.retryAfterMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now + delay);
        this.stats.retries++;
        this.opts.onRetry?.({ attempt, delayMs: delay, error: err });
        release();
        await this.clock.sleep(delay);
        continue;
      } finally {
        release();
      }
    }
  }

  private async waitPause(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (this.pausedUntil <= now) return;
      await this.clock.sleep(this.pausedUntil - now);
    }
  }

  private applyFactor(): void {
    const f = this.adaptive.factor;
    this.slots.setLimit(Math.max(1, Math.floor(this.concurrency * f)));
    if (this.rpm) this.rpm.scale = f;
    if (this.tpm) this.tpm.scale = f;
  }
}
