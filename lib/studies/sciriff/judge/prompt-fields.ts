/**
 * Fields the judge prompts need, recovered from the task prompt the model
 * saw (as SciRIFF does): Qasper's paper title and question, MuP's title and
 * body text.
 */

const RULE = "----------------------------------------";

/** Qasper: the title (the line after the first dashed rule) and the question line. */
export function qasperFields(prompt: string): { title?: string; question?: string } {
  const lines = prompt.split("\n");
  const i = lines.indexOf(RULE);
  const title = i >= 0 && i + 1 < lines.length ? lines[i + 1] : undefined;
  const qs = lines.filter((l) => /^Question:/.test(l));
  // The SciRIFF prompt repeats the question at the end ("To repeat, the question is: ...");
  // the original requires exactly one "Question:" line.
  const question = qs.length === 1 ? qs[0].replace("Question: ", "") : qs.length > 1 ? qs[0].replace("Question: ", "") : undefined;
  return { title, question };
}

/**
 * MuP: the title after "Paper title:" (same line, or the next line when it
 * is empty) and the body after "Paper body:" up to the
 * "N-sentence paper summary:" cue. (The original's title pattern required a
 * newline right after "Paper title:", which SciRIFF prompts do not have, so
 * it always sent "None".)
 */
export function mupFields(prompt: string): { title?: string; body?: string } {
  let title: string | undefined;
  const m = /Paper title:[ \t]*([^\n]*)(?:\n([^\n]*))?/.exec(prompt);
  if (m) title = (m[1].trim() || (m[2] ?? "").trim()) || undefined;
  let body: string | undefined;
  const b = prompt.indexOf("Paper body:");
  if (b >= 0) {
    let d = prompt.slice(b + "Paper body:".length);
    const cue = d.indexOf("sentence paper summary");
    if (cue >= 0) d = d.slice(0, Math.max(0, cue - 2));
    body = d.trim();
  }
  return { title, body };
}
