import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../../io/paths";
import { InputError } from "../../util/errors";

/** Price of one model in USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Model key ("provider:model", "model" or "prefix*") → price. */
export type PriceTable = Record<string, ModelPrice>;

/** Validate a price table object; InputErrors name the file and field. */
export function parsePriceTable(value: unknown, file: string): PriceTable {
  const models = (value as { models?: unknown })?.models ?? value;
  if (!models || typeof models !== "object" || Array.isArray(models)) throw new InputError({ file, field: "models" }, "must be an object of model → {input, output}");
  const out: PriceTable = {};
  for (const [k, v] of Object.entries(models as Record<string, unknown>)) {
    if (k.startsWith("_")) continue;
    const p = v as Record<string, unknown>;
    for (const f of ["input", "output"]) {
      const x = p?.[f];
      if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw new InputError({ file, field: "models." + k + "." + f }, "must be a non-negative number (USD per 1M tokens)");
    }
    out[k] = { input: p.input as number, output: p.output as number };
  }
  return out;
}

/** Read a price table file (schema of data/llm/prices.json). */
export function readPriceTable(file: string): PriceTable {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new InputError({ file }, "cannot read price table");
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError({ file }, "not valid JSON: " + (e as Error).message);
  }
  return parsePriceTable(json, file);
}

/**
 * The effective price table: data/llm/prices.json, then the file named by
 * EVALBOOK_PRICES, then `overrides` (later entries win).
 */
export function loadPrices(overrides: PriceTable = {}, env: NodeJS.ProcessEnv = process.env): PriceTable {
  const base = path.join(projectRoot(), "data", "llm", "prices.json");
  const table: PriceTable = fs.existsSync(base) ? readPriceTable(base) : { "simulated/*": { input: 0, output: 0 } };
  if (env.EVALBOOK_PRICES) Object.assign(table, readPriceTable(path.resolve(env.EVALBOOK_PRICES)));
  return Object.assign(table, overrides);
}

/** Price of a model: exact "provider:model", then bare model, then the longest matching prefix pattern. */
export function priceOf(table: PriceTable, provider: string, model: string): ModelPrice | undefined {
  const exact = table[provider + ":" + model] ?? table[model];
  if (exact) return exact;
  let best: { len: number; p: ModelPrice } | undefined;
  for (const [k, p] of Object.entries(table)) {
    if (!k.endsWith("*")) continue;
    const prefix = k.slice(0, -1);
    for (const candidate of [provider + ":" + model, model]) {
      if (candidate.startsWith(prefix) && (!best || prefix.length > best.len)) best = { len: prefix.length, p };
    }
  }
  return best?.p;
}

/** Cost in USD of a token count at a price. */
export function costUSD(price: ModelPrice, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.input + completionTokens * price.output) / 1e6;
}
