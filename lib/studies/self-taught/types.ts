import type { InvalidReason, VerdictLetter } from "./verdict";

/** A generated response (stage "generate"). */
export interface GeneratedResponse {
  id: string;
  instruction: string;
  response: string;
  /** Model that answered (as the server reported it). */
  model: string;
  simulated: boolean;
}

/** A worse-response record (stage "worse"): parsed, or a recorded parse failure. */
export type WorseResponse =
  | { id: string; ok: true; modifiedInstruction: string; response: string; model: string; simulated: boolean }
  | { id: string; ok: false; reason: string; raw: string; model: string; simulated: boolean };

/** A synthetic preference pair: the good response is at `goodPosition` in the forward order. */
export interface SyntheticPair {
  id: string;
  instruction: string;
  good: string;
  worse: string;
  /** Where the good response is shown in the forward order (seeded). */
  goodPosition: VerdictLetter;
}

/** One judge sample. */
export interface JudgeSample {
  text: string;
  verdict: VerdictLetter | null;
  invalid?: InvalidReason;
}

/** Which presentation: "forward" (good at goodPosition) or "swapped" (positions exchanged). */
export type PairOrder = "forward" | "swapped";

/** The judge's samples on one pair in one order (stage "judge"). */
export interface PairJudgement {
  /** `<pair id>` or `<pair id>#swapped`. */
  id: string;
  pairId: string;
  order: PairOrder;
  /** Where the good response is in THIS presentation. */
  goodPosition: VerdictLetter;
  samples: JudgeSample[];
  model: string;
  simulated: boolean;
  temperature: number;
}
