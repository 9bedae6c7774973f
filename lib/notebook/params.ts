import { UsageError } from "../util/errors";

/** The kind of a parameter, inferred from its default in the parameters cell. */
export type ParamKind = "string" | "number" | "boolean" | "json" | "unknown";

export interface DeclaredParam {
  name: string;
  keyword: "const" | "let" | "var";
  kind: ParamKind;
  /** The default's source text. */
  initializer: string;
}

/**
 * Find the top-level declarations `const|let|var NAME[: T] = VALUE` in a
 * parameters cell (one per line, as papermill expects one per line).
 */
export function declaredParams(source: string): DeclaredParam[] {
  const out: DeclaredParam[] = [];
  const re = /^(const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=]+?))?\s*=\s*(.+?);?\s*(?:\/\/.*)?$/;
  for (const line of source.split("\n")) {
    const m = re.exec(line.trim());
    if (!m) continue;
    const init = m[4].trim();
    out.push({ name: m[2], keyword: m[1] as DeclaredParam["keyword"], kind: kindOf(init, m[3]), initializer: init });
  }
  return out;
}

function kindOf(init: string, typeText?: string): ParamKind {
  const t = typeText?.trim();
  if (t === "string") return "string";
  if (t === "number") return "number";
  if (t === "boolean") return "boolean";
  if (/^["'`]/.test(init)) return "string";
  if (/^-?(\d|\.\d)/.test(init)) return "number";
  if (init === "true" || init === "false") return "boolean";
  if (/^[[{]/.test(init) || init === "null") return "json";
  return "unknown";
}

/** Parse "key=value" strings (from --param) into a map of raw strings. */
export function parseParamArgs(items: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError("--param takes key=value, not '" + item + "'");
    out.set(item.slice(0, eq).trim(), item.slice(eq + 1));
  }
  return out;
}

/**
 * Turn a raw --param value into a TypeScript literal of the declared kind.
 * Strings stay strings (JSON-quoted values are unquoted first), numbers must
 * parse, booleans are true/false, JSON kinds must be valid JSON.
 */
export function toLiteral(p: DeclaredParam, raw: string): string {
  const fail = (what: string) => new UsageError("parameter '" + p.name + "' is a " + what + " (default " + p.initializer + "), not '" + raw + "'");
  switch (p.kind) {
    case "string": {
      if (/^".*"$/s.test(raw)) {
        try {
          return JSON.stringify(JSON.parse(raw));
        } catch {
          // not JSON: keep the text as it is
        }
      }
      return JSON.stringify(raw);
    }
    case "number": {
      const n = Number(raw);
      if (raw.trim() === "" || Number.isNaN(n)) throw fail("number");
      return String(n);
    }
    case "boolean":
      if (raw === "true" || raw === "false") return raw;
      throw fail("boolean");
    case "json":
      try {
        return JSON.stringify(JSON.parse(raw));
      } catch {
        throw fail("JSON value");
      }
    default: {
      // Unknown default type: numbers, booleans, null and JSON pass as such, anything else as a string.
      try {
        return JSON.stringify(JSON.parse(raw));
      } catch {
        return JSON.stringify(raw);
      }
    }
  }
}

/**
 * Source of the injected-parameters cell. Every name must be declared in the
 * parameters cell; unknown names are a UsageError listing the known ones.
 */
export function injectedSource(declared: DeclaredParam[], values: Map<string, string>): string {
  const lines = ["// Parameters injected by `evalbook run --param`"];
  for (const [name, raw] of values) {
    const p = declared.find((d) => d.name === name);
    if (!p) {
      throw new UsageError("unknown parameter '" + name + "' (the parameters cell declares: " + (declared.map((d) => d.name).join(", ") || "nothing") + ")");
    }
    lines.push(p.keyword + " " + name + " = " + toLiteral(p, raw) + ";");
  }
  return lines.join("\n");
}
