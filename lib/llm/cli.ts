import type { OptionSpec, ParsedArgs } from "../cli/args";
import { UsageError } from "../util/errors";
import { createLLM, type LLMClient } from "./client";
import type { LLMConfig } from "./config";
import { roleOption } from "./registry/cli-flags";

/**
 * The LLM options every study command can add to its own options:
 * `--role ROLE=SPEC` (repeatable), `--dry-run`, `--max-cost USD`,
 * `--max-tokens N`, `--cache-dir DIR`, `--no-cache`, `--refresh`.
 */
export const llmOptions: OptionSpec[] = [
  roleOption,
  { name: "dry-run", type: "boolean", description: "Make no model calls: count calls, estimated tokens and cost (cache hits are still used)." },
  { name: "max-cost", type: "number", placeholder: "USD", description: "Stop cleanly before the run's cost would exceed this (needs prices for the models)." },
  { name: "max-tokens", type: "number", placeholder: "N", description: "Stop cleanly before the run's billed tokens would exceed this." },
  { name: "cache-dir", type: "string", placeholder: "DIR", description: "Response cache directory (default .evalbook/cache)." },
  { name: "cache", type: "boolean", default: true, description: "Use the response cache (--no-cache disables it)." },
];

/** Build a client from parsed CLI options (plus anything the command adds, e.g. runDir or default roles). */
export function createLLMFromArgs(args: ParsedArgs, extra: LLMConfig = {}): LLMClient {
  const o = args.options;
  const maxCost = o["max-cost"] as number | undefined;
  const maxTokens = o["max-tokens"] as number | undefined;
  if (maxCost !== undefined && maxCost < 0) throw new UsageError("--max-cost must be >= 0");
  if (maxTokens !== undefined && maxTokens < 0) throw new UsageError("--max-tokens must be >= 0");
  const budget = { ...(extra.budget ?? {}), ...(maxCost !== undefined ? { maxCostUSD: maxCost } : {}), ...(maxTokens !== undefined ? { maxTokens } : {}) };
  return createLLM({
    ...extra,
    roleFlags: [...(extra.roleFlags ?? []), ...((o.role as string[] | undefined) ?? [])],
    dryRun: extra.dryRun || o["dry-run"] === true,
    budget,
    cacheDir: o.cache === false ? false : ((o["cache-dir"] as string | undefined) ?? extra.cacheDir),
  });
}
