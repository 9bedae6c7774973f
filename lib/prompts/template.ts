import * as fs from "node:fs";
import * as path from "node:path";
import { fromRoot } from "../io/paths";
import { readText } from "../io/text";
import { UserError } from "../util/errors";

/** A loaded prompt template with its provenance (recorded in run metadata). */
export interface PromptTemplate {
  study: string;
  name: string;
  version: number;
  /** Path relative to the project root. */
  file: string;
  text: string;
  /** Placeholder names in order of first appearance. */
  placeholders: string[];
}

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Load `prompts/<study>/<name>.v<version>.txt`; without `version`, the highest
 * version present. Templates use `{name}` placeholders; `{{` and `}}` are
 * literal braces.
 */
export function loadPrompt(study: string, name: string, version?: number, dir: string = fromRoot("prompts")): PromptTemplate {
  const folder = path.join(dir, study);
  let v = version;
  if (v === undefined) {
    const re = new RegExp("^" + name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\.v(\\d+)\\.txt$");
    const versions = (fs.existsSync(folder) ? fs.readdirSync(folder) : []).map((f) => re.exec(f)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]));
    if (versions.length === 0) throw new UserError("no prompt template prompts/" + study + "/" + name + ".v<N>.txt");
    v = Math.max(...versions);
  }
  const file = path.join(folder, name + ".v" + v + ".txt");
  if (!fs.existsSync(file)) throw new UserError("no prompt template " + path.relative(path.dirname(dir), file));
  const text = readText(file);
  const placeholders: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (m[1] && !placeholders.includes(m[1])) placeholders.push(m[1]);
  return { study, name, version: v, file: path.relative(path.dirname(dir), file), text, placeholders };
}

/**
 * Fill a template in one pass: values are inserted verbatim and never
 * re-expanded, so an instruction that itself contains "{response}" stays as
 * it is. A placeholder without a value, or a value for no placeholder, is an
 * error (a silent typo would change the prompt).
 */
export function fillPrompt(template: PromptTemplate | string, values: Record<string, string | number>): string {
  const text = typeof template === "string" ? template : template.text;
  const label = typeof template === "string" ? "template" : template.file;
  const used = new Set<string>();
  const out = text.replace(PLACEHOLDER, (m, name: string | undefined) => {
    if (m === "{{") return "{";
    if (m === "}}") return "}";
    const key = name as string;
    if (!(key in values)) throw new UserError(label + ": no value for placeholder {" + key + "}");
    used.add(key);
    return String(values[key]);
  });
  for (const k of Object.keys(values)) if (!used.has(k)) throw new UserError(label + ": value given for unknown placeholder {" + k + "}");
  return out;
}
