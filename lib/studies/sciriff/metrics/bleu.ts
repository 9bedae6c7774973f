import { tokenize13a } from "./tokenize-13a";

/** Result of {@link corpusBleu} (the fields of HF `evaluate`'s "bleu"). */
export interface BleuResult {
  bleu: number;
  precisions: number[];
  brevity_penalty: number;
  length_ratio: number;
  translation_length: number;
  reference_length: number;
}

function ngrams(tokens: readonly string[], maxOrder: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let order = 1; order <= maxOrder; order++) {
    for (let i = 0; i + order <= tokens.length; i++) {
      const key = order + "\u0000" + tokens.slice(i, i + order).join("\u0000");
      m.set(key, (m.get(key) ?? 0) + 1);
    }
  }
  return m;
}

/**
 * Corpus BLEU exactly as HF `evaluate.load("bleu")` (the TensorFlow NMT
 * `compute_bleu`): 13a tokenisation, n-grams up to 4, clipped counts
 * against the union (max) of the references' n-gram counts, unsmoothed
 * precisions, geometric mean 0 when any precision is 0, brevity penalty
 * exp(1 - r/c) from the corpus lengths (shortest reference per segment).
 * Where the original divides by zero (empty corpus) the score is 0.
 */
export function corpusBleu(predictions: readonly string[], references: readonly (string | readonly string[])[], maxOrder = 4): BleuResult {
  if (predictions.length !== references.length) throw new Error("corpusBleu: predictions and references differ in length");
  const matches = new Array<number>(maxOrder).fill(0);
  const possible = new Array<number>(maxOrder).fill(0);
  let refLen = 0;
  let transLen = 0;
  for (let k = 0; k < predictions.length; k++) {
    const refs = (typeof references[k] === "string" ? [references[k] as string] : (references[k] as readonly string[])).map(tokenize13a);
    const trans = tokenize13a(predictions[k]);
    refLen += Math.min(...refs.map((r) => r.length));
    transLen += trans.length;
    const merged = new Map<string, number>();
    for (const r of refs) for (const [g, c] of ngrams(r, maxOrder)) merged.set(g, Math.max(merged.get(g) ?? 0, c));
    for (const [g, c] of ngrams(trans, maxOrder)) {
      const rc = merged.get(g);
      if (rc !== undefined) {
        const order = Number(g.slice(0, g.indexOf("\u0000")));
        matches[order - 1] += Math.min(c, rc);
      }
    }
    for (let order = 1; order <= maxOrder; order++) {
      const p = trans.length - order + 1;
      if (p > 0) possible[order - 1] += p;
    }
  }
  const precisions = matches.map((m, i) => (possible[i] > 0 ? m / possible[i] : 0));
  let geo = 0;
  if (Math.min(...precisions) > 0) {
    let s = 0;
    for (const p of precisions) s += (1 / maxOrder) * Math.log(p);
    geo = Math.exp(s);
  }
  const ratio = refLen > 0 ? transLen / refLen : 0;
  const bp = ratio > 1 ? 1 : ratio > 0 ? Math.exp(1 - 1 / ratio) : 0;
  return { bleu: geo * bp, precisions, brevity_penalty: bp, length_ratio: ratio, translation_length: transLen, reference_length: refLen };
}
