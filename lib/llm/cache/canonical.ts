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
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ",";
          const v = value[i];
          out += v === undefined ? "null" : canonicalJson(v);
        }
        return out + "]";
      }
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      let out = "{";
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const v = o[keys[i]];
        if (v === undefined) continue;
        if (!first) out += ",";
        first = false;
        out += JSON.stringify(keys[i]) + ":" + canonicalJson(v);
      }
      return out + "}";
    }
    default:
      throw new TypeError("canonicalJson: cannot encode " + typeof value);
  }
}

/** SHA-256 hex digest of a string. */
export function sha256(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}
