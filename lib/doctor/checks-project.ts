import * as fs from "node:fs";
import * as path from "node:path";
import type { CheckResult, DoctorContext } from "./check";
import { loadProjectConfig, CONFIG_FILE } from "../llm/registry/index";
import { ResponseCache } from "../llm/cache/store";
import { cacheStats } from "../llm/cache/stats";
import { TogetherHttp } from "../together/http";
import { endpointsWithCost } from "../together/endpoints/running";

const KEYS = ["OPENAI_API_KEY", "TOGETHER_API_KEY"];

/** Which API keys are set (never their values). */
export function checkKeys(ctx: DoctorContext): CheckResult[] {
  return KEYS.map((k) =>
    ctx.env[k]
      ? { check: "api-key", status: "ok" as const, detail: k + " is set" }
      : { check: "api-key", status: "info" as const, detail: k + " is not set (needed only for real runs against that provider)", fix: "export " + k + "=... in your shell (keys are read only from the environment)" },
  );
}

/** The project config file, when present, parses and validates. */
export function checkConfig(ctx: DoctorContext): CheckResult {
  const file = path.join(ctx.root, CONFIG_FILE);
  if (!fs.existsSync(file)) return { check: "config", status: "info", detail: CONFIG_FILE + " not present: roles default to the offline simulated model in notebooks" };
  try {
    const cfg = loadProjectConfig(ctx.root);
    return { check: "config", status: "ok", detail: CONFIG_FILE + ": " + Object.keys(cfg.roles).length + " roles (" + Object.keys(cfg.roles).join(", ") + ")" };
  } catch (e) {
    return { check: "config", status: "fail", detail: (e as Error).message, fix: "fix " + CONFIG_FILE + " (schema in lib/llm/README.md)" };
  }
}

/** Response-cache health: readable, counts, corrupt (torn) lines. */
export function checkCache(ctx: DoctorContext): CheckResult {
  const dir = path.resolve(ctx.root, ctx.env.EVALBOOK_CACHE_DIR ?? path.join(".evalbook", "cache"));
  if (!fs.existsSync(dir)) return { check: "cache", status: "info", detail: "no response cache yet at " + path.relative(ctx.root, dir) };
  try {
    const s = cacheStats(new ResponseCache(dir));
    const mb = (s.bytes / 1e6).toFixed(1);
    if (s.corruptLines > 0) {
      return { check: "cache", status: "warn", detail: s.entries + " entries, " + mb + " MB, " + s.corruptLines + " torn/corrupt lines (skipped when reading)", fix: "harmless: torn lines come from killed runs; evalbook cache stats shows details" };
    }
    return { check: "cache", status: "ok", detail: s.entries + " entries in " + s.segments + " segments, " + mb + " MB at " + path.relative(ctx.root, dir) };
  } catch (e) {
    return { check: "cache", status: "fail", detail: "cannot read the cache at " + dir + ": " + (e as Error).message, fix: "check permissions, or move the directory away" };
  }
}

/** The working directories evalbook writes to are writable. */
export function checkWritable(ctx: DoctorContext): CheckResult {
  const dir = path.join(ctx.root, ".evalbook");
  const probe = path.join(dir, ".doctor-" + process.pid);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe, "ok");
    fs.rmSync(probe);
    return { check: "disk", status: "ok", detail: path.relative(ctx.root, dir) + "/ is writable" };
  } catch (e) {
    return { check: "disk", status: "fail", detail: dir + " is not writable (" + ((e as NodeJS.ErrnoException).code ?? (e as Error).message) + ")", fix: "free disk space or fix permissions" };
  }
}

/** The real public data beside the project. */
export function checkSharedData(ctx: DoctorContext): CheckResult {
  const dir = ctx.env.EVALBOOK_SHARED_DATA ? path.resolve(ctx.env.EVALBOOK_SHARED_DATA) : path.resolve(ctx.root, "..", "shared", "data");
  return fs.existsSync(dir)
    ? { check: "shared-data", status: "ok", detail: "real data at " + dir + " (" + fs.readdirSync(dir).filter((f) => !f.includes(".")).join(", ") + ")" }
    : { check: "shared-data", status: "info", detail: "no real data at " + dir + ": notebooks use the small data in data/", fix: "set EVALBOOK_SHARED_DATA to its location if you have it" };
}

/** Together dedicated endpoints left running (they bill by the minute). */
export async function checkEndpoints(ctx: DoctorContext): Promise<CheckResult> {
  const loopback = /^https?:\/\/(127\.0\.0\.1|localhost)/.test(ctx.env.TOGETHER_BASE_URL ?? "");
  if (!ctx.env.TOGETHER_API_KEY && !loopback) return { check: "endpoints", status: "info", detail: "skipped: TOGETHER_API_KEY not set" };
  if (ctx.offline) return { check: "endpoints", status: "info", detail: "skipped (--offline)" };
  try {
    const eps = await endpointsWithCost(new TogetherHttp({ env: ctx.env, timeoutMs: 15_000, maxRetries: 1 }), { running: true });
    if (eps.length === 0) return { check: "endpoints", status: "ok", detail: "no dedicated endpoints running" };
    const cost = eps.reduce((a, e) => a + (e.hourlyCostUsd ?? 0), 0);
    return {
      check: "endpoints",
      status: "warn",
      detail: eps.length + " dedicated endpoint(s) running, about $" + cost.toFixed(2) + "/hour: " + eps.map((e) => e.id + " (" + e.model + ", " + e.state + ")").join("; "),
      fix: "evalbook together endpoints stop ID (list: evalbook together endpoints list --running)",
    };
  } catch (e) {
    return { check: "endpoints", status: "warn", detail: "could not list endpoints: " + (e as Error).message };
  }
}
