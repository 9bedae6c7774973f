import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import OpenAI from "openai";
import { readRequestLogFile } from "../../../lib/llm/mock/index";

const BIN = path.resolve("bin/evalbook.js");

describe("evalbook serve-mock", () => {
  it("--list prints the registered simulators", () => {
    const r = spawnSync(process.execPath, [BIN, "serve-mock", "--list"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows).toContainEqual(expect.objectContaining({ name: "generic", model: "simulated/generic" }));
  });

  it("rejects bad flags with a one-line message", () => {
    const r = spawnSync(process.execPath, [BIN, "serve-mock", "--fault", "418=0.5"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^evalbook: --fault: unknown kind '418'/);
    const l = spawnSync(process.execPath, [BIN, "serve-mock", "--latency-ms", "fast"], { encoding: "utf8" });
    expect(l.status).toBe(2);
    expect(l.stderr).toMatch(/--latency-ms takes N or MIN-MAX/);
  });

  it("prints its URL, serves with faults and a log file, and shuts down cleanly on SIGTERM", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-serve-mock-"));
    const log = path.join(dir, "log.jsonl");
    const child = spawn(process.execPath, [BIN, "serve-mock", "--fault", "500@2", "--latency-ms", "1-5", "--log", log, "--seed", "3"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const first = await new Promise<string>((resolve, reject) => {
      const rl = readline.createInterface({ input: child.stdout });
      rl.once("line", resolve);
      child.once("exit", () => reject(new Error("serve-mock exited early: " + stderr)));
    });
    const { url, port } = JSON.parse(first);
    expect(url).toBe("http://127.0.0.1:" + port + "/v1");
    const c = new OpenAI({ baseURL: url, apiKey: "sk-cli-test-key-abcdefghijkl", maxRetries: 0 });
    const ok = await c.chat.completions.create({ model: "simulated/generic?quality=1", messages: [{ role: "user", content: "hello cli" }] });
    expect(ok.choices[0].message.content).toBe("hello cli");
    await expect(c.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 500 });
    // run-time fault control through the control URL
    const set = await fetch("http://127.0.0.1:" + port + "/_mock/faults", { method: "POST", body: JSON.stringify({ schedule: { 1: "503" } }) });
    expect(set.status).toBe(200);
    await expect(c.chat.completions.create({ model: "m", messages: [{ role: "user", content: "y" }] })).rejects.toMatchObject({ status: 503 });
    const stats = await (await fetch("http://127.0.0.1:" + port + "/_mock/stats")).json();
    expect(stats).toMatchObject({ requests: 3, inFlight: 0 });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/served 3 requests/);
    const entries = readRequestLogFile(log);
    expect(entries.map((e) => e.status)).toEqual([200, 500, 503]);
    expect(fs.readFileSync(log, "utf8")).not.toContain("sk-cli-test-key");
  });
});
