/**
 * The loopback server: a real `node:http` server on 127.0.0.1 speaking the
 * OpenAI / Together wire formats (chat completions with n and logprobs,
 * legacy completions with echo + logprobs, embeddings, model list), with
 * simulated models, latency, failure injection, server-side rate limits,
 * route plugins and a request log. See ./README.md.
 *
 * Request pipeline: read body → log arrival → rate limit (model routes) →
 * fault decision → route (plugins, then built-ins) → latency → write.
 * Faults "429", "500", "503" and "timeout" never reach a handler; "malformed"
 * and "truncated" do (the work is done, the answer is lost in transit).
 */
import * as http from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { FaultConfig, LatencySpec, MockServer, MockServerOptions, MockStats, RateLimitConfig, RequestLogEntry } from "./server-types";
import { compilePattern, type MockRequest, type MockRoute, type RouteMatcher } from "./route";
import { simulators as registry } from "./simulators/index";
import { generic } from "./simulators/generic";
import { canonicalJson, sha256, unitFrom } from "./canonical";
import { HttpError } from "./http-error";
import { collectingResponder, errorOut, jsonOut, type Outgoing } from "./outgoing";
import { builtinRoute, estimateTokens, MODEL_PATHS } from "./builtin-routes";
import { faultPlan, checkFaultConfig, type FaultPlan } from "./faults";
import { RateLimiter, maxInWindow as maxInWindowOf, WINDOW_MS } from "./rate-limit";
import { RequestLog } from "./request-log";
import { UsageError } from "../../util/errors";

interface CompiledRoute {
  route: MockRoute;
  match: RouteMatcher;
}

/** Control paths (not logged, never faulted): GET /_mock/stats, GET /_mock/requests, POST /_mock/faults. */
const CONTROL_PREFIX = "/_mock/";

function checkLatency(l: LatencySpec | undefined): void {
  if (l === undefined) return;
  const ok = typeof l === "number" ? Number.isFinite(l) && l >= 0 : Number.isFinite(l.min) && Number.isFinite(l.max) && l.min >= 0 && l.max >= l.min;
  if (!ok) throw new UsageError("latency must be a number >= 0 or {min, max} with 0 <= min <= max, got " + JSON.stringify(l));
}

function checkRateLimit(r: RateLimitConfig | undefined): void {
  for (const [k, v] of Object.entries(r ?? {})) {
    if (v !== undefined && !(typeof v === "number" && v > 0)) throw new UsageError("rate limit " + k + " must be a positive number, got " + v);
  }
}

/** Start the loopback server. Resolves once it listens. */
export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  checkLatency(opts.latencyMs);
  checkRateLimit(opts.rateLimit);
  const seed = opts.seed ?? 0;
  const serverId = process.pid + "-" + Date.now().toString(36) + "-" + randomBytes(3).toString("hex");
  const log = new RequestLog(serverId, opts.logFile, opts.logBodies !== false);
  const sims = { generic, ...registry, ...(opts.simulators ?? {}) };
  const routes: CompiledRoute[] = (opts.routes ?? []).map((route) => ({ route, match: compilePattern(route.path) }));
  let faults: FaultPlan = faultPlan(opts.faults, seed);
  let latency: LatencySpec | undefined = opts.latencyMs;
  const limiter = new RateLimiter(opts.rateLimit ?? {});
  const occurrences = new Map<string, number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** `end` callbacks of requests not finished yet (run by close()). */
  const pending = new Set<() => void>();
  const stats: MockStats = { requests: 0, completed: 0, inFlight: 0, maxInFlight: 0, byStatus: {}, byFault: {} };
  let seq = 0;
  let origin = "";
  let closing = false;

  const delayFor = (s: number): number => {
    if (latency === undefined) return 0;
    if (typeof latency === "number") return latency;
    return latency.min + (latency.max - latency.min) * unitFrom(seed, "latency", s);
  };

  const later = (ms: number, f: () => void) => {
    if (ms <= 0) return f();
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };

  /** Route a request to plugins, then built-ins; always returns an Outgoing. */
  async function route(req: http.IncomingMessage, entry: RequestLogEntry, url: URL, raw: Buffer, json: unknown, jsonError: boolean, canonical: string): Promise<Outgoing> {
    const method = entry.method;
    const path = entry.path;
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    for (const { route: r, match } of routes) {
      if (r.method !== method) continue;
      const params = match(path);
      if (!params) continue;
      const res = collectingResponder(origin);
      const mreq: MockRequest = {
        method,
        path,
        params,
        query,
        json: jsonError ? undefined : json,
        raw,
        contentType: req.headers["content-type"],
        authorized: req.headers.authorization !== undefined,
        origin,
        seq: entry.seq,
        setModel: (m) => (entry.model = m),
      };
      const label = r.name ?? method + " " + r.path;
      try {
        const ret = await r.handler(mreq, res);
        const out = res.result();
        if (out) return out;
        if (ret === false) continue;
        return errorOut(500, "mock route " + label + " did not respond", "server_error", "route_error");
      } catch (e) {
        if (e instanceof HttpError) return errorOut(e.status, e.message, e.type, e.code, e.param, e.headers);
        return errorOut(500, "mock route " + label + " failed: " + (e instanceof Error ? e.message : String(e)), "server_error", "route_error");
      }
    }
    const body = json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
    const out = builtinRoute({
      method,
      path,
      json,
      jsonError,
      userAgent: String(req.headers["user-agent"] ?? ""),
      registry: sims,
      unknownModels: opts.unknownModels ?? "generic",
      seed,
      canonicalBody: canonical,
      body,
      idSuffix: serverId.replace(/-/g, "") + entry.seq.toString(36),
    });
    if (out) return out;
    return errorOut(404, "Unknown request URL: " + method + " " + path + ". Please check the URL for typos.", "invalid_request_error", "unknown_url");
  }

  function control(req: http.IncomingMessage, res: http.ServerResponse, path: string, raw: Buffer): void {
    const send = (o: Outgoing) => {
      res.writeHead(o.status, { ...o.headers, "content-length": String(o.body.length) });
      res.end(o.body);
    };
    try {
      if (path === "/_mock/stats" && req.method === "GET") return send(jsonOut(200, { ...stats, maxRequestsPerMinute: server.maxInWindow() }));
      if (path === "/_mock/requests" && req.method === "GET") return send(jsonOut(200, log.entries));
      if (path === "/_mock/faults" && req.method === "POST") {
        const f = raw.length ? (JSON.parse(raw.toString("utf8")) as FaultConfig) : {};
        server.setFaults(f);
        return send(jsonOut(200, { ok: true, faults: f }));
      }
      send(errorOut(404, "unknown control URL " + req.method + " " + path, "invalid_request_error", "unknown_url"));
    } catch (e) {
      send(errorOut(400, e instanceof Error ? e.message : String(e), "invalid_request_error", "invalid_value"));
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const path = url.pathname;
    if (path.startsWith(CONTROL_PREFIX)) return control(req, res, path, raw);
    let json: unknown;
    let jsonError = false;
    if (raw.length > 0) {
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        jsonError = true;
      }
    }
    const canonical = json !== undefined ? canonicalJson(json) : "";
    const bodyHash = json !== undefined ? sha256(canonical) : sha256(raw);
    // Simulator seeds ignore transport-only fields, so a streamed answer equals the unstreamed one.
    const seedBody = json !== null && typeof json === "object" && !Array.isArray(json) && ("stream" in json || "stream_options" in json) ? canonicalJson({ ...json, stream: undefined, stream_options: undefined }) : canonical;
    const occurrence = (occurrences.get(bodyHash) ?? 0) + 1;
    occurrences.set(bodyHash, occurrence);
    const body = json as Record<string, unknown> | undefined;
    const entry: RequestLogEntry = {
      seq: ++seq,
      method: req.method ?? "GET",
      path,
      model: body && typeof body === "object" && typeof body.model === "string" ? body.model : undefined,
      body: json,
      bodyHash,
      occurrence,
      receivedAt: Date.now(),
      completed: false,
    };
    if (entry.model === undefined) delete entry.model;
    log.arrive(entry);
    stats.requests++;
    stats.inFlight++;
    if (stats.inFlight > stats.maxInFlight) stats.maxInFlight = stats.inFlight;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      pending.delete(end);
      if (entry.finishedAt === undefined) entry.finishedAt = Date.now();
      stats.inFlight--;
      if (entry.completed) stats.completed++;
      if (entry.status !== undefined) stats.byStatus[entry.status] = (stats.byStatus[entry.status] ?? 0) + 1;
      if (entry.fault !== undefined) stats.byFault[entry.fault] = (stats.byFault[entry.fault] ?? 0) + 1;
      log.finish(entry);
    };
    pending.add(end);
    res.on("close", end);

    let out: Outgoing | undefined;
    if (MODEL_PATHS.has(path) && req.method === "POST" && (limiter.config.requestsPerMinute !== undefined || limiter.config.tokensPerMinute !== undefined)) {
      const d = limiter.admit(entry.receivedAt, estimateTokens(path, json));
      if (!d.ok) {
        entry.fault = "rate-limit";
        const headers: Record<string, string> = {};
        if (Number.isFinite(d.waitMs)) {
          headers["retry-after"] = String(Math.ceil(d.waitMs / 1000));
          headers["retry-after-ms"] = String(Math.ceil(d.waitMs));
        }
        out = errorOut(429, "Rate limit reached: " + d.reason + " (evalbook loopback server)", "requests", "rate_limit_exceeded", null, headers);
      }
    }
    const fault = out ? undefined : faults.decide(path, bodyHash, occurrence);
    if (fault) entry.fault = fault;
    if (fault === "timeout") return; // held open: `end` runs when the client gives up or the server closes
    if (fault === "429") out = errorOut(429, "Rate limit reached for requests (injected fault)", "requests", "rate_limit_exceeded", null, faults.retryHeaders());
    else if (fault === "500") out = errorOut(500, "The server had an error while processing your request (injected fault)", "server_error", null);
    else if (fault === "503") out = errorOut(503, "The server is overloaded or not ready yet (injected fault)", "server_error", "service_unavailable");
    if (!out) {
      try {
        out = await route(req, entry, url, raw, json, jsonError, seedBody);
      } catch (e) {
        out = e instanceof HttpError ? errorOut(e.status, e.message, e.type, e.code, e.param, e.headers) : errorOut(500, "internal error of the loopback server: " + (e instanceof Error ? e.message : String(e)), "server_error", null);
      }
      if (fault === "malformed") {
        const text = out.body.toString("utf8");
        const cut = text.length >= 2 ? text.slice(0, Math.floor(text.length / 2)) : '{"error": ';
        out = { status: 200, headers: { "content-type": "application/json" }, body: Buffer.from(cut, "utf8") };
      }
    }
    const o = out;
    if (o.usage && fault !== "malformed") entry.usage = o.usage;
    later(delayFor(entry.seq), () => write(res, entry, o, fault === "truncated"));
  }

  function write(res: http.ServerResponse, entry: RequestLogEntry, o: Outgoing, truncate: boolean): void {
    if (res.destroyed || res.writableEnded || closing) return;
    entry.status = o.status;
    const headers: Record<string, string> = { "x-request-id": "req_" + entry.seq, ...o.headers };
    if (!o.stream) headers["content-length"] = String(o.body.length);
    if (truncate) {
      res.writeHead(o.status, headers);
      const part = o.body.subarray(0, Math.max(1, Math.floor(o.body.length / 2)));
      res.write(part, () => res.destroy());
      return;
    }
    res.on("finish", () => {
      entry.completed = true;
      entry.finishedAt = Date.now();
    });
    res.writeHead(o.status, headers);
    res.end(o.body);
  }

  const httpServer = http.createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (closing) return void res.destroy();
      handle(req, res, Buffer.concat(chunks)).catch((e) => {
        if (!res.headersSent && !res.destroyed) {
          const o = errorOut(500, "internal error of the loopback server: " + (e instanceof Error ? e.message : String(e)), "server_error", null);
          res.writeHead(o.status, { ...o.headers, "content-length": String(o.body.length) });
          res.end(o.body);
        } else res.destroy();
      });
    });
    req.on("error", () => res.destroy());
  });
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 70_000;
  httpServer.requestTimeout = 0;

  let closed: Promise<void> | undefined;
  const server: MockServer = {
    url: "",
    port: 0,
    requests: log.entries,
    setFaults(f?: FaultConfig) {
      checkFaultConfig(f ?? {});
      faults = faultPlan(f, seed);
    },
    setLatency(l?: LatencySpec) {
      checkLatency(l);
      latency = l;
    },
    setRateLimit(r?: RateLimitConfig) {
      checkRateLimit(r);
      limiter.config = r ?? {};
    },
    stats: () => ({ ...stats, byStatus: { ...stats.byStatus }, byFault: { ...stats.byFault } }),
    maxInWindow(windowMs = WINDOW_MS, filter?: (e: RequestLogEntry) => boolean) {
      const es = filter ? log.entries.filter(filter) : log.entries;
      return maxInWindowOf(es.map((e) => e.receivedAt), windowMs);
    },
    maxTokensInWindow: (windowMs = WINDOW_MS) => limiter.maxTokensInWindow(windowMs),
    close() {
      if (closed) return closed;
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      closed = new Promise<void>((resolve) => {
        httpServer.close(() => {
          for (const end of [...pending]) end();
          resolve();
        });
        httpServer.closeAllConnections();
      });
      return closed;
    },
  };

  return new Promise((resolve, reject) => {
    httpServer.once("error", (e: NodeJS.ErrnoException) => {
      reject(e.code === "EADDRINUSE" ? new UsageError("port " + opts.port + " is already in use on 127.0.0.1") : e);
    });
    httpServer.listen(opts.port ?? 0, "127.0.0.1", () => {
      const port = (httpServer.address() as AddressInfo).port;
      origin = "http://127.0.0.1:" + port;
      server.port = port;
      server.url = origin + "/v1";
      resolve(server);
    });
  });
}
