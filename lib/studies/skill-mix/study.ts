import type { Skill } from "../../data/skillmix/skills";
import { skillsByName } from "../../data/skillmix/skills";
import type { LLM } from "../../llm/types";
import { aggregateSkillMix, perSkillRates, type AggregateOptions, type AggregateResult } from "./aggregate";
import { gradedItems, runSkillMixStages, type GenerationRecord, type GradingRecord } from "./pipeline";
import type { SkillMixPrompts } from "./prompts";
import { sampleCombinations, type Combination } from "./sampling";

export interface SkillMixStudyConfig {
  llm: LLM;
  runDir: string;
  skills: readonly Skill[];
  topics: readonly string[];
  /** Values of k to run. */
  ks: readonly number[];
  seed: number;
  numCombinations: number;
  /** Seeds the skill-order shuffle (the original's --exp_path). */
  expPath: string;
  generationRounds: number;
  gradingRounds: number;
  prompts: SkillMixPrompts;
  studentTemperature?: number;
  graderTemperature?: number;
  systemPrompt?: string;
  reproduceSharedRecordBug?: boolean;
  /** Aggregation options other than k. */
  aggregate?: Omit<AggregateOptions, "k">;
  concurrency?: number;
  progress?: false;
}

/** Results for one k. */
export interface SkillMixKResult {
  k: number;
  combinations: Combination[];
  generations: GenerationRecord[];
  gradings: GradingRecord[];
  result: AggregateResult;
  perSkill: { skill: string; rate: number; earned: number; n: number }[];
  failed: { stage: string; id: string; error: string }[];
  /** Gradings whose answer the parser could not fully read. */
  parseIssues: { id: string; issues: string[] }[];
}

/**
 * The whole study for several k: sample combinations exactly as the
 * original, generate and grade through roles "student" and "grader"
 * (resumable stages under runDir), and aggregate as the original.
 */
export async function runSkillMixStudy(cfg: SkillMixStudyConfig): Promise<SkillMixKResult[]> {
  const dict = skillsByName(cfg.skills);
  const out: SkillMixKResult[] = [];
  for (const k of cfg.ks) {
    const combinations = sampleCombinations(cfg.skills.map((s) => s.name), cfg.topics, { k, seed: cfg.seed, numCombinations: cfg.numCombinations, expPath: cfg.expPath });
    const run = await runSkillMixStages({
      llm: cfg.llm,
      runDir: cfg.runDir,
      combinations,
      generationRounds: cfg.generationRounds,
      stagePrefix: "k" + k + "_s" + cfg.seed,
      generation: { prompts: cfg.prompts, skills: dict, temperature: cfg.studentTemperature, systemPrompt: cfg.systemPrompt },
      grading: { prompts: cfg.prompts, skills: dict, rounds: cfg.gradingRounds, temperature: cfg.graderTemperature, systemPrompt: cfg.systemPrompt, reproduceSharedRecordBug: cfg.reproduceSharedRecordBug },
      concurrency: cfg.concurrency,
      progress: cfg.progress,
    });
    const items = gradedItems(run.gradings);
    const aggOpts: AggregateOptions = { ...(cfg.aggregate ?? {}), k };
    out.push({
      k,
      combinations,
      generations: run.generations,
      gradings: run.gradings,
      result: aggregateSkillMix(items, aggOpts),
      perSkill: perSkillRates(items, aggOpts),
      failed: run.failed,
      parseIssues: run.gradings.filter((g) => g.parsed.issues.length > 0).map((g) => ({ id: g.id, issues: g.parsed.issues })),
    });
  }
  return out;
}
