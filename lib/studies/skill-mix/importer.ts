import * as fs from "node:fs";
import * as path from "node:path";
import { readCsv } from "../../io/csv";
import { InputError } from "../../util/errors";
import type { GradedItem } from "./aggregate";
import { pyFloat, pyStrip } from "./py-compat";

/** Identifiers in a run directory name `k{k}_s{seed}_v{version}_r{round}`. */
export interface RunId {
  k: number;
  seed: number;
  version: string;
  generationRound: number;
}

/** Identifiers in a graded directory name `by_{grader}_on_{column}[_{round}][_{version}]`. */
export interface GradingId {
  grader: string;
  /** Graded column, e.g. "text_1" (the answer after the improve turn). */
  column: string;
  gradingRound: number;
  gradingVersion: string;
}

/** One generation conversation (a row of `<model>/records.csv`). */
export interface GenerationRecord {
  index: number;
  line: number;
  k: number;
  skills: string[];
  topic: string;
  turns: { prompt: string; reply: string; text?: string }[];
}

/** One grading (a row of a graded records.csv). */
export interface GradedRecord {
  index: number;
  line: number;
  k: number;
  skills: string[];
  topic: string;
  /** The grading prompt (user_0 or [INST]_0). */
  prompt: string;
  /** The grader's reply (assistant_0 or [/INST]_0). */
  response: string;
  /** Student answer cut out of the prompt as the original's explicit-name filter does (undefined when the markers are absent). */
  answer?: string;
  /** `points_0` as stored. */
  pointsRaw: string;
  points: number[];
  score: number;
  /** `true_sentence_lim_pt_0`. */
  sentenceLimitPoint: number;
  /** `num_sentences_manual_in_student_answer_0`. */
  sentenceCount: number;
}

export interface GradingRun extends GradingId {
  dir: string;
  records: GradedRecord[];
}

/** One run directory (k{k}_s{seed}_v{version}_r{round}) and model: its generations and gradings. */
export interface OriginalRun extends RunId {
  dir: string;
  model: string;
  generations: GenerationRecord[];
  gradings: GradingRun[];
}

/** Parse `k3_s10_vdefault_r1`. */
export function parseRunDirName(name: string): RunId | undefined {
  const m = /^k(\d+)_s(-?\d+)_v(.+)_r(\d+)$/.exec(name);
  if (!m) return undefined;
  return { k: Number(m[1]), seed: Number(m[2]), version: m[3], generationRound: Number(m[4]) };
}

/** Parse `by_gpt-4_on_text_1_2_gpt` (grader gpt-4, column text_1, grading round 2, grading prompt version gpt). */
export function parseGradedDirName(name: string): GradingId | undefined {
  const m = /^by_(.+?)_on_((?:text|assistant|\[\/INST\]|0)_\d+)(?:_(\d+))?(?:_(.+))?$/.exec(name);
  if (!m) return undefined;
  return { grader: m[1], column: m[2], gradingRound: m[3] ? Number(m[3]) : 1, gradingVersion: m[4] ?? "" };
}

function splitSkills(s: string): string[] {
  return s.split(",").map(pyStrip);
}

function intCell(v: string, file: string, line: number, field: string): number {
  const x = pyFloat(v);
  if (x === undefined || !Number.isInteger(x)) throw new InputError({ file, line, field }, "expected an integer, found " + JSON.stringify(v));
  return x;
}

/** Read a generation records.csv (columns k, skills, topic, then per turn i: role columns `<user>_i`, `<assistant>_i`, `model_input_i`, `text_i`). */
export function readGenerationRecords(file: string): GenerationRecord[] {
  const t = readCsv(file, { required: ["k", "skills", "topic"] });
  const turnCols: { prompt: string; reply: string; text?: string }[] = [];
  for (let i = 0; ; i++) {
    const suffix = "_" + i;
    const roleCols = t.columns.filter((c) => c.endsWith(suffix) && !c.startsWith("model_input") && !c.startsWith("text_"));
    if (roleCols.length === 0) break;
    if (roleCols.length !== 2) throw new InputError({ file, line: 1 }, "turn " + i + ": expected two role columns ending in " + suffix + ", found " + roleCols.join(", "));
    turnCols.push({ prompt: roleCols[0], reply: roleCols[1], text: t.columns.includes("text" + suffix) ? "text" + suffix : undefined });
  }
  return t.rows.map((row, index) => {
    const line = t.lines[index];
    const skills = splitSkills(row.skills);
    const k = intCell(row.k, file, line, "k");
    if (k !== skills.length) throw new InputError({ file, line, field: "skills" }, "k = " + k + " but " + skills.length + " skills listed");
    return { index, line, k, skills, topic: row.topic, turns: turnCols.map((c) => ({ prompt: row[c.prompt], reply: row[c.reply], text: c.text ? row[c.text] : undefined })) };
  });
}

/** The student's answer as the original's explicit-name filter finds it in the grading prompt. */
export function answerFromGradingPrompt(prompt: string): string | undefined {
  const head = prompt.split("For reference, here are the definitions for the skills")[0];
  const parts = head.split("The student's answer was: ");
  return parts.length > 1 ? pyStrip(parts[1]) : undefined;
}

/** Read a graded records.csv (points_0, true_sentence_lim_pt_0, ...). */
export function readGradedRecords(file: string): GradedRecord[] {
  const t = readCsv(file, { required: ["k", "skills", "topic", "points_0", "true_sentence_lim_pt_0"] });
  const promptCol = t.columns.includes("assistant_0") ? "user_0" : t.columns.includes("[/INST]_0") ? "[INST]_0" : undefined;
  const replyCol = promptCol === "user_0" ? "assistant_0" : "[/INST]_0";
  if (!promptCol) throw new InputError({ file, line: 1 }, "no grading conversation columns (user_0/assistant_0 or [INST]_0/[/INST]_0)");
  return t.rows.map((row, index) => {
    const line = t.lines[index];
    const skills = splitSkills(row.skills);
    const pointsRaw = row.points_0;
    const points = pointsRaw === "" ? [] : pointsRaw.split(",").map((p) => {
      const v = pyFloat(p);
      if (v === undefined) throw new InputError({ file, line, field: "points_0" }, "not a number: " + JSON.stringify(p));
      return v;
    });
    const lim = pyFloat(row.true_sentence_lim_pt_0);
    if (lim === undefined) throw new InputError({ file, line, field: "true_sentence_lim_pt_0" }, "not a number: " + JSON.stringify(row.true_sentence_lim_pt_0));
    const score = row.score_0 === undefined ? NaN : pyFloat(row.score_0) ?? NaN;
    const count = row.num_sentences_manual_in_student_answer_0;
    return {
      index,
      line,
      k: intCell(row.k, file, line, "k"),
      skills,
      topic: row.topic,
      prompt: row[promptCol],
      response: row[replyCol],
      answer: answerFromGradingPrompt(row[promptCol]),
      pointsRaw,
      points,
      score,
      sentenceLimitPoint: lim,
      sentenceCount: count === undefined || count === "" ? NaN : intCell(count, file, line, "num_sentences_manual_in_student_answer_0"),
    };
  });
}

function subdirs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

function readModelDir(dir: string, id: RunId): OriginalRun {
  const gen = path.join(dir, "records.csv");
  const generations = fs.existsSync(gen) ? readGenerationRecords(gen) : [];
  const gradings: GradingRun[] = [];
  const gradedDir = path.join(dir, "graded");
  if (fs.existsSync(gradedDir)) {
    for (const name of subdirs(gradedDir)) {
      const gid = parseGradedDirName(name);
      const f = path.join(gradedDir, name, "records.csv");
      if (!gid || !fs.existsSync(f)) continue;
      gradings.push({ ...gid, dir: path.join(gradedDir, name), records: readGradedRecords(f) });
    }
  }
  return { ...id, dir, model: path.basename(dir), generations, gradings };
}

/**
 * Find every run of the original layout under `root`, which may be an
 * experiment directory (holding k{k}_s{seed}_v{version}_r{round} folders, like the released
 * `test/`), one run folder, or one model folder inside a run folder.
 */
export function findOriginalRuns(root: string): OriginalRun[] {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new InputError({ file: root }, "not a directory");
  const base = path.basename(path.resolve(root));
  const own = parseRunDirName(base);
  if (own) return subdirs(root).map((m) => readModelDir(path.join(root, m), own));
  const parent = parseRunDirName(path.basename(path.dirname(path.resolve(root))));
  if (parent) return [readModelDir(root, parent)];
  const runs: OriginalRun[] = [];
  for (const name of subdirs(root)) {
    const id = parseRunDirName(name);
    if (!id) continue;
    for (const m of subdirs(path.join(root, name))) runs.push(readModelDir(path.join(root, name, m), id));
  }
  if (runs.length === 0) throw new InputError({ file: root }, "no Skill-Mix runs found (expected folders named k{k}_s{seed}_v{version}_r{round}/{model})");
  return runs;
}

/** Key of the runs aggregated together: everything but the generation and grading rounds. */
export interface RunGroup {
  model: string;
  grader: string;
  k: number;
  seed: number;
  version: string;
  column: string;
  gradingVersion: string;
  items: GradedItem[];
  /** Grading directories whose records are byte-for-byte the same gradings (the original's shared-record bug). */
  identicalGradingRounds: boolean;
}

/** Group imported gradings by model, grader, k, seed and versions, as aggregate inputs. */
export function groupOriginalRuns(runs: readonly OriginalRun[]): RunGroup[] {
  const groups = new Map<string, RunGroup>();
  const signatures = new Map<string, Map<number, Set<string>>>(); // group -> generation round -> response signatures
  for (const run of runs) {
    for (const g of run.gradings) {
      const key = [run.model, g.grader, run.k, run.seed, run.version, g.column, g.gradingVersion].join("\u0000");
      let grp = groups.get(key);
      if (!grp) {
        grp = { model: run.model, grader: g.grader, k: run.k, seed: run.seed, version: run.version, column: g.column, gradingVersion: g.gradingVersion, items: [], identicalGradingRounds: false };
        groups.set(key, grp);
        signatures.set(key, new Map());
      }
      const sig = g.records.map((r) => r.response).join("\u0001");
      const byG = signatures.get(key) as Map<number, Set<string>>;
      if (!byG.has(run.generationRound)) byG.set(run.generationRound, new Set());
      (byG.get(run.generationRound) as Set<string>).add(sig);
      for (const r of g.records) {
        grp.items.push({ combination: r.index, generationRound: run.generationRound, gradingRound: g.gradingRound, skills: r.skills, points: r.points, sentenceLimitPoint: r.sentenceLimitPoint, answer: r.answer });
      }
    }
  }
  for (const [key, grp] of groups) {
    const byG = signatures.get(key) as Map<number, Set<string>>;
    const rounds = new Set(grp.items.map((i) => i.gradingRound));
    grp.identicalGradingRounds = rounds.size > 1 && [...byG.values()].every((s) => s.size === 1);
  }
  return [...groups.values()].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : a.k - b.k || a.seed - b.seed));
}
