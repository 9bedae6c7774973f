import type { Choice, TokenLogprob, Usage } from "../types";
import { ProviderError } from "./errors";

/* Mapping of OpenAI/Together wire responses to the LLMResponse model. The
 * wire objects are untyped here on purpose: both SDKs' types differ slightly
 * and servers (vLLM, llama.cpp, Ollama) add or omit fields. */

type Obj = Record<string, any>;

function malformed(label: string, what: string): ProviderError {
  return new ProviderError("malformed", label + ": malformed response: " + what, { retryable: true });
}

/** Token usage (zeros when the server reports none). */
export function mapUsage(u: Obj | undefined | null): Usage {
  const p = Number(u?.prompt_tokens ?? 0) || 0;
  const c = Number(u?.completion_tokens ?? 0) || 0;
  const t = Number(u?.total_tokens ?? p + c) || p + c;
  return { promptTokens: p, completionTokens: c, totalTokens: t };
}

/** Chat choices: message content, finish reason, `logprobs.content` entries. */
export function mapChatChoices(data: Obj, label: string): Choice[] {
  if (!data || !Array.isArray(data.choices)) throw malformed(label, "no choices array");
  return data.choices.map((c: Obj, i: number) => {
    if (!c || typeof c !== "object") throw malformed(label, "choice " + i + " is not an object");
    const content = c.message?.content;
    const choice: Choice = {
      index: typeof c.index === "number" ? c.index : i,
      text: typeof content === "string" ? content : "",
      finishReason: c.finish_reason ?? null,
    };
    const lp = c.logprobs?.content;
    if (Array.isArray(lp)) {
      choice.logprobs = lp.map((t: Obj) => {
        const out: TokenLogprob = { token: String(t.token), logprob: t.logprob ?? null };
        if (Array.isArray(t.top_logprobs)) out.top = t.top_logprobs.map((a: Obj) => ({ token: String(a.token), logprob: Number(a.logprob) }));
        return out;
      });
    }
    return choice;
  }).sort((a: Choice, b: Choice) => a.index - b.index);
}

/** Legacy `{tokens, token_logprobs, top_logprobs, text_offset}` to TokenLogprob[]. */
export function mapLegacyLogprobs(lp: Obj, label: string): TokenLogprob[] {
  const tokens = lp.tokens;
  const values = lp.token_logprobs;
  if (!Array.isArray(tokens) || !Array.isArray(values) || tokens.length !== values.length) {
    throw malformed(label, "logprobs.tokens and logprobs.token_logprobs differ in length or are missing");
  }
  const tops = Array.isArray(lp.top_logprobs) ? lp.top_logprobs : undefined;
  const offsets = Array.isArray(lp.text_offset) ? lp.text_offset : undefined;
  return tokens.map((tok: unknown, i: number) => {
    const v = values[i];
    const out: TokenLogprob = { token: String(tok), logprob: v === null || v === undefined ? null : Number(v) };
    if (offsets && typeof offsets[i] === "number") out.offset = offsets[i];
    const top = tops?.[i];
    if (top && typeof top === "object") out.top = Object.entries(top as Record<string, number>).map(([token, logprob]) => ({ token, logprob: Number(logprob) }));
    return out;
  });
}

/**
 * Text-completion choices. OpenAI's legacy format carries the echoed
 * prompt inside `choices[].text` and `choices[].logprobs`; Together's puts
 * the prompt's tokens in a top-level `prompt: [{text, logprobs}]` array. Both
 * are normalised to OpenAI's: with echo, `text` starts with the prompt and
 * `logprobs` cover the prompt tokens first.
 */
export function mapCompletionChoices(data: Obj, label: string, prompt: string, echo: boolean): Choice[] {
  if (!data || !Array.isArray(data.choices)) throw malformed(label, "no choices array");
  const promptPart = Array.isArray(data.prompt) ? data.prompt[0] : undefined;
  const promptLogprobs = echo && promptPart?.logprobs ? mapLegacyLogprobs(promptPart.logprobs, label) : undefined;
  return data.choices.map((c: Obj, i: number) => {
    if (!c || typeof c !== "object") throw malformed(label, "choice " + i + " is not an object");
    let text = typeof c.text === "string" ? c.text : "";
    let logprobs = c.logprobs && typeof c.logprobs === "object" && c.logprobs.tokens ? mapLegacyLogprobs(c.logprobs, label) : undefined;
    if (promptLogprobs && !text.startsWith(prompt)) {
      const shift = prompt.length;
      text = prompt + text;
      logprobs = [...promptLogprobs, ...(logprobs ?? []).map((t) => (t.offset === undefined ? t : { ...t, offset: t.offset + shift }))];
    }
    const choice: Choice = { index: typeof c.index === "number" ? c.index : i, text, finishReason: c.finish_reason ?? null };
    if (logprobs) choice.logprobs = logprobs;
    return choice;
  }).sort((a: Choice, b: Choice) => a.index - b.index);
}

/** Embedding vectors in input order. */
export function mapEmbeddings(data: Obj, label: string, count: number): number[][] {
  if (!data || !Array.isArray(data.data)) throw malformed(label, "no data array");
  const rows = [...data.data].sort((a: Obj, b: Obj) => (a.index ?? 0) - (b.index ?? 0));
  if (rows.length !== count) throw malformed(label, "expected " + count + " embeddings, got " + rows.length);
  return rows.map((r: Obj, i: number) => {
    if (!Array.isArray(r.embedding)) throw malformed(label, "embedding " + i + " is not an array");
    return r.embedding.map(Number);
  });
}
