import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startMockServer, type MockServer } from "../../../lib/llm/mock/index";

let server: MockServer;
let openai: OpenAI;
beforeAll(async () => {
  server = await startMockServer({ seed: 5 });
  openai = new OpenAI({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
});
afterAll(() => server.close());

const base = { model: "simulated/generic?quality=0.4", messages: [{ role: "user" as const, content: "Name three rivers of Europe and say which is longest." }], n: 2 };

describe("streaming (server-sent events)", () => {
  it("chat chunks reassemble to the unstreamed answer, with logprobs and usage", async () => {
    const whole = await openai.chat.completions.create({ ...base, logprobs: true });
    const stream = await openai.chat.completions.create({ ...base, logprobs: true, stream: true, stream_options: { include_usage: true } });
    const text = ["", ""];
    const finish: (string | null)[] = [null, null];
    const tokens: string[][] = [[], []];
    let usage: unknown;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.object).toBe("chat.completion.chunk");
      if (chunk.usage) usage = chunk.usage;
      for (const c of chunk.choices) {
        text[c.index] += c.delta.content ?? "";
        if (c.finish_reason) finish[c.index] = c.finish_reason;
        for (const t of c.logprobs?.content ?? []) tokens[c.index].push(t.token);
      }
    }
    expect(chunks).toBeGreaterThan(4);
    expect(text).toEqual(whole.choices.map((c) => c.message.content));
    expect(finish).toEqual(whole.choices.map((c) => c.finish_reason));
    expect(tokens.map((t) => t.join(""))).toEqual(text);
    expect(usage).toEqual(whole.usage);
    const entry = server.requests[server.requests.length - 1];
    expect(entry).toMatchObject({ status: 200, completed: true, usage: whole.usage });
  });

  it("legacy completion chunks carry text and per-token logprobs", async () => {
    const req = { model: "simulated/generic", prompt: "Once upon a time", max_tokens: 6, logprobs: 1 };
    const whole = await openai.completions.create(req);
    let text = "";
    const lps: (number | null)[] = [];
    for await (const chunk of await openai.completions.create({ ...req, stream: true })) {
      for (const c of chunk.choices) {
        text += c.text;
        lps.push(...(c.logprobs?.token_logprobs ?? []));
      }
    }
    expect(text).toBe(whole.choices[0].text);
    expect(lps).toEqual(whole.choices[0].logprobs!.token_logprobs);
  });

  it("a truncated stream breaks off mid-iteration", async () => {
    server.setFaults({ schedule: { 1: "truncated" } });
    const stream = await openai.chat.completions.create({ ...base, stream: true });
    let got = "";
    const err = await (async () => {
      for await (const chunk of stream) got += chunk.choices[0]?.delta.content ?? "";
    })().catch((e) => e);
    server.setFaults({});
    expect(err).toBeInstanceOf(Error);
    expect(String(err.message)).toMatch(/terminated|closed|aborted|socket|premature/i);
    const entry = server.requests[server.requests.length - 1];
    expect(entry).toMatchObject({ fault: "truncated", completed: false });
  });
});
