/** Loaders for the self-instruct user-oriented instructions and model predictions. */
import * as fs from "node:fs";
import * as path from "node:path";
import { readJsonlRows } from "../../io/jsonl";
import { InputError } from "../../util/errors";
import { objList, str } from "../superni/check";

/** One user-oriented instruction with its instances. */
export interface SelfInstructInstruction {
  id: string;
  motivationApp: string;
  instruction: string;
  instances: { input: string; output: string }[];
}

/** One model prediction (same order as the instructions). */
export interface SelfInstructPrediction {
  prompt: string;
  instruction: string;
  input: string;
  response: string;
  target: string;
}

/** Load `user_oriented_instructions.jsonl`. */
export function loadSelfInstructInstructions(file: string): SelfInstructInstruction[] {
  return readJsonlRows(file).map(({ value, line }) => {
    const where = { file, line };
    return {
      id: str(value, ["id"], where),
      motivationApp: str(value, ["motivation_app"], where),
      instruction: str(value, ["instruction"], where),
      instances: objList(value, ["instances"], where, false).map(({ value: v, where: w }) => ({ input: str(v, ["input"], w), output: str(v, ["output"], w) })),
    };
  });
}

/** Load one `<model>_predictions.jsonl`. */
export function loadSelfInstructPredictions(file: string): SelfInstructPrediction[] {
  return readJsonlRows(file).map(({ value, line }) => {
    const where = { file, line };
    return {
      prompt: str(value, ["prompt"], where),
      instruction: str(value, ["instruction"], where),
      input: str(value, ["input"], where),
      response: str(value, ["response"], where),
      target: str(value, ["target"], where),
    };
  });
}

/** The instructions and every model's predictions, checked to be aligned line by line. */
export interface SelfInstructRelease {
  instructions: SelfInstructInstruction[];
  /** Model name (file name without `_predictions.jsonl`) -> predictions, sorted by model name. */
  models: { model: string; file: string; predictions: SelfInstructPrediction[] }[];
}

/**
 * Load a self_instruct folder (`user_oriented_instructions.jsonl` and
 * `predictions/*_predictions.jsonl`). A prediction file whose length or
 * instruction text does not line up with the instructions is an InputError.
 */
export function loadSelfInstructRelease(dir: string): SelfInstructRelease {
  const instructions = loadSelfInstructInstructions(path.join(dir, "user_oriented_instructions.jsonl"));
  const pdir = path.join(dir, "predictions");
  if (!fs.existsSync(pdir)) throw new InputError({ file: pdir }, "no predictions/ folder");
  const files = fs.readdirSync(pdir).filter((f) => f.endsWith("_predictions.jsonl")).sort();
  const models = files.map((f) => {
    const file = path.join(pdir, f);
    const predictions = loadSelfInstructPredictions(file);
    if (predictions.length !== instructions.length) throw new InputError({ file }, predictions.length + " predictions for " + instructions.length + " instructions");
    predictions.forEach((p, i) => {
      if (p.instruction.trim() !== instructions[i].instruction.trim()) throw new InputError({ file, line: i + 1, field: "instruction" }, "does not match instruction " + instructions[i].id);
    });
    return { model: f.replace(/_predictions\.jsonl$/, ""), file, predictions };
  });
  models.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return { instructions, models };
}
