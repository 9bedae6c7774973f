import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../../io/atomic";
import { formatCsv } from "../../io/csv";
import type { GenerationRecord, GradingRecord } from "./pipeline";

/** Python's str() of a float ("1.0", "0.5"). */
export function pyFloatStr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? x.toFixed(1) : String(x);
}

/** A folder-safe name for a model string ("simulated/skill-mix?quality=0.9" → "simulated_skill-mix_quality_0.9"). */
export function folderName(model: string): string {
  return model.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "") || "model";
}

export interface LayoutOptions {
  /** The experiment directory (holds k{k}_s{seed}_v{version}_r{round} folders). */
  outDir: string;
  k: number;
  seed: number;
  /** Generation prompt version in the folder name (the original's "default"). */
  version: string;
  /** Student folder name. */
  model: string;
  /** Grader name in by_{grader}_on_text_1_{r}_{gradingVersion}. */
  grader: string;
  gradingVersion: string;
  generations: readonly GenerationRecord[];
  gradings: readonly GradingRecord[];
  /** The system prompt recorded in the "system prompt" column. */
  systemPrompt?: string;
}

/**
 * Write generations and gradings in the original study's directory layout
 * and CSV columns, so that `skill-mix aggregate` (and the original
 * aggregate_metrics.py) can read them: `<run>/<model>/records.csv` and
 * `<run>/<model>/graded/by_<grader>_on_text_1_<r>_<version>/records.csv`.
 * Returns the files written.
 */
export function writeOriginalLayout(o: LayoutOptions): string[] {
  const written: string[] = [];
  const rounds = [...new Set(o.generations.map((g) => g.generationRound))].sort((a, b) => a - b);
  for (const g of rounds) {
    const dir = path.join(o.outDir, "k" + o.k + "_s" + o.seed + "_v" + o.version + "_r" + g, o.model);
    fs.mkdirSync(dir, { recursive: true });
    const gens = o.generations.filter((x) => x.generationRound === g).sort((a, b) => a.combination - b.combination || a.topicIndex - b.topicIndex);
    const turns = Math.max(0, ...gens.map((x) => x.turns.length));
    const cols = ["k", "skills", "topic", "system prompt"];
    for (let i = 0; i < turns; i++) cols.push("user_" + i, "assistant_" + i, "model_input_" + i, "text_" + i);
    const rows = gens.map((x) => {
      const r: Record<string, unknown> = { k: x.k, skills: x.skills.join(", \n"), topic: x.topic, "system prompt": o.systemPrompt ?? "" };
      const msgs: { role: string; content: string }[] = o.systemPrompt ? [{ role: "system", content: o.systemPrompt }] : [];
      x.turns.forEach((t, i) => {
        msgs.push({ role: "user", content: t.prompt });
        r["user_" + i] = t.prompt;
        r["assistant_" + i] = t.reply;
        r["model_input_" + i] = JSON.stringify(msgs);
        r["text_" + i] = t.answer;
        msgs.push({ role: "assistant", content: t.reply });
      });
      return r;
    });
    const f = path.join(dir, "records.csv");
    writeFileAtomic(f, formatCsv(rows, cols));
    written.push(f);
    const grads = o.gradings.filter((x) => x.generationRound === g);
    const gRounds = [...new Set(grads.map((x) => x.gradingRound))].sort((a, b) => a - b);
    for (const r of gRounds) {
      const gdir = path.join(dir, "graded", "by_" + o.grader + "_on_text_1_" + r + "_" + o.gradingVersion);
      fs.mkdirSync(gdir, { recursive: true });
      const gcols = ["k", "skills", "topic", "system prompt", "user_0", "assistant_0", "model_input_0", "score_0", "score_extracted_0", "points_0", "num_sentences_manual_in_student_answer_0", "true_sentence_lim_pt_0", "num_sentences_extracted_eq_num_sentences_model_0"];
      const grows = grads
        .filter((x) => x.gradingRound === r)
        .sort((a, b) => a.combination - b.combination)
        .map((x) => {
          const last = x.parsed.points.length ? x.parsed.points[x.parsed.points.length - 1] : 0;
          return {
            k: x.k,
            skills: x.skills.join(",  \n"),
            topic: x.topic,
            "system prompt": o.systemPrompt ?? "",
            user_0: x.prompt,
            assistant_0: x.response,
            model_input_0: JSON.stringify([...(o.systemPrompt ? [{ role: "system", content: o.systemPrompt }] : []), { role: "user", content: x.prompt }]),
            score_0: pyFloatStr(x.parsed.score),
            score_extracted_0: pyFloatStr(x.parsed.extractedScore),
            points_0: x.parsed.points.map(pyFloatStr).join(","),
            num_sentences_manual_in_student_answer_0: x.sentenceCount,
            true_sentence_lim_pt_0: pyFloatStr(x.sentenceLimitPoint),
            num_sentences_extracted_eq_num_sentences_model_0: x.sentenceLimitPoint === last ? "True" : "False",
          };
        });
      const gf = path.join(gdir, "records.csv");
      writeFileAtomic(gf, formatCsv(grows, gcols));
      written.push(gf);
    }
  }
  return written;
}
