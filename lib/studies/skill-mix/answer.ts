import { pyStrip } from "./py-compat";

/**
 * The student's answer in a reply: the text after the last "Answer:" up to
 * the first "Explanation" that follows, stripped (the original `get_text`).
 * A reply without "Answer:" yields the whole reply up to "Explanation".
 */
export function extractAnswer(reply: string): string {
  const parts = reply.split("Answer:");
  const after = parts[parts.length - 1];
  return pyStrip(after.split("Explanation")[0]);
}

/**
 * For records whose answer column holds a raw Llama-2 reply ("[/INST]"
 * columns): the text between the first and the last double quote when they
 * differ, then its first line (the original grade.py).
 */
export function extractQuotedFirstLine(text: string): string {
  const first = text.indexOf('"');
  const last = text.lastIndexOf('"');
  const inner = first !== last ? text.slice(first + 1, last) : text;
  return inner.split("\n")[0];
}
