import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "../command";
import { UsageError, UserError } from "../../util/errors";
import { createLLM, startOfflineLLM, roleOption } from "../../llm/index";
import type { LLM } from "../../llm/types";
import { scorePredictions, type JudgeMode } from "../../studies/sciriff/score/score-dir";
import { loadInstances } from "../../studies/sciriff/predict/instances";
import { predictTask, type ChatFormat } from "../../studies/sciriff/predict/predict-task";
import { TASK_NAMES, taskByName } from "../../studies/sciriff/tasks";

const score: Command = {
  name: "score",
  summary: "Score lm-eval predictions of the SciRIFF tasks: metrics.json per task and summary.tsv.",
  description:
    "Reads DIR/<task>/ or DIR/<model>/<task>/ folders holding lm-evaluation-harness --log_samples files (samples_*.jsonl or raw_predictions.jsonl). " +
    "Judge metrics (Qasper answers, MuP summaries) come from an earlier judge output (lm_judge_raw.json beside the predictions) when present, " +
    "else from role 'judge' of the LLM layer (--role judge=openai:gpt-4o-2024-08-06), or through the OpenAI Batch API with --judge-mode batch (OPENAI_API_KEY; loopback URLs need none). " +
    "Defaults are the documented fixes of the original's quirks; --original reproduces the original everywhere.",
  options: [
    { name: "pred-dir", type: "string", required: true, placeholder: "DIR", description: "Prediction directory." },
    { name: "metrics-dir", type: "string", required: true, placeholder: "OUT", description: "Output directory for metrics.json files and summary.tsv." },
    { name: "judge", type: "boolean", default: true, description: "Compute judge metrics (--no-judge skips them)." },
    { name: "judge-mode", type: "string", default: "auto", choices: ["auto", "existing", "llm", "batch"], description: "Where judge ratings come from." },
    { name: "offline", type: "boolean", default: false, description: "Use the simulated judge on the loopback server (no keys)." },
    roleOption,
    { name: "original", type: "boolean", default: false, description: "Reproduce every quirk of the original (strip('</s>'), naive bracket scan, missing Qasper rating = 3, MuP ratings of 1 dropped)." },
    { name: "mup-samples", type: "number", default: 100, description: "MuP instances judged (random.seed(42) sample, as SciRIFF)." },
    { name: "batch-base-url", type: "string", placeholder: "URL", description: "Batch API base URL (default https://api.openai.com/v1)." },
    { name: "batch-model", type: "string", default: "gpt-4o-2024-08-06", description: "Judge model for --judge-mode batch." },
    { name: "poll-seconds", type: "number", default: 30, description: "Batch status poll interval." },
  ],
  examples: [
    "evalbook sciriff score --pred-dir ../shared/data/sciriff/sciriff_vr/example --metrics-dir out/sciriff --no-judge",
    "evalbook sciriff score --pred-dir runs/preds --metrics-dir out/m --role judge=openai:gpt-4o-2024-08-06",
    "evalbook sciriff score --pred-dir runs/preds --metrics-dir out/m --judge-mode batch",
  ],
  async run(args, ctx) {
    const original = args.options.original === true;
    const judgeOn = args.options.judge !== false;
    const mode = (judgeOn ? args.options["judge-mode"] : "none") as JudgeMode;
    let llm: LLM | undefined;
    let close: (() => Promise<void>) | undefined;
    const roles = args.options.role as string[];
    if (judgeOn && (mode === "llm" || mode === "auto")) {
      if (args.options.offline) {
        const off = await startOfflineLLM({ roles: { judge: "simulated/sciriff?quality=0.7" } });
        llm = off.llm;
        close = () => off.close();
      } else if (roles.some((r) => r.startsWith("judge=")) || mode === "llm") {
        const c = createLLM({ roleFlags: roles });
        llm = c;
        close = () => c.close();
      }
    }
    let batch;
    if (mode === "batch") {
      const baseURL = args.options["batch-base-url"] as string | undefined;
      const loopback = baseURL !== undefined && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(baseURL);
      const apiKey = process.env.OPENAI_API_KEY;
      if (!apiKey && !loopback) throw new UserError("--judge-mode batch needs OPENAI_API_KEY in the environment");
      batch = { baseURL, apiKey, model: args.options["batch-model"] as string, pollIntervalMs: Number(args.options["poll-seconds"]) * 1000, onStatus: (b: { id: string; status: string }) => ctx.info("batch " + b.id + ": " + b.status) };
    }
    try {
      const res = await scorePredictions(String(args.options["pred-dir"]), String(args.options["metrics-dir"]), {
        judge: mode,
        llm,
        batch,
        mupSamples: Number(args.options["mup-samples"]),
        eosStrip: original ? "original" : "suffix",
        scan: original ? "original" : "string-aware",
        missingRating: original ? 3 : "exclude",
        dropOnes: original,
        onInfo: (m) => ctx.info(m),
      });
      for (const s of res.skipped) ctx.info("skipped " + s.model + "/" + s.task + ": " + s.reason);
      for (const m of res.metrics) ctx.json({ model: m.model, task: m.task, n: m.n_instances, summary: m.summary, json_frac_success: m.json_counts?.frac_success });
      ctx.info("wrote " + res.files.length + " metrics.json files and " + res.summaryFile);
    } finally {
      if (close) await close();
    }
  },
};

const predict: Command = {
  name: "predict",
  summary: "Generate predictions for SciRIFF instances through the LLM layer (lm-eval sample-log layout).",
  description:
    "Reads a JSONL of SciRIFF instances ({input, output, _instance_id?}) for one task and writes OUT/<model>/<task>/samples_<task>.jsonl, which `sciriff score` reads. " +
    "The model is role 'model' (--role model=..., or --offline for the simulated model). Resumable through the run directory.",
  options: [
    { name: "task", type: "string", required: true, choices: TASK_NAMES, description: "SciRIFF task." },
    { name: "instances", type: "string", required: true, placeholder: "FILE", description: "JSONL of instances." },
    { name: "out", type: "string", required: true, placeholder: "DIR", description: "Prediction directory to write." },
    { name: "model-name", type: "string", placeholder: "NAME", description: "Folder name of the model (default: the role's model, sanitised)." },
    { name: "format", type: "string", default: "chat", choices: ["chat", "general", "tulu"], description: "How the input reaches the model." },
    { name: "run-dir", type: "string", placeholder: "DIR", description: "Run records (default OUT/.runs/<task>)." },
    { name: "max-tokens", type: "number", default: 1024, description: "Generation limit." },
    { name: "fewshot", type: "string", placeholder: "FILE", description: "JSONL of instances to draw few-shot examples from (the first ones are used)." },
    { name: "num-fewshot", type: "number", description: "Shots per prompt (default: SciRIFF's, 1 for evidence_inference, else 0)." },
    { name: "offline", type: "boolean", default: false, description: "Use the simulated model (simulated/sciriff) on the loopback server." },
    roleOption,
  ],
  examples: ["evalbook sciriff predict --task scifact_entailment --instances data/sciriff/instances/scifact_entailment.jsonl --out runs/preds --offline"],
  async run(args, ctx) {
    const task = String(args.options.task);
    if (!taskByName(task)) throw new UsageError("unknown task " + task);
    const out = String(args.options.out);
    const instances = loadInstances(String(args.options.instances));
    let llm: LLM;
    let close: () => Promise<void>;
    if (args.options.offline) {
      const off = await startOfflineLLM({ roles: { model: "simulated/sciriff?quality=0.6" } });
      llm = off.llm;
      close = () => off.close();
    } else {
      const c = createLLM({ roleFlags: args.options.role as string[] });
      llm = c;
      close = () => c.close();
    }
    try {
      const modelName = (args.options["model-name"] as string | undefined) ?? llm.endpoint("model").model.replace(/[^A-Za-z0-9._-]+/g, "_");
      const runDir = (args.options["run-dir"] as string | undefined) ?? path.join(out, ".runs", task);
      fs.mkdirSync(runDir, { recursive: true });
      const r = await predictTask({ llm, task, instances, model: modelName, outDir: out, runDir, format: args.options.format as ChatFormat, maxTokens: Number(args.options["max-tokens"]),
        fewshot: args.options.fewshot ? loadInstances(String(args.options.fewshot)) : undefined,
        numFewshot: args.options["num-fewshot"] === undefined ? undefined : Number(args.options["num-fewshot"]),
      });
      for (const f of r.failed) ctx.warn("failed " + f.id + ": " + f.error);
      ctx.json({ task, model: modelName, file: r.file, written: r.written, failed: r.failed.length, simulated: r.simulated });
      return r.failed.length ? 1 : 0;
    } finally {
      await close();
    }
  },
};

export const command: Command = {
  name: "sciriff",
  summary: "The SciRIFF study: score lm-eval predictions on the nine tasks, generate predictions.",
  subcommands: [score, predict],
};
