import type { DedicatedEndpoint, Hardware } from "./api";

/**
 * Hourly cost in US dollars of an endpoint: the hardware's
 * `pricing.cents_per_minute` × 60 / 100, per replica. Billing is per running
 * replica, so the estimate uses the current replica count when the server
 * reports it, else `min_replicas` (at least 1 while the endpoint runs).
 * Returns undefined when the hardware's price is unknown.
 */
export function hourlyCostUsd(endpoint: DedicatedEndpoint, hardware: Hardware[] | Map<string, Hardware>): number | undefined {
  const hw = hardware instanceof Map ? hardware.get(endpoint.hardware ?? "") : hardware.find((h) => h.id === endpoint.hardware);
  const cpm = hw?.pricing?.cents_per_minute;
  if (typeof cpm !== "number" || !Number.isFinite(cpm)) return undefined;
  return (cpm * 60 * replicasBilled(endpoint)) / 100;
}

/** Replicas billed: reported current replicas, else min_replicas, at least 1. */
export function replicasBilled(endpoint: DedicatedEndpoint): number {
  const current = (endpoint as Record<string, unknown>).current_replicas;
  if (typeof current === "number" && current >= 0) return Math.max(1, current);
  return Math.max(1, endpoint.autoscaling?.min_replicas ?? 1);
}

/** States in which an endpoint bills (or is about to). */
export function isRunningState(state: string): boolean {
  return state === "PENDING" || state === "STARTING" || state === "STARTED";
}
