import { InputError, type InputLocation } from "../../util/errors";

/** A JSON object being validated, with where it came from (for InputErrors). */
export interface Checked {
  obj: Record<string, unknown>;
  where: InputLocation;
}

/** Require a JSON object. */
export function asObject(v: unknown, where: InputLocation, what = "value"): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new InputError(where, "expected " + what + " to be a JSON object");
  return v as Record<string, unknown>;
}

function at(where: InputLocation, field: string): InputLocation {
  return { ...where, field: where.field ? where.field + "." + field : field };
}

/** The first present key among `keys` (e.g. "Definition" / "definition"). */
export function pick(obj: Record<string, unknown>, keys: readonly string[]): [string, unknown] | undefined {
  for (const k of keys) if (k in obj) return [k, obj[k]];
  return undefined;
}

/** A required string field. */
export function str(obj: Record<string, unknown>, keys: readonly string[], where: InputLocation): string {
  const p = pick(obj, keys);
  if (!p) throw new InputError(at(where, keys[0]), "missing field");
  if (typeof p[1] !== "string") throw new InputError(at(where, p[0]), "expected a string, got " + jsonType(p[1]));
  return p[1];
}

/** A string or list of strings (a missing field gives `fallback`, or is an error). */
export function strList(obj: Record<string, unknown>, keys: readonly string[], where: InputLocation, fallback?: string[]): string[] {
  const p = pick(obj, keys);
  if (!p || p[1] === null) {
    if (fallback) return fallback;
    throw new InputError(at(where, keys[0]), "missing field");
  }
  const v = p[1];
  if (typeof v === "string") return [v];
  if (!Array.isArray(v)) throw new InputError(at(where, p[0]), "expected a string or a list of strings, got " + jsonType(v));
  v.forEach((x, i) => {
    if (typeof x !== "string") throw new InputError(at(where, p[0] + "[" + i + "]"), "expected a string, got " + jsonType(x));
  });
  return v as string[];
}

/** A list of objects (missing gives `[]` when optional). */
export function objList(obj: Record<string, unknown>, keys: readonly string[], where: InputLocation, optional: boolean): { value: Record<string, unknown>; where: InputLocation }[] {
  const p = pick(obj, keys);
  if (!p || p[1] === null) {
    if (optional) return [];
    throw new InputError(at(where, keys[0]), "missing field");
  }
  if (!Array.isArray(p[1])) throw new InputError(at(where, p[0]), "expected a list, got " + jsonType(p[1]));
  return p[1].map((x, i) => {
    const w = at(where, p[0] + "[" + i + "]");
    return { value: asObject(x, w, p[0] + "[" + i + "]"), where: w };
  });
}

export function jsonType(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "a list" : typeof v;
}
