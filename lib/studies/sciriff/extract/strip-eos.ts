/**
 * How to remove an end-of-sequence marker from a raw model response.
 * - "suffix" (default, a deliberate fix): remove trailing literal "</s>" markers.
 * - "original": Python's `pred.strip("</s>")`, which strips any of the
 *   characters '<', '/', 's', '>' from BOTH ends ("genes" becomes "gene").
 */
export type EosStrip = "suffix" | "original";

/** Strip the end-of-sequence marker from a response (see {@link EosStrip}). */
export function stripEos(text: string, mode: EosStrip = "suffix"): string {
  if (mode === "suffix") return text.replace(/(?:<\/s>)+$/, "");
  const set = "</s>";
  let a = 0;
  let b = text.length;
  while (a < b && set.includes(text[a])) a++;
  while (b > a && set.includes(text[b - 1])) b--;
  return text.slice(a, b);
}
