/** "1:02:03" / "4:05" style duration from milliseconds ("--:--" when unknown). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "--:--";
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (x: number) => (x < 10 ? "0" : "") + x;
  return h > 0 ? h + ":" + two(m) + ":" + two(sec) : m + ":" + two(sec);
}

/** Items per second with sensible precision. */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec) || perSec <= 0) return "0/s";
  return (perSec >= 100 ? perSec.toFixed(0) : perSec >= 10 ? perSec.toFixed(1) : perSec.toFixed(2)) + "/s";
}

/** State shared by the progress displays. */
export interface ProgressState {
  label: string;
  total: number;
  done: number;
  failed: number;
  cached: number;
  startedAt: number;
  now: number;
}

/** Rate (items/s) and ETA (ms) from a state. */
export function rateAndEta(s: ProgressState): { rate: number; etaMs: number } {
  const elapsed = Math.max(1, s.now - s.startedAt);
  const finished = s.done + s.failed;
  const rate = (finished / elapsed) * 1000;
  const etaMs = rate > 0 ? ((s.total - finished) / rate) * 1000 : NaN;
  return { rate, etaMs };
}

/** One-line text summary: "label 45/100 (45%) 12.3/s ETA 0:04, 2 failed, 10 cached". */
export function progressLine(s: ProgressState): string {
  const { rate, etaMs } = rateAndEta(s);
  const finished = s.done + s.failed;
  const pct = s.total > 0 ? Math.floor((finished / s.total) * 100) : 100;
  let line = s.label + " " + finished + "/" + s.total + " (" + pct + "%) " + formatRate(rate) + " ETA " + formatDuration(finished >= s.total ? 0 : etaMs);
  if (s.failed) line += ", " + s.failed + " failed";
  if (s.cached) line += ", " + s.cached + " cached";
  return line;
}
