/**
 * Integers written in English words the way the `inflect` package's
 * `number_to_words` writes them by default ("twenty-one", "one hundred and
 * five", "two thousand, three hundred"), used for the sentence limit
 * ("two sentences") in the prompts.
 */

const UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const GROUPS = ["", " thousand", " million", " billion"];

function below1000(n: number): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  let s = "";
  if (h > 0) s = UNITS[h] + " hundred";
  if (rest > 0) {
    if (h > 0) s += " and ";
    s += rest < 20 ? UNITS[rest] : TENS[Math.floor(rest / 10)] + (rest % 10 ? "-" + UNITS[rest % 10] : "");
  }
  return s;
}

/** `inflect.engine().number_to_words(n)` for integers 0 <= n < 10^12. */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError("numberToWords: expected an integer in [0, 1e12), got " + n);
  if (n === 0) return "zero";
  const parts: string[] = [];
  let g = 0;
  let rest = n;
  while (rest > 0) {
    const chunk = rest % 1000;
    if (chunk > 0) parts.unshift(below1000(chunk) + GROUPS[g]);
    rest = Math.floor(rest / 1000);
    g++;
  }
  // inflect puts "and" before a final chunk below 100 ("one thousand and five").
  if (parts.length > 1 && n % 1000 > 0 && n % 1000 < 100) {
    const last = parts.pop() as string;
    return parts.join(", ") + " and " + last;
  }
  return parts.join(", ");
}

/** The original's sentence limit for k skills: max(1, k - 1). */
export function sentenceLimit(k: number): number {
  return Math.max(1, k - 1);
}

/** "one sentence", "two sentences", ... as in the original prompts. */
export function sentencesInWords(n: number): string {
  return numberToWords(n) + " " + (n > 1 ? "sentences" : "sentence");
}
