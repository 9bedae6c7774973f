/**
 * Mock of Together's fine-tuning API: POST /v1/fine-tunes, GET list, GET
 * {id}, GET {id}/events, POST {id}/cancel. A job goes
 * pending → queued → running (one step per epoch) → uploading → completed,
 * or → error (failure injection) or → cancel_requested → cancelled.
 * The output model of a simulated base model is a simulated model too (see
 * ./effects.ts), so the same server can serve it once an endpoint runs.
 */
import type { MockRoute } from "../../llm/mock/route";
import { parseSimulatedModel } from "../../llm/mock/model-name";
import { fineTuneEffect, type FineTuneInfo } from "./effects";
import { fileRows } from "./files";
import { advance, newStepped, reschedule } from "./steps";
import { isoNow, nextId, type MockJob, type TogetherMockState } from "./state";

const FINAL = ["completed", "cancelled", "error"];

export function jobObject(j: MockJob, full: boolean): Record<string, unknown> {
  const b = j.body;
  const remaining = FINAL.includes(j.status) ? 0 : Math.max(0, j.stepped.steps.length - 1 - j.stepped.at) * 60;
  const out: Record<string, unknown> = {
    id: j.id,
    object: "fine-tune",
    status: j.status,
    user_id: "mock-user",
    model: b.model,
    training_file: b.training_file,
    validation_file: b.validation_file,
    n_epochs: j.nEpochs,
    n_checkpoints: b.n_checkpoints ?? 1,
    n_evals: b.n_evals ?? 0,
    batch_size: b.batch_size ?? "max",
    learning_rate: b.learning_rate ?? 0.00001,
    suffix: b.suffix,
    training_type: b.training_type ?? { type: "Lora", lora_r: 8, lora_alpha: 16 },
    from_checkpoint: b.from_checkpoint,
    epochs_completed: j.epochsCompleted,
    created_at: j.createdAt,
    updated_at: j.updatedAt,
    trainingfile_numlines: j.trainingRows.length,
    progress: { estimate_available: !FINAL.includes(j.status), seconds_remaining: remaining },
  };
  if (j.outputName) {
    out.model_output_name = j.outputName;
    out.output_name = j.outputName;
  }
  if (full) out.events = j.events;
  return out;
}

export function fineTuneRoutes(state: TogetherMockState): MockRoute[] {
  const opts = state.options;
  const find = (id: string) => state.jobs.get(id);
  return [
    {
      method: "POST",
      path: "/v1/fine-tunes",
      name: "together fine-tunes: create",
      handler(req, res) {
        const body = req.json as Record<string, unknown> | undefined;
        if (!body || typeof body !== "object") return res.error(400, "request body must be a JSON object", "invalid_request_error", "invalid_body");
        if (typeof body.model !== "string" || !body.model) return res.error(400, "model is required", "invalid_request_error", "missing_parameter");
        req.setModel(body.model);
        if (typeof body.training_file !== "string") return res.error(400, "training_file is required", "invalid_request_error", "missing_parameter");
        const file = state.files.get(body.training_file);
        if (!file) return res.error(400, "training_file " + body.training_file + " does not exist", "invalid_request_error", "invalid_parameter");
        if (file.status !== "COMPLETED") return res.error(400, "training_file " + file.id + " is not ready (" + file.status + (file.error ? ": " + file.error : "") + ")", "invalid_request_error", "invalid_parameter");
        if (body.validation_file !== undefined && state.files.get(String(body.validation_file))?.status !== "COMPLETED") {
          return res.error(400, "validation_file " + body.validation_file + " does not exist or is not ready", "invalid_request_error", "invalid_parameter");
        }
        const nEpochs = body.n_epochs === undefined ? 1 : Number(body.n_epochs);
        if (!Number.isInteger(nEpochs) || nEpochs < 1 || nEpochs > 20) return res.error(400, "n_epochs must be an integer in 1..20", "invalid_request_error", "invalid_parameter");
        const tt = body.training_type as Record<string, unknown> | undefined;
        if (tt !== undefined && tt !== null && tt.type !== "Lora" && tt.type !== "Full") return res.error(400, "training_type.type must be Lora or Full", "invalid_request_error", "invalid_parameter");
        if (tt && tt.type === "Lora" && tt.lora_r !== undefined && !(Number.isInteger(tt.lora_r) && (tt.lora_r as number) > 0)) {
          return res.error(400, "training_type.lora_r must be a positive integer", "invalid_request_error", "invalid_parameter");
        }
        const suffix = body.suffix;
        if (suffix !== undefined && (typeof suffix !== "string" || suffix.length > 64)) return res.error(400, "suffix must be a string of at most 64 characters", "invalid_request_error", "invalid_parameter");
        const id = nextId(state, "ft");
        const now = isoNow();
        const job: MockJob = { id, body, status: "pending", createdAt: now, updatedAt: now, epochsCompleted: 0, nEpochs, events: [], trainingRows: fileRows(file), stepped: newStepped() };
        state.jobs.set(id, job);
        const rule = opts.failJobs;
        const reason = typeof rule === "function" ? rule(body, id) : rule;
        reschedule(job.stepped, schedule(state, job, reason));
        res.json(200, jobObject(job, false));
      },
    },
    {
      method: "GET",
      path: "/v1/fine-tunes",
      name: "together fine-tunes: list",
      handler(_req, res) {
        for (const j of state.jobs.values()) advance(j.stepped, opts, false);
        res.json(200, { data: Array.from(state.jobs.values(), (j) => jobObject(j, false)) });
      },
    },
    {
      method: "GET",
      path: "/v1/fine-tunes/:id",
      name: "together fine-tunes: retrieve",
      handler(req, res) {
        const j = find(req.params.id);
        if (!j) return res.error(404, "No fine-tune job with id " + req.params.id, "invalid_request_error", "not_found");
        advance(j.stepped, opts, true);
        res.json(200, jobObject(j, true));
      },
    },
    {
      method: "GET",
      path: "/v1/fine-tunes/:id/events",
      name: "together fine-tunes: events",
      handler(req, res) {
        const j = find(req.params.id);
        if (!j) return res.error(404, "No fine-tune job with id " + req.params.id, "invalid_request_error", "not_found");
        advance(j.stepped, opts, false);
        res.json(200, { data: j.events });
      },
    },
    {
      method: "POST",
      path: "/v1/fine-tunes/:id/cancel",
      name: "together fine-tunes: cancel",
      handler(req, res) {
        const j = find(req.params.id);
        if (!j) return res.error(404, "No fine-tune job with id " + req.params.id, "invalid_request_error", "not_found");
        advance(j.stepped, opts, false);
        if (FINAL.includes(j.status)) return res.error(400, "job " + j.id + " is already " + j.status + " and cannot be cancelled", "invalid_request_error", "invalid_state");
        if (j.status !== "cancel_requested") {
          reschedule(j.stepped, [
            () => setStatus(j, "cancel_requested", [["cancel_requested", "Cancel requested by the user"]]),
            () => setStatus(j, "cancelled", [["job_stopped", "Job stopped after a cancel request"]]),
          ]);
        }
        res.json(200, jobObject(j, false));
      },
    },
  ];
}

function setStatus(j: MockJob, status: string, events: [string, string, string?][], extra: Record<string, unknown> = {}): void {
  j.status = status;
  j.updatedAt = isoNow();
  for (const [type, message, level] of events) j.events.push({ object: "fine-tune-event", created_at: j.updatedAt, type, message, level: level ?? "info", ...extra });
}

/** The job's steps from creation to its final state. */
function schedule(state: TogetherMockState, j: MockJob, failReason: string | undefined): (() => void)[] {
  const steps: (() => void)[] = [
    () => setStatus(j, "pending", [["job_pending", "Fine-tune request created"]]),
    () => setStatus(j, "queued", [["job_pending", "Job is queued (queue depth 0)"]]),
    () =>
      setStatus(j, "running", [
        ["job_start", "Job started"],
        ["model_downloading", "Downloading model " + String(j.body.model)],
        ["model_download_complete", "Model download complete"],
        ["training_data_downloading", "Downloading training data"],
        ["training_data_download_complete", "Training data download complete (" + j.trainingRows.length + " rows)"],
        ["training_start", "Training started"],
      ]),
  ];
  const nCk = Math.max(1, Number(j.body.n_checkpoints ?? 1));
  for (let e = 1; e <= j.nEpochs; e++) {
    steps.push(() => {
      j.epochsCompleted = e;
      const ev: [string, string][] = [["epoch_complete", "Epoch " + e + "/" + j.nEpochs + " completed"]];
      if (e < j.nEpochs && nCk > 1 && e % Math.max(1, Math.floor(j.nEpochs / nCk)) === 0) ev.push(["checkpoint_save", "Checkpoint saved at epoch " + e]);
      setStatus(j, "running", ev);
    });
  }
  steps.push(() => setStatus(j, "uploading", [["training_complete", "Training completed"], ["model_compressing", "Compressing output model"], ["model_compression_complete", "Compression complete"], ["model_uploading", "Uploading output model"]]));
  steps.push(() => {
    j.outputName = outputNameFor(state, j);
    state.fineTunedModels.add(j.outputName);
    setStatus(j, "completed", [["model_upload_complete", "Output model uploaded"], ["job_complete", "Fine-tuning job completed; output model " + j.outputName]]);
  });
  if (failReason !== undefined) {
    const at = Math.max(1, Math.min(steps.length - 1, state.options.failAtStep ?? 3));
    steps.length = at;
    steps.push(() => setStatus(j, "error", [["job_error", failReason, "error"]]));
  }
  return steps;
}

/** Output model name: a simulated model for simulated bases, else "<user>/<base>-<suffix>-<id tail>". */
function outputNameFor(state: TogetherMockState, j: MockJob): string {
  let base = String(j.body.model);
  const from = j.body.from_checkpoint;
  if (typeof from === "string" && from) {
    const ref = from.split(":")[0];
    const prev = state.jobs.get(ref)?.outputName ?? (state.fineTunedModels.has(ref) ? ref : undefined);
    if (prev) base = prev;
  }
  const sim = parseSimulatedModel(base);
  if (sim) {
    const lora = ((j.body.training_type as Record<string, unknown> | undefined)?.type ?? "Lora") === "Lora";
    const info: FineTuneInfo = {
      jobId: j.id,
      baseModel: base,
      trainingRows: j.trainingRows,
      rows: j.trainingRows.length,
      nEpochs: j.nEpochs,
      learningRate: typeof j.body.learning_rate === "number" ? j.body.learning_rate : undefined,
      lora,
      suffix: typeof j.body.suffix === "string" ? j.body.suffix : undefined,
    };
    let params: Record<string, string> = { ...sim.params, ft: j.id, train: String(info.rows), epochs: String(j.nEpochs) };
    const effect = state.options.fineTuneEffects?.[sim.name] ?? fineTuneEffect(sim.name);
    if (effect) params = effect(params, info);
    const q = new URLSearchParams(params).toString();
    return "simulated/" + sim.name + (q ? "?" + q : "");
  }
  const short = base.split("/").pop() ?? base;
  const suffix = typeof j.body.suffix === "string" && j.body.suffix ? "-" + j.body.suffix : "";
  return (state.options.user ?? "evalbook-mock") + "/" + short + suffix + "-" + j.id.slice(-6);
}
