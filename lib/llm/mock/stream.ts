/**
 * Server-sent-event encodings of simulated answers (`stream: true`), in the
 * OpenAI chunk formats: chat sends `chat.completion.chunk` objects (a role
 * delta, one content delta per token with its logprobs when asked, then a
 * finish_reason chunk per choice); legacy completions send `text_completion`
 * chunks (one per token per choice, then the finish_reason). With
 * `stream_options.include_usage` a last chunk carries usage and no choices.
 * The stream ends with `data: [DONE]`.
 */

function sse(events: unknown[]): Buffer {
  let s = "";
  for (const e of events) s += "data: " + JSON.stringify(e) + "\n\n";
  s += "data: [DONE]\n\n";
  return Buffer.from(s, "utf8");
}

interface ChatChoice {
  index: number;
  message: { content: string };
  logprobs: { content: { token: string }[] } | null;
  finish_reason: string;
}

/** SSE body of a chat completion (`resp` as built by simulateChat). */
export function chatStream(resp: Record<string, unknown>, tokensOf: (text: string) => string[], includeUsage: boolean): Buffer {
  const head = { id: resp.id, object: "chat.completion.chunk", created: resp.created, model: resp.model, system_fingerprint: resp.system_fingerprint };
  const events: unknown[] = [];
  const usage = includeUsage ? { usage: null } : {};
  for (const c of resp.choices as ChatChoice[]) {
    events.push({ ...head, choices: [{ index: c.index, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }], ...usage });
    const toks = c.logprobs ? c.logprobs.content.map((t) => t.token) : tokensOf(c.message.content);
    toks.forEach((t, i) => {
      const logprobs = c.logprobs ? { content: [c.logprobs.content[i]], refusal: null } : null;
      events.push({ ...head, choices: [{ index: c.index, delta: { content: t }, logprobs, finish_reason: null }], ...usage });
    });
    events.push({ ...head, choices: [{ index: c.index, delta: {}, logprobs: null, finish_reason: c.finish_reason }], ...usage });
  }
  if (includeUsage) events.push({ ...head, choices: [], usage: resp.usage });
  return sse(events);
}

interface CompletionChoice {
  index: number;
  text: string;
  logprobs: { tokens: string[]; token_logprobs: (number | null)[]; top_logprobs: unknown[] | null; text_offset: number[] } | null;
  finish_reason: string;
}

/** SSE body of a legacy completion (`resp` as built by simulateCompletion). */
export function completionStream(resp: Record<string, unknown>, tokensOf: (text: string) => string[], includeUsage: boolean): Buffer {
  const head = { id: resp.id, object: "text_completion", created: resp.created, model: resp.model, system_fingerprint: resp.system_fingerprint };
  const events: unknown[] = [];
  for (const c of resp.choices as CompletionChoice[]) {
    const lp = c.logprobs;
    const toks = lp ? lp.tokens : tokensOf(c.text);
    toks.forEach((t, i) => {
      const logprobs = lp ? { tokens: [t], token_logprobs: [lp.token_logprobs[i]], top_logprobs: lp.top_logprobs ? [lp.top_logprobs[i]] : null, text_offset: [lp.text_offset[i]] } : null;
      events.push({ ...head, choices: [{ index: c.index, text: t, logprobs, finish_reason: null }] });
    });
    events.push({ ...head, choices: [{ index: c.index, text: "", logprobs: null, finish_reason: c.finish_reason }] });
  }
  if (includeUsage) events.push({ ...head, choices: [], usage: resp.usage });
  return sse(events);
}
