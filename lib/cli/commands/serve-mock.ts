import * as path from "node:path";
import type { Command } from "../command";
import { UsageError } from "../../util/errors";
import { startMockServer } from "../../llm/mock/server";
import { FAULT_KINDS, type FaultConfig, type FaultKind, type LatencySpec } from "../../llm/mock/server-types";
import { defaultRoutes } from "../../llm/mock/plugins";
import { simulators } from "../../llm/mock/simulators/index";
import { generic } from "../../llm/mock/simulators/generic";

/** Parse --fault values: "KIND=P" (probability) or "KIND@N[,N...]" (the N-th requests). */
export function parseFaultFlags(values: string[]): Pick<FaultConfig, "rates" | "schedule"> {
  const rates: Partial<Record<FaultKind, number>> = {};
  const schedule: Record<number, FaultKind> = {};
  for (const v of values) {
    const m = /^([^=@]+)([=@])(.+)$/.exec(v.trim());
    if (!m) throw new UsageError("--fault takes KIND=PROBABILITY or KIND@N[,N...], not '" + v + "' (kinds: " + FAULT_KINDS.join(", ") + ")");
    const kind = m[1] as FaultKind;
    if (!FAULT_KINDS.includes(kind)) throw new UsageError("--fault: unknown kind '" + m[1] + "' (kinds: " + FAULT_KINDS.join(", ") + ")");
    if (m[2] === "=") {
      const p = Number(m[3]);
      if (!(p >= 0 && p <= 1)) throw new UsageError("--fault " + v + ": the probability must be in [0, 1]");
      rates[kind] = p;
    } else {
      for (const s of m[3].split(",")) {
        if (!/^[1-9][0-9]*$/.test(s)) throw new UsageError("--fault " + v + ": request numbers are integers >= 1, not '" + s + "'");
        schedule[Number(s)] = kind;
      }
    }
  }
  return { rates, schedule };
}

/** Parse --latency-ms: "N" or "MIN-MAX" (seeded uniform). */
export function parseLatency(v: string | undefined): LatencySpec | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*$/.exec(v);
  if (!m) throw new UsageError("--latency-ms takes N or MIN-MAX (milliseconds), not '" + v + "'");
  if (m[2] === undefined) return Number(m[1]);
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (max < min) throw new UsageError("--latency-ms " + v + ": MAX must be >= MIN");
  return { min, max };
}

export const command: Command = {
  name: "serve-mock",
  summary: "Run the loopback OpenAI/Together server (simulated models, latency, fault injection, request log) on 127.0.0.1.",
  description:
    "Prints one JSON line {\"url\", \"port\"} on stdout when listening, then serves until SIGINT/SIGTERM. " +
    "Models named simulated/<name>?k=v are answered by the registered simulators (--list); other model names by the generic simulator. " +
    "Control URLs (not logged, never faulted): GET /_mock/stats, GET /_mock/requests, POST /_mock/faults with a FaultConfig JSON body.",
  options: [
    { name: "port", type: "number", default: 0, placeholder: "N", description: "Port (default: any free port)." },
    { name: "latency-ms", type: "string", placeholder: "N|MIN-MAX", description: "Latency before each answer: fixed, or seeded uniform in [MIN, MAX]." },
    { name: "fault", type: "list", placeholder: "KIND=P|KIND@N", description: "Inject faults: 429=0.3 (probability), 500@3 (the 3rd request). Kinds: " + FAULT_KINDS.join(", ") + "." },
    { name: "fault-path", type: "list", placeholder: "PREFIX", description: "Fault only requests whose path starts with PREFIX (default: all paths)." },
    { name: "retry-after", type: "number", placeholder: "S", description: "retry-after header (seconds) of injected 429s (default 1)." },
    { name: "retry-after-ms", type: "number", placeholder: "MS", description: "Also send retry-after-ms on injected 429s." },
    { name: "rpm", type: "number", placeholder: "N", description: "Server-side limit: requests per minute (429 with retry-after beyond)." },
    { name: "tpm", type: "number", placeholder: "N", description: "Server-side limit: tokens per minute." },
    { name: "log", type: "string", placeholder: "FILE", description: "Append the request log as JSONL (one fsync'ed line per event) to FILE." },
    { name: "seed", type: "number", default: 0, placeholder: "S", description: "Seed of faults, latency and simulated models." },
    { name: "log-bodies", type: "boolean", default: true, description: "Keep request bodies in the in-memory log (--no-log-bodies for long runs; the --log file always has them)." },
    { name: "reject-unknown-models", type: "boolean", description: "Answer 404 model_not_found for model names not starting with simulated/." },
    { name: "plugins", type: "boolean", default: true, description: "Install the plugin routes of lib/llm/mock/plugins.ts (--no-plugins to skip)." },
    { name: "list", type: "boolean", description: "Print the registered simulators (one JSON line each) and exit." },
  ],
  examples: [
    "evalbook serve-mock --port 8089",
    "evalbook serve-mock --latency-ms 200 --fault 429=0.3 --fault 500=0.05 --retry-after 2 --log mock.jsonl",
    "evalbook serve-mock --fault 500@3 --fault timeout@5",
    "evalbook serve-mock --list",
  ],
  async run(args, ctx) {
    const o = args.options;
    if (o.list) {
      const all: Record<string, { description: string }> = { generic, ...simulators };
      for (const name of Object.keys(all).sort()) ctx.json({ name, model: "simulated/" + name, description: all[name].description });
      return 0;
    }
    const port = Number(o.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port takes an integer in 0..65535, not " + o.port);
    const seed = Number(o.seed);
    if (!Number.isInteger(seed)) throw new UsageError("--seed takes an integer, not " + o.seed);
    const { rates, schedule } = parseFaultFlags(o.fault as string[]);
    const faultPaths = o["fault-path"] as string[];
    const retryAfter = o["retry-after"] as number | undefined;
    if (retryAfter !== undefined && !(Number.isInteger(retryAfter) && retryAfter >= 0)) throw new UsageError("--retry-after takes an integer >= 0 (seconds)");
    const retryAfterMs = o["retry-after-ms"] as number | undefined;
    if (retryAfterMs !== undefined && !(retryAfterMs >= 0)) throw new UsageError("--retry-after-ms takes a number >= 0");
    for (const k of ["rpm", "tpm"]) if (o[k] !== undefined && !((o[k] as number) > 0)) throw new UsageError("--" + k + " takes a positive number");
    const server = await startMockServer({
      port,
      seed,
      latencyMs: parseLatency(o["latency-ms"] as string | undefined),
      faults: { rates, schedule, retryAfterSeconds: retryAfter, retryAfterMs, paths: faultPaths.length ? faultPaths : undefined },
      rateLimit: { requestsPerMinute: o.rpm as number | undefined, tokensPerMinute: o.tpm as number | undefined },
      logFile: o.log ? path.resolve(o.log as string) : undefined,
      routes: o.plugins ? defaultRoutes() : [],
      unknownModels: o["reject-unknown-models"] ? "reject" : "generic",
      logBodies: o["log-bodies"] !== false,
    });
    ctx.json({ url: server.url, port: server.port });
    ctx.info("serve-mock: listening on " + server.url + " (Ctrl-C to stop)");
    await new Promise<void>((resolve) => {
      const stop = (sig: string) => {
        process.off("SIGINT", onInt);
        process.off("SIGTERM", onTerm);
        ctx.info("serve-mock: " + sig + ", shutting down");
        resolve();
      };
      const onInt = () => stop("SIGINT");
      const onTerm = () => stop("SIGTERM");
      process.on("SIGINT", onInt);
      process.on("SIGTERM", onTerm);
    });
    await server.close();
    const s = server.stats();
    ctx.info("serve-mock: served " + s.requests + " requests (" + s.completed + " completed, max " + s.maxInFlight + " in flight)");
    return 0;
  },
};
