import * as fs from "node:fs";
import * as path from "node:path";
import type { ResponseCache } from "./store";

/** Summary of a cache directory. */
export interface CacheStats {
  dir: string;
  entries: number;
  segments: number;
  bytes: number;
  corruptLines: number;
  byModel: Record<string, number>;
  byProvider: Record<string, number>;
  byKind: Record<string, number>;
  oldest?: string;
  newest?: string;
}

/** Entry counts, bytes on disk and breakdowns by model / provider / kind. */
export function cacheStats(cache: ResponseCache): CacheStats {
  const byModel: Record<string, number> = {};
  const byProvider: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  let oldest = Infinity;
  let newest = -Infinity;
  let entries = 0;
  for (const e of cache.entries()) {
    entries++;
    byModel[e.q.model] = (byModel[e.q.model] ?? 0) + 1;
    byProvider[e.q.provider] = (byProvider[e.q.provider] ?? 0) + 1;
    byKind[e.q.kind] = (byKind[e.q.kind] ?? 0) + 1;
    if (e.t < oldest) oldest = e.t;
    if (e.t > newest) newest = e.t;
  }
  let bytes = 0;
  let segments = 0;
  const segDir = path.join(cache.dir, "v1");
  if (fs.existsSync(segDir)) {
    for (const n of fs.readdirSync(segDir)) {
      if (!n.startsWith("seg-")) continue;
      segments++;
      bytes += fs.statSync(path.join(segDir, n)).size;
    }
  }
  return {
    dir: cache.dir,
    entries,
    segments,
    bytes,
    corruptLines: cache.corrupt,
    byModel,
    byProvider,
    byKind,
    ...(entries ? { oldest: new Date(oldest).toISOString(), newest: new Date(newest).toISOString() } : {}),
  };
}
