import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "../command";
import { projectRoot } from "../../io/paths";
import { InputError, UsageError } from "../../util/errors";
import { ResponseCache } from "../../llm/cache/store";
import { cacheStats } from "../../llm/cache/stats";
import { cacheKeyFields, type RequestKind } from "../../llm/cache/key";
import { explainAgainst } from "../../llm/cache/explain";
import { loadProjectConfig } from "../../llm/registry/config-file";
import { rolesFromEnv } from "../../llm/registry/env";
import { parseEndpointSpec } from "../../llm/registry/parse-spec";
import { isProblem } from "../../llm/registry/validate";
import type { Endpoint } from "../../llm/types";

const dirOption = { name: "dir", type: "string" as const, placeholder: "DIR", description: "Cache directory (default: cacheDir of evalbook.config.json, EVALBOOK_CACHE_DIR, or .evalbook/cache)." };

function cacheDir(opt: unknown): string {
  const root = projectRoot();
  if (typeof opt === "string") return path.resolve(opt);
  return path.resolve(root, process.env.EVALBOOK_CACHE_DIR ?? loadProjectConfig(root).cacheDir ?? path.join(".evalbook", "cache"));
}

const stats: Command = {
  name: "stats",
  summary: "Entries, bytes and counts by model / provider / kind of a response cache.",
  options: [dirOption],
  examples: ["evalbook cache stats", "evalbook cache stats --dir /tmp/cache"],
  run(args, ctx) {
    const dir = cacheDir(args.options.dir);
    if (!fs.existsSync(dir)) {
      ctx.info("no cache at " + dir);
      ctx.json({ dir, entries: 0, segments: 0, bytes: 0 });
      return;
    }
    const cache = new ResponseCache(dir);
    const s = cacheStats(cache);
    cache.close();
    ctx.info(s.entries + " entries in " + s.segments + " segment(s), " + (s.bytes / 1e6).toFixed(2) + " MB" + (s.corruptLines ? ", " + s.corruptLines + " torn/corrupt line(s) skipped" : ""));
    for (const [m, n] of Object.entries(s.byModel).sort((a, b) => b[1] - a[1])) ctx.info("  " + n + "\t" + m);
    ctx.json(s);
  },
};

const KINDS: RequestKind[] = ["chat", "completion", "embedding"];

/** Read an explain request file: {role | endpoint, kind, request, sampleIndex?}. */
function readExplainRequest(file: string): { ep: Endpoint; kind: RequestKind; request: Record<string, unknown>; sampleIndex: number } {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError({ file }, "cannot read a JSON object: " + (e as Error).message);
  }
  if (!j || typeof j !== "object" || Array.isArray(j)) throw new InputError({ file }, "must be a JSON object {role | endpoint, kind, request, sampleIndex?}");
  let ep: Endpoint;
  if (j.endpoint !== undefined) {
    const p = parseEndpointSpec(typeof j.endpoint === "string" ? j.endpoint : JSON.stringify(j.endpoint), "endpoint");
    if (isProblem(p)) throw new InputError({ file, field: p.field }, p.reason);
    ep = p as Endpoint;
  } else if (typeof j.role === "string") {
    const roles = { ...loadProjectConfig(projectRoot()).roles, ...rolesFromEnv() };
    if (!roles[j.role]) throw new InputError({ file, field: "role" }, "role '" + j.role + "' is not configured (evalbook.config.json or EVALBOOK_ROLE_*); give an endpoint instead");
    ep = roles[j.role];
  } else {
    throw new InputError({ file, field: "endpoint" }, "give an endpoint (\"provider:model[@baseURL]\" or an object) or a configured role");
  }
  const kind = (j.kind ?? "chat") as RequestKind;
  if (!KINDS.includes(kind)) throw new InputError({ file, field: "kind" }, "must be one of " + KINDS.join(", "));
  if (!j.request || typeof j.request !== "object" || Array.isArray(j.request)) throw new InputError({ file, field: "request" }, "must be the request object (messages / prompt / input and sampling parameters)");
  const sampleIndex = j.sampleIndex ?? 0;
  if (typeof sampleIndex !== "number" || !Number.isInteger(sampleIndex) || sampleIndex < 0) throw new InputError({ file, field: "sampleIndex" }, "must be an integer >= 0");
  return { ep, kind, request: j.request as Record<string, unknown>, sampleIndex };
}

const explain: Command = {
  name: "explain",
  summary: "Say whether a request is cached and, if not, which key fields differ from the nearest cached entry.",
  description:
    "The request file is JSON: {\"endpoint\": \"provider:model[@baseURL]\" (or {provider, model, ...}) or \"role\": \"judge\", " +
    "\"kind\": \"chat\" | \"completion\" | \"embedding\", \"request\": {messages | prompt | input, temperature, ...}, \"sampleIndex\": 0}.",
  options: [dirOption, { name: "request", type: "string", placeholder: "FILE.json", required: true, description: "The request to explain." }],
  examples: ["evalbook cache explain --request req.json"],
  run(args, ctx) {
    const file = args.options.request as string;
    if (!fs.existsSync(file)) throw new UsageError("no such file " + file);
    const { ep, kind, request, sampleIndex } = readExplainRequest(file);
    const cache = new ResponseCache(cacheDir(args.options.dir));
    const fields = cacheKeyFields(ep, kind, request as never, sampleIndex);
    const x = explainAgainst(fields, cache.entries());
    cache.close();
    if (x.hit) ctx.info("hit: the request is cached (" + x.nearestKey + ")");
    else if (x.nearestKey === undefined) ctx.info("miss: the cache is empty");
    else {
      ctx.info("miss: nearest of " + x.searched + " entries (" + x.nearest!.provider + ":" + x.nearest!.model + ") differs in " + x.differences.length + " field(s):");
      for (const d of x.differences) ctx.info("  " + d.field + ": cached " + JSON.stringify(d.cached) + " vs requested " + JSON.stringify(d.requested));
    }
    ctx.json(x);
    return x.hit ? 0 : 1;
  },
};

export const command: Command = {
  name: "cache",
  summary: "Inspect the LLM response cache (stats, why a request missed).",
  subcommands: [stats, explain],
};
