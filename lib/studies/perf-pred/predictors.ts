import { fitKnn } from "../../ml/knn";
import { fitMeanBaseline } from "../../ml/mean-baseline";
import { fitMlp } from "../../ml/mlp";
import { fitRidge } from "../../ml/ridge";
import { TfidfVectorizer, type TfidfOptions } from "../../ml/tfidf";
import type { Matrix } from "../../ml/matrix";
import type { Regressor } from "../../ml/regressor";

/** Inputs a predictor is fitted on: the training texts, their embedding rows (if any) and targets. */
export interface FitInput {
  texts: readonly string[];
  embeddings?: Matrix;
  y: readonly number[];
  /** Seed of the split (MLP initialisation uses it). */
  seed: number;
  /** Shared between the configurations fitted on one split (TF-IDF features are computed once per option set). */
  cache?: Map<string, unknown>;
}

interface CachedTfidf {
  vectorizer: TfidfVectorizer;
  train: Matrix;
  /** Transforms of other text arrays (dev, test), by array identity. */
  other: WeakMap<readonly string[], Matrix>;
}

function cachedTfidf(opts: TfidfOptions, input: FitInput): CachedTfidf {
  const key = "tfidf:" + JSON.stringify(opts);
  const hit = input.cache?.get(key) as CachedTfidf | undefined;
  if (hit) return hit;
  const vectorizer = new TfidfVectorizer(opts).fit(input.texts);
  const c: CachedTfidf = { vectorizer, train: vectorizer.transform(input.texts), other: new WeakMap() };
  input.cache?.set(key, c);
  return c;
}

/** A fitted predictor on texts (features computed inside). */
export interface TextPredictor {
  name: string;
  predict(texts: readonly string[], embeddings?: Matrix): Float64Array;
  /** The underlying regressor and feature step (for export). */
  regressor: Regressor;
  vectorizer?: TfidfVectorizer;
}

/** One hyper-parameter configuration of a family. */
export interface PredictorConfig {
  /** e.g. "ridge-tfidf(alpha=1,ngram=1-2)". */
  name: string;
  fit(input: FitInput): TextPredictor;
}

/** A family of predictors with its grid (model selection picks one per split by dev MSE). */
export interface PredictorFamily {
  name: string;
  features: "none" | "tfidf" | "embedding";
  grid: PredictorConfig[];
}

function tfidfConfig(family: string, opts: TfidfOptions, model: string, fitModel: (x: Matrix, y: readonly number[], seed: number) => Regressor): PredictorConfig {
  const ng = opts.ngramRange ?? [1, 2];
  const name = family + "(" + model + ",ngram=" + ng[0] + "-" + ng[1] + (opts.maxFeatures ? ",max=" + opts.maxFeatures : "") + ")";
  return {
    name,
    fit(input) {
      const c = cachedTfidf(opts, input);
      const regressor = fitModel(c.train, input.y, input.seed);
      const features = (texts: readonly string[]): Matrix => {
        let m = c.other.get(texts);
        if (!m) {
          m = c.vectorizer.transform(texts);
          c.other.set(texts, m);
        }
        return m;
      };
      return { name, regressor, vectorizer: c.vectorizer, predict: (texts) => regressor.predict(features(texts)) };
    },
  };
}

function embConfig(family: string, model: string, fitModel: (x: Matrix, y: readonly number[], seed: number) => Regressor): PredictorConfig {
  const name = family + "(" + model + ")";
  return {
    name,
    fit(input) {
      if (!input.embeddings) throw new RangeError(family + " needs embeddings");
      const regressor = fitModel(input.embeddings, input.y, input.seed);
      return {
        name,
        regressor,
        predict: (_texts, emb) => {
          if (!emb) throw new RangeError(family + " needs embeddings");
          return regressor.predict(emb);
        },
      };
    },
  };
}

/** Hyper-parameter grids (defaults kept small so that a notebook run stays fast). */
export interface GridOptions {
  alphas?: number[];
  ks?: number[];
  ngrams?: [number, number][];
  mlpHidden?: number[];
  mlpAlphas?: number[];
  mlpEpochs?: number;
  /** Include the embedding families (needs embeddings). */
  embeddings?: boolean;
  /** Include the MLP (default true). */
  mlp?: boolean;
}

/** The mean baseline as a family. */
export const MEAN_FAMILY: PredictorFamily = {
  name: "mean",
  features: "none",
  grid: [
    {
      name: "mean",
      fit(input) {
        const regressor = fitMeanBaseline(input.y);
        return { name: "mean", regressor, predict: (texts) => new Float64Array(texts.length).fill(regressor.predict({ rows: 1, cols: 0, data: new Float64Array(0) })[0]) };
      },
    },
  ],
};

/**
 * The study's predictor families: mean baseline; ridge and kNN on TF-IDF
 * n-grams; ridge and kNN on embeddings (when `embeddings`); an MLP on TF-IDF.
 */
export function defaultFamilies(g: GridOptions = {}): PredictorFamily[] {
  const alphas = g.alphas ?? [0.1, 1, 10];
  const ks = g.ks ?? [3, 5, 10];
  const ngrams = g.ngrams ?? [[1, 1], [1, 2]];
  const fams: PredictorFamily[] = [MEAN_FAMILY];
  fams.push({
    name: "ridge-tfidf",
    features: "tfidf",
    grid: ngrams.flatMap((ng) => alphas.map((a) => tfidfConfig("ridge-tfidf", { ngramRange: ng }, "alpha=" + a, (x, y) => fitRidge(x, y, a)))),
  });
  fams.push({
    name: "knn-tfidf",
    features: "tfidf",
    grid: ngrams.flatMap((ng) => ks.map((k) => tfidfConfig("knn-tfidf", { ngramRange: ng }, "k=" + k, (x, y) => fitKnn(x, y, { k })))),
  });
  if (g.embeddings) {
    fams.push({ name: "ridge-emb", features: "embedding", grid: alphas.map((a) => embConfig("ridge-emb", "alpha=" + a, (x, y) => fitRidge(x, y, a))) });
    fams.push({ name: "knn-emb", features: "embedding", grid: ks.map((k) => embConfig("knn-emb", "k=" + k, (x, y) => fitKnn(x, y, { k }))) });
  }
  if (g.mlp ?? true) {
    const hidden = g.mlpHidden ?? [32];
    const malphas = g.mlpAlphas ?? [1e-2];
    const epochs = g.mlpEpochs ?? 150;
    fams.push({
      name: "mlp-tfidf",
      features: "tfidf",
      grid: hidden.flatMap((h) =>
        malphas.map((a) =>
          tfidfConfig("mlp-tfidf", { ngramRange: [1, 1] }, "hidden=" + h + ",alpha=" + a, (x, y, seed) => fitMlp(x, y, { hidden: h, alpha: a, epochs, seed, learningRate: 0.01 })),
        ),
      ),
    });
  }
  return fams;
}
