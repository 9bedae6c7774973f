/**
 * A crude, deterministic measure of how well a text covers an instruction's
 * content words — the signal the simulated judge uses to tell the better
 * response (offline simulation only; real judges are LLMs).
 */
const STOP = new Set(
  "about above after again against also among because been before being below between both cannot could does doing down during each either every from further have having here into itself just more most much must only other ought over same shall should some such than that their them then there these they this those through under until very were what when where which while will with within without would your yours write response answer following given please using".split(" "),
);

/** Lower-cased unique words of 4+ letters that are not stop words, in order of appearance. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[a-z][a-z'-]{3,}/g)) {
    const w = m[0].replace(/['-]+$/g, "");
    if (w.length < 4 || STOP.has(w) || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

/** Share of the instruction's content words present in `text` (0 when it has none). */
export function instructionFit(instruction: string, text: string): number {
  const want = contentWords(instruction);
  if (want.length === 0) return 0;
  const have = new Set(contentWords(text));
  let k = 0;
  for (const w of want) if (have.has(w)) k++;
  return k / want.length;
}
