import { display, inNotebook } from "../../plot/show";
import { progressLine, rateAndEta, formatDuration, formatRate, type ProgressState } from "./format";

/** Receives progress of a stage. */
export interface Progress {
  /** Count finished items (`failed` / `cached` mark how they finished). */
  tick(n?: number, how?: { failed?: boolean; cached?: boolean }): void;
  /** Final update. */
  done(): void;
}

export interface ProgressOptions {
  /** "auto" (default): notebook display inside a notebook, else a bar on stderr; "none": silent. */
  mode?: "auto" | "cli" | "notebook" | "none";
  /** Stream for the CLI bar (default process.stderr). */
  stream?: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Minimum ms between redraws (default 100 on a TTY, 10 000 for plain lines). */
  intervalMs?: number;
  now?: () => number;
}

let displayCounter = 0;

/**
 * A progress display with rate and ETA: on a terminal an in-place bar on
 * stderr; when stderr is not a TTY, plain lines at most every 10 s (and a
 * last one at the end); in a notebook an HTML bar updated in place through a
 * display id.
 */
export function createProgress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  const mode = opts.mode === undefined || opts.mode === "auto" ? (inNotebook() ? "notebook" : "cli") : opts.mode;
  if (mode === "none") return { tick() {}, done() {} };
  const now = opts.now ?? Date.now;
  const state: ProgressState = { label, total, done: 0, failed: 0, cached: 0, startedAt: now(), now: now() };
  const stream = opts.stream ?? process.stderr;
  const tty = mode === "cli" && !!stream.isTTY;
  const interval = opts.intervalMs ?? (tty || mode === "notebook" ? 100 : 10_000);
  const displayId = "evalbook-progress-" + process.pid + "-" + ++displayCounter;
  let last = -Infinity;
  let shown = false;
  let finished = false;
  const render = (final: boolean) => {
    state.now = now();
    if (!final && state.now - last < interval) return;
    last = state.now;
    if (mode === "notebook") {
      display({ "text/html": progressHtml(state), "text/plain": progressLine(state) }, displayId, shown);
    } else if (tty) {
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
      const frac = state.total > 0 ? Math.min(1, (state.done + state.failed) / state.total) : 1;
      const filled = Math.round(frac * width);
      stream.write("\r\x1b[2K" + progressLine(state).replace(label + " ", label + " [" + "#".repeat(filled) + "-".repeat(width - filled) + "] ") + (final ? "\n" : ""));
    } else {
      stream.write(progressLine(state) + "\n");
    }
    shown = true;
  };
  render(false);
  return {
    tick(n = 1, how = {}) {
      if (how.failed) state.failed += n;
      else state.done += n;
      if (how.cached) state.cached += n;
      render(false);
    },
    done() {
      if (finished) return;
      finished = true;
      render(true);
    },
  };
}

/** HTML of the notebook progress bar. */
export function progressHtml(s: ProgressState): string {
  const { rate, etaMs } = rateAndEta(s);
  const finished = s.done + s.failed;
  const pct = s.total > 0 ? Math.min(100, (finished / s.total) * 100) : 100;
  const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return (
    '<div style="font-family:sans-serif;font-size:12px"><b>' + esc(s.label) + "</b> " + finished + "/" + s.total +
    ' <progress max="100" value="' + pct.toFixed(1) + '" style="width:240px"></progress> ' + formatRate(rate) +
    " ETA " + formatDuration(finished >= s.total ? 0 : etaMs) + (s.failed ? ", " + s.failed + " failed" : "") + (s.cached ? ", " + s.cached + " cached" : "") + "</div>"
  );
}
