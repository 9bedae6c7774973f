import { InputError, type InputLocation } from "../../util/errors";

/** A value a Python literal can denote (tuples become arrays, dict keys strings). */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/**
 * Parse a Python literal as printed by `repr()` / `str()` of a container
 * (the subset `ast.literal_eval` accepts that such files contain): strings in
 * single, double or triple quotes with optional r/u/b prefixes and Python
 * escapes (\n, \t, \xNN, \uNNNN, \UNNNNNNNN, octal, line continuation),
 * adjacent string concatenation, ints, floats (incl. inf/nan via float('..')
 * is NOT accepted: it is not a literal), True/False/None, lists, tuples,
 * dicts and sets (sets become arrays). Dict keys that are not strings are
 * converted with Python's str() for ints/bools/None.
 *
 * Errors are InputErrors naming `where` and the character offset.
 */
export function parsePythonLiteral(text: string, where: InputLocation = { file: "<string>" }): PyValue {
  const p = new Parser(text, where);
  p.ws();
  const v = p.value();
  p.ws();
  if (p.i < text.length) p.fail("unexpected " + JSON.stringify(text[p.i]) + " after the literal");
  return v;
}

class Parser {
  i = 0;
  constructor(readonly s: string, readonly where: InputLocation) {}

  fail(reason: string): never {
    throw new InputError(this.where, "Python literal, offset " + this.i + ": " + reason);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.i++;
      else if (c === "\\" && (s[this.i + 1] === "\n" || s[this.i + 1] === "\r")) this.i += 2;
      else break;
    }
  }

  value(): PyValue {
    const s = this.s;
    if (this.i >= s.length) this.fail("unexpected end of text");
    const c = s[this.i];
    if (c === "[") return this.seq("[", "]");
    if (c === "(") return this.tuple();
    if (c === "{") return this.dictOrSet();
    if (c === "'" || c === '"') return this.strings();
    if (/[rRuUbB]/.test(c) && this.isStringPrefix()) return this.strings();
    if (c === "-" || c === "+" || c === "." || (c >= "0" && c <= "9")) return this.number();
    for (const [word, v] of [["True", true], ["False", false], ["None", null]] as const) {
      if (s.startsWith(word, this.i) && !/[A-Za-z0-9_]/.test(s[this.i + word.length] ?? "")) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail("unexpected " + JSON.stringify(c));
  }

  isStringPrefix(): boolean {
    const m = /^([rRuUbB]{1,2})['"]/.exec(this.s.slice(this.i, this.i + 3));
    return m !== null;
  }

  seq(open: string, close: string): PyValue[] {
    this.i++; // open
    const out: PyValue[] = [];
    this.ws();
    while (this.s[this.i] !== close) {
      out.push(this.value());
      this.ws();
      if (this.s[this.i] === ",") {
        this.i++;
        this.ws();
      } else if (this.s[this.i] !== close) this.fail("expected ',' or '" + close + "' in " + (open === "[" ? "list" : "tuple"));
    }
    this.i++;
    return out;
  }

  tuple(): PyValue {
    // A parenthesised single value without comma is just that value.
    const start = this.i;
    this.i++;
    this.ws();
    if (this.s[this.i] === ")") {
      this.i++;
      return [];
    }
    const first = this.value();
    this.ws();
    if (this.s[this.i] === ")") {
      this.i++;
      return first;
    }
    this.i = start;
    return this.seq("(", ")");
  }

  dictOrSet(): PyValue {
    this.i++;
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return {};
    }
    const first = this.value();
    this.ws();
    if (this.s[this.i] !== ":") {
      // a set
      const out: PyValue[] = [first];
      while (this.s[this.i] === ",") {
        this.i++;
        this.ws();
        if (this.s[this.i] === "}") break;
        out.push(this.value());
        this.ws();
      }
      if (this.s[this.i] !== "}") this.fail("expected ',' or '}' in set");
      this.i++;
      return out;
    }
    const obj: { [key: string]: PyValue } = {};
    let key = first;
    for (;;) {
      this.i++; // ':'
      this.ws();
      const v = this.value();
      obj[keyString(key, this)] = v;
      this.ws();
      if (this.s[this.i] === ",") {
        this.i++;
        this.ws();
        if (this.s[this.i] === "}") break;
        key = this.value();
        this.ws();
        if (this.s[this.i] !== ":") this.fail("expected ':' after dict key");
        continue;
      }
      if (this.s[this.i] !== "}") this.fail("expected ',' or '}' in dict");
      break;
    }
    this.i++;
    return obj;
  }

  number(): number {
    const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*\.(?![\d_])(?:[eE][+-]?\d+)?|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)/.exec(this.s.slice(this.i));
    if (!m || m[0] === "" || m[0] === "-" || m[0] === "+") return this.fail("bad number");
    this.i += m[0].length;
    const t = m[0].replace(/_/g, "");
    const neg = t.startsWith("-");
    const body = t.replace(/^[+-]/, "");
    let v: number;
    if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
    else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
    else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
    else v = Number(body);
    if (Number.isNaN(v)) this.fail("bad number " + JSON.stringify(m[0]));
    return neg ? -v : v;
  }

  /** One or more adjacent string literals, concatenated. */
  strings(): string {
    let out = this.string();
    for (;;) {
      const save = this.i;
      this.ws();
      const c = this.s[this.i];
      if (c === "'" || c === '"' || (c !== undefined && /[rRuUbB]/.test(c) && this.isStringPrefix())) out += this.string();
      else {
        this.i = save;
        return out;
      }
    }
  }

  string(): string {
    const s = this.s;
    let raw = false;
    while (/[rRuUbB]/.test(s[this.i])) {
      if (s[this.i] === "r" || s[this.i] === "R") raw = true;
      this.i++;
    }
    const q = s[this.i];
    const triple = s.startsWith(q + q + q, this.i);
    const delim = triple ? q + q + q : q;
    this.i += delim.length;
    let out = "";
    for (;;) {
      if (this.i >= s.length) this.fail("unterminated string");
      if (s.startsWith(delim, this.i)) {
        this.i += delim.length;
        return out;
      }
      const c = s[this.i];
      if (!triple && (c === "\n" || c === "\r")) this.fail("newline inside a single-quoted string");
      if (c !== "\\") {
        out += c;
        this.i++;
        continue;
      }
      const n = s[this.i + 1];
      if (n === undefined) this.fail("unterminated string");
      if (raw) {
        out += c + n;
        this.i += 2;
        continue;
      }
      this.i += 2;
      switch (n) {
        case "\n":
          break;
        case "\\":
          out += "\\";
          break;
        case "'":
          out += "'";
          break;
        case '"':
          out += '"';
          break;
        case "a":
          out += "\x07";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "v":
          out += "\v";
          break;
        case "x":
          out += String.fromCodePoint(this.hex(2));
          break;
        case "u":
          out += String.fromCodePoint(this.hex(4));
          break;
        case "U":
          out += String.fromCodePoint(this.hex(8));
          break;
        default:
          if (n >= "0" && n <= "7") {
            let digits = n;
            while (digits.length < 3 && s[this.i] >= "0" && s[this.i] <= "7") digits += s[this.i++];
            out += String.fromCodePoint(parseInt(digits, 8));
          } else out += "\\" + n; // Python keeps unknown escapes verbatim
      }
    }
  }

  hex(len: number): number {
    const h = this.s.slice(this.i, this.i + len);
    if (!new RegExp("^[0-9a-fA-F]{" + len + "}$").test(h)) this.fail("bad \\x/\\u escape");
    this.i += len;
    const v = parseInt(h, 16);
    if (v > 0x10ffff) this.fail("escape beyond U+10FFFF");
    return v;
  }
}

function keyString(key: PyValue, p: Parser): string {
  if (typeof key === "string") return key;
  if (typeof key === "number") return String(key);
  if (key === true) return "True";
  if (key === false) return "False";
  if (key === null) return "None";
  return p.fail("unhashable dict key");
}
