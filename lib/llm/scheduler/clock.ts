/** Time source and timer, injectable so that scheduling is testable. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) =>
    new Promise((resolve) => {
      if (ms <= 0) return resolve();
      setTimeout(resolve, ms);
    }),
};
