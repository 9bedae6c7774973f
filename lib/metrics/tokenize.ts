import { porterStem } from "./porter";

/**
 * Python's `str.split()` whitespace (str.isspace): unlike JavaScript's `\s`
 * it includes U+001C..U+001F and U+0085 and excludes U+FEFF.
 */
export const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

const NON_ALNUM = /[^a-z0-9]+/g;

// Stems of recently seen tokens (the stemmer is pure; texts repeat words a lot).
const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_MAX = 100000;

function cachedStem(tok: string): string {
  let s = STEM_CACHE.get(tok);
  if (s === undefined) {
    s = porterStem(tok);
    if (STEM_CACHE.size >= STEM_CACHE_MAX) STEM_CACHE.clear();
    STEM_CACHE.set(tok, s);
  }
  return s;
}
const VALID = /^[a-z0-9]+$/;

/** Options of {@link rougeTokenize}. */
export interface RougeTokenizeOptions {
  /** Porter-stem tokens longer than 3 characters (rouge_score's use_stemmer). Default false. */
  stem?: boolean;
}

/**
 * rouge_score 0.1.2's default tokenizer: lowercase (Unicode), replace every
 * run of characters outside [a-z0-9] by a space, split, optionally
 * Porter-stem tokens longer than 3 characters, drop empty tokens. Non-ASCII
 * letters therefore split words ("café" -> ["caf"]).
 */
export function rougeTokenize(text: string, options: RougeTokenizeOptions = {}): string[] {
  const replaced = text.toLowerCase().replace(NON_ALNUM, " ");
  const out: string[] = [];
  for (const raw of replaced.split(" ")) {
    if (raw.length === 0) continue;
    const tok = options.stem && raw.length > 3 ? cachedStem(raw) : raw;
    if (VALID.test(tok)) out.push(tok);
  }
  return out;
}
