import type { TogetherHttp } from "../http";
import { getEndpoint, listEndpoints, listHardware, type DedicatedEndpoint } from "./api";
import { hourlyCostUsd, isRunningState } from "./cost";

/** An endpoint with its estimated hourly cost. */
export interface EndpointWithCost {
  id: string;
  name: string;
  model: string;
  state: string;
  hardware?: string;
  minReplicas?: number;
  maxReplicas?: number;
  /** USD per hour while running (undefined when the hardware price is unknown). */
  hourlyCostUsd?: number;
  createdAt?: string;
}

/** Dedicated endpoints (optionally only those running/starting) with their hourly cost. */
export async function endpointsWithCost(http: TogetherHttp, options: { running?: boolean } = {}): Promise<EndpointWithCost[]> {
  const [eps, hw] = await Promise.all([listEndpoints(http, { type: "dedicated" }), listHardware(http)]);
  const byId = new Map(hw.map((h) => [h.id, h]));
  const chosen = eps.filter((e) => (e.type === undefined || e.type === "dedicated") && (!options.running || isRunningState(e.state)));
  // The list view may omit hardware and autoscaling: fetch details where needed.
  const detailed = await Promise.all(chosen.map((e) => (e.hardware === undefined ? getEndpoint(http, e.id) : Promise.resolve(e))));
  return detailed
    .map((e: DedicatedEndpoint) => ({
      id: e.id,
      name: e.name,
      model: e.model,
      state: e.state,
      hardware: e.hardware,
      minReplicas: e.autoscaling?.min_replicas,
      maxReplicas: e.autoscaling?.max_replicas,
      hourlyCostUsd: hourlyCostUsd(e, byId),
      createdAt: e.created_at,
    }));
}
