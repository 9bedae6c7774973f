/**
 * Small pieces of Python string semantics the original Skill-Mix code relies
 * on, reproduced exactly: str.strip() (Python's whitespace set differs from
 * JavaScript's trim), float() of a string, and str.format with named fields.
 */

// Characters for which Python's str.isspace() is true.
const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEAD = new RegExp("^[" + PY_SPACE + "]+");
const TRAIL = new RegExp("[" + PY_SPACE + "]+$");

/** Python's `s.strip()` (no argument). */
export function pyStrip(s: string): string {
  return s.replace(LEAD, "").replace(TRAIL, "");
}

const DIGITS = "[0-9](?:_?[0-9])*";
const PY_FLOAT = new RegExp("^[+-]?(?:(?:" + DIGITS + ")?\\.(?:" + DIGITS + ")|(?:" + DIGITS + ")\\.?)(?:[eE][+-]?" + DIGITS + ")?$");
const PY_SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * Python's `float(s)` for ASCII input: surrounding whitespace allowed,
 * underscores between digits, "inf"/"nan". Returns undefined where Python
 * raises ValueError.
 */
export function pyFloat(s: string): number | undefined {
  const t = pyStrip(s);
  if (PY_FLOAT.test(t)) return Number(t.replace(/_/g, ""));
  if (PY_SPECIAL.test(t)) {
    const neg = t[0] === "-";
    if (/nan/i.test(t)) return NaN;
    return neg ? -Infinity : Infinity;
  }
  return undefined;
}

/**
 * Python's `template.format(**values)` for templates that use only `{name}`
 * fields and `{{`/`}}` escapes (as the original prompt files do). A field
 * without a value throws (Python's KeyError); extra values are ignored, as
 * in Python. Other field syntax (`{0}`, `{a!r}`, `{a:>5}`) is rejected.
 */
export function pyFormat(template: string, values: Record<string, string | number>, label = "template"): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === "{") {
      if (template[i + 1] === "{") {
        out += "{";
        i += 2;
        continue;
      }
      const end = template.indexOf("}", i);
      if (end < 0) throw new Error(label + ": single '{' encountered in format string");
      const name = template.slice(i + 1, end);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(label + ": unsupported format field {" + name + "}");
      if (!(name in values)) throw new Error(label + ": no value for field {" + name + "}");
      out += String(values[name]);
      i = end + 1;
    } else if (c === "}") {
      if (template[i + 1] !== "}") throw new Error(label + ": single '}' encountered in format string");
      out += "}";
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// Windows-1252 characters for bytes 0x80–0x9F (undefined bytes keep their code point, as WHATWG does).
const CP1252_HIGH = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];

/**
 * The text Python produces when it reads UTF-8 bytes as Windows-1252 (its
 * default file encoding on Windows): "I’ll" becomes "Iâ€™ll". Needed to
 * reproduce prompts of runs made that way.
 */
export function utf8AsCp1252(text: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b);
  return out;
}
