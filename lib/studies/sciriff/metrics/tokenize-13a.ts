import { PY_WHITESPACE } from "../../../metrics/index";

const RULES: [RegExp, string][] = [
  // symbols: { - ~, [ - `, space - &, ( - +, : - @, /
  [/([{-~[-` -&(-+:-@/])/g, " $1 "],
  // period and comma unless preceded by a digit
  [/([^0-9])([.,])/g, "$1 $2 "],
  // period and comma unless followed by a digit
  [/([.,])([^0-9])/g, " $1 $2"],
  // dash when preceded by a digit
  [/([0-9])(-)/g, "$1 $2 "],
];

/**
 * The "13a" tokenizer (mteval-v13a, as in sacrebleu and HF `evaluate`'s
 * bleu metric), returning the token list as `evaluate` does: remove
 * "<skipped>", join "-\n" line breaks, newlines to spaces, unescape
 * &quot; &amp; &lt; &gt;, pad punctuation, split on whitespace.
 */
export function tokenize13a(line: string): string[] {
  let s = line.split("<skipped>").join("").split("-\n").join("").split("\n").join(" ");
  if (s.includes("&")) s = s.split("&quot;").join('"').split("&amp;").join("&").split("&lt;").join("<").split("&gt;").join(">");
  s = " " + s + " ";
  for (const [re, rep] of RULES) s = s.replace(re, rep);
  return s.split(PY_WHITESPACE).filter((t) => t.length > 0);
}
