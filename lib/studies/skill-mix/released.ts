import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Skill } from "../../data/skillmix/skills";
import { sharedDataPath } from "../../io/paths";
import { startOfflineLLM } from "../../llm/offline";
import { aggregateSkillMix, perSkillRates, type AggregateOptions } from "./aggregate";
import { metricRows, type MetricRow } from "./figures";
import { findOriginalRuns, groupOriginalRuns, type RunGroup } from "./importer";
import { evalbookPrompts } from "./prompts";
import { runSkillMixStudy } from "./study";

/** Aggregated released runs: metric rows per model and k, and per-skill rates per model. */
export interface ReleasedSummary {
  /** The experiment folders read. */
  dirs: string[];
  groups: RunGroup[];
  rows: MetricRow[];
  perSkill: { model: string; skill: string; rate: number; earned: number; n: number }[];
  notes: string[];
}

/**
 * Aggregate every graded run of the released data (../shared/data/skillmix:
 * LeoYu's test/ and the Kith07 fork's test/) per model and k, labelled
 * "<model> (<source>, seed s)". Returns undefined when the data is absent.
 */
export function releasedSummary(opts: Omit<AggregateOptions, "k"> = {}, root: string | undefined = sharedDataPath("skillmix")): ReleasedSummary | undefined {
  if (!root) return undefined;
  const sources: [string, string][] = [
    ["LeoYu", path.join(root, "test")],
    ["Kith07", path.join(root, "skillmix_kith07", "test")],
  ];
  const out: ReleasedSummary = { dirs: [], groups: [], rows: [], perSkill: [], notes: [] };
  const skillAcc = new Map<string, { earned: number; n: number }>();
  for (const [label, dir] of sources) {
    if (!fs.existsSync(dir)) continue;
    out.dirs.push(dir);
    for (const g of groupOriginalRuns(findOriginalRuns(dir))) {
      out.groups.push(g);
      const name = g.model + " (" + label + ", s" + g.seed + ")";
      const o = { ...opts, k: g.k };
      const r = aggregateSkillMix(g.items, o);
      out.rows.push(...metricRows(name, r));
      for (const n of r.notes) out.notes.push(name + " k=" + g.k + ": " + n);
      for (const s of perSkillRates(g.items, o)) {
        const key = g.model + "\u0000" + s.skill;
        const a = skillAcc.get(key) ?? { earned: 0, n: 0 };
        a.earned += s.earned;
        a.n += s.n;
        skillAcc.set(key, a);
      }
    }
  }
  for (const [key, a] of skillAcc) {
    const [model, skill] = key.split("\u0000");
    out.perSkill.push({ model, skill, rate: a.earned / a.n, earned: a.earned, n: a.n });
  }
  return out;
}

/** A simulated student for the offline run. */
export interface SimulatedStudent {
  /** Label in figures (always shown as simulated). */
  label: string;
  /** Model string, e.g. "simulated/skill-mix?ability=0.95&decay=0.08". */
  model: string;
}

export interface SimulatedRunOptions {
  students: SimulatedStudent[];
  grader: string;
  skills: readonly Skill[];
  topics: readonly string[];
  ks: readonly number[];
  numCombinations: number;
  seed: number;
  expPath: string;
  generationRounds: number;
  gradingRounds: number;
  /** Run records go under this folder (a fresh temporary folder by default). */
  runDir?: string;
  aggregate?: Omit<AggregateOptions, "k">;
}

/**
 * Run the whole study offline for several simulated students (one run
 * folder each) and summarise like releasedSummary.
 */
export async function simulatedSummary(o: SimulatedRunOptions): Promise<{ rows: MetricRow[]; perSkill: { model: string; skill: string; rate: number; earned: number; n: number }[]; runDir: string }> {
  const base = o.runDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-skillmix-"));
  const rows: MetricRow[] = [];
  const perSkill: { model: string; skill: string; rate: number; earned: number; n: number }[] = [];
  for (const [i, st] of o.students.entries()) {
    const runDir = path.join(base, "student-" + (i + 1));
    fs.mkdirSync(runDir, { recursive: true });
    const off = await startOfflineLLM({ roles: { student: st.model, grader: o.grader }, runDir });
    try {
      const res = await runSkillMixStudy({ llm: off.llm, runDir, skills: o.skills, topics: o.topics, ks: o.ks, seed: o.seed, numCombinations: o.numCombinations, expPath: o.expPath, generationRounds: o.generationRounds, gradingRounds: o.gradingRounds, prompts: evalbookPrompts(), aggregate: o.aggregate, progress: false });
      const acc = new Map<string, { earned: number; n: number }>();
      for (const r of res) {
        rows.push(...metricRows(st.label, r.result));
        for (const s of r.perSkill) {
          const a = acc.get(s.skill) ?? { earned: 0, n: 0 };
          a.earned += s.earned;
          a.n += s.n;
          acc.set(s.skill, a);
        }
      }
      for (const [skill, a] of acc) perSkill.push({ model: st.label, skill, rate: a.earned / a.n, earned: a.earned, n: a.n });
    } finally {
      await off.close();
    }
  }
  return { rows, perSkill, runDir: base };
}
