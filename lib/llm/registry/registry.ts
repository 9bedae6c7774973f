import type { Endpoint, EndpointLimits } from "../types";
import { UserError } from "../../util/errors";
import { isProblem, validateEndpoint } from "./validate";

/** Where a role's endpoint came from. */
export type RoleSource = "config" | "env" | "cli" | "notebook" | "offline" | "code";

/** One resolution or swap of a role, as recorded in run metadata. */
export interface RoleResolution {
  role: string;
  /** The endpoint (never a key: only the key's variable name). */
  endpoint: Endpoint;
  source: RoleSource;
  /** ISO time of the change. */
  at: string;
  /** The endpoint it replaced, if any. */
  previous?: Endpoint;
}

/**
 * Roles → endpoints, with the full history of where each role pointed.
 * Layers are applied in order config < env < cli < notebook/code, each
 * change being one RoleResolution. `defaults` are the project-wide limits
 * merged under each endpoint's own.
 */
export class RoleRegistry {
  private readonly roles = new Map<string, Endpoint>();
  private readonly resolved = new Map<string, Endpoint>();
  readonly history: RoleResolution[] = [];

  constructor(private readonly defaults: EndpointLimits = {}) {}

  /** Point a role at an endpoint. */
  set(role: string, endpoint: Endpoint, source: RoleSource): void {
    const ep = validateOrThrow(role, endpoint);
    const previous = this.roles.get(role);
    this.roles.set(role, ep);
    this.resolved.delete(role);
    this.history.push({ role, endpoint: clone(ep), source, at: new Date().toISOString(), ...(previous ? { previous: clone(previous) } : {}) });
  }

  /**
   * The one-line swap: fields not given are kept from the role's current
   * endpoint when the provider stays the same (a new model drops the old
   * dedicated endpoint id); a role that does not exist yet needs a provider
   * (or a baseURL, meaning an OpenAI-compatible server).
   */
  swap(role: string, partial: Partial<Endpoint> & { model: string }, source: RoleSource = "notebook"): Endpoint {
    const cur = this.roles.get(role);
    let base: Partial<Endpoint>;
    if (cur && (partial.provider === undefined || partial.provider === cur.provider)) {
      base = { ...cur };
      if (partial.model !== cur.model) delete base.dedicatedEndpointId;
    } else {
      base = {};
    }
    const provider = partial.provider ?? base.provider ?? (partial.baseURL ? "openai-compatible" : undefined);
    if (!provider) throw new UserError("setRole('" + role + "'): the role is new, so give a provider (openai, together, openai-compatible) or a baseURL");
    const ep = { ...base, ...stripUndefined(partial), provider } as Endpoint;
    this.set(role, ep, source);
    return ep;
  }

  has(role: string): boolean {
    return this.roles.has(role);
  }

  /** The endpoint of a role with project default limits merged in; UserError for an unknown role. */
  get(role: string): Endpoint {
    return clone(this.resolve(role));
  }

  /** Like get, without the defensive copy (hot path; callers must not mutate it). */
  resolve(role: string): Endpoint {
    const hit = this.resolved.get(role);
    if (hit) return hit;
    const ep = this.roles.get(role);
    if (!ep) {
      const known = [...this.roles.keys()].sort();
      throw new UserError(
        "unknown role '" + role + "'" + (known.length ? " (configured: " + known.join(", ") + ")" : "") +
          ": map it in evalbook.config.json, EVALBOOK_ROLE_" + role.toUpperCase().replace(/-/g, "_") + "=provider:model, --role " + role + "=provider:model, or llm.setRole(...)",
      );
    }
    const limits = { ...this.defaults, ...(ep.limits ?? {}) };
    const out = { ...clone(ep), ...(Object.keys(limits).length ? { limits } : {}) };
    this.resolved.set(role, out);
    return out;
  }

  /** Current role → endpoint map. */
  current(): Record<string, Endpoint> {
    const out: Record<string, Endpoint> = {};
    for (const k of [...this.roles.keys()].sort()) out[k] = clone(this.roles.get(k)!);
    return out;
  }
}

function validateOrThrow(role: string, ep: Endpoint): Endpoint {
  const v = validateEndpoint(stripUndefined(ep as unknown as Record<string, unknown>), "role " + role);
  if (isProblem(v)) throw new UserError(v.field + " " + v.reason);
  return v as Endpoint;
}

function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

function clone(ep: Endpoint): Endpoint {
  return JSON.parse(JSON.stringify(ep)) as Endpoint;
}
