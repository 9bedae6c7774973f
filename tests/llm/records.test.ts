import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { openStage, runStage, readRunMeta } from "../../lib/llm/records";
import { startOfflineLLM } from "../../lib/llm/offline";
import { createLLM } from "../../lib/llm/client";
import { UserError } from "../../lib/util/errors";
import { tmpDir } from "./helpers";

describe("stage records", () => {
  it("appends, reloads, resolves duplicates (last wins) and tolerates a torn final line", () => {
    const dir = tmpDir();
    const s = openStage<{ v: number }>(dir, "st");
    s.put("a", { v: 1 });
    s.put("b", { v: 2 });
    s.put("a", { v: 3 });
    // Simulate a crash in the middle of an append.
    fs.appendFileSync(s.file, '{"id":"c","value":{"v"');
    const r = openStage<{ v: number }>(dir, "st");
    expect(r.ids()).toEqual(["a", "b"]);
    expect(r.get("a")).toEqual({ v: 3 });
    expect(r.tornLines).toEqual([4]);
    // The next append starts on a fresh line: the fragment never merges with it.
    r.put("c", { v: 4 });
    const r2 = openStage<{ v: number }>(dir, "st");
    expect(r2.values()).toEqual([{ v: 3 }, { v: 2 }, { v: 4 }]);
    expect(r2.tornLines).toEqual([4]);
  });
  it("a record without id is an InputError naming file, line and field", () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, "st.jsonl"), '{"id":"a","value":1}\n{"value":2}\n');
    expect(() => openStage(dir, "st")).toThrow(/st.jsonl:2 field 'id'/);
    expect(() => openStage(dir, "../escape")).toThrow(/stage names/);
  });
  it("runStage skips finished items, records failures with reasons, rejects duplicate ids", async () => {
    const dir = tmpDir();
    const items = [1, 2, 3, 4, 5, 6];
    let calls = 0;
    const work = async (x: number) => {
      calls++;
      if (x === 4) throw new Error("boom on 4");
      return x * 10;
    };
    const r1 = await runStage({ runDir: dir, stage: "s", items, id: (x) => "i" + x, work, concurrency: 2, progress: false });
    expect([...r1.done.entries()]).toEqual([["i1", 10], ["i2", 20], ["i3", 30], ["i5", 50], ["i6", 60]]);
    expect(r1.failed).toEqual([{ id: "i4", error: "boom on 4" }]);
    expect(fs.readFileSync(path.join(dir, "s.failures.jsonl"), "utf8")).toContain("boom on 4");
    calls = 0;
    const r2 = await runStage({ runDir: dir, stage: "s", items, id: (x) => "i" + x, work: async (x) => x * 10, progress: false });
    expect(calls).toBe(0);
    expect(r2.skipped).toBe(5);
    expect(r2.done.size).toBe(6);
    await expect(runStage({ runDir: dir, stage: "d", items: [1, 1], id: String, work, progress: false })).rejects.toThrow(/duplicate item id '1'/);
  });
  it("a user-facing error stops the stage after in-flight items finish", async () => {
    const dir = tmpDir();
    const started: number[] = [];
    const p = runStage({
      runDir: dir,
      stage: "s",
      items: Array.from({ length: 20 }, (_, i) => i),
      id: String,
      concurrency: 3,
      progress: false,
      work: async (i) => {
        started.push(i);
        await new Promise((r) => setTimeout(r, 10));
        if (i === 4) throw new UserError("stop here");
        return i;
      },
    });
    await expect(p).rejects.toThrow("stop here");
    expect(started.length).toBeLessThan(10);
    const recs = openStage(dir, "s");
    expect(recs.ids().length).toBe(started.length - 1);
  });
});

describe("offline client and run metadata", () => {
  it("startOfflineLLM answers from simulated models; meta.json records roles, swaps, prompts, usage", async () => {
    const runDir = tmpDir();
    const off = await startOfflineLLM({ roles: { judge: "simulated/generic?quality=0.9", student: "simulated/generic" }, runDir, seed: 5 });
    const r = await off.llm.chat("judge", { messages: [{ role: "user", content: "Which is better, A or B?" }], max_tokens: 20 }, { stage: "judge" });
    expect(r.simulated).toBe(true);
    expect(r.choices[0].text.length).toBeGreaterThan(0);
    off.llm.setRole("judge", { model: "simulated/generic?quality=0.1" });
    off.llm.recordPrompt("judge", "prompts/self-taught/judge.v1.txt");
    await off.llm.chat("judge", { messages: [{ role: "user", content: "again" }] }, { stage: "judge" });
    await off.close();
    const meta = readRunMeta(runDir)!;
    expect(meta.simulated).toBe(true);
    expect(meta.roles.judge.model).toBe("simulated/generic?quality=0.1");
    expect(meta.roleHistory.map((h) => [h.role, h.source, h.endpoint.model])).toEqual([
      ["judge", "offline", "simulated/generic?quality=0.9"],
      ["student", "offline", "simulated/generic"],
      ["judge", "code", "simulated/generic?quality=0.1"],
    ]);
    expect(meta.prompts).toEqual({ judge: "prompts/self-taught/judge.v1.txt" });
    expect(meta.sessions[0]).toMatchObject({ status: "finished", usage: { total: { calls: 2 }, byStage: { judge: { calls: 2 } } } });
  });
  it("same seed, same answers; the cache works across offline runs (port-independent keys)", async () => {
    const cacheDir = tmpDir();
    const ask = async () => {
      const off = await startOfflineLLM({ roles: { g: "simulated/generic" }, cacheDir, seed: 9 });
      const r = await off.llm.chat("g", { messages: [{ role: "user", content: "deterministic?" }], temperature: 1, max_tokens: 12 });
      const sent = off.server.requests.length;
      await off.close();
      return { text: r.choices[0].text, cached: r.cached, sent };
    };
    const a = await ask();
    const b = await ask();
    expect(b.text).toBe(a.text);
    expect([a.cached, b.cached]).toEqual([false, true]);
    expect(b.sent).toBe(0);
  });
  it("role precedence: config file < code < env < --role flags < setRole", async () => {
    const root = tmpDir();
    fs.writeFileSync(path.join(root, "evalbook.config.json"), JSON.stringify({ roles: { a: "openai:from-config", b: "openai:from-config", c: "openai:from-config", d: "openai:from-config" } }));
    const llm = createLLM({
      root,
      cacheDir: false,
      roles: { b: "openai:from-code", c: "openai:from-code", d: "openai:from-code" },
      env: { EVALBOOK_ROLE_C: "together:from-env", EVALBOOK_ROLE_D: "together:from-env" },
      roleFlags: ["d=vllm:from-flag@http://127.0.0.1:9/v1"],
    });
    expect(["a", "b", "c", "d"].map((r) => llm.endpoint(r).model)).toEqual(["from-config", "from-code", "from-env", "from-flag"]);
    llm.setRole("d", { model: "from-notebook" });
    expect(llm.endpoint("d")).toMatchObject({ provider: "openai-compatible", model: "from-notebook", baseURL: "http://127.0.0.1:9/v1" });
    expect(llm.meta().roleHistory.filter((h) => h.role === "d").map((h) => h.source)).toEqual(["config", "code", "env", "cli", "code"]);
    await expect(llm.chat("a", { messages: [{ role: "user", content: "x" }] })).rejects.toThrow(/set the environment variable OPENAI_API_KEY/);
    await llm.close();
  });
});

describe("disk safety", () => {
  it("a full disk stops the stage with a clear error naming the file (no stack, nothing half-written)", async () => {
    const dir = tmpDir();
    // The record file turns into a full device after the stage opened it.
    const work = async (x: number) => {
      if (!fs.existsSync(path.join(dir, "full.jsonl"))) fs.symlinkSync("/dev/full", path.join(dir, "full.jsonl"));
      return x;
    };
    const p = runStage({ runDir: dir, stage: "full", items: [1, 2, 3], id: String, work, concurrency: 1, progress: false });
    await expect(p).rejects.toThrow(/full.jsonl: disk full \(ENOSPC\); nothing was written/);
    // Re-opening refuses a non-regular file instead of reading a device forever.
    expect(() => openStage(dir, "full")).toThrow(/must be a regular file/);
  });
});
