/**
 * `evalbook together files|finetune|endpoints ...`: Together AI training
 * files, fine-tuning jobs and dedicated endpoints. JSON on stdout (one line
 * per item for lists), progress on stderr. Base URL from --base-url or
 * TOGETHER_BASE_URL (default the public API); key from TOGETHER_API_KEY only.
 */
import * as fs from "node:fs";
import type { CliContext, Command } from "../command";
import type { OptionSpec, ParsedArgs } from "../args";
import { UsageError, UserError } from "../../util/errors";
import { TogetherHttp } from "../../together/http";
import { assertValidTraining, formatProblems, validateTrainingFile } from "../../together/files/validate";
import { listFiles } from "../../together/files/api";
import { uploadTrainingFile } from "../../together/files/upload";
import { fileDigest } from "../../together/files/write";
import { cancelFineTune, getFineTune, listFineTuneEvents, listFineTunes, outputModelName, type FineTuneJob } from "../../together/finetune/api";
import { ensureFineTune, jobsLedger } from "../../together/finetune/ensure";
import { fineTuneKey, fineTuneWireBody } from "../../together/finetune/params";
import { filesLedger } from "../../together/files/upload";
import { describeJob, waitForFineTune } from "../../together/finetune/wait";
import type { FineTuneParams } from "../../together/finetune/params";
import { createEndpoint, deleteEndpoint, getEndpoint, listHardware, stopEndpoint } from "../../together/endpoints/api";
import { waitForEndpoint } from "../../together/endpoints/wait";
import { endpointsWithCost } from "../../together/endpoints/running";

const baseUrlOpt: OptionSpec = { name: "base-url", type: "string", placeholder: "URL", description: "API base URL including /v1 (default: TOGETHER_BASE_URL or https://api.together.xyz/v1)." };
const runDirOpt: OptionSpec = { name: "run-dir", type: "string", placeholder: "DIR", description: "Run directory holding the ledgers (default .evalbook/together/)." };
const pollOpt: OptionSpec = { name: "poll-seconds", type: "number", default: 10, description: "Seconds between polls." };
const timeoutOpt = (def: number): OptionSpec => ({ name: "timeout-seconds", type: "number", default: def, description: "Give up waiting after this many seconds." });

function client(args: ParsedArgs): TogetherHttp {
  return new TogetherHttp({ baseURL: (args.options["base-url"] as string | undefined) ?? undefined });
}

function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  return v === undefined ? undefined : String(v);
}

function num(args: ParsedArgs, name: string): number | undefined {
  const v = args.options[name];
  return v === undefined ? undefined : Number(v);
}

function jobSummary(j: FineTuneJob): Record<string, unknown> {
  return {
    id: j.id,
    status: j.status,
    model: j.model,
    suffix: j.suffix,
    training_file: j.training_file,
    n_epochs: j.n_epochs,
    epochs_completed: j.epochs_completed,
    output_name: outputModelName(j),
    created_at: j.created_at,
    updated_at: j.updated_at,
  };
}

// ---------------------------------------------------------------- files
const files: Command = {
  name: "files",
  summary: "Validate, upload and list fine-tuning files.",
  subcommands: [
    {
      name: "validate",
      summary: "Check JSONL files in Together's fine-tuning formats; every bad row is listed with its line. Exits 1 if any file is bad.",
      positionals: [{ name: "files", description: "JSONL files.", required: true, variadic: true }],
      options: [{ name: "format", type: "string", choices: ["conversation", "instruction", "general"], description: "Required format (default: from the first row)." }],
      examples: ["evalbook together files validate runs/st/train.jsonl"],
      run(args, ctx) {
        let bad = 0;
        for (const f of args.named.files as string[]) {
          const v = validateTrainingFile(f, { format: str(args, "format") as never });
          if (!v.ok) {
            bad++;
            for (const line of formatProblems(v, 200)) ctx.info(line);
          }
          ctx.json(v);
        }
        return bad ? 1 : 0;
      },
    },
    {
      name: "upload",
      summary: "Validate and upload a training file (POST /files → redirect → PUT → wait). Identical content uploaded before is not sent again.",
      positionals: [{ name: "file", description: "JSONL file.", required: true }],
      options: [
        baseUrlOpt,
        runDirOpt,
        { name: "name", type: "string", placeholder: "NAME", description: "File name at Together (default: the base name)." },
        { name: "purpose", type: "string", choices: ["fine-tune", "eval", "batch-api"], default: "fine-tune", description: "File purpose." },
        { name: "force", type: "boolean", description: "Upload even if identical content was uploaded before." },
        { name: "no-validate", type: "boolean", description: "Skip local validation." },
        { ...pollOpt, default: 1 },
      ],
      examples: ["evalbook together files upload train.jsonl --run-dir runs/smaller-set"],
      async run(args, ctx) {
        const r = await uploadTrainingFile(client(args), String(args.named.file), {
          runDir: str(args, "run-dir"),
          fileName: str(args, "name"),
          purpose: str(args, "purpose") as never,
          force: Boolean(args.options.force),
          validate: args.options["no-validate"] ? false : undefined,
          pollMs: (num(args, "poll-seconds") ?? 1) * 1000,
          onMessage: (m) => ctx.info(m),
        });
        ctx.json({ id: r.file.id, filename: r.file.filename, bytes: r.bytes, sha256: r.sha256, skipped: r.skipped, status: r.file.processing_status ?? null, ledger: r.ledgerFile });
      },
    },
    {
      name: "list",
      summary: "List the files on the account (one JSON line each).",
      options: [baseUrlOpt],
      async run(args, ctx) {
        for (const f of await listFiles(client(args))) ctx.json(f);
      },
    },
  ],
};

// ---------------------------------------------------------------- finetune
const finetuneCreateOptions: OptionSpec[] = [
  baseUrlOpt,
  runDirOpt,
  { name: "model", type: "string", required: true, placeholder: "MODEL", description: "Base model." },
  { name: "training-file", type: "string", required: true, placeholder: "FILE-ID|PATH", description: "Uploaded file id, or a local JSONL path (validated and uploaded first)." },
  { name: "validation-file", type: "string", placeholder: "FILE-ID|PATH", description: "Validation file id or local path." },
  { name: "epochs", type: "number", placeholder: "N", description: "n_epochs (Together default 1)." },
  { name: "checkpoints", type: "number", placeholder: "N", description: "n_checkpoints." },
  { name: "evals", type: "number", placeholder: "N", description: "n_evals (needs a validation file)." },
  { name: "suffix", type: "string", placeholder: "S", description: "Suffix of the output model name." },
  { name: "learning-rate", type: "number", placeholder: "X", description: "learning_rate." },
  { name: "batch-size", type: "string", placeholder: "N|max", description: "batch_size." },
  { name: "lora", type: "boolean", default: true, description: "LoRA (default); --no-lora for full fine-tuning." },
  { name: "lora-r", type: "number", placeholder: "N", description: "LoRA rank (default 8)." },
  { name: "lora-alpha", type: "number", placeholder: "X", description: "LoRA alpha (default 2 × rank)." },
  { name: "lora-dropout", type: "number", placeholder: "X", description: "LoRA dropout." },
  { name: "lora-modules", type: "string", placeholder: "LIST", description: "LoRA trainable modules, e.g. all-linear." },
  { name: "from-checkpoint", type: "string", placeholder: "JOB|MODEL[:STEP]", description: "Continue from a previous job or output model." },
  { name: "seed", type: "number", placeholder: "N", description: "random_seed." },
  { name: "retry-failed", type: "boolean", description: "If the job for these data and parameters failed before, launch a new one." },
  { name: "wait", type: "boolean", description: "Wait until the job ends (events on stderr)." },
  { name: "dry-run", type: "boolean", description: "Validate and show the wire body and job key; upload and create nothing." },
  pollOpt,
  timeoutOpt(24 * 3600),
];

/** A file reference without side effects: an id, or a local file's hash and its recorded upload (if any). */
function dryFileRef(http: TogetherHttp, ref: string, runDir: string | undefined): { id: string; sha256?: string; uploaded: boolean } {
  if (fs.existsSync(ref) && fs.statSync(ref).isFile()) {
    assertValidTraining(validateTrainingFile(ref));
    const { sha256 } = fileDigest(ref);
    const prev = filesLedger({ runDir }).latest(http.baseURL + " fine-tune " + sha256);
    return { id: prev?.fileId ?? "<upload of sha256:" + sha256.slice(0, 12) + ">", sha256, uploaded: prev !== undefined };
  }
  return { id: ref, uploaded: true };
}

async function fileRef(http: TogetherHttp, ref: string, runDir: string | undefined, ctx: CliContext): Promise<{ id: string; sha256?: string }> {
  if (fs.existsSync(ref) && fs.statSync(ref).isFile()) {
    const r = await uploadTrainingFile(http, ref, { runDir, pollMs: 1000, onMessage: (m) => ctx.info(m) });
    return { id: r.file.id, sha256: r.sha256 };
  }
  if (/[/\\]|\.jsonl$/.test(ref)) throw new UserError(ref + ": file not found (give an uploaded file id or an existing path)");
  return { id: ref };
}

async function waitAndReport(http: TogetherHttp, id: string, args: ParsedArgs, ctx: CliContext): Promise<number> {
  const r = await waitForFineTune(http, id, {
    pollMs: (num(args, "poll-seconds") ?? 10) * 1000,
    timeoutMs: (num(args, "timeout-seconds") ?? 86400) * 1000,
    throwOnFailure: false,
    onEvent: (e) => ctx.info("[" + e.created_at + "] " + e.type + ": " + e.message),
    onProgress: (j) => ctx.info("finetune: " + describeJob(j)),
  });
  ctx.json({ ...jobSummary(r.job), ...(r.reason ? { reason: r.reason } : {}) });
  return r.job.status === "completed" ? 0 : 1;
}

const finetune: Command = {
  name: "finetune",
  summary: "Create (or re-attach to), watch, cancel and list fine-tuning jobs.",
  subcommands: [
    {
      name: "create",
      summary: "Create a fine-tuning job — or re-attach to the job already launched for the same data and parameters (recorded in the run directory).",
      options: finetuneCreateOptions,
      examples: [
        "evalbook together finetune create --model mistralai/Mixtral-8x7B-Instruct-v0.1 --training-file train.jsonl --epochs 3 --suffix st-it1 --lora-r 16 --run-dir runs/smaller-set --wait",
      ],
      async run(args, ctx) {
        const http = client(args);
        const runDir = str(args, "run-dir");
        const dry = Boolean(args.options["dry-run"]);
        const ref = (name: string) => (dry ? Promise.resolve(dryFileRef(http, name, runDir)) : fileRef(http, name, runDir, ctx));
        const train = await ref(String(args.options["training-file"]));
        const val = str(args, "validation-file") ? await ref(String(args.options["validation-file"])) : undefined;
        const bs = str(args, "batch-size");
        if (bs !== undefined && bs !== "max" && !/^\d+$/.test(bs)) throw new UsageError("--batch-size takes a positive integer or max, not '" + bs + "'");
        const lora = Boolean(args.options.lora);
        const loraSet = ["lora-r", "lora-alpha", "lora-dropout", "lora-modules"].filter((k) => args.options[k] !== undefined);
        if (!lora && loraSet.length) throw new UsageError("--" + loraSet[0] + " needs LoRA (drop --no-lora)");
        const params: FineTuneParams = {
          model: String(args.options.model),
          trainingFile: train.id,
          validationFile: val?.id,
          nEpochs: num(args, "epochs"),
          nCheckpoints: num(args, "checkpoints"),
          nEvals: num(args, "evals"),
          suffix: str(args, "suffix"),
          learningRate: num(args, "learning-rate"),
          batchSize: bs === undefined ? undefined : bs === "max" ? "max" : Number(bs),
          lora: lora ? { r: num(args, "lora-r"), alpha: num(args, "lora-alpha"), dropout: num(args, "lora-dropout"), trainableModules: str(args, "lora-modules") } : false,
          fromCheckpoint: str(args, "from-checkpoint"),
          randomSeed: num(args, "seed"),
        };
        if (dry) {
          const body = fineTuneWireBody(params);
          const known = (train as { uploaded?: boolean }).uploaded !== false && (val === undefined || (val as { uploaded?: boolean }).uploaded !== false);
          const key = known ? fineTuneKey(http.baseURL, body, { trainingSha256: train.sha256, validationSha256: val?.sha256 }) : undefined;
          const recorded = key ? jobsLedger({ runDir }).latest(key) : undefined;
          ctx.json({ dryRun: true, body, key: key ?? null, recordedJob: recorded?.jobId ?? null, wouldCreate: !recorded?.jobId });
          return 0;
        }
        const r = await ensureFineTune(http, params, {
          runDir,
          trainingSha256: train.sha256,
          validationSha256: val?.sha256,
          retryFailed: Boolean(args.options["retry-failed"]),
          onMessage: (m) => ctx.info(m),
        });
        if (!args.options.wait) {
          ctx.json({ ...jobSummary(r.job), key: r.key, reattached: r.reattached });
          return 0;
        }
        ctx.info("finetune: " + (r.reattached ? "re-attached to " : "created ") + r.job.id + " (key " + r.key + ")");
        return waitAndReport(http, r.job.id, args, ctx);
      },
    },
    {
      name: "status",
      summary: "Show a job.",
      positionals: [{ name: "id", description: "Job id.", required: true }],
      options: [baseUrlOpt, { name: "full", type: "boolean", description: "The whole job object (with events)." }],
      async run(args, ctx) {
        const j = await getFineTune(client(args), String(args.named.id));
        ctx.json(args.options.full ? j : jobSummary(j));
      },
    },
    {
      name: "events",
      summary: "List a job's events (one JSON line each).",
      positionals: [{ name: "id", description: "Job id.", required: true }],
      options: [baseUrlOpt],
      async run(args, ctx) {
        for (const e of await listFineTuneEvents(client(args), String(args.named.id))) ctx.json(e);
      },
    },
    {
      name: "wait",
      summary: "Wait until a job ends, showing each new event once. Exits 1 unless it completed.",
      positionals: [{ name: "id", description: "Job id.", required: true }],
      options: [baseUrlOpt, pollOpt, timeoutOpt(24 * 3600)],
      async run(args, ctx) {
        return waitAndReport(client(args), String(args.named.id), args, ctx);
      },
    },
    {
      name: "cancel",
      summary: "Cancel a job.",
      positionals: [{ name: "id", description: "Job id.", required: true }],
      options: [baseUrlOpt],
      async run(args, ctx) {
        ctx.json(jobSummary(await cancelFineTune(client(args), String(args.named.id))));
      },
    },
    {
      name: "list",
      summary: "List jobs (one JSON line each).",
      options: [baseUrlOpt],
      async run(args, ctx) {
        for (const j of await listFineTunes(client(args))) ctx.json(jobSummary(j));
      },
    },
  ],
};

// ---------------------------------------------------------------- endpoints
async function listWithCost(args: ParsedArgs, ctx: CliContext): Promise<number> {
  const running = Boolean(args.options.running);
  const eps = await endpointsWithCost(client(args), { running });
  for (const e of eps) ctx.json(e);
  if (running) {
    const total = eps.reduce((s, e) => s + (e.hourlyCostUsd ?? 0), 0);
    const unknown = eps.filter((e) => e.hourlyCostUsd === undefined).length;
    ctx.info(eps.length === 0 ? "endpoints: nothing running" : "endpoints: " + eps.length + " running, $" + total.toFixed(2) + "/hour" + (unknown ? " (+" + unknown + " with unknown price)" : "") + "; stop with `evalbook together endpoints stop ID`");
  }
  return 0;
}

const listOpts: OptionSpec[] = [baseUrlOpt, { name: "running", type: "boolean", description: "Only endpoints that are running or starting (and billing)." }];

const endpoints: Command = {
  name: "endpoints",
  summary: "Dedicated endpoints: create, wait, stop, delete, list (--running: what is left running, with hourly cost).",
  options: listOpts,
  examples: ["evalbook together endpoints --running", "evalbook together endpoints create --model MODEL --hardware 2x_nvidia_h100_80gb_sxm --wait"],
  run: listWithCost,
  subcommands: [
    {
      name: "create",
      summary: "Create a dedicated endpoint for a model.",
      options: [
        baseUrlOpt,
        { name: "model", type: "string", required: true, placeholder: "MODEL", description: "Model to serve (e.g. a fine-tune's output name)." },
        { name: "hardware", type: "string", required: true, placeholder: "ID", description: "Hardware id (see `together endpoints hardware`)." },
        { name: "min-replicas", type: "number", default: 1, description: "Autoscaling minimum." },
        { name: "max-replicas", type: "number", description: "Autoscaling maximum (default: min)." },
        { name: "display-name", type: "string", placeholder: "NAME", description: "Display name." },
        { name: "inactive-timeout", type: "number", placeholder: "MINUTES", description: "Together stops the endpoint after this many idle minutes (0 = never)." },
        { name: "wait", type: "boolean", description: "Wait until it is STARTED." },
        { ...pollOpt, default: 5 },
        timeoutOpt(1800),
      ],
      async run(args, ctx) {
        const http = client(args);
        let ep = await createEndpoint(http, {
          model: String(args.options.model),
          hardware: String(args.options.hardware),
          minReplicas: num(args, "min-replicas"),
          maxReplicas: num(args, "max-replicas"),
          displayName: str(args, "display-name"),
          inactiveTimeout: num(args, "inactive-timeout"),
        });
        ctx.info("endpoints: created " + ep.id + " (" + ep.state + "); it bills until stopped: `evalbook together endpoints stop " + ep.id + "`");
        if (args.options.wait) {
          ep = await waitForEndpoint(http, ep.id, { pollMs: (num(args, "poll-seconds") ?? 5) * 1000, timeoutMs: (num(args, "timeout-seconds") ?? 1800) * 1000, onState: (e) => ctx.info("endpoints: " + e.id + " " + e.state) });
        }
        ctx.json(ep);
      },
    },
    {
      name: "wait",
      summary: "Wait until an endpoint is STARTED (or --state).",
      positionals: [{ name: "id", description: "Endpoint id.", required: true }],
      options: [baseUrlOpt, { name: "state", type: "string", choices: ["STARTED", "STOPPED"], default: "STARTED", description: "Target state." }, { ...pollOpt, default: 5 }, timeoutOpt(1800)],
      async run(args, ctx) {
        const ep = await waitForEndpoint(client(args), String(args.named.id), {
          state: str(args, "state") as never,
          pollMs: (num(args, "poll-seconds") ?? 5) * 1000,
          timeoutMs: (num(args, "timeout-seconds") ?? 1800) * 1000,
          onState: (e) => ctx.info("endpoints: " + e.id + " " + e.state),
        });
        ctx.json(ep);
      },
    },
    {
      name: "stop",
      summary: "Stop endpoints (PATCH state STOPPED).",
      positionals: [{ name: "ids", description: "Endpoint ids.", required: true, variadic: true }],
      options: [baseUrlOpt],
      async run(args, ctx) {
        const http = client(args);
        for (const id of args.named.ids as string[]) ctx.json(await stopEndpoint(http, id));
      },
    },
    {
      name: "delete",
      summary: "Delete endpoints.",
      positionals: [{ name: "ids", description: "Endpoint ids.", required: true, variadic: true }],
      options: [baseUrlOpt],
      async run(args, ctx) {
        const http = client(args);
        for (const id of args.named.ids as string[]) {
          await deleteEndpoint(http, id);
          ctx.json({ id, deleted: true });
        }
      },
    },
    {
      name: "status",
      summary: "Show an endpoint.",
      positionals: [{ name: "id", description: "Endpoint id.", required: true }],
      options: [baseUrlOpt],
      async run(args, ctx) {
        ctx.json(await getEndpoint(client(args), String(args.named.id)));
      },
    },
    { name: "list", summary: "List dedicated endpoints with their hourly cost (one JSON line each).", options: listOpts, run: listWithCost },
    {
      name: "hardware",
      summary: "List hardware configurations with prices.",
      options: [baseUrlOpt, { name: "model", type: "string", placeholder: "MODEL", description: "Only hardware that can serve this model." }],
      async run(args, ctx) {
        for (const h of await listHardware(client(args), str(args, "model"))) ctx.json({ ...h, hourly_usd: (h.pricing.cents_per_minute * 60) / 100 });
      },
    },
  ],
};

export const command: Command = {
  name: "together",
  summary: "Together AI: fine-tuning files, fine-tuning jobs (with re-attach) and dedicated endpoints.",
  description:
    "Talks to TOGETHER_BASE_URL (or --base-url; default https://api.together.xyz/v1) with the key from TOGETHER_API_KEY (never printed). " +
    "Uploaded files and launched jobs are recorded in --run-dir (run records together-files / together-jobs; default .evalbook/together/) so that repeating a command re-attaches instead of paying twice.",
  subcommands: [files, finetune, endpoints],
};
