import { hashString } from "../../random/seeded";

/** murmur3 32-bit finaliser: spreads the bits of a 32-bit hash. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fast deterministic 32-bit hash of a string (FNV-1a, then mixed). */
export function hash32(s: string): number {
  return mix32(hashString(s));
}

/** Fast deterministic uniform in [0, 1) from a string. */
export function hash01(s: string): number {
  return hash32(s) / 4294967296;
}
