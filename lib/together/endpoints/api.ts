/** Together dedicated endpoints and hardware (REST calls). */
import type { TogetherHttp } from "../http";

export type EndpointState = "PENDING" | "STARTING" | "STARTED" | "STOPPING" | "STOPPED" | "ERROR";

export interface Autoscaling {
  min_replicas: number;
  max_replicas: number;
}

/** A dedicated endpoint as Together describes it. */
export interface DedicatedEndpoint {
  id: string;
  object?: "endpoint";
  /** System name: the model string to send in chat requests. */
  name: string;
  display_name?: string;
  model: string;
  hardware?: string;
  autoscaling?: Autoscaling;
  state: EndpointState;
  type?: "dedicated" | "serverless";
  created_at?: string;
  owner?: string;
  [extra: string]: unknown;
}

/** A hardware configuration with its price. */
export interface Hardware {
  id: string;
  object?: "hardware";
  pricing: { cents_per_minute: number };
  specs?: { gpu_type: string; gpu_count: number; gpu_memory: number; gpu_link?: string };
  availability?: { status: "available" | "unavailable" | "insufficient" };
  [extra: string]: unknown;
}

export interface CreateEndpointParams {
  /** Model to serve (e.g. a fine-tune's output name). */
  model: string;
  /** Hardware id, e.g. "2x_nvidia_h100_80gb_sxm". */
  hardware: string;
  minReplicas?: number;
  maxReplicas?: number;
  displayName?: string;
  /** Minutes of inactivity before Together stops the endpoint itself (0 = never). */
  inactiveTimeout?: number;
  disableSpeculativeDecoding?: boolean;
  availabilityZone?: string;
}

export function createEndpointBody(p: CreateEndpointParams): Record<string, unknown> {
  const min = p.minReplicas ?? 1;
  const max = p.maxReplicas ?? min;
  if (!Number.isInteger(min) || min < 0 || !Number.isInteger(max) || max < Math.max(1, min)) {
    throw new RangeError("autoscaling needs integers with 0 <= minReplicas <= maxReplicas and maxReplicas >= 1 (got " + min + ".." + max + ")");
  }
  const body: Record<string, unknown> = { model: p.model, hardware: p.hardware, autoscaling: { min_replicas: min, max_replicas: max } };
  if (p.displayName !== undefined) body.display_name = p.displayName;
  if (p.inactiveTimeout !== undefined) body.inactive_timeout = p.inactiveTimeout;
  if (p.disableSpeculativeDecoding !== undefined) body.disable_speculative_decoding = p.disableSpeculativeDecoding;
  if (p.availabilityZone !== undefined) body.availability_zone = p.availabilityZone;
  return body;
}

export function createEndpoint(http: TogetherHttp, p: CreateEndpointParams): Promise<DedicatedEndpoint> {
  return http.post<DedicatedEndpoint>("/endpoints", createEndpointBody(p));
}

export function getEndpoint(http: TogetherHttp, id: string): Promise<DedicatedEndpoint> {
  return http.get<DedicatedEndpoint>("/endpoints/" + encodeURIComponent(id));
}

export async function listEndpoints(http: TogetherHttp, query: { type?: "dedicated" | "serverless"; mine?: boolean } = {}): Promise<DedicatedEndpoint[]> {
  const r = await http.get<{ data?: DedicatedEndpoint[] }>("/endpoints", query);
  return r?.data ?? [];
}

/** PATCH the endpoint's desired state. */
export function setEndpointState(http: TogetherHttp, id: string, state: "STARTED" | "STOPPED"): Promise<DedicatedEndpoint> {
  return http.patch<DedicatedEndpoint>("/endpoints/" + encodeURIComponent(id), { state });
}

export function stopEndpoint(http: TogetherHttp, id: string): Promise<DedicatedEndpoint> {
  return setEndpointState(http, id, "STOPPED");
}

export function deleteEndpoint(http: TogetherHttp, id: string): Promise<void> {
  return http.delete("/endpoints/" + encodeURIComponent(id));
}

export async function listHardware(http: TogetherHttp, model?: string): Promise<Hardware[]> {
  const r = await http.get<{ data?: Hardware[] }>("/hardware", model ? { model } : undefined);
  return r?.data ?? [];
}
