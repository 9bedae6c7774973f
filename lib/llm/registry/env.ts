import type { Endpoint } from "../types";
import { InputError } from "../../util/errors";
import { parseEndpointSpec } from "./parse-spec";
import { isProblem } from "./validate";

/** Prefix of role override variables: EVALBOOK_ROLE_JUDGE=together:model[@baseURL] or a JSON endpoint. */
export const ROLE_ENV_PREFIX = "EVALBOOK_ROLE_";

/**
 * Role overrides from the environment. The role is the variable's suffix in
 * lower case (EVALBOOK_ROLE_JUDGE → "judge"). A bad value is an InputError
 * naming the variable.
 */
export function rolesFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, Endpoint> {
  const out: Record<string, Endpoint> = {};
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(ROLE_ENV_PREFIX)) continue;
    const value = env[name];
    if (!value) continue;
    const role = name.slice(ROLE_ENV_PREFIX.length).toLowerCase();
    if (!role) continue;
    const ep = parseEndpointSpec(value, name);
    if (isProblem(ep)) throw new InputError({ file: "environment", field: ep.field }, ep.reason);
    out[role] = ep as Endpoint;
  }
  return out;
}
