/**
 * Together AI's supervised fine-tuning data formats (one JSON object per line):
 *
 * - "conversation": `{"messages": [{"role": "system"|"user"|"assistant", "content": "..."}, ...]}`
 *   (an optional leading system message, then user/assistant turns alternating,
 *   starting with user, with at least one assistant turn; an optional per-message
 *   `weight` of 0 or 1 says whether the turn is trained on);
 * - "instruction": `{"prompt": "...", "completion": "..."}`;
 * - "general": `{"text": "..."}`.
 */

export type TrainingFormat = "conversation" | "instruction" | "general";

export type TrainingRole = "system" | "user" | "assistant";

export interface TrainingMessage {
  role: TrainingRole;
  content: string;
  /** 0 = not trained on, 1 = trained on (Together's per-message weight). */
  weight?: 0 | 1;
}

/** One row of a conversational file. */
export interface ConversationRow {
  messages: TrainingMessage[];
}

/** One row of an instruction (prompt/completion) file. */
export interface InstructionRow {
  prompt: string;
  completion: string;
}

/** One row of a general (plain text) file. */
export interface GeneralRow {
  text: string;
}

export type TrainingRow = ConversationRow | InstructionRow | GeneralRow;

/** The keys each format allows on a row. */
export const FORMAT_KEYS: Record<TrainingFormat, string[]> = {
  conversation: ["messages"],
  instruction: ["prompt", "completion"],
  general: ["text"],
};

export const TRAINING_ROLES: TrainingRole[] = ["system", "user", "assistant"];

/** The format a row's keys indicate, or undefined when none matches. */
export function detectRowFormat(row: Record<string, unknown>): TrainingFormat | undefined {
  if ("messages" in row) return "conversation";
  if ("prompt" in row || "completion" in row) return "instruction";
  if ("text" in row) return "general";
  return undefined;
}

/** Build a conversational row (optionally with a system prompt). */
export function conversationRow(user: string, assistant: string, system?: string): ConversationRow {
  const messages: TrainingMessage[] = [];
  if (system !== undefined) messages.push({ role: "system", content: system });
  messages.push({ role: "user", content: user }, { role: "assistant", content: assistant });
  return { messages };
}
