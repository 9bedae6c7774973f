import type { LLM } from "../../llm/types";
import { fromRows, type Matrix } from "../../ml/matrix";

/**
 * Embed texts through the LLM layer (`llm.embed(role, ...)`) in batches;
 * returns one row per text. Vectors of differing length are an error.
 */
export async function embedTexts(llm: LLM, role: string, texts: readonly string[], batch = 64): Promise<{ matrix: Matrix; simulated: boolean }> {
  const rows: number[][] = [];
  let simulated = false;
  for (let i = 0; i < texts.length; i += batch) {
    const chunk = texts.slice(i, i + batch);
    const res = await llm.embed(role, { input: [...chunk] }, { stage: "embed", itemId: "batch-" + i / batch });
    simulated = simulated || res.simulated;
    const e = res.embeddings;
    if (!e || e.length !== chunk.length) throw new Error("the embedding endpoint returned " + (e ? e.length : 0) + " vectors for " + chunk.length + " inputs");
    rows.push(...e);
  }
  return { matrix: fromRows(rows), simulated };
}
