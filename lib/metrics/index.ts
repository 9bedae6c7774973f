/**
 * Text-generation metrics matching the reference implementations exactly:
 * ROUGE-L of Google's rouge_score 0.1.2 (with NLTK's Porter stemmer),
 * SuperNI's exact match and SQuAD-style token F1. See README.md.
 */
export { rougeL, rougeLScore, rougeLTokens, fMeasure, type RougeScore, type RougeOptions } from "./rouge-l";
export { exactMatch } from "./exact-match";
export { tokenF1, type TokenF1Options } from "./token-f1";
export { rougeTokenize, PY_WHITESPACE, type RougeTokenizeOptions } from "./tokenize";
export { porterStem, porterMeasure } from "./porter";
export { lcsLength, lcsLengthNaive } from "./lcs";
export { normalizeAnswer, normalizeSquad, removePunctuation, collapseWhitespace, ASCII_PUNCTUATION } from "./normalize";
export { maxOverReferences, type References } from "./references";
export { corpusScore } from "./corpus-score";
export { metricByName, METRIC_NAMES, type MetricName, type InstanceMetric } from "./registry";
