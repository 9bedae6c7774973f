import { zeros, type Matrix } from "./matrix";

/** Options of {@link TfidfVectorizer}, named after scikit-learn's. */
export interface TfidfOptions {
  /** Word n-gram range [min, max] (default [1, 2]). */
  ngramRange?: [number, number];
  /** Ignore terms in fewer documents than this (count, default 1). */
  minDf?: number;
  /** Ignore terms in more than this fraction of documents (default 1). */
  maxDf?: number;
  /** Keep the most frequent terms only (by corpus count; ties by term). */
  maxFeatures?: number;
  /** Replace tf by 1 + ln(tf) (default false). */
  sublinearTf?: boolean;
  /** Smooth idf: ln((1 + n) / (1 + df)) + 1 (default true; else ln(n / df) + 1). */
  smoothIdf?: boolean;
  /** L2-normalise rows (default true). */
  norm?: "l2" | "none";
}

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** scikit-learn's default analyser: lowercase, tokens of 2+ word characters, word n-grams. */
export function wordNgrams(text: string, range: [number, number]): string[] {
  const toks = text.toLowerCase().match(TOKEN) ?? [];
  const out: string[] = [];
  for (let n = range[0]; n <= range[1]; n++) for (let i = 0; i + n <= toks.length; i++) out.push(toks.slice(i, i + n).join(" "));
  return out;
}

/**
 * TF-IDF features of word n-grams, as scikit-learn's TfidfVectorizer with
 * the same defaults (smooth idf, L2 norm, token pattern of 2+ word
 * characters). Fit on the training texts only; transform any texts (terms
 * outside the vocabulary are ignored).
 */
export class TfidfVectorizer {
  readonly options: Required<TfidfOptions>;
  vocabulary = new Map<string, number>();
  idf = new Float64Array(0);

  constructor(options: TfidfOptions = {}) {
    this.options = {
      ngramRange: options.ngramRange ?? [1, 2],
      minDf: options.minDf ?? 1,
      maxDf: options.maxDf ?? 1,
      maxFeatures: options.maxFeatures ?? Infinity,
      sublinearTf: options.sublinearTf ?? false,
      smoothIdf: options.smoothIdf ?? true,
      norm: options.norm ?? "l2",
    };
  }

  /** Learn vocabulary and idf from documents. */
  fit(docs: readonly string[]): this {
    if (docs.length === 0) throw new RangeError("TF-IDF needs at least one document");
    const df = new Map<string, number>();
    const total = new Map<string, number>();
    for (const d of docs) {
      const grams = wordNgrams(d, this.options.ngramRange);
      for (const g of grams) total.set(g, (total.get(g) ?? 0) + 1);
      for (const g of new Set(grams)) df.set(g, (df.get(g) ?? 0) + 1);
    }
    const n = docs.length;
    let terms = [...df.keys()].filter((t) => {
      const f = df.get(t) as number;
      return f >= this.options.minDf && f <= this.options.maxDf * n;
    });
    if (terms.length > this.options.maxFeatures) {
      terms.sort((a, b) => (total.get(b) as number) - (total.get(a) as number) || (a < b ? -1 : a > b ? 1 : 0));
      terms = terms.slice(0, this.options.maxFeatures);
    }
    terms.sort();
    this.vocabulary = new Map(terms.map((t, i) => [t, i]));
    this.idf = new Float64Array(terms.length);
    terms.forEach((t, i) => {
      const f = df.get(t) as number;
      this.idf[i] = this.options.smoothIdf ? Math.log((1 + n) / (1 + f)) + 1 : Math.log(n / f) + 1;
    });
    return this;
  }

  /** Dense TF-IDF matrix (documents x vocabulary). */
  transform(docs: readonly string[]): Matrix {
    const p = this.vocabulary.size;
    const m = zeros(docs.length, p);
    docs.forEach((d, i) => {
      const off = i * p;
      for (const g of wordNgrams(d, this.options.ngramRange)) {
        const j = this.vocabulary.get(g);
        if (j !== undefined) m.data[off + j] += 1;
      }
      let ss = 0;
      for (let j = 0; j < p; j++) {
        let v = m.data[off + j];
        if (v === 0) continue;
        if (this.options.sublinearTf) v = 1 + Math.log(v);
        v *= this.idf[j];
        m.data[off + j] = v;
        ss += v * v;
      }
      if (this.options.norm === "l2" && ss > 0) {
        const s = 1 / Math.sqrt(ss);
        for (let j = 0; j < p; j++) m.data[off + j] *= s;
      }
    });
    return m;
  }

  fitTransform(docs: readonly string[]): Matrix {
    return this.fit(docs).transform(docs);
  }
}
