import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startOfflineLLM, type OfflineLLM } from "../../lib/llm/offline";
import { readMcDataset, scoreWithLLM } from "../../lib/studies/correlations/scorer";
import { correlationsTokenLogprob } from "../../lib/studies/correlations/simulator";
import { tokenize } from "../../lib/llm/mock/tokenize";
import { pivotScores } from "../../lib/studies/correlations/score-table";
import { correlateWithCompute } from "../../lib/studies/correlations/compute-correlations";
import { softmax } from "../../lib/studies/correlations/softmax";

const scales = [0.1, 0.4, 0.7, 1];
let off: OfflineLLM;
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "corr-scorer-"));

beforeAll(async () => {
  const roles: Record<string, string> = {};
  scales.forEach((s, i) => (roles["m" + i] = "simulated/correlations?scale=" + s + "&drift=0.3&family=A"));
  off = await startOfflineLLM({ roles, runDir });
});
afterAll(async () => {
  await off?.close();
});

/** Independent expectation: tokens of context+continuation that end after the context, summed. */
function expectedLogLik(context: string, cont: string, scale: number): number {
  const toks = tokenize(context + cont);
  let pos = 0;
  let s = 0;
  toks.forEach((t, i) => {
    const end = pos + t.length;
    if (end > context.length && i > 0) s += correlationsTokenLogprob(toks[i - 1], t, scale, 0.3, "A");
    pos = end;
  });
  return s;
}

describe("own scorer through the LLM layer (loopback server, simulated family)", () => {
  const questions = readMcDataset(path.join(process.cwd(), "data/correlations/mc_demo.jsonl"));

  it("reads the demo dataset with the prompt template", () => {
    expect(questions).toHaveLength(16);
    expect(questions[0].context).toBe("Question: Which gas do plants take in from the air to make sugar?\nAnswer:");
    expect(questions[0].continuations[0]).toBe(" carbon dioxide");
  });

  it("per-choice log-likelihoods equal the simulator's continuation token log-probs; table as the importer's", async () => {
    const { rows, failed } = await scoreWithLLM({ llm: off.llm, roles: scales.map((_, i) => "m" + i), models: scales.map((s) => "A_" + s), questions, task: "demo", runDir });
    expect(failed).toEqual([]);
    expect(rows.length).toBe(scales.length * questions.length * 8);
    for (const [mi, s] of scales.entries()) {
      for (const q of questions.slice(0, 5)) {
        const lls = q.continuations.map((c) => expectedLogLik(q.context, c, s));
        const got = (m: string) => rows.find((r) => r.model === "A_" + scales[mi] && r.sample_idx === q.sampleIdx && r.metric === m)!.score;
        expect(got("log_prob_vocab_correct")).toBeCloseTo(lls[q.answer], 12);
        expect(got("prob_choices_correct")).toBeCloseTo(softmax(lls)[q.answer], 12);
      }
    }
    const requests = off.server.requests.filter((r) => r.path.endsWith("/completions"));
    expect(requests.length).toBe(scales.length * questions.reduce((a, q) => a + q.continuations.length, 0));
    const b = requests[0].body as Record<string, unknown>;
    expect(b.echo).toBe(true);
    expect(b.logprobs).toBe(1);
    expect(b.max_tokens).toBe(0);
    // the table feeds the correlation pipeline
    const registry = scales.map((s, i) => ({ nickname: "A_" + s, family: "A", parameters: 1e8 * (i + 1), tokens: 1e10 * (i + 1), compute: 6e18 * (i + 1) ** 2 }));
    const m = pivotScores(rows.map((row) => ({ row }))).find((x) => x.metric === "log_prob_vocab_correct")!;
    const [res] = correlateWithCompute(m, registry, "spearman");
    expect(res.correlations.length).toBe(16);
    expect(res.summary.mean).toBeGreaterThan(0.5); // log-probs rise with scale
  });

  it("with max_tokens 1 (servers that need it) the generated token is ignored", async () => {
    const q = questions.slice(0, 3);
    const a = await scoreWithLLM({ llm: off.llm, roles: ["m1"], questions: q, task: "demo" });
    const b = await scoreWithLLM({ llm: off.llm, roles: ["m1"], questions: q, task: "demo", maxTokens: 1 });
    const last = off.server.requests[off.server.requests.length - 1].body as Record<string, unknown>;
    expect(last.max_tokens).toBe(1);
    expect(off.server.requests.length).toBeGreaterThan(0);
    expect(b.rows.map((r) => r.score)).toEqual(a.rows.map((r) => r.score));
  });

  it("re-running with the same run directory resumes from the records (no new requests)", async () => {
    const before = off.server.requests.length;
    const { rows } = await scoreWithLLM({ llm: off.llm, roles: ["m0"], models: ["A_0.1"], questions, task: "demo", runDir });
    expect(rows.length).toBe(questions.length * 8);
    expect(off.server.requests.length).toBe(before);
  });
});
