/** Shared state and options of the Together mock (files, jobs, endpoints). */
import type { Hardware } from "../endpoints/api";
import type { FineTuneEffect } from "./effects";
import type { DriveOptions, Stepped } from "./steps";

/** Decides whether (and why) a simulated job fails; return a reason to fail it. */
export type JobFailureRule = (body: Record<string, unknown>, jobId: string) => string | undefined;

export interface TogetherMockOptions extends DriveOptions {
  /** Fail jobs: a reason for every job, or a rule per job. */
  failJobs?: string | JobFailureRule;
  /** Step (0-based, counted from creation) at which a failing job fails (default 3: during training). */
  failAtStep?: number;
  /** Endpoints never become ready (stay STARTING): all, or those whose model matches. */
  endpointsNeverReady?: boolean | ((model: string) => boolean);
  /** Endpoints go to ERROR (with this message) instead of STARTED. */
  endpointsError?: string;
  /** Hardware offered by GET /hardware (default: a small price list, mock values). */
  hardware?: Hardware[];
  /** Effects by simulator name, overriding those registered with registerFineTuneEffect. */
  fineTuneEffects?: Record<string, FineTuneEffect>;
  /** Account name used in output model names (default "evalbook-mock"). */
  user?: string;
}

export interface MockFile {
  id: string;
  filename: string;
  purpose: string;
  fileType: string;
  createdAt: number;
  data?: Buffer;
  status: "UPLOADING" | "PENDING" | "COMPLETED" | "INVALID_FORMAT";
  error?: string;
  nlines?: number;
  format?: string;
  stepped: Stepped;
}

export interface MockJob {
  id: string;
  body: Record<string, unknown>;
  status: string;
  createdAt: string;
  updatedAt: string;
  epochsCompleted: number;
  nEpochs: number;
  outputName?: string;
  events: Record<string, unknown>[];
  trainingRows: unknown[];
  stepped: Stepped;
}

export interface MockEndpoint {
  id: string;
  name: string;
  displayName: string;
  model: string;
  hardware: string;
  autoscaling: { min_replicas: number; max_replicas: number };
  state: "PENDING" | "STARTING" | "STARTED" | "STOPPING" | "STOPPED" | "ERROR";
  createdAt: string;
  inactiveTimeout?: number | null;
  error?: string;
  stepped: Stepped;
}

/** Live state of one mock (one per server). */
export interface TogetherMockState {
  options: TogetherMockOptions;
  files: Map<string, MockFile>;
  jobs: Map<string, MockJob>;
  endpoints: Map<string, MockEndpoint>;
  /** Output model names of completed jobs. */
  fineTunedModels: Set<string>;
  counter: number;
}

/** Next id with a prefix: "file-000001-…". */
export function nextId(state: TogetherMockState, prefix: string): string {
  state.counter++;
  const rand = Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, "0");
  return prefix + "-" + String(state.counter).padStart(6, "0") + "-" + rand;
}

/** Default hardware list (mock prices, not Together's real ones). */
export function defaultHardware(): Hardware[] {
  const mk = (id: string, gpu: string, count: number, mem: number, cpm: number): Hardware => ({
    id,
    object: "hardware",
    pricing: { cents_per_minute: cpm },
    specs: { gpu_type: gpu, gpu_count: count, gpu_memory: mem, gpu_link: count > 1 ? "nvlink" : "none" },
    availability: { status: "available" },
    updated_at: "2026-01-01T00:00:00Z",
  });
  return [
    mk("1x_nvidia_a100_80gb_sxm", "a100-80gb", 1, 80, 4.2),
    mk("2x_nvidia_a100_80gb_sxm", "a100-80gb", 2, 80, 8.4),
    mk("1x_nvidia_h100_80gb_sxm", "h100-80gb", 1, 80, 5.5),
    mk("2x_nvidia_h100_80gb_sxm", "h100-80gb", 2, 80, 11),
    mk("4x_nvidia_h100_80gb_sxm", "h100-80gb", 4, 80, 22),
  ];
}

export function isoNow(): string {
  return new Date().toISOString();
}
