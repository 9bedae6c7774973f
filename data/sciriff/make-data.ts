/**
 * Writes the offline data of the sciriff notebook (our own synthetic text, no
 * copied data): data/sciriff/instances/<task>.jsonl (SciRIFF-format
 * instances, instructions in our own words laid out like SciRIFF's) and
 * data/sciriff/predictions/<model>/<task>/samples_<task>.jsonl from two
 * simulated models (simulated/sciriff at two quality levels) through the real
 * prediction stage on the loopback server.
 *
 * Run: npx tsx data/sciriff/make-data.ts
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { seededRng, type Rng } from "../../lib/random/seeded";
import { startOfflineLLM } from "../../lib/llm/offline";
import { predictTask } from "../../lib/studies/sciriff/predict/predict-task";
import type { SciriffInstance } from "../../lib/studies/sciriff/predict/instances";

const ROOT = path.resolve("data/sciriff");
const rng = seededRng("sciriff-data-v1");
const N = 6;

const GENES = ["BRCA1", "TP53", "EGFR", "KRAS", "PTEN", "MYC", "SOX2", "NOTCH1"];
const CHEMS = ["metformin", "cisplatin", "rapamycin", "curcumin", "valproate", "lithium"];
const DISEASES = ["hepatic fibrosis", "glioma", "type 2 diabetes", "asthma", "colitis", "osteoporosis"];
const SPECIES = ["mice", "patients", "rats", "zebrafish"];
const CELLS = ["HeLa", "MCF-7", "HEK293", "A549"];
const METHODS = ["graph attention network", "conditional random field", "beam search decoder", "contrastive pretraining"];
const TASKS_CS = ["relation extraction", "machine translation", "image segmentation", "question answering"];
const MATERIALS = ["news corpus", "clinical notes", "web forums", "Wikipedia"];
const METRICS = ["F1", "BLEU", "accuracy", "recall"];

const pick = <T>(r: Rng, xs: readonly T[]) => xs[r.int(xs.length)];
const some = <T>(r: Rng, xs: readonly T[], k: number) => r.shuffle(xs.slice()).slice(0, k);

function bioasq(i: number): SciriffInstance {
  const d = pick(rng, DISEASES);
  const genes = some(rng, GENES, 2 + rng.int(3));
  const other = GENES.filter((g) => !genes.includes(g)).slice(0, 2);
  const ctx = [...genes.map((g) => `Variants of ${g} were repeatedly linked to ${d} in cohort studies.`), ...other.map((g) => `${g} showed no link to ${d}.`)];
  rng.shuffle(ctx);
  const input = `Below are excerpts from biomedical articles, one per line. Answer the question using only the excerpts. Your response should be formatted as a \`json\` array, e.g. ["ABC1", "XYZ2"]. Do not include any text other than the array.\n\nContext: ${ctx.join("\n")}\n\nQuestion: Which genes are linked to ${d}?`;
  return { input, output: JSON.stringify(genes), _instance_id: "bioasq_list_qa:synthetic:" + i, line: i + 1 };
}

function ner(i: number, kind: "biored" | "scierc"): SciriffInstance {
  if (kind === "biored") {
    const g = pick(rng, GENES), c = pick(rng, CHEMS), d = pick(rng, DISEASES), s = pick(rng, SPECIES), cl = pick(rng, CELLS);
    const abs = `We studied ${c} in ${s} with ${d}. Expression of ${g} fell after treatment, and ${cl} cells confirmed the effect of ${c} on ${g}.`;
    const out = { CellLine: [cl], Chemical: [c], Disease: [d], Gene: [g], Species: [s], Variant: [] as string[] };
    const input = `You will read an abstract of a biomedical paper. Your task is to extract all unique entities of these types: ["CellLine", "Chemical", "Disease", "Gene", "Species", "Variant"].\n\nReturn a JSON object of the format: {"CellLine": ["..."], "Chemical": ["..."], "Disease": ["..."], "Gene": ["..."], "Species": ["..."], "Variant": ["..."]}. Use [] for a type without entities.\n\nOnly output the JSON object.\n\nAbstract:\n\n${abs}`;
    return { input, output: JSON.stringify(out), _instance_id: "biored_ner:synthetic:" + i, line: i + 1 };
  }
  const m = pick(rng, METHODS), t = pick(rng, TASKS_CS), mat = pick(rng, MATERIALS), met = pick(rng, METRICS);
  const abs = `This paper applies a ${m} to ${t}. The approach is trained on ${mat} and improves ${met} over strong baselines. The model is simple.`;
  const out = { Generic: ["approach", "model"], Material: [mat], Method: [m], Metric: [met], OtherScientificTerm: [] as string[], Task: [t] };
  const input = `You will read an abstract of a computer science paper. Your task is to extract all unique entities of these types:\n\n- "Task": problems to solve.\n- "Method": methods, models and tools.\n- "Metric": measures of quality.\n- "Material": data and resources.\n- "OtherScientificTerm": other scientific terms.\n- "Generic": general terms such as "model".\n\nReturn a JSON object of the format: {"Task": [...], "Method": [...], "Metric": [...], "Material": [...], "OtherScientificTerm": [...], "Generic": [...]}.\n\nOnly output the JSON object.\n\nAbstract:\n\n${abs}`;
  return { input, output: JSON.stringify(out), _instance_id: "scierc_ner:synthetic:" + i, line: i + 1 };
}

function discomat(i: number): SciriffInstance {
  const rows = 2 + rng.int(3);
  const cells: string[] = [];
  const lines = ["| Sample | SiO2 (mol%) | Density (g/cm3) |"];
  for (let r = 0; r < rows; r++) {
    const a = String(40 + rng.int(30));
    const b = (2 + rng.random()).toFixed(2);
    lines.push(`| G${r + 1} | ${a} | ${b} |`);
    cells.push(JSON.stringify({ value: a, type: "Other" }), JSON.stringify({ value: b, type: "Other" }));
  }
  const input = `${lines.join("\n")}\nCaption: Composition and density of the glasses\n\nYou are given a table from a materials science paper. There are JSON templates for two types of numeric cells: {"value": "xx", "type": "Other"} and {"value": "xx", "type": "Glass_Compound_Amount", "constituent": "xx", "unit": "xx", "material": "xx"}. Describe every numeric cell, row by row, one JSON object per line.\n\nCell Description:`;
  return { input, output: cells.join("\n"), _instance_id: "discomat_te:synthetic:" + i, line: i + 1 };
}

function evidence(i: number): SciriffInstance {
  const drug = pick(rng, CHEMS), n = 1 + rng.int(2);
  const outcomes = some(rng, ["blood pressure", "pain score", "hospital stay", "fatigue"], n);
  const tuples = outcomes.map((o) => {
    const dec = rng.random() < 0.6;
    const ev = dec ? `${o} was significantly lower with ${drug} than with placebo (p < 0.01).` : `${o} did not differ significantly between ${drug} and placebo.`;
    return [drug, "placebo", o, dec ? "significantly decreased" : "no significant difference", ev];
  });
  const abs = `ABSTRACT.METHODS: Adults were randomised to ${drug} or placebo. ABSTRACT.RESULTS: ${tuples.map((t) => t[4][0].toUpperCase() + t[4].slice(1)).join(" ")}`;
  const input = `You will read the abstract of a clinical trial report. Your task is to extract all the findings from this report into a JSON array. Each finding is an array of five elements: [<intervention>, <comparator>, <outcome>, <effect>, <evidence>], where the effect is one of "significantly increased", "significantly decreased", "no significant difference".\n\nThere are ${n} finding(s) in the abstract below. Output only the JSON array.\n\nAbstract: ${abs}\n\nFindings:`;
  return { input, output: JSON.stringify(tuples), _instance_id: "evidence_inference:synthetic:" + i, line: i + 1 };
}

function multicite(i: number): SciriffInstance {
  const templates: [string, string[]][] = [
    ["We use the tagger of <cite>[3]</cite> for all experiments.", ["Uses"]],
    ["Unlike <cite>[5]</cite>, our model needs no labelled data.", ["Differences"]],
    ["Parsing has a long history <cite>[1]</cite>.", ["Background"]],
    ["Similar to <cite>[8]</cite>, we use a shared encoder and we use their features.", ["Similarities", "Uses"]],
    ["We extend the objective of <cite>[2]</cite> to many languages.", ["Extends"]],
    ["Future work could test the ideas of <cite>[4]</cite>.", ["FutureWork"]],
  ];
  const [ctx, out] = templates[i % templates.length];
  const input = `Your task is to classify the intent of a citation in a sentence from a computational linguistics paper. The cited work is marked by "<cite>" and "</cite>". Choose from:\n\n- Background: the cited work gives background.\n- Motivation: the cited work motivates this work.\n- Uses: this work uses the cited work.\n- Extends: this work extends the cited work.\n- Similarities: this work is similar to the cited work.\n- Differences: this work differs from the cited work.\n- FutureWork: the cited work points to future work.\n\nList the intents in a \`json\` array, e.g. ["Background"]. Do not include any other text.\n\nContext with Citation: ${ctx}`;
  return { input, output: JSON.stringify(out), _instance_id: "multicite_intent_classification:synthetic:" + i, line: i + 1 };
}

function mup(i: number): SciriffInstance {
  const m = pick(rng, METHODS), t = pick(rng, TASKS_CS), mat = pick(rng, MATERIALS);
  const body = `1 INTRODUCTION . ${t} remains hard when labels are scarce . We introduce a ${m} that shares parameters across domains . Experiments on ${mat} show consistent gains . The method is simple to implement . We also analyse failure cases in detail . Ablations confirm the role of parameter sharing .`;
  const ref = `The paper proposes a ${m} for ${t}. It shares parameters across domains. Experiments on ${mat} show gains, with ablations.`;
  const input = `You will be given the title and body of a computer science paper. Write a summary that would help a peer reviewer judge its quality. The summary should be 3 sentences long. Include only the summary.\n\nPaper title: A ${m} for ${t}\n\nPaper body: ${body}\n\n3-sentence paper summary:`;
  return { input, output: ref, _instance_id: "mup_single_document_summarization:synthetic:" + i, line: i + 1 };
}

function qasper(i: number): SciriffInstance {
  const m = pick(rng, METHODS), mat = pick(rng, MATERIALS), met = pick(rng, METRICS);
  const paras = [`We train a ${m} on ${mat} collected over two years.`, `Evaluation uses ${met} on a held-out split of ${mat}.`, `Related work covers earlier systems for the same task.`];
  const q = rng.random() < 0.5 ? ["What data is the model trained on?", `It is trained on ${mat}.`, paras[0]] : ["Which metric is reported?", `${met} on a held-out split.`, paras[1]];
  const input = `You will be shown sections of a scientific paper and a question about it. Paragraphs are separated by newlines. Answer the question based on the paper.\n\nPaper:\n----------------------------------------\nA study of ${m}\n\n${paras.join("\n\n")}\n----------------------------------------\n\nQuestion: ${q[0]}\n\nFormat your response as a \`json\` object with two fields: "answer": a short answer in your own words; "evidence": an array of paragraphs from the paper supporting the answer. If the question cannot be answered, respond with the single word "null".\n\nTo repeat, the question is: ${q[0]}\n\nAnswer JSON object:`;
  return { input, output: JSON.stringify({ answer: q[1], evidence: [q[2]] }), _instance_id: "qasper_abstractive_qa:synthetic:" + i, line: i + 1 };
}

function scifact(i: number): SciriffInstance {
  const c = pick(rng, CHEMS), d = pick(rng, DISEASES);
  const kind = i % 3;
  const claim = `${c} reduces the severity of ${d}.`;
  const key = kind === 0 ? `Treatment with ${c} reduced the severity of ${d} in both cohorts.` : kind === 1 ? `Treatment with ${c} did not reduce the severity of ${d} and was stopped early.` : `Sleep quality was measured at baseline only.`;
  const sents = [`We enrolled adults with ${d}.`, key, `Adverse events were rare.`];
  const verdict = kind === 0 ? "SUPPORT" : kind === 1 ? "CONTRADICT" : "NEI";
  const input = `You will be shown a scientific claim and the abstract of a biomedical paper, one sentence per line. Return a JSON object with two fields:\n\n- "verdict": "SUPPORT", "CONTRADICT" or "NEI" (not enough information).\n- "evidence": an array of sentences copied from the abstract that justify the verdict; [] for NEI.\n\nYour response should not include any text other than the json.\n\nClaim: ${claim}\n\nAbstract:\n${sents.join("\n")}`;
  return { input, output: JSON.stringify({ verdict, evidence: verdict === "NEI" ? [] : [key] }), _instance_id: "scifact_entailment:synthetic:" + i, line: i + 1 };
}

const MAKERS: Record<string, (i: number) => SciriffInstance> = {
  bioasq_list_qa: bioasq,
  biored_ner: (i) => ner(i, "biored"),
  discomat_te: discomat,
  evidence_inference: evidence,
  multicite_intent_classification: multicite,
  mup_single_document_summarization: mup,
  qasper_abstractive_qa: qasper,
  scierc_ner: (i) => ner(i, "scierc"),
  scifact_entailment: scifact,
};

async function main(): Promise<void> {
  const instances: Record<string, SciriffInstance[]> = {};
  for (const [task, make] of Object.entries(MAKERS)) {
    instances[task] = Array.from({ length: N }, (_, i) => make(i));
    const file = path.join(ROOT, "instances", task + ".jsonl");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, instances[task].map(({ line: _l, ...x }) => JSON.stringify({ ...x, metadata: { synthetic: true } })).join("\n") + "\n");
  }
  for (const [model, quality] of [["sim-weak", 0.3], ["sim-strong", 0.9]] as const) {
    const off = await startOfflineLLM({ roles: { model: "simulated/sciriff?quality=" + quality + "&noise=0.2" } });
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "sciriff-data-"));
    try {
      for (const task of Object.keys(MAKERS)) {
        const r = await predictTask({ llm: off.llm, task, instances: instances[task], model, outDir: path.join(ROOT, "predictions"), runDir, fewshot: instances[task] });
        console.log(model, task, r.written, "written", r.failed.length, "failed");
      }
    } finally {
      await off.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
