import * as fs from "node:fs";
import * as path from "node:path";
import type { Endpoint, EndpointLimits } from "../types";
import { InputError } from "../../util/errors";
import { parsePriceTable, type PriceTable } from "../usage/prices";
import type { BudgetLimits } from "../usage/budget";
import { parseEndpointSpec } from "./parse-spec";
import { isProblem, validateLimits, type FieldProblem } from "./validate";

/** Name of the optional project config file at the project root. */
export const CONFIG_FILE = "evalbook.config.json";

/**
 * The LLM part of `evalbook.config.json` (all members optional):
 * ```json
 * {
 *   "roles": {
 *     "judge": { "provider": "together", "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
 *                "limits": { "concurrency": 8, "requestsPerMinute": 600 } },
 *     "generator": "openai:gpt-4o-mini",
 *     "student": "vllm:Qwen/Qwen2.5-7B-Instruct@http://127.0.0.1:8000/v1"
 *   },
 *   "limits": { "concurrency": 16, "maxRetries": 5, "timeoutMs": 120000 },
 *   "cacheDir": ".evalbook/cache",
 *   "budget": { "maxCostUSD": 20 },
 *   "prices": { "together:my-org/my-model": { "input": 0.2, "output": 0.2 } }
 * }
 * ```
 * Other top-level members are left for other parts of evalbook.
 */
export interface ProjectLLMConfig {
  roles: Record<string, Endpoint>;
  limits?: EndpointLimits;
  cacheDir?: string;
  budget?: BudgetLimits;
  prices?: PriceTable;
  /** The file it came from (undefined when there is none). */
  file?: string;
}

/** Best-effort 1-based line of the first occurrence of `"key"` in JSON text. */
function lineOf(text: string, key: string | undefined): number | undefined {
  if (!key) return undefined;
  const i = text.indexOf(JSON.stringify(key));
  if (i < 0) return undefined;
  let line = 1;
  for (let j = 0; j < i; j++) if (text.charCodeAt(j) === 10) line++;
  return line;
}

/** Parse and validate config text; InputErrors name the file, line and field. */
export function parseProjectConfig(text: string, file: string): ProjectLLMConfig {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError({ file }, "not valid JSON: " + (e as Error).message);
  }
  const fail = (p: FieldProblem): never => {
    const parts = p.field.split(/[.[\]]/).filter(Boolean);
    throw new InputError({ file, line: lineOf(text, parts[parts.length - 1]) ?? lineOf(text, parts[1]), field: p.field }, p.reason);
  };
  if (!json || typeof json !== "object" || Array.isArray(json)) fail({ field: "(top level)", reason: "must be a JSON object" });
  const o = json as Record<string, unknown>;
  const out: ProjectLLMConfig = { roles: {}, file };
  if (o.roles !== undefined) {
    if (!o.roles || typeof o.roles !== "object" || Array.isArray(o.roles)) fail({ field: "roles", reason: "must be an object of role → endpoint" });
    for (const [role, v] of Object.entries(o.roles as Record<string, unknown>)) {
      if (!/^[a-z][a-z0-9_-]*$/.test(role)) fail({ field: "roles." + role, reason: "role names are lowercase identifiers (a-z, 0-9, _ and -)" });
      const ep = typeof v === "string" ? parseEndpointSpec(v, "roles." + role) : parseEndpointSpec(JSON.stringify(v ?? null), "roles." + role);
      if (isProblem(ep)) fail(ep);
      out.roles[role] = ep as Endpoint;
    }
  }
  if (o.limits !== undefined) {
    const l = validateLimits(o.limits, "limits");
    if (isProblem(l)) fail(l);
    out.limits = l as EndpointLimits;
  }
  if (o.cacheDir !== undefined) {
    if (typeof o.cacheDir !== "string" || o.cacheDir.trim() === "") fail({ field: "cacheDir", reason: "must be a directory path" });
    out.cacheDir = o.cacheDir as string;
  }
  if (o.budget !== undefined) {
    const b = o.budget as Record<string, unknown>;
    if (!b || typeof b !== "object" || Array.isArray(b)) fail({ field: "budget", reason: "must be an object {maxCostUSD?, maxTokens?}" });
    out.budget = {};
    for (const [k, x] of Object.entries(b)) {
      if (k !== "maxCostUSD" && k !== "maxTokens") fail({ field: "budget." + k, reason: "unknown (known: maxCostUSD, maxTokens)" });
      if (typeof x !== "number" || !Number.isFinite(x) || x < 0) fail({ field: "budget." + k, reason: "must be a non-negative number" });
      out.budget[k as keyof BudgetLimits] = x as number;
    }
  }
  if (o.prices !== undefined) {
    try {
      out.prices = parsePriceTable({ models: o.prices }, file);
    } catch (e) {
      const ie = e as InputError;
      const field = (ie.field ?? "prices").replace(/^models/, "prices");
      throw new InputError({ file, line: lineOf(text, field.split(".")[1]), field }, ie.reason ?? ie.message);
    }
  }
  return out;
}

/** Load `evalbook.config.json` from a directory (the project root); an absent file gives an empty config. */
export function loadProjectConfig(root: string, fileName = CONFIG_FILE): ProjectLLMConfig {
  const file = path.join(root, fileName);
  if (!fs.existsSync(file)) return { roles: {} };
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError({ file }, "cannot read: " + (e as Error).message);
  }
  return parseProjectConfig(text, file);
}
