import * as path from "node:path";
import type { Skill } from "../../data/skillmix/skills";
import { readJson } from "../../io/json";
import { fillPrompt, loadPrompt } from "../../prompts/template";
import { InputError, UserError } from "../../util/errors";
import { numberToWords, sentenceLimit, sentencesInWords } from "./number-words";
import { pyFormat, pyStrip, utf8AsCp1252 } from "./py-compat";

/** How the grader is asked to answer. */
export type GradingFormat = "table" | "lines";

/**
 * The prompt set of a run: the student's turns, the grader's prompt and the
 * rubric item templates (first line: per-skill item with {skill}; then the
 * topic, sense and sentence-limit items).
 */
export interface SkillMixPrompts {
  /** Provenance, recorded with the run. */
  label: string;
  /** One template per student turn (write, then improve). */
  generation: string[];
  grading: string;
  gradingFormat: GradingFormat;
  /** Rubric item templates: [per-skill, topic, sense, sentence limit]. */
  rubric: string[];
  /** "evalbook": our {name} templates (checked strictly); "python": the original str.format templates. */
  syntax: "evalbook" | "python";
  /** {rubric_items} is filled with "" (see OriginalPromptOptions.emptyRubric). */
  emptyRubric?: boolean;
}

/** Our own prompt wording (prompts/skill-mix/*.v1.txt). */
export function evalbookPrompts(format: GradingFormat = "table", promptsDir?: string): SkillMixPrompts {
  const gen = [loadPrompt("skill-mix", "generate", 1, promptsDir), loadPrompt("skill-mix", "improve", 1, promptsDir)];
  const grade = loadPrompt("skill-mix", format === "table" ? "grade" : "grade-lines", 1, promptsDir);
  const rubric = loadPrompt("skill-mix", "rubric", 1, promptsDir);
  return {
    label: [...gen, grade, rubric].map((p) => p.file).join(" + "),
    generation: gen.map((p) => p.text),
    grading: grade.text,
    gradingFormat: format,
    rubric: rubricLines(rubric.text, rubric.file),
    syntax: "evalbook",
  };
}

/**
 * The original study's prompt files (JSON arrays of str.format templates,
 * e.g. ../shared/data/skillmix/prompts/generation/default.json and
 * prompts/grade/gpt.json), with the original rubric wording. The grading
 * version name decides the format as in the original: "llama" and "14" are
 * line-based ("Point earned:"), the others a table; "llama", "13" and "14"
 * start skill items with "Contains", the others with "Correctly illustrates".
 */
export function originalPrompts(generationFile: string, gradingFile: string, options: OriginalPromptOptions = {}): SkillMixPrompts {
  const decode = (t: string) => (options.templateEncoding === "windows-1252" ? utf8AsCp1252(t) : t);
  const generation = readTemplateArray(generationFile).map(decode);
  const grading = readTemplateArray(gradingFile).map(decode);
  if (grading.length !== 1) throw new InputError({ file: gradingFile }, "expected a JSON array with exactly 1 grading template, found " + grading.length);
  const version = path.basename(gradingFile).replace(/\.json$/, "");
  const lines = options.format ? options.format === "lines" : version === "llama" || version === "14";
  const contains = options.rubric ? options.rubric === "llama" : version === "llama" || version === "14" || version === "13";
  const rubric = loadPrompt("skill-mix", contains ? "rubric-original-llama" : "rubric-original-gpt", 1, options.promptsDir);
  return {
    label: generationFile + " + " + gradingFile + " + " + rubric.file + (options.templateEncoding === "windows-1252" ? " (read as windows-1252)" : "") + (options.emptyRubric ? " (empty rubric)" : ""),
    generation,
    grading: grading[0],
    gradingFormat: lines ? "lines" : "table",
    rubric: rubricLines(rubric.text, rubric.file),
    syntax: "python",
    emptyRubric: options.emptyRubric,
  };
}

/** Options of originalPrompts for reproducing particular released runs. */
export interface OriginalPromptOptions {
  /**
   * "windows-1252": the templates' UTF-8 bytes read as Windows-1252, as
   * Python does by default on Windows ("I’ll" becomes "Iâ€™ll"); the grading
   * prompts of the Kith07 fork's runs were made that way.
   */
  templateEncoding?: "utf-8" | "windows-1252";
  /**
   * Fill {rubric_items} with "" as the original code did for grading versions
   * missing from its list of rubric versions; the released llama-format
   * gradings ("Point earned:") were made that way ("criteria: .").
   */
  emptyRubric?: boolean;
  /** Override the grading format implied by the version name (the released mistral gradings used llama.json but were parsed as a table). */
  format?: GradingFormat;
  /** Override the rubric wording implied by the version name: "gpt" ("Correctly illustrates ...") or "llama" ("Contains ..."). */
  rubric?: "gpt" | "llama";
  /** Folder of our prompt files (default: prompts/ of the project). */
  promptsDir?: string;
}

function readTemplateArray(file: string): string[] {
  const v = readJson(file) as unknown;
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) throw new InputError({ file }, "expected a JSON array of template strings");
  return v as string[];
}

function rubricLines(text: string, file: string): string[] {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length !== 4) throw new UserError(file + ": expected 4 rubric item lines (skill, topic, sense, sentence limit), found " + lines.length);
  return lines;
}

/** Skill descriptions in the original's three styles. */
export function skillDescriptions(skills: readonly string[], dict: ReadonlyMap<string, Skill>): { regular: string; simple: string; noExample: string } {
  const get = (name: string): Skill => {
    const s = dict.get(name);
    if (!s) throw new UserError("skill '" + name + "' is not in the skills list");
    return s;
  };
  return {
    regular: skills.map((n) => "Skill: " + n + "\nDefinition: " + get(n).definition + "\nExample: " + get(n).example).join("\n"),
    simple: skills.map((n) => "**" + n + "**: " + get(n).definition + " For example, " + get(n).example).join("\n"),
    noExample: skills.map((n) => "**" + n + "**: " + get(n).definition).join("\n"),
  };
}

function fill(template: string, values: Record<string, string | number>, syntax: SkillMixPrompts["syntax"], label: string): string {
  if (syntax === "python") return pyFormat(template, values, label);
  const used: Record<string, string | number> = {};
  for (const m of template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) if (m[1] in values) used[m[1]] = values[m[1]];
  return fillPrompt(template, used);
}

function commonValues(skills: readonly string[], topic: string, dict: ReadonlyMap<string, Skill>, numSentences: number): Record<string, string | number> {
  const d = skillDescriptions(skills, dict);
  return {
    skills_str: skills.join(", "),
    skills_defs_and_examples: d.regular,
    skills_defs_and_examples_simple: d.simple,
    skills_defs: d.noExample,
    num_skills: skills.length,
    num_skills_str: numberToWords(skills.length),
    topic,
    num_sentences: numSentences,
    num_sentences_str: sentencesInWords(numSentences),
  };
}

/** The student's turns for skills (in generation order) and a topic. Sentence limit: max(1, k-1) unless given. */
export function generationMessages(prompts: SkillMixPrompts, skills: readonly string[], topic: string, dict: ReadonlyMap<string, Skill>, numSentences = sentenceLimit(skills.length)): string[] {
  const values = commonValues(skills, topic, dict, numSentences);
  return prompts.generation.map((t, i) => fill(t, values, prompts.syntax, prompts.label + " turn " + (i + 1)));
}

/** The rubric items for skills and a topic, in grading order (k skill items, topic, sense, sentence limit). */
export function rubricItems(prompts: SkillMixPrompts, skills: readonly string[], topic: string, numSentences = sentenceLimit(skills.length)): string[] {
  const n = sentencesInWords(numSentences);
  const [skillT, ...rest] = prompts.rubric;
  const vals = (extra: Record<string, string>) => ({ topic, num_sentences_str: n, ...extra });
  return [...skills.map((s) => fill(skillT, vals({ skill: pyStrip(s).toLowerCase() }), "evalbook", "rubric")), ...rest.map((t) => fill(t, vals({}), "evalbook", "rubric"))];
}

/** The grader's prompt for one student answer. */
export function gradingMessage(prompts: SkillMixPrompts, skills: readonly string[], topic: string, studentAnswer: string, dict: ReadonlyMap<string, Skill>, numSentences = sentenceLimit(skills.length)): string {
  const values = { ...commonValues(skills, topic, dict, numSentences), student_answer: studentAnswer, rubric_items: prompts.emptyRubric ? "" : rubricItems(prompts, skills, topic, numSentences).join(", ") };
  return fill(prompts.grading, values, prompts.syntax, prompts.label + " grading");
}
