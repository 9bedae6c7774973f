export { RoleRegistry, type RoleResolution, type RoleSource } from "./registry";
export { parseEndpointSpec } from "./parse-spec";
export { validateEndpoint, validateLimits, providerName, isProblem, type FieldProblem } from "./validate";
export { loadProjectConfig, parseProjectConfig, CONFIG_FILE, type ProjectLLMConfig } from "./config-file";
export { rolesFromEnv, ROLE_ENV_PREFIX } from "./env";
export { roleOption, parseRoleFlags } from "./cli-flags";
