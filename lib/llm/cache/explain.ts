import type { CacheEntry } from "./store";
import type { CacheKeyFields } from "./key";
import { canonicalJson } from "./canonical";

/** One key field whose value differs from the nearest cached entry. */
export interface FieldDifference {
  /** Dotted path, e.g. "model", "request.temperature", "request.messages[1].content". */
  field: string;
  cached: unknown;
  requested: unknown;
}

/** Why a request hit or missed the cache. */
export interface MissExplanation {
  hit: boolean;
  /** Entries searched. */
  searched: number;
  /** Key of the nearest entry (fewest differing fields), when the cache is not empty. */
  nearestKey?: string;
  /** Model/provider of the nearest entry. */
  nearest?: { provider: string; model: string; kind: string };
  differences: FieldDifference[];
}

/** Flatten a value into path → canonical JSON of each leaf. */
export function flattenFields(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object") {
    if (Array.isArray(value)) {
      if (value.length === 0) out.set(prefix, "[]");
      value.forEach((v, i) => flattenFields(v, prefix + "[" + i + "]", out));
    } else {
      const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
      if (keys.length === 0) out.set(prefix, "{}");
      for (const k of keys) flattenFields((value as Record<string, unknown>)[k], prefix ? prefix + "." + k : k, out);
    }
  } else if (value !== undefined) {
    out.set(prefix, canonicalJson(value));
  }
  return out;
}

function diff(a: Map<string, string>, b: Map<string, string>): FieldDifference[] {
  const fields = new Set<string>([...a.keys(), ...b.keys()]);
  const out: FieldDifference[] = [];
  for (const f of [...fields].sort()) {
    const x = a.get(f);
    const y = b.get(f);
    if (x !== y) out.push({ field: f, cached: x === undefined ? undefined : JSON.parse(x), requested: y === undefined ? undefined : JSON.parse(y) });
  }
  return out;
}

/**
 * Compare a request's key fields with every cached entry and report the
 * nearest one (fewest differing leaf fields; ties broken by most recent)
 * and exactly which fields differ. An empty difference list means a hit.
 */
export function explainAgainst(fields: CacheKeyFields, entries: Iterable<CacheEntry>): MissExplanation {
  const want = flattenFields(fields);
  let best: { e: CacheEntry; d: FieldDifference[] } | undefined;
  let searched = 0;
  for (const e of entries) {
    searched++;
    const d = diff(flattenFields(e.q), want);
    if (!best || d.length < best.d.length || (d.length === best.d.length && e.t > best.e.t)) best = { e, d };
    if (d.length === 0) break;
  }
  if (!best) return { hit: false, searched, differences: [] };
  return {
    hit: best.d.length === 0,
    searched,
    nearestKey: best.e.k,
    nearest: { provider: best.e.q.provider, model: best.e.q.model, kind: best.e.q.kind },
    differences: best.d,
  };
}
