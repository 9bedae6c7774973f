import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Together from "together-ai";
import { startMockServer, tokenize, type MockServer } from "../../../lib/llm/mock/index";

let server: MockServer;
let openai: OpenAI;
let together: Together;

beforeAll(async () => {
  server = await startMockServer({ seed: 7 });
  openai = new OpenAI({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
  together = new Together({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
});
afterAll(() => server.close());

const messages = [
  { role: "system" as const, content: "You are terse." },
  { role: "user" as const, content: "Summarise the findings of the report on river pollution in two sentences." },
];

describe("chat completions (openai SDK)", () => {
  it("returns n choices in OpenAI's shape, deterministic and different from each other", async () => {
    const req = { model: "simulated/generic?quality=0.3", messages, n: 4 };
    const a = await openai.chat.completions.create(req);
    expect(a.object).toBe("chat.completion");
    expect(a.id).toMatch(/^chatcmpl-/);
    expect(typeof a.created).toBe("number");
    expect(a.model).toBe(req.model);
    expect(a.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    for (const c of a.choices) {
      expect(c.message.role).toBe("assistant");
      expect(typeof c.message.content).toBe("string");
      expect(c.finish_reason).toBe("stop");
      expect(c.logprobs).toBeNull();
    }
    const texts = a.choices.map((c) => c.message.content);
    expect(new Set(texts).size).toBeGreaterThan(1);
    const b = await openai.chat.completions.create(req);
    expect(b.choices.map((c) => c.message.content)).toEqual(texts);
    expect(b.id).not.toBe(a.id);
    // usage from the server's tokenizer
    const completion = texts.reduce((s, t) => s + tokenize(t ?? "").length, 0);
    expect(a.usage?.completion_tokens).toBe(completion);
    expect(a.usage?.total_tokens).toBe(a.usage!.prompt_tokens + completion);
    expect(a.usage!.prompt_tokens).toBe(3 + 4 + tokenize(messages[0].content).length + 4 + tokenize(messages[1].content).length);
  });

  it("quality 1 echoes the last user message; a fixed answer is honoured", async () => {
    const a = await openai.chat.completions.create({ model: "simulated/generic?quality=1", messages });
    expect(a.choices[0].message.content).toBe(messages[1].content);
    const b = await openai.chat.completions.create({ model: "simulated/generic?answer=" + encodeURIComponent("Answer: B"), messages });
    expect(b.choices[0].message.content).toBe("Answer: B");
  });

  it("a different body or server seed gives a different answer", async () => {
    const req = { model: "simulated/generic?quality=0.2", messages };
    const a = await openai.chat.completions.create(req);
    const b = await openai.chat.completions.create({ ...req, temperature: 0.7 });
    const other = await startMockServer({ seed: 8 });
    try {
      const c = await new OpenAI({ baseURL: other.url, apiKey: "t", maxRetries: 0 }).chat.completions.create(req);
      expect(b.choices[0].message.content).not.toBe(a.choices[0].message.content);
      expect(c.choices[0].message.content).not.toBe(a.choices[0].message.content);
    } finally {
      await other.close();
    }
  });

  it("applies max_tokens (finish_reason length) and stop sequences", async () => {
    const a = await openai.chat.completions.create({ model: "simulated/generic?quality=1", messages, max_tokens: 3 });
    expect(a.choices[0].finish_reason).toBe("length");
    expect(a.choices[0].message.content).toBe("Summarise the findings");
    expect(a.usage?.completion_tokens).toBe(3);
    const b = await openai.chat.completions.create({ model: "simulated/generic?quality=1", messages, stop: [" on"] });
    expect(b.choices[0].message.content).toBe("Summarise the findings of the report");
    expect(b.choices[0].finish_reason).toBe("stop");
  });

  it("returns token logprobs with top alternatives when asked", async () => {
    const a = await openai.chat.completions.create({ model: "simulated/generic?quality=1", messages, logprobs: true, top_logprobs: 3 });
    const lp = a.choices[0].logprobs!.content!;
    expect(lp.map((t) => t.token).join("")).toBe(a.choices[0].message.content);
    for (const t of lp) {
      expect(t.logprob).toBeLessThan(0);
      expect(t.top_logprobs).toHaveLength(3);
      const tops = t.top_logprobs.map((x) => x.logprob);
      expect(tops).toEqual(tops.slice().sort((x, y) => y - x));
      if (t.logprob >= tops[tops.length - 1]) expect(t.top_logprobs.map((x) => x.token)).toContain(t.token);
      const mass = t.top_logprobs.reduce((s, x) => s + Math.exp(x.logprob), 0);
      expect(mass).toBeLessThanOrEqual(1 + 1e-9);
      expect(t.bytes).toEqual(Array.from(Buffer.from(t.token)));
    }
  });

  it("answers 400 with a clear message for bad bodies", async () => {
    await expect(openai.chat.completions.create({ model: "m", messages: [] })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("'messages' must be a non-empty array") });
    await expect(openai.chat.completions.create({ messages } as never)).rejects.toMatchObject({ status: 400, code: "missing_required_parameter", param: "model" });
    await expect(openai.chat.completions.create({ model: "m", messages, n: 0 })).rejects.toMatchObject({ status: 400, param: "n" });
    await expect(openai.chat.completions.create({ model: "m", messages: [{ role: "robot", content: "x" }] as never })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("messages[0].role") });
    await expect(openai.chat.completions.create({ model: "m", messages, temperature: 3 })).rejects.toMatchObject({ status: 400, param: "temperature" });
    await expect(openai.chat.completions.create({ model: "m", messages, top_logprobs: 2 })).rejects.toMatchObject({ status: 400, param: "top_logprobs" });
    const raw = await fetch(server.url + "/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_json" } });
  });

  it("answers 404 model_not_found for an unknown simulator, 404 for unknown URLs", async () => {
    await expect(openai.chat.completions.create({ model: "simulated/no-such-sim", messages })).rejects.toMatchObject({ status: 404, code: "model_not_found" });
    const r = await fetch(server.url + "/nothing/here");
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe("unknown_url");
    const g = await fetch(server.url + "/chat/completions");
    expect(g.status).toBe(405);
  });

  it("answers non-simulated model names with the generic simulator, or rejects them when asked", async () => {
    const a = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "ping" }] });
    expect(a.model).toBe("gpt-4o-mini");
    expect(typeof a.choices[0].message.content).toBe("string");
    const strict = await startMockServer({ unknownModels: "reject" });
    try {
      const c = new OpenAI({ baseURL: strict.url, apiKey: "t", maxRetries: 0 });
      await expect(c.chat.completions.create({ model: "gpt-4o-mini", messages })).rejects.toMatchObject({ status: 404, code: "model_not_found" });
    } finally {
      await strict.close();
    }
  });
});

describe("legacy completions with echo + logprobs", () => {
  const prompt = "Question: What is 2+2?\nAnswer: 4";

  it("scores a prompt: tokens concatenate to the prompt, the first logprob is null", async () => {
    const r = await openai.completions.create({ model: "simulated/generic", prompt, echo: true, logprobs: 2, max_tokens: 0 });
    expect(r.object).toBe("text_completion");
    const c = r.choices[0];
    expect(c.text).toBe(prompt);
    expect(c.finish_reason).toBe("length");
    const lp = c.logprobs!;
    expect(lp.tokens!.join("")).toBe(prompt);
    expect(lp.token_logprobs![0]).toBeNull();
    expect(lp.top_logprobs![0]).toBeNull();
    for (let i = 1; i < lp.tokens!.length; i++) {
      expect(lp.token_logprobs![i]).toBeLessThan(0);
      expect(Object.keys(lp.top_logprobs![i]!).length).toBe(2);
    }
    let off = 0;
    lp.tokens!.forEach((t, i) => {
      expect(lp.text_offset![i]).toBe(off);
      off += t.length;
    });
    expect(r.usage).toMatchObject({ prompt_tokens: lp.tokens!.length, completion_tokens: 0 });
  });

  it("higher quality gives higher log-probs on every token, deterministically", async () => {
    const score = async (q: number) =>
      (await openai.completions.create({ model: "simulated/generic?quality=" + q, prompt, echo: true, logprobs: 0, max_tokens: 0 })).choices[0].logprobs!.token_logprobs!;
    const lo = await score(0.2);
    const hi = await score(0.9);
    expect(await score(0.2)).toEqual(lo);
    for (let i = 1; i < lo.length; i++) expect(hi[i]!).toBeGreaterThan(lo[i]!);
  });

  it("generates a continuation with max_tokens, stop, n and several prompts", async () => {
    const r = await openai.completions.create({ model: "simulated/generic", prompt: ["The cat", "A dog"], max_tokens: 3, n: 2, logprobs: 1 });
    expect(r.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    for (const c of r.choices) {
      expect(tokenize(c.text).length).toBeLessThanOrEqual(3);
      expect(c.finish_reason).toBe("length");
      expect(c.logprobs!.tokens!.join("")).toBe(c.text);
      expect(c.logprobs!.token_logprobs!.every((x) => x !== null && x < 0)).toBe(true);
    }
    // text_offset without echo counts from the start of the prompt (as OpenAI does)
    expect(r.choices[0].logprobs!.text_offset![0]).toBe("The cat".length);
    expect(r.choices[2].logprobs!.text_offset![0]).toBe("A dog".length);
    expect(r.usage!.prompt_tokens).toBe(4);
    const e = await openai.completions.create({ model: "simulated/generic", prompt: "Hi", echo: true, max_tokens: 5, logprobs: 0 });
    expect(e.choices[0].text.startsWith("Hi")).toBe(true);
    expect(e.choices[0].logprobs!.tokens!.join("")).toBe(e.choices[0].text);
    expect(e.choices[0].logprobs!.token_logprobs![0]).toBeNull();
    expect(e.choices[0].logprobs!.top_logprobs).toBeNull();
  });

  it("validates the body", async () => {
    await expect(openai.completions.create({ model: "m" } as never)).rejects.toMatchObject({ status: 400, param: "prompt" });
    await expect(openai.completions.create({ model: "m", prompt: "x", logprobs: 50 })).rejects.toMatchObject({ status: 400, param: "logprobs" });
    await expect(openai.completions.create({ model: "m", prompt: "x", stream: "yes" } as never)).rejects.toMatchObject({ status: 400, param: "stream" });
    await expect(openai.completions.create({ model: "m", prompt: "x", stream_options: { include_usage: true } } as never)).rejects.toMatchObject({ status: 400, param: "stream_options" });
  });
});

describe("embeddings", () => {
  const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

  it("float and base64 (the openai SDK's default) give the same L2-normalised 256-d vectors", async () => {
    const input = ["the river is polluted", "pollution of the river", "quantum chromodynamics lecture"];
    const viaSdk = await openai.embeddings.create({ model: "simulated/generic", input });
    const asFloat = await openai.embeddings.create({ model: "simulated/generic", input, encoding_format: "float" });
    expect(viaSdk.object).toBe("list");
    expect(viaSdk.data.map((d) => [d.object, d.index])).toEqual([["embedding", 0], ["embedding", 1], ["embedding", 2]]);
    const v = asFloat.data.map((d) => d.embedding);
    viaSdk.data.forEach((d, i) => d.embedding.forEach((x, j) => expect(x).toBeCloseTo(v[i][j], 6)));
    for (const e of v) {
      expect(e).toHaveLength(256);
      expect(cos(e, e)).toBeCloseTo(1, 12);
    }
    expect(cos(v[0], v[1])).toBeGreaterThan(cos(v[0], v[2]) + 0.2);
    expect(viaSdk.usage.prompt_tokens).toBe(input.reduce((s, t) => s + tokenize(t).length, 0));
    const d = await openai.embeddings.create({ model: "simulated/generic", input: "x y", dimensions: 32, encoding_format: "float" });
    expect(d.data[0].embedding).toHaveLength(32);
  });

  it("rejects empty inputs", async () => {
    await expect(openai.embeddings.create({ model: "m", input: [""] })).rejects.toMatchObject({ status: 400, param: "input" });
  });
});

describe("together-ai SDK", () => {
  it("chat, completions with echo/logprobs, embeddings and the bare-array model list", async () => {
    const c = await together.chat.completions.create({ model: "simulated/generic?quality=1", messages, n: 2 });
    expect(c.choices).toHaveLength(2);
    expect(c.choices[0].message?.content).toBe(messages[1].content);
    const p = await together.completions.create({ model: "simulated/generic", prompt: "Hello world.", echo: true, logprobs: 1, max_tokens: 0 } as never);
    const lp = (p.choices[0] as { logprobs: { tokens: string[]; token_logprobs: (number | null)[] } }).logprobs;
    expect(lp.tokens.join("")).toBe("Hello world.");
    expect(lp.token_logprobs[0]).toBeNull();
    const e = await together.embeddings.create({ model: "simulated/generic", input: "hello" });
    expect(e.data[0].embedding).toHaveLength(256);
    const models = await together.models.list();
    expect(Array.isArray(models)).toBe(true);
    expect(models.map((m) => m.id)).toContain("simulated/generic");
    const list = await openai.models.list();
    expect(list.data.map((m) => m.id)).toContain("simulated/generic");
    const one = await openai.models.retrieve("simulated/generic");
    expect(one.id).toBe("simulated/generic");
  });
});
