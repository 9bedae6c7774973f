import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted at every level, no whitespace. Equal
 * values give equal strings whatever the key order of the input.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const s = JSON.stringify(value);
    return s === undefined ? "null" : s;
  }
  if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalJson(obj[k])).join(",") + "}";
}

/** sha256 hex digest of a string (UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A 32-bit seed derived from any list of parts (sha256 based, well mixed). */
export function seedFrom(...parts: (string | number)[]): number {
  const h = createHash("sha256").update(parts.map(String).join("\u0000")).digest();
  return h.readUInt32LE(0);
}

/** A uniform number in [0, 1) derived from the parts (deterministic). */
export function unitFrom(...parts: (string | number)[]): number {
  return seedFrom(...parts) / 4294967296;
}
