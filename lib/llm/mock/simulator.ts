import type { ChatMessage } from "../types";
import type { Rng } from "../../random/seeded";

/**
 * A simulated model served by the loopback server (offline default of the
 * study notebooks). Requests for model "simulated/<name>?k=v&..." go to the
 * simulator registered as <name> in ./simulators/index.ts. Simulators are
 * deterministic: `rng` is seeded from the model string, the request body and
 * the choice index, so equal requests give equal answers.
 */
export interface SimulatorContext {
  /** Full model string, e.g. "simulated/self-taught-judge?quality=0.7". */
  model: string;
  /** Simulator name ("self-taught-judge"). */
  name: string;
  /** Parameters from the model string's query part (strings). */
  params: Record<string, string>;
  /** Seeded per (model, request, choice index). */
  rng: Rng;
  /** Index of the choice being generated (0..n-1). */
  choiceIndex: number;
  /** Sampling temperature of the request (default 1). */
  temperature: number;
  /** The request body as sent (parsed JSON), for simulators that need more than the messages. */
  request?: Readonly<Record<string, unknown>>;
  /** The request's max_tokens, when given (the server truncates longer answers itself). */
  maxTokens?: number;
}

/** Result of a simulated text completion. */
export interface SimulatedCompletion {
  /** Generated continuation (may be empty, e.g. for scoring with max_tokens 0). */
  text: string;
  /**
   * Log-probabilities of the prompt's tokens when echo is requested, as
   * [token, logprob] pairs whose tokens concatenate to the prompt. When
   * omitted the server uses its default tokenisation and a seeded model.
   */
  promptTokens?: [string, number][];
}

export interface Simulator {
  /** One-line description (shown by `evalbook serve-mock --list`). */
  description: string;
  /** Text of one chat choice. */
  chat?(messages: ChatMessage[], ctx: SimulatorContext): string;
  /** A text completion (with optional prompt-token log-probabilities). */
  complete?(prompt: string, ctx: SimulatorContext): SimulatedCompletion;
  /** An embedding vector for one input. */
  embed?(input: string, ctx: SimulatorContext): number[];
}
