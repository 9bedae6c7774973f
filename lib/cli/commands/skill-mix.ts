import * as fs from "node:fs";
import * as path from "node:path";
import type { Command, CliContext } from "../command";
import type { ParsedArgs } from "../args";
import { createLLM, startOfflineLLM, roleOption, type LLM } from "../../llm/index";
import { fromRoot } from "../../io/paths";
import { loadPrompt } from "../../prompts/template";
import { UsageError, UserError } from "../../util/errors";
import { loadSkills, loadTopics } from "../../data/skillmix/index";
import { sampleCombinations } from "../../studies/skill-mix/sampling";
import { findOriginalRuns, groupOriginalRuns } from "../../studies/skill-mix/importer";
import { aggregateSkillMix, type AggregateOptions, type AggregateResult } from "../../studies/skill-mix/aggregate";
import { DEFAULT_METRICS, metricByName, METRICS, type MetricName } from "../../studies/skill-mix/metrics";
import { evalbookPrompts, originalPrompts, type SkillMixPrompts } from "../../studies/skill-mix/prompts";
import { runSkillMixStudy } from "../../studies/skill-mix/study";
import { folderName, writeOriginalLayout } from "../../studies/skill-mix/export";

const DEFAULT_SKILLS = path.join("data", "skill-mix", "skills.csv");
const DEFAULT_TOPICS = path.join("data", "skill-mix", "topics.txt");

function intList(v: unknown, flag: string): number[] {
  const s = String(v);
  const out = s.split(",").map((x) => x.trim()).filter((x) => x !== "").map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n < 1) throw new UsageError("--" + flag + " takes positive integers (comma-separated), not '" + s + "'");
    return n;
  });
  if (out.length === 0) throw new UsageError("--" + flag + " needs at least one value");
  return out;
}

function intOpt(v: unknown, flag: string, min = -Infinity): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError("--" + flag + " takes an integer" + (min > -Infinity ? " >= " + min : "") + ", not '" + v + "'");
  return n;
}

function metricsOpt(v: unknown): MetricName[] {
  const names = (v as string[]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s);
  if (names.length === 0) return DEFAULT_METRICS;
  return names.map((n) => {
    const m = metricByName(n);
    if (!m) throw new UsageError("unknown metric '" + n + "' (known: " + Object.keys(METRICS).join(", ") + ", or the original method names)");
    return m;
  });
}

const aggregateOptions = [
  { name: "filter-explicit-name", type: "boolean" as const, description: "A skill named in the answer loses its point (the original's --filter_explicit_name)." },
  { name: "filter-skills", type: "string" as const, placeholder: "A,B", description: "Leave out combinations containing any of these skills (comma-separated)." },
  { name: "metrics", type: "list" as const, placeholder: "NAME", description: "Metrics (default full_marks,all_skills,skill_fraction; also sum, rescaled_sum, average, skills_vs_rest, skill_average, skill_sum, skill_sum_filtered or the original names)." },
  { name: "vote", type: "string" as const, default: "majority", choices: ["majority", "average"], description: "Per-point vote over grading rounds." },
  { name: "across-generations", type: "string" as const, default: "max", choices: ["max", "average"], description: "How generation rounds combine per combination." },
  { name: "incomplete", type: "string" as const, default: "available", choices: ["available", "common", "error"], description: "Rounds with missing gradings: use what is there, keep only combinations graded everywhere, or refuse (the original cannot aggregate them)." },
  { name: "max-per-round", type: "number" as const, default: 100, description: "First N generations per round (the original's --num_generations_per_round)." },
];

function aggregateOpts(args: ParsedArgs, k: number): AggregateOptions {
  const fs_ = args.options["filter-skills"] as string | undefined;
  return {
    k,
    filterExplicitName: Boolean(args.options["filter-explicit-name"]),
    filterSkills: fs_ ? fs_.split(",") : [],
    metrics: metricsOpt(args.options.metrics),
    vote: args.options.vote as "majority" | "average",
    acrossGenerations: args.options["across-generations"] as "max" | "average",
    incomplete: args.options.incomplete as "available" | "common" | "error",
    maxPerRound: intOpt(args.options["max-per-round"], "max-per-round", 1),
  };
}

function metricsJson(r: AggregateResult): Record<string, { mean: number | null; se: number | null; n: number }> {
  const out: Record<string, { mean: number | null; se: number | null; n: number }> = {};
  for (const [m, s] of Object.entries(r.metrics)) if (s) out[m] = { mean: Number.isFinite(s.mean) ? s.mean : null, se: Number.isFinite(s.se) ? s.se : null, n: s.n };
  return out;
}

const sample: Command = {
  name: "sample",
  summary: "Draw skill/topic combinations exactly as the original query_random.py (JSONL: one per line, skills in generation order).",
  description:
    "Reproduces the original draw with a CPython-compatible random: seed, N shuffles of the skill list (first K each), N shuffles of the topics, then a re-seed with the experiment path string and one shuffle of each combination's skills before its generation. " +
    "With the released skills.csv/topics.txt, --seed 10 --n 5 --exp-path test gives the combinations of the released runs.",
  options: [
    { name: "skills", type: "string", placeholder: "FILE", description: "Skills CSV (default data/skill-mix/skills.csv)." },
    { name: "topics", type: "string", placeholder: "FILE", description: "Topics file, one per line (default data/skill-mix/topics.txt)." },
    { name: "k", type: "number", required: true, description: "Skills per combination." },
    { name: "seed", type: "number", default: 0, description: "Seed of the combination draw (the original's --seed)." },
    { name: "n", type: "number", default: 3, description: "Number of combinations (the original's --num_combinations; <= 0: all subsets in sorted order)." },
    { name: "exp-path", type: "string", default: "test", description: "Experiment path string seeding the order shuffle (the original's --exp_path)." },
    { name: "num-topics", type: "number", default: 1, description: "Topics per combination." },
    { name: "fix-topics", type: "boolean", description: "One topic draw for all combinations." },
    { name: "skill-list-len", type: "number", default: -1, description: "Use only the first N skills (<= 0: all)." },
  ],
  examples: ["evalbook skill-mix sample --skills ../shared/data/skillmix/skills.csv --topics ../shared/data/skillmix/topics.txt --k 3 --seed 10 --n 5 --exp-path test"],
  run(args, ctx) {
    const skills = loadSkills(String(args.options.skills ?? fromRoot(DEFAULT_SKILLS)));
    const topics = loadTopics(String(args.options.topics ?? fromRoot(DEFAULT_TOPICS)));
    for (const e of skills.excluded) ctx.info("skill-mix: left out '" + e.name + "' (status " + e.status + ", line " + e.line + ")");
    let combs;
    try {
      combs = sampleCombinations(skills.skills.map((s) => s.name), topics, {
        k: intOpt(args.options.k, "k", 1),
        seed: intOpt(args.options.seed, "seed"),
        numCombinations: intOpt(args.options.n, "n"),
        expPath: String(args.options["exp-path"]),
        numTopics: intOpt(args.options["num-topics"], "num-topics", 1),
        fixTopics: Boolean(args.options["fix-topics"]),
        skillListLen: intOpt(args.options["skill-list-len"], "skill-list-len"),
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    for (const c of combs) ctx.json({ index: c.index, ...(c.topicIndex ? { topic_index: c.topicIndex } : {}), topic: c.topic, skills: c.skills });
  },
};

const aggregate: Command = {
  name: "aggregate",
  summary: "Aggregate graded runs in the original layout: each metric's mean and standard error per model, grader and k.",
  description:
    "Reads k{k}_s{seed}_v{version}_r{round}/{model}/graded/by_{grader}_on_{column}_{r}_{version}/records.csv under each directory (an experiment folder such as the released test/, one run folder, or one model folder) " +
    "and aggregates as the original aggregate_metrics.py: points padded/truncated to k+3, last point from the sentence counter, per-point majority vote over grading rounds (half to even), metric per generation round and combination, max over generation rounds, mean ± sd/sqrt(n) over combinations. " +
    "One JSON line per (model, grader, k, seed, versions).",
  positionals: [{ name: "dirs", description: "More run directories (same as --runs).", variadic: true }],
  options: [
    { name: "runs", type: "list", placeholder: "DIR", description: "Directory with runs in the original layout (repeatable)." },
    { name: "k", type: "string", required: true, placeholder: "K[,K...]", description: "Values of k to aggregate." },
    { name: "model", type: "list", placeholder: "NAME", description: "Only these student models." },
    { name: "grader", type: "list", placeholder: "NAME", description: "Only these graders." },
    ...aggregateOptions,
  ],
  examples: [
    "evalbook skill-mix aggregate --runs ../shared/data/skillmix/skillmix_kith07/test --k 2,3,4,5,6",
    "evalbook skill-mix aggregate --runs ../shared/data/skillmix/test --k 3 --filter-explicit-name --filter-skills 'red herring'",
  ],
  run(args, ctx) {
    const dirs = [...(args.options.runs as string[]), ...((args.named.dirs as string[]) ?? [])];
    if (dirs.length === 0) throw new UsageError("give at least one run directory (--runs DIR)");
    const ks = intList(args.options.k, "k");
    const models = args.options.model as string[];
    const graders = args.options.grader as string[];
    const groups = groupOriginalRuns(dirs.flatMap((d) => findOriginalRuns(d))).filter((g) => ks.includes(g.k) && (models.length === 0 || models.includes(g.model)) && (graders.length === 0 || graders.includes(g.grader)));
    if (groups.length === 0) throw new UserError("no graded runs for k = " + ks.join(",") + (models.length ? " and model " + models.join(",") : "") + " under " + dirs.join(", "));
    for (const g of groups) {
      const r = aggregateSkillMix(g.items, aggregateOpts(args, g.k));
      for (const n of r.notes) ctx.warn("skill-mix: " + g.model + " k=" + g.k + ": " + n);
      if (g.identicalGradingRounds) ctx.info("skill-mix: " + g.model + " k=" + g.k + ": the grading rounds hold identical gradings (the original's shared-record bug): the vote is over one grading");
      ctx.json({
        model: g.model,
        grader: g.grader,
        k: g.k,
        seed: g.seed,
        version: g.version,
        column: g.column,
        grading_version: g.gradingVersion,
        n: r.combinations.length,
        generation_rounds: r.generationRounds,
        grading_rounds: r.gradingRounds,
        metrics: metricsJson(r),
        identical_grading_rounds: g.identicalGradingRounds,
        ...(r.filteredOut.length ? { filtered_out: r.filteredOut } : {}),
        ...(r.notes.length ? { notes: r.notes } : {}),
      });
    }
  },
};

async function openLLM(args: ParsedArgs, ctx: CliContext, runDir: string): Promise<{ llm: LLM; close: () => Promise<void>; simulated: boolean }> {
  if (args.options.offline) {
    const off = await startOfflineLLM({ roles: { student: String(args.options["sim-student"]), grader: String(args.options["sim-grader"]) }, runDir });
    ctx.info("skill-mix: offline: simulated student and grader on " + off.server.url);
    return { llm: off.llm, close: () => off.close(), simulated: true };
  }
  const c = createLLM({ roleFlags: args.options.role as string[], runDir });
  return { llm: c, close: () => c.close(), simulated: false };
}

const run: Command = {
  name: "run",
  summary: "Generate (roles student) and grade (role grader) Skill-Mix texts, write the original layout, print the metrics per k.",
  description:
    "Samples combinations as the original, runs the student's two turns (write, then improve within the sentence limit) and the grader's rubric table through the LLM layer, as resumable stages under OUT/.runs " +
    "(a re-run skips finished items), writes OUT/k{k}_s{seed}_v{version}_r{round}/{student}/... in the original CSV layout (readable by `skill-mix aggregate` and by the original scripts), and prints one JSON line per k. " +
    "Roles: --role student=..., --role grader=... (or evalbook.config.json / EVALBOOK_ROLE_*), or --offline for the simulated models.",
  options: [
    { name: "out", type: "string", required: true, placeholder: "DIR", description: "Experiment directory to write." },
    { name: "k", type: "string", default: "2,3,4", placeholder: "K[,K...]", description: "Values of k." },
    { name: "skills", type: "string", placeholder: "FILE", description: "Skills CSV (default data/skill-mix/skills.csv)." },
    { name: "topics", type: "string", placeholder: "FILE", description: "Topics file (default data/skill-mix/topics.txt)." },
    { name: "seed", type: "number", default: 10, description: "Seed of the combination draw." },
    { name: "n", type: "number", default: 5, description: "Combinations per k." },
    { name: "exp-path", type: "string", default: "test", description: "String seeding the skill-order shuffle." },
    { name: "generation-rounds", type: "number", default: 3, description: "Independent student samples per combination." },
    { name: "grading-rounds", type: "number", default: 3, description: "Grader samples per generation (n choices of one request)." },
    { name: "prompts", type: "string", default: "evalbook", choices: ["evalbook", "original"], description: "Our prompt wording, or the original JSON templates (--original-generation/--original-grading)." },
    { name: "original-generation", type: "string", placeholder: "FILE", description: "Original generation template (e.g. ../shared/data/skillmix/prompts/generation/default.json)." },
    { name: "original-grading", type: "string", placeholder: "FILE", description: "Original grading template (e.g. ../shared/data/skillmix/prompts/grade/gpt.json)." },
    { name: "format", type: "string", default: "table", choices: ["table", "lines"], description: "Grading answer format for our prompts." },
    { name: "system-prompt", type: "string", default: "auto", choices: ["auto", "on", "off"], description: "Send prompts/skill-mix/system.v1.txt as the system message (the chat-template default the original records show); auto: on with --prompts original." },
    { name: "student-temperature", type: "number", default: 0.7, description: "Student temperature." },
    { name: "grader-temperature", type: "number", default: 0.7, description: "Grader temperature." },
    { name: "reproduce-shared-record-bug", type: "boolean", description: "Save the last grading sample for every grading round, as the original did." },
    { name: "concurrency", type: "number", default: 8, description: "Items in flight per stage." },
    { name: "offline", type: "boolean", description: "Use the simulated student and grader on the loopback server (no keys)." },
    { name: "sim-student", type: "string", default: "simulated/skill-mix?ability=0.92&decay=0.1", description: "Simulated student model string (with --offline)." },
    { name: "sim-grader", type: "string", default: "simulated/skill-mix?quality=0.9", description: "Simulated grader model string (with --offline)." },
    roleOption,
    ...aggregateOptions,
  ],
  examples: [
    "evalbook skill-mix run --offline --out runs/skill-mix-sim --k 2,3,4,5 --n 20",
    "evalbook skill-mix run --out runs/skill-mix --role student=openai:gpt-4o-mini --role grader=openai:gpt-4o --k 2,3 --n 10",
  ],
  async run(args, ctx) {
    const out = path.resolve(String(args.options.out));
    const runDir = path.join(out, ".runs");
    fs.mkdirSync(runDir, { recursive: true });
    const skills = loadSkills(String(args.options.skills ?? fromRoot(DEFAULT_SKILLS)));
    const topics = loadTopics(String(args.options.topics ?? fromRoot(DEFAULT_TOPICS)));
    let prompts: SkillMixPrompts;
    let version = "evalbook";
    let gradingVersion = "evalbook-" + args.options.format;
    if (args.options.prompts === "original") {
      const gen = args.options["original-generation"] as string | undefined;
      const grade = args.options["original-grading"] as string | undefined;
      if (!gen || !grade) throw new UsageError("--prompts original needs --original-generation FILE and --original-grading FILE");
      prompts = originalPrompts(gen, grade);
      version = path.basename(gen).replace(/\.json$/, "");
      gradingVersion = path.basename(grade).replace(/\.json$/, "");
    } else prompts = evalbookPrompts(args.options.format as "table" | "lines");
    const sys = String(args.options["system-prompt"]);
    const systemPrompt = sys === "on" || (sys === "auto" && args.options.prompts === "original") ? loadPrompt("skill-mix", "system", 1).text : undefined;
    const ks = intList(args.options.k, "k");
    const maxK = Math.max(...ks);
    if (maxK > skills.skills.length) throw new UsageError("k = " + maxK + " needs at least " + maxK + " skills; the list has " + skills.skills.length);
    const { llm, close, simulated } = await openLLM(args, ctx, runDir);
    let failed = 0;
    try {
      const student = folderName(llm.endpoint("student").model);
      const grader = folderName(llm.endpoint("grader").model);
      const seed = intOpt(args.options.seed, "seed");
      const results = await runSkillMixStudy({
        llm,
        runDir,
        skills: skills.skills,
        topics,
        ks,
        seed,
        numCombinations: intOpt(args.options.n, "n", 1),
        expPath: String(args.options["exp-path"]),
        generationRounds: intOpt(args.options["generation-rounds"], "generation-rounds", 1),
        gradingRounds: intOpt(args.options["grading-rounds"], "grading-rounds", 1),
        prompts,
        systemPrompt,
        studentTemperature: Number(args.options["student-temperature"]),
        graderTemperature: Number(args.options["grader-temperature"]),
        reproduceSharedRecordBug: Boolean(args.options["reproduce-shared-record-bug"]),
        aggregate: (({ k: _k, ...rest }) => rest)(aggregateOpts(args, 1)),
        concurrency: intOpt(args.options.concurrency, "concurrency", 1),
      });
      for (const r of results) {
        writeOriginalLayout({ outDir: out, k: r.k, seed, version, model: student, grader, gradingVersion, generations: r.generations, gradings: r.gradings, systemPrompt });
        for (const f of r.failed) ctx.warn("skill-mix: failed " + f.stage + " " + f.id + ": " + f.error);
        for (const p of r.parseIssues) ctx.warn("skill-mix: grading " + p.id + ": " + p.issues.join("; "));
        failed += r.failed.length;
        ctx.json({ model: student, grader, k: r.k, seed, n: r.result.combinations.length, generation_rounds: r.result.generationRounds, grading_rounds: r.result.gradingRounds, metrics: metricsJson(r.result), failed: r.failed.length, simulated: simulated || r.generations.some((g) => g.simulated) || r.gradings.some((g) => g.simulated), out: path.relative(process.cwd(), out) || "." });
      }
    } finally {
      await close();
    }
    return failed ? 1 : 0;
  },
};

export const command: Command = {
  name: "skill-mix",
  summary: "The Skill-Mix study: exact sampling, generation + grading through the LLM layer, aggregation of graded runs.",
  subcommands: [sample, aggregate, run],
};
