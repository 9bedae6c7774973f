import type { Clock } from "./clock";

/** One reservation in a sliding window; `amount` can be corrected after the fact. */
export interface Reservation {
  at: number;
  amount: number;
}

/**
 * Sliding-window limiter: the sum of amounts reserved in any window of
 * `windowMs` never exceeds `limit` (requests or tokens per minute). Waiters
 * are served in FIFO order. A single reservation larger than the limit is
 * admitted only into an empty window (otherwise it could never run).
 * `rate()` scales the effective limit (adaptive slow-down, 0 < scale <= 1).
 * With `minSpacing`, consecutive admissions are at least windowMs/limit apart
 * (smooth pacing instead of a burst at the start of each window).
 */
export class WindowLimiter {
  private readonly log: Reservation[] = [];
  private tail: Promise<void> = Promise.resolve();
  private lastAt = -Infinity;
  scale = 1;

  constructor(
    readonly limit: number,
    private readonly clock: Clock,
    private readonly windowMs = 60_000,
    private readonly minSpacing = false,
  ) {
    if (!(limit > 0)) throw new RangeError("limit must be > 0");
  }

  /** Sum reserved in the current window. */
  used(now = this.clock.now()): number {
    this.expire(now);
    let s = 0;
    for (const r of this.log) s += r.amount;
    return s;
  }

  /** Wait until `amount` fits, then reserve it. Resolves with the reservation (correct it with `correct`). */
  reserve(amount: number, blockedUntil?: () => number): Promise<Reservation> {
    const run = async (): Promise<Reservation> => {
      for (;;) {
        const now = this.clock.now();
        const blocked = blockedUntil ? blockedUntil() : 0;
        if (blocked > now) {
          await this.clock.sleep(blocked - now);
          continue;
        }
        const wait = this.waitFor(amount, now);
        if (wait <= 0) {
          const r = { at: now, amount };
          this.log.push(r);
          this.lastAt = now;
          return r;
        }
        await this.clock.sleep(wait);
      }
    };
    const p = this.tail.then(run);
    this.tail = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  /** Replace a reservation's amount by the measured one (tokens known after the call). */
  correct(r: Reservation, amount: number): void {
    r.amount = amount;
  }

  private effectiveLimit(): number {
    return Math.max(this.limit * this.scale, Math.min(this.limit, 1));
  }

  /** Milliseconds until `amount` can be admitted (0 = now). */
  private waitFor(amount: number, now: number): number {
    this.expire(now);
    const limit = this.effectiveLimit();
    let wait = 0;
    if (this.minSpacing) {
      const spacing = this.windowMs / limit;
      wait = Math.max(wait, this.lastAt + spacing - now);
    }
    let used = 0;
    for (const r of this.log) used += r.amount;
    if (this.log.length > 0 && used + amount > limit) {
      // Wait until enough of the oldest reservations leave the window.
      let excess = used + amount - limit;
      let until = now;
      for (const r of this.log) {
        excess -= r.amount;
        until = r.at + this.windowMs;
        if (excess <= 0) break;
      }
      wait = Math.max(wait, until - now + 1);
    }
    return Math.ceil(wait);
  }

  private expire(now: number): void {
    while (this.log.length > 0 && this.log[0].at + this.windowMs <= now) this.log.shift();
  }
}
