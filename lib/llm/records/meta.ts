import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../../io/atomic";
import { redactSecrets } from "../../util/secrets";
import type { Endpoint } from "../types";
import type { RoleResolution } from "../registry/registry";
import type { UsageSummary } from "../usage/tracker";

/** One process's session in a run directory (a resumed run has several). */
export interface RunSession {
  startedAt: string;
  endedAt?: string;
  pid: number;
  usage?: UsageSummary;
  status: "running" | "finished" | "stopped" | "failed";
  note?: string;
}

/**
 * `meta.json` of a run directory: configuration, where each role pointed
 * (with the history of resolutions and swaps), prompt template versions,
 * sessions with their usage. Never a key: endpoints carry only the name of
 * the key's variable, and the text is passed through redactSecrets.
 */
export interface RunMeta {
  createdAt: string;
  updatedAt: string;
  config: Record<string, unknown>;
  roles: Record<string, Endpoint>;
  roleHistory: RoleResolution[];
  prompts: Record<string, string>;
  stages: Record<string, { done: number; failed: number; skipped: number; at: string }>;
  simulated: boolean;
  sessions: RunSession[];
}

export const META_FILE = "meta.json";

/** Read a run's meta.json, or undefined when absent or unreadable (a fresh one is started). */
export function readRunMeta(runDir: string): RunMeta | undefined {
  const file = path.join(runDir, META_FILE);
  if (!fs.existsSync(file)) return undefined;
  try {
    const m = JSON.parse(fs.readFileSync(file, "utf8")) as RunMeta;
    return m && typeof m === "object" && Array.isArray(m.sessions) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Write meta.json atomically (redacted). */
export function writeRunMeta(runDir: string, meta: RunMeta): void {
  meta.updatedAt = new Date().toISOString();
  writeFileAtomic(path.join(runDir, META_FILE), redactSecrets(JSON.stringify(meta, null, 2)) + "\n");
}
