/**
 * Server-side rate limiting over a sliding 60 s window (requests/min and
 * tokens/min). Only accepted requests count against the window. Also keeps
 * the full history of charges so tests can measure the busiest window.
 */
import type { RateLimitConfig } from "./server-types";

export const WINDOW_MS = 60_000;

export interface RateDecision {
  ok: boolean;
  /** When rejected: ms until the request would fit. Infinity when it can never fit. */
  waitMs: number;
  reason?: string;
}

export class RateLimiter {
  private times: number[] = [];
  private tokens: number[] = [];
  /** Index of the first charge still inside the window (for limit checks). */
  private start = 0;
  private windowTokens = 0;
  config: RateLimitConfig;

  constructor(config: RateLimitConfig = {}) {
    this.config = config;
  }

  /** Try to admit a request charged `tokens` at time `now`. */
  admit(now: number, tokens: number): RateDecision {
    const rpm = this.config.requestsPerMinute;
    const tpm = this.config.tokensPerMinute;
    while (this.start < this.times.length && this.times[this.start] <= now - WINDOW_MS) {
      this.windowTokens -= this.tokens[this.start];
      this.start++;
    }
    if (rpm !== undefined && this.times.length - this.start + 1 > rpm) {
      const wait = this.times[this.start] + WINDOW_MS - now;
      return { ok: false, waitMs: Math.max(1, wait), reason: "requests per minute limit " + rpm + " reached" };
    }
    if (tpm !== undefined && this.windowTokens + tokens > tpm) {
      if (tokens > tpm) return { ok: false, waitMs: Infinity, reason: "request of " + tokens + " tokens exceeds the tokens per minute limit " + tpm };
      let free = tpm - this.windowTokens;
      let i = this.start;
      while (free < tokens && i < this.times.length) {
        free += this.tokens[i];
        i++;
      }
      const wait = this.times[i - 1] + WINDOW_MS - now;
      return { ok: false, waitMs: Math.max(1, wait), reason: "tokens per minute limit " + tpm + " reached" };
    }
    this.times.push(now);
    this.tokens.push(tokens);
    this.windowTokens += tokens;
    return { ok: true, waitMs: 0 };
  }

  /** Largest sum of charged tokens within any window of `windowMs`. */
  maxTokensInWindow(windowMs: number = WINDOW_MS): number {
    let best = 0;
    let sum = 0;
    let j = 0;
    for (let i = 0; i < this.times.length; i++) {
      sum += this.tokens[i];
      while (this.times[j] <= this.times[i] - windowMs) {
        sum -= this.tokens[j];
        j++;
      }
      if (sum > best) best = sum;
    }
    return best;
  }
}

/** Largest number of timestamps (sorted or not) within any window of `windowMs` (a window is [t, t + windowMs)). */
export function maxInWindow(times: number[], windowMs: number = WINDOW_MS): number {
  const t = times.slice().sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (t[j] <= t[i] - windowMs) j++;
    if (i - j + 1 > best) best = i - j + 1;
  }
  return best;
}
