import type { ChatRequest, CompletionRequest, EmbeddingRequest } from "../types";
import type { RequestKind } from "../cache/key";

/** Output tokens assumed per choice when a request sets no max_tokens (for estimates and budgets). */
export const DEFAULT_OUTPUT_ESTIMATE = 512;

/**
 * A conservative token estimate made before a call (no tokenizer is
 * bundled): ceil(characters / 4) per text, plus 4 tokens per chat message;
 * output = max_tokens (or DEFAULT_OUTPUT_ESTIMATE) times n. Used for the
 * tokens/minute limiter, budgets and dry runs; the real usage from the
 * response replaces it afterwards.
 */
export function estimateTokens(kind: RequestKind, req: ChatRequest | CompletionRequest | EmbeddingRequest): { prompt: number; completion: number } {
  const t = (s: string) => Math.ceil(s.length / 4);
  if (kind === "embedding") {
    const r = req as EmbeddingRequest;
    return { prompt: r.input.reduce((a, s) => a + t(s), 0), completion: 0 };
  }
  const n = (req as ChatRequest).n ?? 1;
  const maxTokens = (req as ChatRequest).max_tokens;
  const completion = (maxTokens ?? DEFAULT_OUTPUT_ESTIMATE) * n;
  if (kind === "chat") {
    const r = req as ChatRequest;
    return { prompt: r.messages.reduce((a, m) => a + 4 + t(m.content), 3), completion };
  }
  const r = req as CompletionRequest;
  return { prompt: t(r.prompt), completion };
}
