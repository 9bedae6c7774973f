import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import {
  startMockServer,
  tokenize,
  countTokens,
  tokenLogprob,
  topAlternatives,
  meanLogprob,
  hashedEmbedding,
  parseSimulatedModel,
  simulators,
  type MockServer,
  type Simulator,
} from "../../../lib/llm/mock/index";
import { seededRng } from "../../../lib/random/seeded";

describe("tokenizer", () => {
  it("splits into words, numbers, punctuation and spaces that concatenate back exactly", () => {
    expect(tokenize("Hello, world! 12345 ok")).toEqual(["Hello", ",", " world", "!", " 123", "45", " ok"]);
    expect(tokenize("a  b\n\nc")).toEqual(["a", " ", " b", "\n", "\n", "c"]); // GPT-2-like whitespace split
    expect(tokenize("")).toEqual([]);
    const rng = seededRng(3);
    const alphabet = ["a", "Z", " ", "  ", "\n", "\t", ".", "?!", "é", "日本", "👍", "9", "'", "don't", "\u0301"];
    for (let k = 0; k < 300; k++) {
      let s = "";
      for (let i = 0; i < rng.int(30); i++) s += rng.pick(alphabet);
      const t = tokenize(s);
      expect(t.join("")).toBe(s);
      expect(t.every((x) => x.length > 0)).toBe(true);
      expect(countTokens(s)).toBe(t.length);
    }
  });
});

describe("default log-prob model", () => {
  it("is deterministic, negative and increasing in quality", () => {
    const toks = tokenize("The quick brown fox jumps over the lazy dog.");
    let prev = "";
    for (const t of toks) {
      const lo = tokenLogprob(prev, t, 0);
      const mid = tokenLogprob(prev, t, 0.5);
      const hi = tokenLogprob(prev, t, 1);
      expect(lo).toBeLessThan(mid);
      expect(mid).toBeLessThan(hi);
      expect(hi).toBeLessThan(0);
      expect(tokenLogprob(prev, t, 0.5)).toBe(mid);
      prev = t;
    }
    expect(tokenLogprob("", "x", 7)).toBe(tokenLogprob("", "x", 1));
  });

  it("top alternatives are sorted, distinct and carry at most the total mass", () => {
    const top = topAlternatives(" the", " cat", -2, 5);
    expect(top).toHaveLength(5);
    expect(new Set(top.map((t) => t.token)).size).toBe(5);
    expect(top.map((t) => t.logprob)).toEqual(top.map((t) => t.logprob).sort((a, b) => b - a));
    expect(top.reduce((s, t) => s + Math.exp(t.logprob), 0)).toBeLessThanOrEqual(1);
    expect(topAlternatives("", "a", -0.1, 0)).toEqual([]);
  });

  it("meanLogprob skips nulls", () => {
    expect(meanLogprob([null, -1, -3])).toBe(-2);
    expect(meanLogprob([null])).toBeNaN();
  });
});

describe("default embedding", () => {
  const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
  it("is unit-length, deterministic, case-insensitive, and similar for similar texts", () => {
    const a = hashedEmbedding("The judge prefers response A.");
    expect(a).toHaveLength(256);
    expect(cos(a, a)).toBeCloseTo(1, 12);
    expect(hashedEmbedding("the JUDGE prefers response a")).toEqual(a);
    expect(cos(a, hashedEmbedding("The judge prefers response B."))).toBeGreaterThan(0.7);
    expect(Math.abs(cos(a, hashedEmbedding("photosynthesis in chloroplasts")))).toBeLessThan(0.35);
    expect(hashedEmbedding("...", 8)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("model strings", () => {
  it("parse simulator name and decoded parameters", () => {
    expect(parseSimulatedModel("simulated/self-taught-judge?quality=0.7&style=short%20x")).toEqual({ name: "self-taught-judge", params: { quality: "0.7", style: "short x" } });
    expect(parseSimulatedModel("simulated/generic")).toEqual({ name: "generic", params: {} });
    expect(parseSimulatedModel("gpt-4o")).toBeUndefined();
    expect(parseSimulatedModel("simulated/")).toBeUndefined();
    expect(simulators.generic).toBeDefined();
  });
});

describe("registered simulators answer through the server", () => {
  const seen: { choice: number; params: Record<string, string>; temp: number; maxTokens?: number }[] = [];
  const custom: Simulator = {
    description: "test simulator",
    chat(messages, ctx) {
      seen.push({ choice: ctx.choiceIndex, params: ctx.params, temp: ctx.temperature, maxTokens: ctx.maxTokens });
      return "Verdict: " + (ctx.rng.random() < Number(ctx.params.quality ?? 0.5) ? "A" : "B") + " (" + messages.length + ")";
    },
    complete(prompt) {
      const words = prompt.split(/(?<= )/);
      return { text: " done", promptTokens: words.map((w, i) => [w, -0.1 * (i + 1)] as [string, number]) };
    },
    embed: (input) => [input.length, 1, 0, 0],
  };
  const broken: Simulator = {
    description: "broken",
    chat() {
      throw new Error("bad state");
    },
    complete: () => ({ text: "", promptTokens: [["nope", -1]] }),
  };
  let s: MockServer;
  let c: OpenAI;
  beforeAll(async () => {
    s = await startMockServer({ simulators: { custom, broken } });
    c = new OpenAI({ baseURL: s.url, apiKey: "t", maxRetries: 0 });
  });
  afterAll(() => s.close());

  it("chat gets params, choice index, temperature and max_tokens", async () => {
    const r = await c.chat.completions.create({ model: "simulated/custom?quality=0.9", messages: [{ role: "user", content: "x" }], n: 3, temperature: 0.4, max_tokens: 50 });
    expect(r.choices.map((x) => x.message.content!.replace(/[AB]/, "?"))).toEqual(["Verdict: ? (1)", "Verdict: ? (1)", "Verdict: ? (1)"]);
    expect(seen.slice(-3)).toEqual([0, 1, 2].map((choice) => ({ choice, params: { quality: "0.9" }, temp: 0.4, maxTokens: 50 })));
    const models = await c.models.list();
    expect(models.data.map((m) => m.id)).toEqual(expect.arrayContaining(["simulated/custom", "simulated/generic"]));
  });

  it("completions use the simulator's prompt tokens (first logprob null)", async () => {
    const r = await c.completions.create({ model: "simulated/custom", prompt: "one two three", echo: true, logprobs: 0, max_tokens: 5 });
    const lp = r.choices[0].logprobs!;
    expect(lp.tokens).toEqual(["one ", "two ", "three", " done"]);
    expect(lp.token_logprobs!.slice(0, 3)).toEqual([null, -0.2, expect.closeTo(-0.3, 12)]);
    expect(r.choices[0].text).toBe("one two three done");
  });

  it("embeddings use the simulator's vectors (dimensions truncates and renormalises)", async () => {
    const r = await c.embeddings.create({ model: "simulated/custom", input: "abc", encoding_format: "float" });
    expect(r.data[0].embedding).toEqual([3, 1, 0, 0]);
    const d = await c.embeddings.create({ model: "simulated/custom", input: "abc", encoding_format: "float", dimensions: 2 });
    expect(d.data[0].embedding[0]).toBeCloseTo(3 / Math.sqrt(10), 6);
  });

  it("simulator failures are 500 simulator_error naming the simulator", async () => {
    await expect(c.chat.completions.create({ model: "simulated/broken", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 500,
      code: "simulator_error",
      message: expect.stringContaining("simulator 'broken' failed in chat: bad state"),
    });
    await expect(c.completions.create({ model: "simulated/broken", prompt: "abc", echo: true, logprobs: 0, max_tokens: 0 })).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining("do not concatenate to the prompt"),
    });
  });
});
