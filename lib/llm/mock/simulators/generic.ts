/**
 * The "generic" simulated model: an echo-like model with a controllable
 * quality, for tests, benchmarks and as the answer to non-simulated model
 * names in the loopback server.
 *
 * Chat: the answer is the last user message, in which each word token is
 * independently kept with probability `quality` and otherwise replaced by a
 * filler word (so quality 1 echoes exactly and lower quality degrades the
 * answer smoothly, e.g. for ROUGE against the input). Model-string
 * parameters: `quality` (0..1, default 0.8), `answer` (a fixed answer text,
 * overriding the echo), `prefix` (text put before every answer).
 * Completions and embeddings use the server's defaults (see ../logprobs.ts
 * and ../embedding.ts).
 */
import type { ChatMessage } from "../../types";
import type { Simulator, SimulatorContext } from "../simulator";
import { tokenize } from "../tokenize";
import { FILLER_WORDS } from "../logprobs";

/** The `quality` parameter of a simulated model string (default `dflt`), clamped to [0, 1]. */
export function qualityParam(params: Record<string, string>, dflt: number): number {
  const raw = params.quality;
  if (raw === undefined) return dflt;
  const q = Number(raw);
  if (!Number.isFinite(q)) return dflt;
  return Math.min(1, Math.max(0, q));
}

const WORDLIKE = /[\p{L}\p{N}]/u;
const FILLER = FILLER_WORDS.filter((w) => WORDLIKE.test(w));

function genericChat(messages: ChatMessage[], ctx: SimulatorContext): string {
  const prefix = ctx.params.prefix ?? "";
  if (ctx.params.answer !== undefined) return prefix + ctx.params.answer;
  const q = qualityParam(ctx.params, 0.8);
  let last = "";
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === "user") {
      last = messages[i].content;
      break;
    }
  }
  const out: string[] = [];
  for (const tok of tokenize(last)) {
    if (WORDLIKE.test(tok) && ctx.rng.random() >= q) {
      const filler = ctx.rng.pick(FILLER);
      out.push(tok.charAt(0) === " " ? filler : filler.slice(1));
    } else out.push(tok);
  }
  return prefix + out.join("");
}

export const generic: Simulator = {
  description: "echo-like model: repeats the last user message, each word kept with probability quality (default 0.8); params quality, answer, prefix",
  chat: genericChat,
};
