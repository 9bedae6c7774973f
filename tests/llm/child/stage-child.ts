/**
 * Child process for crash/resume and concurrent-cache tests (not a test file).
 * Reads its job from the EVALBOOK_CHILD_JOB environment variable (JSON):
 *   { url, runDir?, cacheDir?, stage, prompts: string[], concurrency, offset? }
 * Runs one resumable stage whose items are chat calls to the loopback server
 * at `url` and prints one JSON line with counts when done.
 */
import { createLLM } from "../../../lib/llm/client";
import { runStage } from "../../../lib/llm/records";

const job = JSON.parse(process.env.EVALBOOK_CHILD_JOB ?? "{}") as {
  url: string;
  runDir?: string;
  cacheDir?: string;
  stage: string;
  prompts: string[];
  concurrency: number;
};
const llm = createLLM({
  configFile: false,
  envOverrides: false,
  cacheDir: job.cacheDir ?? false,
  runDir: job.runDir,
  roles: { m: { provider: "openai-compatible", model: "simulated/generic", baseURL: job.url, apiKeyEnv: "EVALBOOK_FAKE_API_KEY", limits: { concurrency: job.concurrency } } },
});
const items = job.prompts.map((p, i) => ({ id: "item-" + i, prompt: p }));
if (job.runDir) {
  const res = await runStage({
    runDir: job.runDir,
    stage: job.stage,
    items,
    id: (x) => x.id,
    work: async (x) => {
      const r = await llm.chat("m", { messages: [{ role: "user", content: x.prompt }], max_tokens: 12 }, { stage: job.stage });
      return { text: r.choices[0].text, tokens: r.usage.totalTokens };
    },
    concurrency: job.concurrency,
    progress: false,
  });
  await llm.close();
  console.log(JSON.stringify({ done: res.done.size, failed: res.failed.length, skipped: res.skipped }));
} else {
  let next = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < items.length) {
        const x = items[next++];
        await llm.chat("m", { messages: [{ role: "user", content: x.prompt }], max_tokens: 12 });
      }
    }),
  );
  await llm.close();
  console.log(JSON.stringify({ done: items.length, usage: llm.usage().total }));
}
