import * as fs from "node:fs";
import * as path from "node:path";
import { readJsonlRows } from "../../io/jsonl";
import { fromRoot, sharedDataPath } from "../../io/paths";
import { seededRng } from "../../random/seeded";
import { InputError, UserError } from "../../util/errors";

/** One instruction to build a synthetic preference pair from. */
export interface Instruction {
  /** Stable id from the source (self-instruct id, SuperNI instance id, ...). */
  id: string;
  /** Full instruction text (with its input, when the source has one). */
  text: string;
  source: "self-instruct" | "superni" | "builtin" | "custom";
}

/** Where instructions come from. "auto": the real sets when present, else the built-in set. */
export type InstructionSource = "auto" | "self-instruct" | "superni" | "real" | "builtin";

function str(v: unknown, file: string, line: number, field: string): string {
  if (typeof v !== "string") throw new InputError({ file, line, field }, "expected a string");
  return v;
}

/** self-instruct's 252 user-oriented instructions (instruction + its instance input). */
export function loadSelfInstructInstructions(file: string): Instruction[] {
  return readJsonlRows<Record<string, unknown>>(file).map((r) => {
    const id = str(r.value.id, file, r.line, "id");
    const instr = str(r.value.instruction, file, r.line, "instruction");
    const inst = r.value.instances;
    if (!Array.isArray(inst)) throw new InputError({ file, line: r.line, field: "instances" }, "expected an array");
    const input = inst.length && typeof (inst[0] as Record<string, unknown>).input === "string" ? ((inst[0] as Record<string, unknown>).input as string) : "";
    return { id, text: input.trim() ? instr.trim() + "\n\n" + input.trim() : instr.trim(), source: "self-instruct" as const };
  });
}

/**
 * SuperNI test instances as instructions (task definition + instance input),
 * interleaved round-robin over tasks so that any prefix is diverse.
 */
export function loadSuperNIInstructions(file: string): Instruction[] {
  const perTask: Instruction[][] = [];
  for (const r of readJsonlRows<Record<string, unknown>>(file)) {
    const task = str(r.value.task, file, r.line, "task");
    const def = r.value.definition;
    if (!Array.isArray(def)) throw new InputError({ file, line: r.line, field: "definition" }, "expected an array of strings");
    const inst = r.value.instances;
    if (!Array.isArray(inst)) throw new InputError({ file, line: r.line, field: "instances" }, "expected an array");
    perTask.push(
      inst.map((x, k) => {
        const o = x as Record<string, unknown>;
        const input = str(o.input, file, r.line, "instances[" + k + "].input");
        const id = typeof o.id === "string" ? o.id : task + "#" + k;
        return { id, text: def.join(" ").trim() + "\n\n" + input.trim(), source: "superni" as const };
      }),
    );
  }
  const out: Instruction[] = [];
  for (let k = 0; perTask.some((t) => k < t.length); k++) for (const t of perTask) if (k < t.length) out.push(t[k]);
  return out;
}

/** The built-in set (data/self-taught/instructions.jsonl, rows {id, instruction}). */
export function loadBuiltinInstructions(file: string = fromRoot("data", "self-taught", "instructions.jsonl")): Instruction[] {
  return readJsonlRows<Record<string, unknown>>(file).map((r) => ({ id: str(r.value.id, file, r.line, "id"), text: str(r.value.instruction, file, r.line, "instruction"), source: "builtin" as const }));
}

/** Load instructions from a source; returns them with the source actually used. */
export function loadInstructions(source: InstructionSource = "auto"): { instructions: Instruction[]; used: string[] } {
  const si = sharedDataPath("self_instruct", "user_oriented_instructions.jsonl");
  const sn = sharedDataPath("superni", "test_tasks.jsonl");
  const have = (p: string | undefined): p is string => p !== undefined && fs.existsSync(p);
  const out: Instruction[] = [];
  const used: string[] = [];
  const want = (s: "self-instruct" | "superni") => source === s || source === "real" || source === "auto";
  if (source !== "builtin") {
    if (want("self-instruct") && have(si)) {
      out.push(...loadSelfInstructInstructions(si));
      used.push(path.relative(process.cwd(), si));
    }
    if (want("superni") && have(sn)) {
      out.push(...loadSuperNIInstructions(sn));
      used.push(path.relative(process.cwd(), sn));
    }
    if (out.length === 0 && source !== "auto") throw new UserError("instruction source '" + source + "' not found under the shared data folder");
  }
  if (out.length === 0) {
    out.push(...loadBuiltinInstructions());
    used.push("data/self-taught/instructions.jsonl");
  }
  const seen = new Set<string>();
  for (const i of out) {
    if (seen.has(i.id)) throw new UserError("duplicate instruction id " + i.id);
    seen.add(i.id);
  }
  return { instructions: out, used };
}

/**
 * Seeded, disjoint train / eval split: the instructions are shuffled with
 * seededRng(seed); eval = the first nEval, train = the next nTrain. Throws
 * when there are not enough instructions.
 */
export function splitInstructions(all: Instruction[], nTrain: number, nEval: number, seed: number | string): { train: Instruction[]; eval: Instruction[] } {
  if (nTrain + nEval > all.length) throw new UserError("need " + (nTrain + nEval) + " instructions (" + nTrain + " train + " + nEval + " eval) but the source has " + all.length);
  const order = seededRng("split:" + seed).shuffle(all.map((_, i) => i));
  return { eval: order.slice(0, nEval).map((i) => all[i]), train: order.slice(nEval, nEval + nTrain).map((i) => all[i]) };
}
