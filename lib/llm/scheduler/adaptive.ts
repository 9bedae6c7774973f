/**
 * Adaptive slow-down (AIMD): every 429 halves the rate factor (down to
 * `min`), every success after a quiet period raises it additively back
 * towards 1. The factor scales an endpoint's effective concurrency and
 * per-minute limits.
 */
export class AdaptiveRate {
  factor = 1;
  private lastThrottle = -Infinity;

  constructor(
    private readonly min = 1 / 16,
    private readonly step = 0.05,
    private readonly quietMs = 1000,
  ) {}

  onThrottle(now: number): void {
    this.factor = Math.max(this.min, this.factor / 2);
    this.lastThrottle = now;
  }

  onSuccess(now: number): void {
    if (this.factor < 1 && now - this.lastThrottle >= this.quietMs) this.factor = Math.min(1, this.factor + this.step);
  }
}
