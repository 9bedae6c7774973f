/**
 * A response the server has decided on but not yet written (latency and
 * faults are applied between deciding and writing), and the responder that
 * plugin handlers use to build one.
 */
import type { MockResponder } from "./route";
import { errorBody } from "./http-error";

export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Send with chunked encoding (no Content-Length), as streams are. */
  stream?: boolean;
  /** Token usage of a model response (recorded in the request log). */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** JSON response. */
export function jsonOut(status: number, value: unknown, headers: Record<string, string> = {}): Outgoing {
  return { status, headers: { "content-type": "application/json", ...headers }, body: Buffer.from(JSON.stringify(value), "utf8") };
}

/** OpenAI-shaped error response. */
export function errorOut(status: number, message: string, type: string, code: string | null, param: string | null = null, headers: Record<string, string> = {}): Outgoing {
  return jsonOut(status, errorBody(message, type, code, param), headers);
}

/** A responder collecting a plugin's answer into an Outgoing. */
export function collectingResponder(origin: string): MockResponder & { result(): Outgoing | undefined } {
  let out: Outgoing | undefined;
  const set = (o: Outgoing) => {
    if (out) throw new Error("a mock route handler responded twice");
    out = o;
  };
  return {
    json: (status, body, headers) => set(jsonOut(status, body, headers)),
    error: (status, message, type = "invalid_request_error", code = null, headers) => set(errorOut(status, message, type, code, null, headers)),
    redirect: (location, status = 302, headers) =>
      set({ status, headers: { location: location.charAt(0) === "/" ? origin + location : location, "content-length": "0", ...headers }, body: Buffer.alloc(0) }),
    raw: (status, body, headers) =>
      set({ status, headers: { "content-type": "application/octet-stream", ...headers }, body: typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body) }),
    get sent() {
      return out !== undefined;
    },
    result: () => out,
  };
}
