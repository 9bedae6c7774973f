import { UsageError } from "../util/errors";

/** Declared option of a command. */
export interface OptionSpec {
  /** Long name without dashes, e.g. "out" for --out. */
  name: string;
  /** string: one value; number: one numeric value; boolean: a flag (--no-NAME negates); list: repeatable. */
  type: "string" | "number" | "boolean" | "list";
  description: string;
  /** Placeholder for help, e.g. "PATH". */
  placeholder?: string;
  default?: string | number | boolean | string[];
  required?: boolean;
  /** One-letter alias, e.g. "o" for -o. */
  short?: string;
  /** For type "string": allowed values. */
  choices?: string[];
}

/** Declared positional argument. */
export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
  /** Takes all remaining positionals. */
  variadic?: boolean;
}

export interface ParsedArgs {
  options: Record<string, string | number | boolean | string[] | undefined>;
  positionals: string[];
  /** Named positionals (variadic ones as string[]). */
  named: Record<string, string | string[] | undefined>;
  help: boolean;
}

/**
 * Parse argv against a command's declared options. Accepts --name value,
 * --name=value, --flag / --no-flag, -x value, and "--" to end options.
 * Unknown options and missing values are UsageErrors.
 */
export function parseArgs(argv: string[], options: OptionSpec[], positionals: PositionalSpec[] = []): ParsedArgs {
  const byName = new Map<string, OptionSpec>();
  const byShort = new Map<string, OptionSpec>();
  for (const o of options) {
    byName.set(o.name, o);
    if (o.short) byShort.set(o.short, o);
  }
  const out: ParsedArgs["options"] = {};
  for (const o of options) {
    if (o.default !== undefined) out[o.name] = Array.isArray(o.default) ? [...o.default] : o.default;
    else if (o.type === "list") out[o.name] = [];
    else if (o.type === "boolean") out[o.name] = false;
  }
  const pos: string[] = [];
  let help = false;
  let onlyPositional = false;
  const seenLists = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyPositional || !a.startsWith("-") || a === "-") {
      pos.push(a);
      continue;
    }
    if (a === "--") {
      onlyPositional = true;
      continue;
    }
    if (a === "--help" || a === "-h") {
      help = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: OptionSpec | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      inline = eq >= 0 ? a.slice(eq + 1) : undefined;
      spec = byName.get(name);
      if (!spec && name.startsWith("no-")) {
        const neg = byName.get(name.slice(3));
        if (neg && neg.type === "boolean" && inline === undefined) {
          out[neg.name] = false;
          continue;
        }
      }
    } else {
      name = a.slice(1);
      spec = byShort.get(name);
    }
    if (!spec) {
      const known = options.map((o) => "--" + o.name);
      const guess = closest(name, options.map((o) => o.name));
      throw new UsageError("unknown option " + a + (guess ? " (did you mean --" + guess + "?)" : known.length ? "" : " (this command takes no options)"));
    }
    if (spec.type === "boolean") {
      if (inline === undefined) out[spec.name] = true;
      else if (inline === "true" || inline === "1") out[spec.name] = true;
      else if (inline === "false" || inline === "0") out[spec.name] = false;
      else throw new UsageError("--" + spec.name + " takes true or false, not '" + inline + "'");
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError("--" + spec.name + " needs a value" + (spec.placeholder ? " (" + spec.placeholder + ")" : ""));
      value = argv[++i];
    }
    if (spec.type === "number") {
      const num = Number(value);
      if (value.trim() === "" || !Number.isFinite(num)) throw new UsageError("--" + spec.name + " takes a number, not '" + value + "'");
      out[spec.name] = num;
    } else if (spec.type === "list") {
      // The first use of a list option replaces its default; later uses append.
      if (!seenLists.has(spec.name)) {
        seenLists.add(spec.name);
        out[spec.name] = [];
      }
      (out[spec.name] as string[]).push(value);
    } else {
      if (spec.choices && !spec.choices.includes(value)) {
        throw new UsageError("--" + spec.name + " must be one of " + spec.choices.join("|") + ", not '" + value + "'");
      }
      out[spec.name] = value;
    }
  }
  const named: ParsedArgs["named"] = {};
  if (!help) {
    for (const o of options) {
      if (o.required && (out[o.name] === undefined || (Array.isArray(out[o.name]) && (out[o.name] as string[]).length === 0))) {
        throw new UsageError("missing required option --" + o.name);
      }
    }
    let k = 0;
    for (const p of positionals) {
      if (p.variadic) {
        named[p.name] = pos.slice(k);
        if (p.required && pos.length <= k) throw new UsageError("missing argument " + p.name.toUpperCase());
        k = pos.length;
      } else {
        named[p.name] = pos[k];
        if (p.required && pos[k] === undefined) throw new UsageError("missing argument " + p.name.toUpperCase());
        k++;
      }
    }
    if (k < pos.length) throw new UsageError("unexpected argument '" + pos[k] + "'");
  }
  return { options: out, positionals: pos, named, help };
}

function closest(name: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = editDistance(name, n);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
