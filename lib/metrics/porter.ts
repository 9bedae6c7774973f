/**
 * The Porter stemmer exactly as NLTK's `PorterStemmer()` in its default
 * `NLTK_EXTENSIONS` mode (the stemmer Google's rouge_score uses). Besides
 * Porter (1980) this mode has: a pool of irregular forms; words of length
 * <= 2 returned unchanged; 'ies'/'ied' on 4-letter words -> 'ie'; other
 * 'ied' -> 'i'; the 2-letter vowel-consonant "cvc" case; step 1c only when
 * 'y' follows a consonant that is not the first letter; 'alli' handled first
 * in step 2 and re-run; 'bli' -> 'ble', 'fulli' -> 'ful', 'logi' -> 'log'
 * (measure taken with the 'l'). Rule lists stop at the first matching
 * suffix even when its condition fails, as in NLTK.
 *
 * Input is expected to be lowercase ASCII letters and digits (rouge_score
 * tokens); other characters are treated as consonants, as NLTK does.
 */

const IRREGULAR: Record<string, string> = {
  sky: "sky",
  skies: "sky",
  dying: "die",
  lying: "lie",
  tying: "tie",
  news: "news",
  innings: "inning",
  inning: "inning",
  outings: "outing",
  outing: "outing",
  cannings: "canning",
  canning: "canning",
  howe: "howe",
  proceed: "proceed",
  exceed: "exceed",
  succeed: "succeed",
};

function isVowelChar(c: string): boolean {
  return c === "a" || c === "e" || c === "i" || c === "o" || c === "u";
}

function isConsonant(word: string, i: number): boolean {
  // Iterative form of NLTK's recursive definition: 'y' is a consonant at the
  // start or after a vowel, a vowel after a consonant.
  const c = word[i];
  if (isVowelChar(c)) return false;
  if (c !== "y") return true;
  if (i === 0) return true;
  return !isConsonant(word, i - 1);
}

/** Porter's m: the number of VC sequences in the stem. */
export function porterMeasure(stem: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const cons = isConsonant(stem, i);
    if (cons && prevVowel) m++;
    prevVowel = !cons;
  }
  return m;
}

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

function endsCvc(word: string): boolean {
  const n = word.length;
  if (
    n >= 3 &&
    isConsonant(word, n - 3) &&
    !isConsonant(word, n - 2) &&
    isConsonant(word, n - 1) &&
    word[n - 1] !== "w" &&
    word[n - 1] !== "x" &&
    word[n - 1] !== "y"
  )
    return true;
  // NLTK extension: a two-letter word vowel + consonant counts as *o.
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

type Condition = ((stem: string) => boolean) | null;
type Rule = [suffix: string, replacement: string, condition: Condition];

/** NLTK's _apply_rule_list: the first rule whose suffix matches decides. */
function applyRules(word: string, rules: Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === "*d" && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = suffix === "" ? word : word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const positive = (stem: string): boolean => porterMeasure(stem) > 0;
const gt1 = (stem: string): boolean => porterMeasure(stem) > 1;

function step1a(word: string): string {
  if (word.endsWith("ies") && word.length === 4) return word.slice(0, -3) + "ie";
  return applyRules(word, [
    ["sses", "ss", null],
    ["ies", "i", null],
    ["ss", "ss", null],
    ["s", "", null],
  ]);
}

function step1b(word: string): string {
  if (word.endsWith("ied")) return word.slice(0, -3) + (word.length === 4 ? "ie" : "i");
  if (word.endsWith("eed")) {
    const stem = word.slice(0, -3);
    return porterMeasure(stem) > 0 ? stem + "ee" : word;
  }
  let inter: string | undefined;
  for (const suffix of ["ed", "ing"]) {
    if (word.endsWith(suffix)) {
      const s = word.slice(0, word.length - suffix.length);
      if (containsVowel(s)) {
        inter = s;
        break;
      }
    }
  }
  if (inter === undefined) return word;
  const last = inter[inter.length - 1];
  return applyRules(inter, [
    ["at", "ate", null],
    ["bl", "ble", null],
    ["iz", "ize", null],
    ["*d", last, () => last !== "l" && last !== "s" && last !== "z"],
    ["", "e", (stem) => porterMeasure(stem) === 1 && endsCvc(stem)],
  ]);
}

function step1c(word: string): string {
  return applyRules(word, [["y", "i", (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1)]]);
}

function step2(word: string): string {
  if (word.endsWith("alli") && positive(word.slice(0, -4))) return step2(word.slice(0, -4) + "al");
  return applyRules(word, [
    ["ational", "ate", positive],
    ["tional", "tion", positive],
    ["enci", "ence", positive],
    ["anci", "ance", positive],
    ["izer", "ize", positive],
    ["bli", "ble", positive],
    ["alli", "al", positive],
    ["entli", "ent", positive],
    ["eli", "e", positive],
    ["ousli", "ous", positive],
    ["ization", "ize", positive],
    ["ation", "ate", positive],
    ["ator", "ate", positive],
    ["alism", "al", positive],
    ["iveness", "ive", positive],
    ["fulness", "ful", positive],
    ["ousness", "ous", positive],
    ["aliti", "al", positive],
    ["iviti", "ive", positive],
    ["biliti", "ble", positive],
    ["fulli", "ful", positive],
    ["logi", "log", () => positive(word.slice(0, -3))],
  ]);
}

function step3(word: string): string {
  return applyRules(word, [
    ["icate", "ic", positive],
    ["ative", "", positive],
    ["alize", "al", positive],
    ["iciti", "ic", positive],
    ["ical", "ic", positive],
    ["ful", "", positive],
    ["ness", "", positive],
  ]);
}

function step4(word: string): string {
  return applyRules(word, [
    ["al", "", gt1],
    ["ance", "", gt1],
    ["ence", "", gt1],
    ["er", "", gt1],
    ["ic", "", gt1],
    ["able", "", gt1],
    ["ible", "", gt1],
    ["ant", "", gt1],
    ["ement", "", gt1],
    ["ment", "", gt1],
    ["ent", "", gt1],
    ["ion", "", (stem) => porterMeasure(stem) > 1 && (stem.endsWith("s") || stem.endsWith("t"))],
    ["ou", "", gt1],
    ["ism", "", gt1],
    ["ate", "", gt1],
    ["iti", "", gt1],
    ["ous", "", gt1],
    ["ive", "", gt1],
    ["ize", "", gt1],
  ]);
}

function step5a(word: string): string {
  if (word.endsWith("e")) {
    const stem = word.slice(0, -1);
    const m = porterMeasure(stem);
    if (m > 1) return stem;
    if (m === 1 && !endsCvc(stem)) return stem;
  }
  return word;
}

function step5b(word: string): string {
  return applyRules(word, [["ll", "l", () => porterMeasure(word.slice(0, -1)) > 1]]);
}

/**
 * Stem one word as NLTK's `PorterStemmer().stem(word)` (NLTK_EXTENSIONS
 * mode, lower-casing first).
 */
export function porterStem(word: string): string {
  const w = word.toLowerCase();
  // NLTK looks the word up before lower-casing it.
  if (Object.prototype.hasOwnProperty.call(IRREGULAR, word)) return IRREGULAR[word];
  if (w.length <= 2) return w;
  let s = step1a(w);
  s = step1b(s);
  s = step1c(s);
  s = step2(s);
  s = step3(s);
  s = step4(s);
  s = step5a(s);
  s = step5b(s);
  return s;
}
