import { PyFloat, pyFloatRepr, pyIntStr } from "./py-float";

/** True for a JSON object (a Python dict) as produced by parsePyJson or JSON.parse. */
export function isDict(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof PyFloat);
}

/** Thrown where the Python original would raise TypeError. */
export class PyTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PyTypeError";
  }
}

/**
 * Python iteration over a JSON value: a list gives its items, a dict its
 * keys, a string its code points; anything else raises TypeError.
 */
export function pyIter(x: unknown): unknown[] {
  if (Array.isArray(x)) return x;
  if (typeof x === "string") return Array.from(x);
  if (isDict(x)) return Object.keys(x);
  throw new PyTypeError("'" + pyTypeName(x) + "' object is not iterable");
}

/** Python's type name of a JSON value. */
export function pyTypeName(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  if (typeof x === "boolean") return "bool";
  if (typeof x === "number") return "int";
  if (x instanceof PyFloat) return "float";
  if (typeof x === "string") return "str";
  if (Array.isArray(x)) return "list";
  return "dict";
}

/** Python's `str(x)` of a JSON value (repr for containers). */
export function pyStr(x: unknown): string {
  if (typeof x === "string") return x;
  return pyRepr(x);
}

/** Python's `repr(x)` of a JSON value. */
export function pyRepr(x: unknown): string {
  if (x === null || x === undefined) return "None";
  if (typeof x === "boolean") return x ? "True" : "False";
  if (typeof x === "number") return Number.isInteger(x) ? pyIntStr(x) : pyFloatRepr(x);
  if (x instanceof PyFloat) return pyFloatRepr(x.value);
  if (typeof x === "string") return pyStrRepr(x);
  if (Array.isArray(x)) return "[" + x.map(pyRepr).join(", ") + "]";
  const d = x as Record<string, unknown>;
  return "{" + Object.keys(d).map((k) => pyStrRepr(k) + ": " + pyRepr(d[k])).join(", ") + "}";
}

function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

const PY_WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const STRIP_RE = new RegExp("^[" + PY_WS + "]+|[" + PY_WS + "]+$", "g");

/** Python's `str.strip()` (Unicode whitespace as `str.isspace`, not JavaScript's `\s`). */
export function pyStrip(s: string): string {
  return s.replace(STRIP_RE, "");
}
