/**
 * Fine-tuning job parameters in our vocabulary, their checks, and their
 * translation to Together's wire format (POST /fine-tunes).
 */
import * as crypto from "node:crypto";
import { UserError } from "../../util/errors";

/** LoRA settings (Together's defaults apply to omitted fields). */
export interface LoraParams {
  /** Rank of the adapter matrices (lora_r). */
  r?: number;
  /** Scaling factor (lora_alpha). */
  alpha?: number;
  /** Dropout on adapter inputs, in [0, 1). */
  dropout?: number;
  /** Comma-separated modules, e.g. "all-linear". */
  trainableModules?: string;
}

/** Everything a study needs to launch a supervised fine-tuning job. */
export interface FineTuneParams {
  /** Base model, e.g. "mistralai/Mixtral-8x7B-Instruct-v0.1". */
  model: string;
  /** Training file id (from an upload). */
  trainingFile: string;
  /** Validation file id. */
  validationFile?: string;
  /** Passes over the data (Together default 1). */
  nEpochs?: number;
  /** Intermediate checkpoints saved (default 1). */
  nCheckpoints?: number;
  /** Evaluations on the validation set. */
  nEvals?: number;
  /** Suffix of the output model name (at most 64 characters). */
  suffix?: string;
  learningRate?: number;
  /** A number, or "max" (Together's default). */
  batchSize?: number | "max";
  /** LoRA (default on, with Together's default rank/alpha) or full fine-tuning (false). */
  lora?: boolean | LoraParams;
  /** Train on prompt tokens too ("auto" by default at Together). */
  trainOnInputs?: boolean | "auto";
  warmupRatio?: number;
  weightDecay?: number;
  maxGradNorm?: number;
  /** Continue from a previous job / output model (":STEP" optional). */
  fromCheckpoint?: string;
  randomSeed?: number;
  /** Further wire fields passed through unchanged (snake_case). */
  extra?: Record<string, unknown>;
}

/** Together's wire body for POST /fine-tunes. */
export type FineTuneWireBody = Record<string, unknown> & { model: string; training_file: string };

/** Check parameter ranges; throws a UserError naming the parameter. */
export function checkFineTuneParams(p: FineTuneParams): void {
  const bad = (name: string, why: string) => {
    throw new UserError("fine-tune parameter " + name + " " + why);
  };
  if (typeof p.model !== "string" || p.model.trim() === "") bad("model", "is required (base model name)");
  if (typeof p.trainingFile !== "string" || p.trainingFile.trim() === "") bad("trainingFile", "is required (file id from an upload)");
  const posInt = (name: string, v: number | undefined, min = 1) => {
    if (v !== undefined && (!Number.isInteger(v) || v < min)) bad(name, "must be an integer >= " + min + ", got " + v);
  };
  posInt("nEpochs", p.nEpochs);
  posInt("nCheckpoints", p.nCheckpoints);
  posInt("nEvals", p.nEvals, 0);
  if (p.batchSize !== undefined && p.batchSize !== "max") posInt("batchSize", p.batchSize);
  if (p.learningRate !== undefined && !(p.learningRate > 0 && Number.isFinite(p.learningRate))) bad("learningRate", "must be a positive number, got " + p.learningRate);
  if (p.warmupRatio !== undefined && !(p.warmupRatio >= 0 && p.warmupRatio < 1)) bad("warmupRatio", "must be in [0, 1), got " + p.warmupRatio);
  if (p.suffix !== undefined) {
    if (p.suffix.length > 64) bad("suffix", "must be at most 64 characters");
    if (!/^[A-Za-z0-9._-]*$/.test(p.suffix)) bad("suffix", "may contain only letters, digits, '.', '_' and '-', got '" + p.suffix + "'");
  }
  if (p.nEvals && p.nEvals > 0 && !p.validationFile) bad("nEvals", "needs a validationFile");
  if (typeof p.lora === "object") {
    posInt("lora.r", p.lora.r);
    if (p.lora.alpha !== undefined && !(p.lora.alpha > 0)) bad("lora.alpha", "must be positive, got " + p.lora.alpha);
    if (p.lora.dropout !== undefined && !(p.lora.dropout >= 0 && p.lora.dropout < 1)) bad("lora.dropout", "must be in [0, 1), got " + p.lora.dropout);
  }
}

/** Translate to Together's wire format (omitting unset fields). */
export function fineTuneWireBody(p: FineTuneParams): FineTuneWireBody {
  checkFineTuneParams(p);
  const body: FineTuneWireBody = { model: p.model, training_file: p.trainingFile };
  const set = (k: string, v: unknown) => {
    if (v !== undefined) body[k] = v;
  };
  set("validation_file", p.validationFile);
  set("n_epochs", p.nEpochs);
  set("n_checkpoints", p.nCheckpoints);
  set("n_evals", p.nEvals);
  set("suffix", p.suffix);
  set("learning_rate", p.learningRate);
  set("batch_size", p.batchSize);
  set("warmup_ratio", p.warmupRatio);
  set("weight_decay", p.weightDecay);
  set("max_grad_norm", p.maxGradNorm);
  set("from_checkpoint", p.fromCheckpoint);
  set("random_seed", p.randomSeed);
  if (p.trainOnInputs !== undefined) body.training_method = { method: "sft", train_on_inputs: p.trainOnInputs };
  const lora = p.lora ?? true;
  if (lora === false) body.training_type = { type: "Full" };
  else {
    const l = lora === true ? {} : lora;
    const tt: Record<string, unknown> = { type: "Lora", lora_r: l.r ?? 8, lora_alpha: l.alpha ?? 2 * (l.r ?? 8) };
    if (l.dropout !== undefined) tt.lora_dropout = l.dropout;
    if (l.trainableModules !== undefined) tt.lora_trainable_modules = l.trainableModules;
    body.training_type = tt;
  }
  if (p.extra) for (const [k, v] of Object.entries(p.extra)) if (!(k in body)) body[k] = v;
  return body;
}

/** JSON with object keys sorted (stable hashing). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map(canonicalJson).join(",") + "]";
  const o = v as Record<string, unknown>;
  return "{" + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ":" + canonicalJson(o[k])).join(",") + "}";
}

/**
 * Deterministic key of a job: the API, the training (and validation) data —
 * by content hash when known, else by file id — and every other wire
 * parameter. Equal keys mean "the same paid job".
 */
export function fineTuneKey(baseURL: string, body: FineTuneWireBody, data: { trainingSha256?: string; validationSha256?: string } = {}): string {
  const rest: Record<string, unknown> = { ...body };
  delete rest.training_file;
  delete rest.validation_file;
  const identity = {
    api: baseURL,
    training: data.trainingSha256 ? "sha256:" + data.trainingSha256 : "file:" + body.training_file,
    validation: body.validation_file === undefined ? undefined : data.validationSha256 ? "sha256:" + data.validationSha256 : "file:" + body.validation_file,
    params: rest,
  };
  return "ft-" + crypto.createHash("sha256").update(canonicalJson(identity)).digest("hex").slice(0, 24);
}
