import * as http from "node:http";
import * as https from "node:https";

/** The fetch signature the SDKs call. */
export type FetchFn = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A lean `fetch` for the SDKs, on node:http(s) with keep-alive agents: the
 * SDKs' default (undici's fetch) costs a few times more CPU per request,
 * which limits throughput at high concurrency. It handles what the SDKs send
 * (string or byte bodies, AbortSignal for their timeouts) and buffers the
 * whole response before resolving, so a truncated body (socket closed before
 * Content-Length bytes) rejects like a connection error. Anything else
 * (streams, FormData bodies, Request objects) goes to the global fetch.
 */
export function createHttpFetch(): FetchFn {
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets: Infinity }),
    "https:": new https.Agent({ keepAlive: true, maxSockets: Infinity }),
  };
  return (input, init = {}) => {
    const body = init.body;
    const plainBody = body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
    if (typeof input !== "string" && !(input instanceof URL)) return fetch(input, init);
    if (!plainBody) return fetch(input, init);
    const url = typeof input === "string" ? new URL(input) : input;
    const mod = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined;
    if (!mod) return fetch(input, init);
    const headers: Record<string, string> = {};
    new Headers(init.headers as HeadersInit | undefined).forEach((v, k) => (headers[k] = v));
    const payload = body === undefined || body === null ? undefined : typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body as Uint8Array);
    if (payload) headers["content-length"] = String(payload.length);
    const signal = init.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const req = mod.request(url, { method: init.method ?? "GET", headers, agent: agents[url.protocol as "http:" | "https:"] });
      const onAbort = () => req.destroy(abortError(signal!));
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      req.on("error", (e) => {
        done();
        reject(e);
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => {
          done();
          reject(e);
        });
        res.on("aborted", () => {
          done();
          reject(new TypeError("terminated: response body truncated"));
        });
        res.on("end", () => {
          done();
          if (!res.complete) return reject(new TypeError("terminated: response body truncated"));
          const status = res.statusCode ?? 0;
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (v === undefined) continue;
            if (Array.isArray(v)) for (const x of v) h.append(k, x);
            else h.set(k, v);
          }
          const buf = Buffer.concat(chunks);
          const noBody = status === 204 || status === 205 || status === 304 || init.method === "HEAD";
          try {
            resolve(new Response(noBody ? null : buf, { status, statusText: res.statusMessage ?? "", headers: h }));
          } catch (e) {
            reject(e);
          }
        });
      });
      req.end(payload);
    });
  };
}

function abortError(signal: AbortSignal): Error {
  const r = signal.reason;
  if (r instanceof Error) return r;
  const e = new Error("The operation was aborted");
  e.name = "AbortError";
  return e;
}
