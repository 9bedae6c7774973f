/**
 * The default embedding of simulated models: a signed, hashed bag of words
 * (weight 1) and character trigrams of each word padded with spaces (weight
 * 0.5), in a vector of `dim` dimensions (default 256), L2-normalised.
 * Deterministic; texts sharing words or word pieces get a high cosine
 * similarity, unrelated texts a similarity near 0. Case-insensitive. An empty
 * (or symbol-only) text maps to the unit vector e₀.
 */
import { hash32 } from "./hash";

export const DEFAULT_EMBEDDING_DIM = 256;

const WORD = /[\p{L}\p{N}]+/gu;

export function hashedEmbedding(text: string, dim: number = DEFAULT_EMBEDDING_DIM): number[] {
  const v = new Array<number>(dim).fill(0);
  const words = text.toLowerCase().match(WORD) ?? [];
  const add = (feature: string, w: number) => {
    const h = hash32(feature);
    v[h % dim] += (h & 0x80000000) !== 0 ? -w : w;
  };
  for (const word of words) {
    add("w:" + word, 1);
    const padded = " " + word + " ";
    const chars = Array.from(padded);
    for (let i = 0; i + 3 <= chars.length; i++) add("c:" + chars[i] + chars[i + 1] + chars[i + 2], 0.5);
  }
  return normalize(v);
}

/** L2-normalise in place (a zero vector becomes e₀). */
export function normalize(v: number[]): number[] {
  let s = 0;
  for (const x of v) s += x * x;
  if (s === 0) {
    if (v.length > 0) v[0] = 1;
    return v;
  }
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

/** Encode a vector as OpenAI's base64 embedding format (little-endian float32). */
export function embeddingToBase64(v: number[]): string {
  const f = new Float32Array(v);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString("base64");
}
