import type { Endpoint } from "../types";
import type { OptionSpec } from "../../cli/args";
import { UsageError } from "../../util/errors";
import { parseEndpointSpec } from "./parse-spec";
import { isProblem } from "./validate";

/** The `--role ROLE=SPEC` option study commands add to their options. */
export const roleOption: OptionSpec = {
  name: "role",
  type: "list",
  placeholder: "ROLE=SPEC",
  description: "Point a role at an endpoint: judge=together:meta-llama/Llama-3.3-70B-Instruct-Turbo, or ROLE=provider:model@http://host:port/v1 (repeatable).",
};

/** Parse `--role` values into role → Endpoint; bad values are UsageErrors. */
export function parseRoleFlags(values: readonly string[] | undefined): Record<string, Endpoint> {
  const out: Record<string, Endpoint> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError("--role takes ROLE=provider:model[@baseURL], not '" + v + "'");
    const role = v.slice(0, eq).trim().toLowerCase();
    const ep = parseEndpointSpec(v.slice(eq + 1), "--role " + role);
    if (isProblem(ep)) throw new UsageError(ep.field + " " + ep.reason);
    out[role] = ep as Endpoint;
  }
  return out;
}
