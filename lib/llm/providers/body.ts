import type { ChatRequest, CompletionRequest, EmbeddingRequest, SamplingParams } from "../types";

/** Copy the defined keys only (the wire body never carries `undefined`). */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function sampling(r: SamplingParams): Record<string, unknown> {
  return { temperature: r.temperature, top_p: r.top_p, max_tokens: r.max_tokens, stop: r.stop, seed: r.seed, n: r.n };
}

/** Wire body of POST /chat/completions. */
export function chatBody(model: string, r: ChatRequest): Record<string, unknown> {
  return defined({
    model,
    messages: r.messages.map((m) => ({ role: m.role, content: m.content })),
    ...sampling(r),
    logprobs: r.logprobs,
    top_logprobs: r.top_logprobs,
  });
}

/** Wire body of POST /completions (legacy text completions, echo + logprobs for scoring). */
export function completionBody(model: string, r: CompletionRequest): Record<string, unknown> {
  return defined({ model, prompt: r.prompt, ...sampling(r), echo: r.echo, logprobs: r.logprobs });
}

/** Wire body of POST /embeddings. */
export function embeddingBody(model: string, r: EmbeddingRequest): Record<string, unknown> {
  return { model, input: r.input };
}
