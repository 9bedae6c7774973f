import { UserError } from "../../util/errors";
import { sleep, type TogetherHttp } from "../http";
import { getEndpoint, type DedicatedEndpoint, type EndpointState } from "./api";

/** The endpoint did not reach STARTED in time (or went to ERROR/STOPPED). */
export class EndpointNotReadyError extends UserError {
  readonly endpoint: DedicatedEndpoint;
  constructor(endpoint: DedicatedEndpoint, why: string) {
    super("endpoint " + endpoint.id + " (" + endpoint.model + ") " + why);
    this.name = "EndpointNotReadyError";
    this.endpoint = endpoint;
  }
}

export interface WaitForEndpointOptions {
  /** Target state (default STARTED). */
  state?: EndpointState;
  /** Poll interval (ms, default 5000). */
  pollMs?: number;
  /** Give up after this long (ms, default 30 min). */
  timeoutMs?: number;
  onState?: (endpoint: DedicatedEndpoint) => void;
}

/** Poll until the endpoint is in `state`; ERROR, or STOPPED while waiting for STARTED, fails at once. */
export async function waitForEndpoint(http: TogetherHttp, id: string, options: WaitForEndpointOptions = {}): Promise<DedicatedEndpoint> {
  const target = options.state ?? "STARTED";
  const pollMs = options.pollMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    const ep = await getEndpoint(http, id);
    if (ep.state !== last) {
      last = ep.state;
      options.onState?.(ep);
    }
    if (ep.state === target) return ep;
    if (ep.state === "ERROR") throw new EndpointNotReadyError(ep, "is in state ERROR" + errorText(ep));
    if (target === "STARTED" && ep.state === "STOPPED") throw new EndpointNotReadyError(ep, "stopped while waiting for it to start" + errorText(ep));
    if (Date.now() >= deadline) throw new EndpointNotReadyError(ep, "not " + target + " after " + Math.round(timeoutMs / 1000) + " s (state " + ep.state + ")");
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
}

function errorText(ep: DedicatedEndpoint): string {
  const e = (ep as Record<string, unknown>).error ?? (ep as Record<string, unknown>).status_message;
  return typeof e === "string" && e ? ": " + e : "";
}
