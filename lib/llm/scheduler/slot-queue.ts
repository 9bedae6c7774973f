/**
 * A FIFO concurrency gate: at most `limit` holders at once. The limit can be
 * changed at any time (adaptive slow-down); lowering it never revokes slots
 * already held, it only delays new ones.
 */
export class SlotQueue {
  private active = 0;
  private waiting: (() => void)[] = [];
  private head = 0;

  constructor(private limit: number) {
    if (!(limit >= 1)) throw new RangeError("concurrency must be >= 1");
  }

  /** Current number of holders. */
  get inUse(): number {
    return this.active;
  }

  /** Number of callers waiting for a slot. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  get capacity(): number {
    return this.limit;
  }

  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    this.drain();
  }

  /** Wait for a slot; resolves with the function that releases it (idempotent). */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.active++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active--;
          this.drain();
        });
      });
      this.drain();
    });
  }

  private drain(): void {
    while (this.active < this.limit && this.head < this.waiting.length) {
      const next = this.waiting[this.head];
      this.waiting[this.head++] = undefined as unknown as () => void;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      next();
    }
  }
}
