/**
 * Count sentences with the original Skill-Mix rule (`count_num_sentences`):
 * titles "Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Prof. " are glued to the next
 * word, then the text is split wherever a sentence-ending mark (. ! ?),
 * optional quotes, one space, optional quotes and a capital letter A–Z
 * follow each other; the count is the number of pieces.
 *
 * Reproduced quirks: the title patterns are regular expressions in the
 * original, so their "." matches any character ("Dry " also becomes "Dr.");
 * exactly one space must separate the sentences; an empty text counts as one.
 */
export function countSentences(text: string): number {
  let t = text;
  for (const title of ["Mr", "Mrs", "Ms", "Dr", "Prof"]) t = t.replace(new RegExp(title + ". ", "g"), title + ".");
  const matches = t.match(/[.!?]['"]* ['"]*[A-Z]/g);
  return (matches ? matches.length : 0) + 1;
}
