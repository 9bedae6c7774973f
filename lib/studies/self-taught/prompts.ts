import { fillPrompt, loadPrompt, type PromptTemplate } from "../../prompts/template";

/** The study's prompt templates (prompts/self-taught/<name>.v<version>.txt). */
export interface StudyPrompts {
  generate: PromptTemplate;
  worse: PromptTemplate;
  judge: PromptTemplate;
}

/** Load the three templates (default: version 1 of each). */
export function loadStudyPrompts(versions: { generate?: number; worse?: number; judge?: number } = {}): StudyPrompts {
  return {
    generate: loadPrompt("self-taught", "generate", versions.generate ?? 1),
    worse: loadPrompt("self-taught", "worse", versions.worse ?? 1),
    judge: loadPrompt("self-taught", "judge", versions.judge ?? 1),
  };
}

/** The judge prompt for one ordered pair. */
export function judgePrompt(t: PromptTemplate, instruction: string, responseA: string, responseB: string): string {
  return fillPrompt(t, { instruction, response_a: responseA, response_b: responseB });
}

/**
 * Invert a filled template: the placeholder values of `text` if it was made
 * from `t` by fillPrompt, else null. Placeholders match lazily, so a value
 * containing the literal text that follows its placeholder in the template
 * is ambiguous; the simulator is the only user and our templates end each
 * value with a distinctive header.
 */
export function matchPrompt(t: PromptTemplate | string, text: string): Record<string, string> | null {
  const src = typeof t === "string" ? t : t.text;
  const names: string[] = [];
  let re = "^";
  let last = 0;
  const rx = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
  for (const m of src.matchAll(rx)) {
    const idx = m.index ?? 0;
    re += escapeRe(src.slice(last, idx));
    if (m[0] === "{{") re += "\\{";
    else if (m[0] === "}}") re += "\\}";
    else {
      names.push(m[1] as string);
      re += "([\\s\\S]*?)";
    }
    last = idx + m[0].length;
  }
  re += escapeRe(src.slice(last)) + "$";
  const mm = new RegExp(re).exec(text);
  if (!mm) return null;
  const out: Record<string, string> = {};
  names.forEach((n, i) => (out[n] = mm[i + 1]));
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
