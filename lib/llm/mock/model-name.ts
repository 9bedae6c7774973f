/**
 * Parsing of simulated model strings: "simulated/<name>?k=v&..." names the
 * simulator <name> with parameters {k: v} (URL query syntax, values decoded).
 */
export interface SimulatedModelName {
  name: string;
  params: Record<string, string>;
}

export const SIMULATED_PREFIX = "simulated/";

/** True for model strings of the form "simulated/<name>...". */
export function isSimulatedModel(model: string): boolean {
  return model.startsWith(SIMULATED_PREFIX);
}

/** Parse "simulated/<name>?k=v&..." (returns undefined for other strings or an empty name). */
export function parseSimulatedModel(model: string): SimulatedModelName | undefined {
  if (!isSimulatedModel(model)) return undefined;
  const rest = model.slice(SIMULATED_PREFIX.length);
  const q = rest.indexOf("?");
  const name = q >= 0 ? rest.slice(0, q) : rest;
  if (name.length === 0) return undefined;
  const params: Record<string, string> = {};
  if (q >= 0) new URLSearchParams(rest.slice(q + 1)).forEach((v, k) => (params[k] = v));
  return { name, params };
}
