import { PyFloat } from "./py-float";

/** Outcome of {@link parsePyJson}. */
export type PyJsonResult = { ok: true; value: unknown } | { ok: false; error: string; pos: number };

/** Python's json whitespace (json.decoder.WHITESPACE): space, tab, newline, carriage return. */
function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

class Fail extends Error {
  constructor(readonly pos: number, message: string) {
    super(message);
  }
}

/**
 * Parse text exactly as Python's `json.loads` (strict mode) accepts it:
 * any JSON value at the top level, surrounding JSON whitespace, NaN /
 * Infinity / -Infinity, no trailing commas, no control characters inside
 * strings, "Extra data" after the value is an error. Numbers with a fraction
 * or exponent become {@link PyFloat}; integers stay numbers (exact up to
 * 2^53). Objects are null-prototype objects (a "__proto__" key is kept as
 * data); a repeated key keeps its last value, as in Python.
 */
export function parsePyJson(text: string): PyJsonResult {
  if (text.charCodeAt(0) === 0xfeff) return { ok: false, error: "Unexpected UTF-8 BOM (decode using utf-8-sig)", pos: 0 };
  try {
    let i = skip(text, 0);
    const [value, end] = parseValue(text, i);
    i = skip(text, end);
    if (i !== text.length) throw new Fail(i, "Extra data");
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.message, pos: e.pos };
    throw e;
  }
}

function skip(s: string, i: number): number {
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return i;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

function parseValue(s: string, i: number): [unknown, number] {
  if (i >= s.length) throw new Fail(i, "Expecting value");
  const c = s[i];
  if (c === '"') return parseString(s, i);
  if (c === "{") return parseObject(s, i);
  if (c === "[") return parseArray(s, i);
  if (c === "n" && s.startsWith("null", i)) return [null, i + 4];
  if (c === "t" && s.startsWith("true", i)) return [true, i + 4];
  if (c === "f" && s.startsWith("false", i)) return [false, i + 5];
  if (c === "N" && s.startsWith("NaN", i)) return [new PyFloat(NaN), i + 3];
  if (c === "I" && s.startsWith("Infinity", i)) return [new PyFloat(Infinity), i + 8];
  if (c === "-" && s.startsWith("-Infinity", i)) return [new PyFloat(-Infinity), i + 9];
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(s);
  if (m) {
    const isFloat = m[1] !== undefined || m[2] !== undefined;
    const v = Number(m[0]);
    return [isFloat ? new PyFloat(v) : v, i + m[0].length];
  }
  throw new Fail(i, "Expecting value");
}

function parseString(s: string, start: number): [string, number] {
  let i = start + 1;
  let out = "";
  let chunk = i;
  for (;;) {
    if (i >= s.length) throw new Fail(start, "Unterminated string");
    const code = s.charCodeAt(i);
    if (code === 0x22) {
      out += s.slice(chunk, i);
      return [out, i + 1];
    }
    if (code < 0x20) throw new Fail(i, "Invalid control character");
    if (code === 0x5c) {
      out += s.slice(chunk, i);
      const e = s[i + 1];
      switch (e) {
        case '"': out += '"'; i += 2; break;
        case "\\": out += "\\"; i += 2; break;
        case "/": out += "/"; i += 2; break;
        case "b": out += "\b"; i += 2; break;
        case "f": out += "\f"; i += 2; break;
        case "n": out += "\n"; i += 2; break;
        case "r": out += "\r"; i += 2; break;
        case "t": out += "\t"; i += 2; break;
        case "u": {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail(i, "Invalid \\uXXXX escape");
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          break;
        }
        default:
          throw new Fail(i, "Invalid \\escape");
      }
      chunk = i;
      continue;
    }
    i++;
  }
}

function parseArray(s: string, start: number): [unknown[], number] {
  const out: unknown[] = [];
  let i = skip(s, start + 1);
  if (s[i] === "]") return [out, i + 1];
  for (;;) {
    const [v, end] = parseValue(s, i);
    out.push(v);
    i = skip(s, end);
    if (s[i] === "]") return [out, i + 1];
    if (s[i] !== ",") throw new Fail(i, "Expecting ',' delimiter");
    i = skip(s, i + 1);
    if (s[i] === "]") throw new Fail(i, "Expecting value"); // no trailing comma
  }
}

function parseObject(s: string, start: number): [Record<string, unknown>, number] {
  const out: Record<string, unknown> = Object.create(null);
  let i = skip(s, start + 1);
  if (s[i] === "}") return [out, i + 1];
  for (;;) {
    if (s[i] !== '"') throw new Fail(i, "Expecting property name enclosed in double quotes");
    const [key, kEnd] = parseString(s, i);
    i = skip(s, kEnd);
    if (s[i] !== ":") throw new Fail(i, "Expecting ':' delimiter");
    i = skip(s, i + 1);
    const [v, end] = parseValue(s, i);
    out[key] = v;
    i = skip(s, end);
    if (s[i] === "}") return [out, i + 1];
    if (s[i] !== ",") throw new Fail(i, "Expecting ',' delimiter");
    i = skip(s, i + 1);
    if (s[i] !== '"') throw new Fail(i, "Expecting property name enclosed in double quotes");
  }
}
