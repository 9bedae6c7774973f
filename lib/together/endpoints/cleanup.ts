/**
 * Process-level safety net for running endpoints: while any scoped endpoint
 * is active, SIGINT/SIGTERM stop them all (PATCH state STOPPED) before the
 * process goes on. When our handler is the only listener for the signal, the
 * process then exits with 128 + signal number (what the default handler
 * would have done); when others listen too (e.g. a notebook kernel that
 * turns SIGINT into "interrupt cell"), they keep control.
 */
import type { TogetherHttp } from "../http";
import { stopEndpoint } from "./api";

interface Active {
  http: TogetherHttp;
  id: string;
}

const active = new Map<string, Active>();
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
const SIGNAL_CODE: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };
let installed = false;
let stopping: Promise<void> | undefined;

function onSignal(signal: NodeJS.Signals): void {
  const othersListen = process.listenerCount(signal) > 1;
  process.stderr.write("evalbook: " + signal + " received; stopping " + active.size + " dedicated endpoint(s) before exiting\n");
  stopping = stopAllActive().finally(() => {
    if (!othersListen) process.exit(128 + (SIGNAL_CODE[signal] ?? 1));
  });
}

function install(): void {
  if (installed) return;
  for (const s of SIGNALS) process.on(s, onSignal);
  installed = true;
}

function uninstall(): void {
  if (!installed) return;
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  installed = false;
}

/** Register a running endpoint to stop on SIGINT/SIGTERM. */
export function registerActiveEndpoint(http: TogetherHttp, id: string): void {
  active.set(http.baseURL + " " + id, { http, id });
  install();
}

/** Unregister (after it was stopped normally). */
export function unregisterActiveEndpoint(http: TogetherHttp, id: string): void {
  active.delete(http.baseURL + " " + id);
  if (active.size === 0) uninstall();
}

/** Ids of the endpoints currently registered. */
export function activeEndpointIds(): string[] {
  return Array.from(active.values(), (a) => a.id);
}

/** Stop every registered endpoint (best effort, each at most ~15 s). */
export async function stopAllActive(): Promise<void> {
  const all = Array.from(active.entries());
  await Promise.all(
    all.map(async ([k, a]) => {
      try {
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          await Promise.race([stopEndpoint(a.http, a.id), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error("timeout")), 15_000)))]);
        } finally {
          if (timer) clearTimeout(timer);
        }
        process.stderr.write("evalbook: stopped endpoint " + a.id + "\n");
      } catch (e) {
        process.stderr.write("evalbook: could not stop endpoint " + a.id + " (" + (e as Error).message + "); stop it with `npx evalbook together endpoints stop " + a.id + "`\n");
      }
      active.delete(k);
    }),
  );
  if (active.size === 0) uninstall();
}

/** The promise of a signal-triggered stop in progress (for tests). */
export function pendingSignalStop(): Promise<void> | undefined {
  return stopping;
}
