import { PY_WHITESPACE } from "./tokenize";

/** Python's `string.punctuation`: the 32 ASCII punctuation characters. */
export const ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

const PUNCT_RE = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const PY_WHITESPACE_G = new RegExp(PY_WHITESPACE.source, "g");
// Python's \b with a str pattern is Unicode-aware: word characters are
// letters, numbers and '_' (not combining marks).
const ARTICLES_RE = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** Python's `" ".join(s.split())`. */
export function collapseWhitespace(s: string): string {
  return s.replace(PY_WHITESPACE_G, " ").replace(/^ | $/g, "");
}

/** Remove the ASCII punctuation characters of Python's `string.punctuation`. */
export function removePunctuation(s: string): string {
  return s.replace(PUNCT_RE, "");
}

/**
 * SuperNI's `normalize_answer`: lowercase, remove ASCII punctuation,
 * collapse whitespace. Articles are kept.
 */
export function normalizeAnswer(s: string): string {
  return collapseWhitespace(removePunctuation(s.toLowerCase()));
}

/**
 * SQuAD's `normalize_answer`: lowercase, remove ASCII punctuation, replace
 * the articles a/an/the (whole words) by a space, collapse whitespace.
 */
export function normalizeSquad(s: string): string {
  return collapseWhitespace(removePunctuation(s.toLowerCase()).replace(ARTICLES_RE, " "));
}
