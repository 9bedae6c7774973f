/**
 * The nine SciRIFF evaluation tasks: their JSON default (the value a
 * response that cannot be parsed takes), their scorer and the summary
 * metrics reported for them (SciRIFF's `make_summary_metrics`).
 */
export type ScorerKind = "list_f1" | "entity_f1" | "bleu" | "tuple_f1" | "summary" | "attributed_qa" | "label_evidence_f1";

/** One task's definition. */
export interface SciriffTask {
  name: string;
  /** Short label for tables and charts. */
  label: string;
  scorer: ScorerKind;
  /** JSON default on parse failure; undefined for free-text tasks. */
  default?: unknown;
  /** The evidence-inference "} instead of ]" fix-up of the JSON parser. */
  closeBracketFix?: boolean;
  /** Summary metric names (metrics.json `summary`), in column order. */
  summary: string[];
  /** Summary metrics that need the LLM judge. */
  judgeMetrics: string[];
  /** The metric shown for the task in charts (first present of these). */
  headline: string[];
}

export const TASKS: Record<string, SciriffTask> = {
  bioasq_list_qa: { name: "bioasq_list_qa", label: "BioASQ", scorer: "list_f1", default: [], summary: ["f1"], judgeMetrics: [], headline: ["f1"] },
  biored_ner: {
    name: "biored_ner",
    label: "BioRED",
    scorer: "entity_f1",
    default: { CellLine: [], Chemical: [], Disease: [], Gene: [], Species: [], Variant: [] },
    summary: ["f1"],
    judgeMetrics: [], headline: ["f1"],
  },
  discomat_te: { name: "discomat_te", label: "DiSCoMaT", scorer: "bleu", summary: ["bleu"], judgeMetrics: [], headline: ["bleu"] },
  evidence_inference: {
    name: "evidence_inference",
    label: "EI",
    scorer: "tuple_f1",
    default: [],
    closeBracketFix: true,
    summary: ["f1_exact", "f1_substring", "f1_overlap"],
    judgeMetrics: [], headline: ["f1_overlap"],
  },
  multicite_intent_classification: { name: "multicite_intent_classification", label: "MultiCite", scorer: "list_f1", default: [], summary: ["f1"], judgeMetrics: [], headline: ["f1"] },
  mup_single_document_summarization: {
    name: "mup_single_document_summarization",
    label: "MuP",
    scorer: "summary",
    summary: ["lm_judge_reference", "rouge"],
    judgeMetrics: ["lm_judge_reference"], headline: ["lm_judge_reference", "rouge"],
  },
  qasper_abstractive_qa: {
    name: "qasper_abstractive_qa",
    label: "Qasper",
    scorer: "attributed_qa",
    default: { answer: null, evidence: null },
    summary: ["lm_judge_answer", "f1_answer", "f1_evidence"],
    judgeMetrics: ["lm_judge_answer"], headline: ["lm_judge_answer", "f1_answer"],
  },
  scierc_ner: {
    name: "scierc_ner",
    label: "SciERC",
    scorer: "entity_f1",
    default: { Task: [], Method: [], Metric: [], Material: [], OtherScientificTerm: [], Generic: [] },
    summary: ["f1"],
    judgeMetrics: [], headline: ["f1"],
  },
  scifact_entailment: {
    name: "scifact_entailment",
    label: "SciFact",
    scorer: "label_evidence_f1",
    default: { verdict: "NEI", evidence: [] },
    summary: ["f1_label", "f1_evidence_sent", "f1_evidence_token"],
    judgeMetrics: [], headline: ["f1_label"],
  },
};

/** Task names in table order. */
export const TASK_NAMES = Object.keys(TASKS).sort();

/** The task definition, or undefined for an unknown name. */
export function taskByName(name: string): SciriffTask | undefined {
  return Object.prototype.hasOwnProperty.call(TASKS, name) ? TASKS[name] : undefined;
}
