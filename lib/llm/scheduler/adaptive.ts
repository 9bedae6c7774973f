/**
 * Adaptive slow-down (AIMD): a 429 halves the rate factor (down to `min`),
 * at most once per `quietMs` (a burst of 429s from requests that were
 * already in flight counts as one signal, as TCP does once per round trip);
 * every success after a quiet period raises it additively back towards 1.
 * The factor scales an endpoint's effective concurrency and per-minute limits.
 */
export class AdaptiveRate {
  factor = 1;
  private lastThrottle = -Infinity;
  private lastDecrease = -Infinity;

  constructor(
    private readonly min = 1 / 16,
    private readonly step = 0.05,
    private readonly quietMs = 1000,
  ) {}

  onThrottle(now: number): void {
    this.lastThrottle = now;
    if (now - this.lastDecrease < this.quietMs) return;
    this.lastDecrease = now;
    this.factor = Math.max(this.min, this.factor / 2);
  }

  onSuccess(now: number): void {
    if (this.factor < 1 && now - this.lastThrottle >= this.quietMs) this.factor = Math.min(1, this.factor + this.step);
  }
}
