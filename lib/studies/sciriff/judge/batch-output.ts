import { readText } from "../../../io/text";
import { parseJsonText } from "../../../io/jsonl";
import { InputError } from "../../../util/errors";

/** One line of an OpenAI Batch API output (or error) file. */
export interface BatchOutputLine {
  id?: string;
  custom_id: string;
  response?: { status_code?: number; body?: unknown } | null;
  error?: unknown;
}

/** The reply text of one batch result, or undefined (error, non-200, no content). */
export function batchReplyText(line: BatchOutputLine): string | undefined {
  const r = line.response;
  if (!r || (r.status_code !== undefined && r.status_code !== 200)) return undefined;
  const body = r.body as { choices?: { message?: { content?: unknown } }[] } | undefined;
  const c = body?.choices?.[0]?.message?.content;
  return typeof c === "string" ? c : undefined;
}

/**
 * Parse Batch API results: JSON Lines (the output file as downloaded) or a
 * JSON array of the same objects (SciRIFF's `lm_judge_raw.json`). Returns a
 * map custom_id -> line. A repeated custom_id or a line without one is an
 * InputError.
 */
export function parseBatchOutput(text: string, file: string): Map<string, BatchOutputLine> {
  const trimmed = text.trim();
  const items: { line?: number; value: unknown }[] = [];
  if (trimmed.startsWith("[")) {
    const arr = parseJsonText(trimmed, { file }) as unknown[];
    arr.forEach((value) => items.push({ value }));
  } else {
    text.split("\n").forEach((l, i) => {
      if (l.trim() !== "") items.push({ line: i + 1, value: parseJsonText(l, { file, line: i + 1 }) });
    });
  }
  const out = new Map<string, BatchOutputLine>();
  items.forEach(({ line, value }, k) => {
    const v = value as BatchOutputLine;
    const where = { file, line: line ?? undefined, field: line === undefined ? "[" + k + "].custom_id" : "custom_id" };
    if (!v || typeof v !== "object" || typeof v.custom_id !== "string") throw new InputError(where, "batch result without a custom_id");
    if (out.has(v.custom_id)) throw new InputError(where, "custom_id " + v.custom_id + " appears twice");
    out.set(v.custom_id, v);
  });
  return out;
}

/** Read a batch output file (see {@link parseBatchOutput}). */
export function readBatchOutput(file: string): Map<string, BatchOutputLine> {
  return parseBatchOutput(readText(file), file);
}
