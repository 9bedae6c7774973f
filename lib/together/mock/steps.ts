/**
 * Driving the mock state machines: an entity advances through a list of
 * steps either one step per poll (GET of the entity) or one step per
 * `stepMs` of wall-clock time.
 */

export interface DriveOptions {
  /** "polls" (default): each GET of the entity advances it by one step; "time": by elapsed time. */
  drive?: "polls" | "time";
  /** Time mode: milliseconds per step (default 200). */
  stepMs?: number;
  /** Polls mode: GETs per step (default 1). */
  pollsPerStep?: number;
}

/** A step-driven entity: `steps[i]` is applied when step i is reached. */
export interface Stepped {
  /** Index of the last applied step. */
  at: number;
  /** Remaining schedule (steps after `at` are pending). */
  steps: (() => void)[];
  /** Poll count / time base since the schedule was (re)set. */
  polls: number;
  since: number;
  /** Step index at which the current schedule started. */
  base: number;
}

export function newStepped(): Stepped {
  return { at: -1, steps: [], polls: 0, since: Date.now(), base: 0 };
}

/**
 * Replace the pending steps (after the current one) with `steps`, apply the
 * first of them at once (the state right after a create or a state change)
 * and restart the clock from there.
 */
export function reschedule(s: Stepped, steps: (() => void)[]): void {
  s.steps = s.steps.slice(0, s.at + 1).concat(steps);
  if (s.at + 1 < s.steps.length) {
    s.at++;
    s.steps[s.at]();
  }
  s.polls = 0;
  s.since = Date.now();
  s.base = s.at;
}

/** Advance as far as the drive allows; `isPoll` marks a GET of this entity. */
export function advance(s: Stepped, opts: DriveOptions, isPoll: boolean): void {
  if (isPoll) s.polls++;
  const mode = opts.drive ?? "polls";
  const due = mode === "time" ? Math.floor((Date.now() - s.since) / Math.max(1, opts.stepMs ?? 200)) : Math.floor(s.polls / Math.max(1, opts.pollsPerStep ?? 1));
  const target = Math.min(s.steps.length - 1, s.base + due);
  while (s.at < target) {
    s.at++;
    s.steps[s.at]();
  }
}
