import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { serverAndClient, chat, tmpDir } from "./helpers";

const root = path.resolve(__dirname, "..", "..");
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "bin", "evalbook.js"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, CI: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("evalbook cache / usage CLI", () => {
  it("stats, explain (hit, miss with differing fields, bad file) and usage", async () => {
    const cacheDir = tmpDir();
    const runDir = tmpDir();
    const t = await serverAndClient({}, { cacheDir, runDir });
    await t.llm.chat("m", chat("hello", { temperature: 0 }), { stage: "s1" });
    await t.llm.chat("m", chat("world"), { stage: "s1" });
    await t.llm.complete("m", { prompt: "abc", max_tokens: 0, echo: true, logprobs: 0 });
    await t.close();

    const s = cli(["cache", "stats", "--dir", cacheDir]);
    expect(s.code, s.stderr).toBe(0);
    const st = JSON.parse(s.stdout);
    expect(st).toMatchObject({ entries: 3, byKind: { chat: 2, completion: 1 }, byModel: { "simulated/generic": 3 } });

    const reqFile = path.join(tmpDir(), "req.json");
    const endpoint = { provider: "openai-compatible", model: "simulated/generic", baseURL: t.ep.baseURL };
    fs.writeFileSync(reqFile, JSON.stringify({ endpoint, kind: "chat", request: chat("hello", { temperature: 0 }) }));
    const hit = cli(["cache", "explain", "--dir", cacheDir, "--request", reqFile]);
    expect(hit.code, hit.stderr).toBe(0);
    expect(JSON.parse(hit.stdout).hit).toBe(true);

    fs.writeFileSync(reqFile, JSON.stringify({ endpoint, kind: "chat", request: chat("hello", { temperature: 0.3 }) }));
    const miss = cli(["cache", "explain", "--dir", cacheDir, "--request", reqFile]);
    expect(miss.code).toBe(1);
    expect(JSON.parse(miss.stdout).differences).toEqual([{ field: "request.temperature", cached: 0, requested: 0.3 }]);
    expect(miss.stderr).toContain("request.temperature: cached 0 vs requested 0.3");

    fs.writeFileSync(reqFile, JSON.stringify({ endpoint, kind: "poem", request: {} }));
    const bad = cli(["cache", "explain", "--dir", cacheDir, "--request", reqFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe("evalbook: " + reqFile + " field 'kind': must be one of chat, completion, embedding");

    const u = cli(["usage", runDir]);
    expect(u.code, u.stderr).toBe(0);
    expect(JSON.parse(u.stdout)).toMatchObject({ sessions: 1, simulated: true, total: { calls: 3 }, byStage: { s1: { calls: 2 } } });
  });
});
