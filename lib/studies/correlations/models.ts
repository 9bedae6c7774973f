import * as path from "node:path";
import { readJsonlRows } from "../../io/jsonl";
import { readJson } from "../../io/json";
import { InputError } from "../../util/errors";
import { readKoyejolabModels } from "../../data/scaling/koyejolab";
import { trainingCompute, type ModelInfo } from "../../data/scaling/types";

export type { ModelInfo } from "../../data/scaling/types";

/**
 * Read a model registry: the original study's CSV (`Model Family, Model
 * Nickname, HuggingFace Path, HuggingFace Revision, Tokens, Parameters`), or
 * JSON Lines / a JSON array of `{nickname, family, parameters, tokens}`
 * objects (`hfPath`, `revision` optional; `compute` is always recomputed as
 * 6·N·D). Bad or duplicate entries are InputErrors.
 */
export function readModels(file: string): ModelInfo[] {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return readKoyejolabModels(file);
  let rows: { line?: number; value: unknown }[];
  if (ext === ".json") {
    const v = readJson<unknown>(file);
    if (!Array.isArray(v)) throw new InputError({ file }, "expected a JSON array of models");
    rows = v.map((value) => ({ value }));
  } else rows = readJsonlRows(file);
  const seen = new Set<string>();
  return rows.map(({ line, value }, i) => {
    const where = { file, ...(line !== undefined ? { line } : {}) };
    const r = value as Record<string, unknown>;
    if (r === null || typeof r !== "object") throw new InputError(where, "model " + i + " is not an object");
    const str = (k: string): string => {
      const v = r[k];
      if (typeof v !== "string" || v.trim() === "") throw new InputError({ ...where, field: k }, "expected a non-empty string");
      return v.trim();
    };
    const num = (k: string): number => {
      const v = r[k];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new InputError({ ...where, field: k }, "expected a non-negative number, found " + JSON.stringify(v));
      return v;
    };
    const nickname = str("nickname");
    if (seen.has(nickname)) throw new InputError({ ...where, field: "nickname" }, "duplicate nickname '" + nickname + "'");
    seen.add(nickname);
    const parameters = num("parameters");
    if (parameters === 0) throw new InputError({ ...where, field: "parameters" }, "parameter count must be positive");
    const tokens = num("tokens");
    const m: ModelInfo = { nickname, family: str("family"), parameters, tokens, compute: trainingCompute(parameters, tokens) };
    if (typeof r.hfPath === "string") m.hfPath = r.hfPath;
    if (typeof r.revision === "string") m.revision = r.revision;
    return m;
  });
}

/**
 * Split off checkpoints whose log10 compute is not finite (zero training
 * tokens), which the original excludes before correlating
 * ("a model had literally 0 FLOPS").
 */
export function dropUntrained(models: ModelInfo[]): { kept: ModelInfo[]; dropped: ModelInfo[] } {
  const kept: ModelInfo[] = [];
  const dropped: ModelInfo[] = [];
  for (const m of models) (Number.isFinite(Math.log10(m.compute)) ? kept : dropped).push(m);
  return { kept, dropped };
}

/** Models grouped by family (families in first-seen order). */
export function byFamily(models: ModelInfo[]): Map<string, ModelInfo[]> {
  const out = new Map<string, ModelInfo[]>();
  for (const m of models) {
    const list = out.get(m.family);
    if (list) list.push(m);
    else out.set(m.family, [m]);
  }
  return out;
}

/** Models sorted by compute, ascending (stable). */
export function sortByCompute(models: ModelInfo[]): ModelInfo[] {
  return models
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.compute - b.m.compute || a.i - b.i)
    .map((e) => e.m);
}
