import type { ChatRequest, CompletionRequest, EmbeddingRequest } from "./types";
import type { RequestKind } from "./cache/key";
import { UserError } from "../util/errors";

const ROLES = ["system", "user", "assistant"];

/** Reject malformed requests before they reach the cache or a provider (UserError naming the field). */
export function validateRequest(kind: RequestKind, req: ChatRequest | CompletionRequest | EmbeddingRequest): void {
  const bad = (field: string, why: string): never => {
    throw new UserError(kind + " request: field '" + field + "' " + why);
  };
  if (!req || typeof req !== "object") bad("(request)", "must be an object");
  if (kind === "chat") {
    const r = req as ChatRequest;
    if (!Array.isArray(r.messages) || r.messages.length === 0) bad("messages", "must be a non-empty array");
    r.messages.forEach((m, i) => {
      if (!m || !ROLES.includes(m.role)) bad("messages[" + i + "].role", "must be system, user or assistant");
      if (typeof m.content !== "string") bad("messages[" + i + "].content", "must be a string");
    });
  } else if (kind === "completion") {
    if (typeof (req as CompletionRequest).prompt !== "string") bad("prompt", "must be a string");
  } else {
    const r = req as EmbeddingRequest;
    if (!Array.isArray(r.input) || r.input.some((s) => typeof s !== "string")) bad("input", "must be an array of strings");
  }
  const s = req as ChatRequest;
  for (const f of ["temperature", "top_p", "max_tokens", "seed", "n"] as const) {
    const v = s[f];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) bad(f, "must be a finite number");
  }
  if (s.n !== undefined && (!Number.isInteger(s.n) || s.n < 1)) bad("n", "must be an integer >= 1");
  if (s.stop !== undefined && (!Array.isArray(s.stop) || s.stop.some((x) => typeof x !== "string"))) bad("stop", "must be an array of strings");
}
