import * as fs from "node:fs";
import * as path from "node:path";
import { readJson } from "../../io/json";
import { InputError } from "../../util/errors";
import { trainingCompute, type ScalingScore } from "./types";

/** Tokens per optimizer step of the Pythia runs: 1024 sequences × 2048 tokens. */
export const PYTHIA_TOKENS_PER_STEP = 2_097_152;
/** Training tokens of the fully trained OPT models (Zhang et al. 2022). */
export const OPT_TOKENS = 180e9;
/** Training tokens of the BLOOM models (BigScience 2022). */
export const BLOOM_TOKENS = 366e9;

/**
 * Nominal parameter count from a size string in a model name:
 * "70m" → 7e7, "1.4b" → 1.4e9, BLOOM's "1b7" → 1.7e9. Undefined if not a size.
 */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([mb])(\d*)$/i.exec(s);
  if (!m) return undefined;
  const whole = m[3] ? Number(m[1] + "." + m[3]) : Number(m[1]);
  return whole * (m[2].toLowerCase() === "b" ? 1e9 : 1e6);
}

/** What the file and directory names say about one evaluation file. */
export interface PythiaFileInfo {
  model: string;
  family: string;
  parameters: number;
  tokens: number;
  step?: number;
  shots?: number;
}

/**
 * Model, family and scale of one evaluation file from its path (relative to
 * the `evals/` folder or to any folder above the model directories).
 * Pythia: family "Pythia" / "Pythia-deduped" / "Pythia-variant" (bf16 and
 * batch-size runs), tokens = step × tokens per step (2,097,152; 524,288 for
 * "-0.5MtokBS", 262,144 for "-0.25MtokBS"). OPT and BLOOM: one fully trained
 * model each (180B and 366B tokens). Undefined for files that are not evaluations.
 */
export function describePythiaFile(rel: string): PythiaFileInfo | undefined {
  const parts = rel.split(/[\\/]/);
  const base = parts[parts.length - 1];
  if (!base.endsWith(".json")) return undefined;
  const stem = base.slice(0, -5);
  const opt = /^opt-(.+)$/.exec(stem);
  if (opt && parseSize(opt[1]) !== undefined) {
    return { model: stem, family: "OPT", parameters: parseSize(opt[1])!, tokens: OPT_TOKENS };
  }
  const bloom = /^bloom-(.+)$/.exec(stem);
  if (bloom && parseSize(bloom[1]) !== undefined) {
    return { model: stem, family: "BLOOM", parameters: parseSize(bloom[1])!, tokens: BLOOM_TOKENS };
  }
  const ck = /^(.+?)(-5shot)?_step(\d+)$/.exec(stem);
  if (!ck) return undefined;
  const modelDir = parts.length >= 3 ? parts[parts.length - 3] : "pythia-" + ck[1];
  const size = parseSize(ck[1].split("-")[0]);
  if (size === undefined) return undefined;
  const step = Number(ck[3]);
  let perStep = PYTHIA_TOKENS_PER_STEP;
  if (/-0\.5MtokBS/.test(modelDir)) perStep = 524_288;
  else if (/-0\.25MtokBS/.test(modelDir)) perStep = 262_144;
  else if (/-1MtokBS/.test(modelDir)) perStep = 1_048_576;
  const variant = /MtokBS|bf16/.test(modelDir);
  const family = variant ? "Pythia-variant" : /deduped/.test(modelDir) ? "Pythia-deduped" : "Pythia";
  const folder = parts.length >= 2 ? parts[parts.length - 2] : "";
  const shots = ck[2] || folder === "five-shot" ? 5 : folder === "zero-shot" ? 0 : undefined;
  return { model: modelDir, family, parameters: size, tokens: step * perStep, step, ...(shots === undefined ? {} : { shots }) };
}

interface LmEvalResults {
  results?: Record<string, Record<string, unknown>>;
  config?: { model_args?: string; num_fewshot?: number };
}

/**
 * Scores of one lm-eval results file (old harness format: `results` → task →
 * metric, with `<metric>_stderr`). The step in `config.model_args`
 * (`revision=step<N>`) must agree with the file name; the few-shot count
 * comes from `config.num_fewshot`. Non-numeric metric values are InputErrors.
 */
export function readPythiaFile(file: string, rel: string = path.basename(file)): ScalingScore[] {
  const info = describePythiaFile(rel);
  if (!info) throw new InputError({ file }, "not a Pythia/OPT/BLOOM evaluation file name (expected <size>[-deduped]_step<N>.json, opt-<size>.json or bloom-<size>.json)");
  const doc = readJson<LmEvalResults>(file);
  if (doc === null || typeof doc !== "object" || typeof doc.results !== "object" || doc.results === null) {
    throw new InputError({ file, field: "results" }, "expected an object of task results");
  }
  const args = doc.config?.model_args;
  if (info.step !== undefined && typeof args === "string") {
    const m = /revision=step(\d+)/.exec(args);
    if (m && Number(m[1]) !== info.step) {
      throw new InputError({ file, field: "config.model_args" }, "revision step" + m[1] + " disagrees with the file name (step" + info.step + ")");
    }
  }
  const shots = typeof doc.config?.num_fewshot === "number" ? doc.config.num_fewshot : info.shots;
  const out: ScalingScore[] = [];
  for (const task of Object.keys(doc.results).sort()) {
    const metrics = doc.results[task];
    if (metrics === null || typeof metrics !== "object") throw new InputError({ file, field: "results." + task }, "expected an object of metrics");
    for (const metric of Object.keys(metrics)) {
      if (metric.endsWith("_stderr")) continue;
      const value = metrics[metric];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new InputError({ file, field: "results." + task + "." + metric }, "expected a finite number, found " + JSON.stringify(value));
      }
      const se = metrics[metric + "_stderr"];
      if (se !== undefined && (typeof se !== "number" || !Number.isFinite(se))) {
        throw new InputError({ file, field: "results." + task + "." + metric + "_stderr" }, "expected a finite number, found " + JSON.stringify(se));
      }
      const s: ScalingScore = {
        model: info.model,
        family: info.family,
        parameters: info.parameters,
        tokens: info.tokens,
        compute: trainingCompute(info.parameters, info.tokens),
        task,
        metric,
        value,
        source: rel,
      };
      if (typeof se === "number") s.stderr = se;
      if (info.step !== undefined) s.step = info.step;
      if (shots !== undefined) s.shots = shots;
      out.push(s);
    }
  }
  return out;
}

/** All evaluation JSON files below `dir` (sorted), relative paths. */
function listJson(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? rel + "/" + e.name : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.name.endsWith(".json")) out.push(r);
    }
  };
  walk(dir, "");
  return out;
}

/**
 * Import every evaluation file below `dir` (the `scaling/pythia` folder, its
 * `evals/`, or any sub-folder). JSON files whose names are not evaluation
 * files are an InputError (nothing is skipped silently). Options filter by
 * few-shot count and family.
 */
export function readPythiaDir(dir: string, options: { shots?: number; families?: string[] } = {}): ScalingScore[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new InputError({ file: dir }, "not a directory");
  const files = listJson(dir);
  if (files.length === 0) throw new InputError({ file: dir }, "no .json evaluation files found");
  const out: ScalingScore[] = [];
  for (const rel of files) {
    const info = describePythiaFile(rel);
    if (!info) throw new InputError({ file: path.join(dir, rel) }, "not a Pythia/OPT/BLOOM evaluation file name");
    if (options.families && !options.families.includes(info.family)) continue;
    if (options.shots !== undefined && info.shots !== undefined && info.shots !== options.shots) continue;
    for (const s of readPythiaFile(path.join(dir, rel), rel)) {
      if (options.shots !== undefined && s.shots !== options.shots) continue;
      out.push(s);
    }
  }
  return out;
}
