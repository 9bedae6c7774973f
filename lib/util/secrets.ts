/**
 * Secret redaction. API keys come only from the environment; any text that
 * leaves the process (errors, logs, records, notebook outputs) goes through
 * `redactSecrets`, which replaces the values of secret-looking environment
 * variables and common key shapes with "[redacted]".
 */

const SECRET_NAME = /(API_KEY|_TOKEN|SECRET|PASSWORD|_KEY)$/i;
const KEY_SHAPES = [
  /\bsk-[A-Za-z0-9_-]{16,}\b/g, // OpenAI-style keys
  /\bBearer\s+[A-Za-z0-9._~+/=-]{12,}/g, // Authorization headers
];

/** Values of environment variables whose names look secret (length >= 8). */
export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 8 && SECRET_NAME.test(name)) out.push(value);
  }
  // Longest first so that a key containing another is fully replaced.
  return out.sort((a, b) => b.length - a.length);
}

/** Replace every secret value and key-shaped token in `text`. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let s = text;
  for (const v of secretValues(env)) {
    if (s.includes(v)) s = s.split(v).join("[redacted]");
  }
  for (const re of KEY_SHAPES) s = s.replace(re, (m) => (m.startsWith("Bearer") ? "Bearer [redacted]" : "[redacted]"));
  return s;
}
