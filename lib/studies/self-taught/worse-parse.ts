/**
 * Parse the worse-response generator's output: the modified instruction and
 * the response to it, under the two headers the prompt asks for
 * (`### Modified instruction`, `### Response`; case-insensitive, optional
 * trailing colon). A failure is returned with its reason — the caller
 * records it and excludes the item; it is never replaced by anything.
 */
export type WorseParse =
  | { ok: true; modifiedInstruction: string; response: string }
  | { ok: false; reason: "empty" | "missing-modified-header" | "missing-response-header" | "duplicate-header" | "text-before-header" | "empty-modified" | "empty-response" | "unchanged-instruction" };

const MOD = /^[ \t]*#{2,4}[ \t]*modified instruction[ \t]*:?[ \t]*$/gim;
const RESP = /^[ \t]*#{2,4}[ \t]*response[ \t]*:?[ \t]*$/gim;

function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Parse one output; `original` is the instruction that was modified. */
export function parseWorseOutput(text: string | null | undefined, original: string): WorseParse {
  const t = text ?? "";
  if (t.trim() === "") return { ok: false, reason: "empty" };
  const mods = Array.from(t.matchAll(MOD));
  const resps = Array.from(t.matchAll(RESP));
  if (mods.length === 0) return { ok: false, reason: "missing-modified-header" };
  if (resps.length === 0) return { ok: false, reason: "missing-response-header" };
  if (mods.length > 1 || resps.length > 1) return { ok: false, reason: "duplicate-header" };
  const m = mods[0];
  const r = resps[0];
  const mi = m.index ?? 0;
  const ri = r.index ?? 0;
  if (ri < mi) return { ok: false, reason: "missing-modified-header" };
  if (t.slice(0, mi).trim() !== "") return { ok: false, reason: "text-before-header" };
  const modified = t.slice(mi + m[0].length, ri).trim();
  const response = t.slice(ri + r[0].length).trim();
  if (modified === "") return { ok: false, reason: "empty-modified" };
  if (response === "") return { ok: false, reason: "empty-response" };
  if (norm(modified) === norm(original)) return { ok: false, reason: "unchanged-instruction" };
  return { ok: true, modifiedInstruction: modified, response };
}
