import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, no
 * whitespace. Equal values give equal strings regardless of key order.
 * Non-finite numbers are rejected (they have no JSON form).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new RangeError("canonicalJson: non-finite number " + value);
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return "[" + value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",") + "]";
      const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
      return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalJson((value as Record<string, unknown>)[k])).join(",") + "}";
    }
    default:
      throw new TypeError("canonicalJson: cannot encode " + typeof value);
  }
}

/** SHA-256 hex digest of a string. */
export function sha256(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}
