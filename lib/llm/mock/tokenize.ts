/**
 * The loopback server's deterministic tokenizer, used for simulated usage
 * counts and fake log-probabilities. GPT-2-like pre-tokenisation: a run of
 * letters, up to three digits, or a run of other symbols, each optionally
 * preceded by one space; whitespace runs not followed by a word are their
 * own tokens. Tokens always concatenate back to the input exactly.
 */
const TOKEN = / ?\p{L}+(?:'\p{L}+)?| ?\p{N}{1,3}| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** Split text into tokens whose concatenation is the text. */
export function tokenize(text: string): string[] {
  if (text.length === 0) return [];
  const out = text.match(TOKEN);
  return out === null ? [text] : out;
}

/** Number of tokens of a text. */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  TOKEN.lastIndex = 0;
  let n = 0;
  while (TOKEN.exec(text) !== null) n++;
  return n;
}
