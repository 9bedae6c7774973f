/**
 * Mock of Together's dedicated endpoints: POST /v1/endpoints, GET list, GET
 * {id}, PATCH {id} (state STARTED/STOPPED, autoscaling, display_name), DELETE
 * {id}; GET /v1/hardware with `pricing.cents_per_minute`. States:
 * PENDING → STARTING → STARTED, and STOPPING → STOPPED after a stop. With
 * `endpointsNeverReady` an endpoint stays STARTING.
 *
 * Also the serving rule: a chat or completion request for a fine-tuned model
 * (an output of this mock, or any simulated model with an `ft` parameter) is
 * answered only while a STARTED endpoint serves it — fine-tuned models are not
 * serverless — else 404 as Together does. Otherwise the request falls through
 * to the server's built-in routes.
 */
import type { MockRoute } from "../../llm/mock/route";
import { parseSimulatedModel } from "../../llm/mock/model-name";
import { advance, newStepped, reschedule } from "./steps";
import { defaultHardware, isoNow, nextId, type MockEndpoint, type TogetherMockState } from "./state";

export function endpointObject(e: MockEndpoint): Record<string, unknown> {
  return {
    object: "endpoint",
    id: e.id,
    name: e.name,
    display_name: e.displayName,
    model: e.model,
    hardware: e.hardware,
    type: "dedicated",
    owner: "evalbook-mock",
    state: e.state,
    autoscaling: e.autoscaling,
    created_at: e.createdAt,
    inactive_timeout: e.inactiveTimeout ?? null,
    ...(e.error ? { error: e.error } : {}),
  };
}

function neverReady(state: TogetherMockState, model: string): boolean {
  const o = state.options.endpointsNeverReady;
  return typeof o === "function" ? o(model) : o === true;
}

function startSteps(state: TogetherMockState, e: MockEndpoint, first: "PENDING" | "STARTING"): (() => void)[] {
  const steps: (() => void)[] = [() => (e.state = first)];
  if (first === "PENDING") steps.push(() => (e.state = "STARTING"));
  const err = state.options.endpointsError;
  if (err !== undefined) {
    steps.push(() => {
      e.state = "ERROR";
      e.error = err;
    });
  } else if (!neverReady(state, e.model)) steps.push(() => (e.state = "STARTED"));
  return steps;
}

/** True when the model is a fine-tuned model (needs a dedicated endpoint). */
export function isFineTunedModel(state: TogetherMockState, model: string): boolean {
  if (state.fineTunedModels.has(model)) return true;
  const sim = parseSimulatedModel(model);
  return sim !== undefined && sim.params.ft !== undefined;
}

export function endpointRoutes(state: TogetherMockState): MockRoute[] {
  const opts = state.options;
  const hardware = opts.hardware ?? defaultHardware();
  const find = (id: string) => state.endpoints.get(id);
  const gate: MockRoute["handler"] = (req, res) => {
    const body = req.json as Record<string, unknown> | undefined;
    const model = body && typeof body.model === "string" ? body.model : undefined;
    if (!model || !isFineTunedModel(state, model)) return false;
    for (const e of state.endpoints.values()) advance(e.stepped, opts, false);
    const serving = Array.from(state.endpoints.values()).some((e) => (e.model === model || e.name === model) && e.state === "STARTED");
    if (serving) return false;
    req.setModel(model);
    res.error(
      404,
      "Unable to access non-serverless model " + model + ". Please visit https://api.together.ai/models to create and start a new dedicated endpoint for the model.",
      "invalid_request_error",
      "model_not_available",
    );
  };
  return [
    { method: "POST", path: "/v1/chat/completions", name: "together: dedicated-endpoint gate (chat)", handler: gate },
    { method: "POST", path: "/v1/completions", name: "together: dedicated-endpoint gate (completions)", handler: gate },
    {
      method: "GET",
      path: "/v1/hardware",
      name: "together hardware: list",
      handler(_req, res) {
        res.json(200, { object: "list", data: hardware });
      },
    },
    {
      method: "POST",
      path: "/v1/endpoints",
      name: "together endpoints: create",
      handler(req, res) {
        const b = req.json as Record<string, unknown> | undefined;
        if (!b || typeof b.model !== "string" || !b.model) return res.error(400, "model is required", "invalid_request_error", "missing_parameter");
        req.setModel(b.model);
        if (typeof b.hardware !== "string" || !hardware.some((h) => h.id === b.hardware)) {
          return res.error(400, "hardware must be one of " + hardware.map((h) => h.id).join(", "), "invalid_request_error", "invalid_parameter");
        }
        const a = b.autoscaling as Record<string, unknown> | undefined;
        const min = Number(a?.min_replicas);
        const max = Number(a?.max_replicas);
        if (!a || !Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < 1 || min > max) {
          return res.error(400, "autoscaling needs integer min_replicas <= max_replicas (max_replicas >= 1)", "invalid_request_error", "invalid_parameter");
        }
        const id = nextId(state, "endpoint");
        const e: MockEndpoint = {
          id,
          name: b.model,
          displayName: typeof b.display_name === "string" ? b.display_name : b.model + " (" + id + ")",
          model: b.model,
          hardware: b.hardware,
          autoscaling: { min_replicas: min, max_replicas: max },
          state: "PENDING",
          createdAt: isoNow(),
          inactiveTimeout: typeof b.inactive_timeout === "number" ? b.inactive_timeout : null,
          stepped: newStepped(),
        };
        state.endpoints.set(id, e);
        if (b.state === "STOPPED") reschedule(e.stepped, [() => (e.state = "STOPPED")]);
        else reschedule(e.stepped, startSteps(state, e, "PENDING"));
        res.json(200, endpointObject(e));
      },
    },
    {
      method: "GET",
      path: "/v1/endpoints",
      name: "together endpoints: list",
      handler(req, res) {
        if (req.query.type === "serverless") return res.json(200, { object: "list", data: [] });
        for (const e of state.endpoints.values()) advance(e.stepped, opts, false);
        res.json(200, { object: "list", data: Array.from(state.endpoints.values(), endpointObject) });
      },
    },
    {
      method: "GET",
      path: "/v1/endpoints/:id",
      name: "together endpoints: retrieve",
      handler(req, res) {
        const e = find(req.params.id);
        if (!e) return res.error(404, "No endpoint with id " + req.params.id, "invalid_request_error", "not_found");
        advance(e.stepped, opts, true);
        res.json(200, endpointObject(e));
      },
    },
    {
      method: "PATCH",
      path: "/v1/endpoints/:id",
      name: "together endpoints: update",
      handler(req, res) {
        const e = find(req.params.id);
        if (!e) return res.error(404, "No endpoint with id " + req.params.id, "invalid_request_error", "not_found");
        const b = (req.json ?? {}) as Record<string, unknown>;
        advance(e.stepped, opts, false);
        if (b.state !== undefined && b.state !== "STARTED" && b.state !== "STOPPED") return res.error(400, "state must be STARTED or STOPPED", "invalid_request_error", "invalid_parameter");
        if (b.autoscaling !== undefined) {
          const a = b.autoscaling as Record<string, unknown>;
          const min = Number(a.min_replicas);
          const max = Number(a.max_replicas);
          if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < 1 || min > max) return res.error(400, "invalid autoscaling", "invalid_request_error", "invalid_parameter");
          e.autoscaling = { min_replicas: min, max_replicas: max };
        }
        if (typeof b.display_name === "string") e.displayName = b.display_name;
        if (b.state === "STOPPED" && e.state !== "STOPPED" && e.state !== "STOPPING") {
          reschedule(e.stepped, [() => (e.state = "STOPPING"), () => (e.state = "STOPPED")]);
        } else if (b.state === "STARTED" && (e.state === "STOPPED" || e.state === "STOPPING" || e.state === "ERROR")) {
          reschedule(e.stepped, startSteps(state, e, "STARTING"));
        }
        res.json(200, endpointObject(e));
      },
    },
    {
      method: "DELETE",
      path: "/v1/endpoints/:id",
      name: "together endpoints: delete",
      handler(req, res) {
        if (!state.endpoints.delete(req.params.id)) return res.error(404, "No endpoint with id " + req.params.id, "invalid_request_error", "not_found");
        res.raw(204, "");
      },
    },
  ];
}
