/**
 * Route plugins of the loopback server (`startMockServer({ routes })`).
 *
 * A plugin is a list of `MockRoute`s: a method, a path pattern and a handler.
 * Plugin routes are matched before the built-in OpenAI routes, in list order.
 * The server's request log, latency, rate limits and fault injection apply to
 * plugin routes exactly as to built-in ones (a faulted request never reaches
 * the handler). A plugin keeps state in its own closure, e.g.
 *
 * ```ts
 * export function togetherRoutes(): MockRoute[] {
 *   const jobs = new Map<string, Job>();
 *   return [
 *     { method: "POST", path: "/v1/fine-tunes", handler(req, res) { ...; res.json(200, job); } },
 *     { method: "GET", path: "/v1/fine-tunes/:id", handler(req, res) {
 *         const job = jobs.get(req.params.id);
 *         if (!job) return res.error(404, "no job " + req.params.id, "invalid_request_error", "not_found");
 *         res.json(200, job);
 *     } },
 *   ];
 * }
 * ```
 *
 * Everything here must compile under TypeScript 5.0 / ES2022.
 */

/** HTTP methods a route can answer. */
export type MockMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The request as a plugin handler sees it (headers are deliberately not exposed). */
export interface MockRequest {
  method: string;
  /** Path without the query string, e.g. "/v1/files/file-1". */
  path: string;
  /** Values of the pattern's ":name" segments (URL-decoded). */
  params: Record<string, string>;
  /** Query-string parameters (last value wins for repeated keys). */
  query: Record<string, string>;
  /** Parsed JSON body; undefined when the body is empty or not JSON. */
  json: unknown;
  /** The raw body bytes (e.g. an uploaded file). */
  raw: Buffer;
  /** The request's Content-Type header, if any (the only header exposed). */
  contentType?: string;
  /** True when the request carried an Authorization header (its value is never exposed). */
  authorized: boolean;
  /** "http://127.0.0.1:PORT" — for building absolute `Location` URLs. */
  origin: string;
  /** Sequence number of this request in the server's request log (1-based). */
  seq: number;
  /** Record a model name on this request's log entry (for log queries). */
  setModel(model: string): void;
}

/** How a plugin handler answers. Exactly one call per request. */
export interface MockResponder {
  /** JSON response (Content-Type application/json). */
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /** OpenAI-shaped error: `{"error": {"message", "type", "code"}}`. */
  error(status: number, message: string, type?: string, code?: string | null, headers?: Record<string, string>): void;
  /** Redirect (default 302) to an absolute URL or a path on this server. */
  redirect(location: string, status?: number, headers?: Record<string, string>): void;
  /** Any body with explicit headers (default Content-Type application/octet-stream). */
  raw(status: number, body: string | Uint8Array, headers?: Record<string, string>): void;
  /** True once a response has been sent. */
  readonly sent: boolean;
}

/**
 * One plugin route. `path` is matched segment by segment against the request
 * path (without query string): literal segments must be equal, ":name"
 * captures one non-empty segment into `req.params.name`, and a final "*"
 * captures the rest (possibly empty) into `req.params["*"]`.
 * Patterns include the "/v1" prefix when the route lives under the API base
 * URL (clients use baseURL "http://127.0.0.1:PORT/v1").
 *
 * The handler may be async. If it returns `false` without having responded,
 * matching continues with later routes and then the built-in routes (useful
 * for a plugin that only intercepts some models). If it throws, the client
 * gets a 500 `server_error` naming the route. If it neither responds nor
 * returns false, the client gets a 500 as well.
 */
export interface MockRoute {
  method: MockMethod;
  path: string;
  handler(req: MockRequest, res: MockResponder): void | boolean | Promise<void | boolean>;
  /** Optional label, used in error messages. */
  name?: string;
}

/** A compiled path pattern. */
export interface RouteMatcher {
  (path: string): Record<string, string> | undefined;
}

/** Compile a MockRoute path pattern into a matcher returning params, or undefined. */
export function compilePattern(pattern: string): RouteMatcher {
  const segs = splitPath(pattern);
  const wildcard = segs.length > 0 && segs[segs.length - 1] === "*";
  const fixed = wildcard ? segs.slice(0, -1) : segs;
  return (path: string) => {
    const parts = splitPath(path);
    if (wildcard ? parts.length < fixed.length : parts.length !== fixed.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < fixed.length; i++) {
      const s = fixed[i];
      let p: string;
      try {
        p = decodeURIComponent(parts[i]);
      } catch {
        return undefined;
      }
      if (s.charAt(0) === ":") {
        if (p.length === 0) return undefined;
        params[s.slice(1)] = p;
      } else if (s !== p) return undefined;
    }
    if (wildcard) params["*"] = parts.slice(fixed.length).join("/");
    return params;
  };
}

function splitPath(p: string): string[] {
  return p.split("/").filter((s) => s.length > 0);
}
