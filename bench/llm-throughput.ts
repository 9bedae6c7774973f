/**
 * LLM client throughput: 10,000 chat requests against the loopback server at
 * 200 ms latency with concurrency 64 (ideal 64 / 0.2 s = 320 req/s), through
 * the full client path (cache lookup, coalescing, scheduler, openai SDK,
 * cache write), then the same 10,000 requests again from a fresh client that
 * loads the cache from disk (fully cached re-run).
 *
 *   npx tsx bench/llm-throughput.ts [--n 10000] [--latency 200] [--concurrency 64] [--inproc]
 *
 * The server runs in its own process (`evalbook serve-mock`), as a real
 * server would; --inproc runs it inside the benchmark process instead (then
 * client and server share one event loop and one core).
 *
 * Prints achieved/ideal throughput and the cached re-run time. Targets:
 * >= 0.90 of ideal; cached re-run < 1 s.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { startMockServer } from "../lib/llm/mock/index";
import { createLLM } from "../lib/llm/client";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf("--" + name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}
const N = arg("n", 10_000);
const LATENCY = arg("latency", 200);
const CONC = arg("concurrency", 64);

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-bench-cache-"));
const inproc = process.argv.includes("--inproc");

/** Start the server (child process by default); resolves with its URL, a request counter and a closer. */
async function startServer(): Promise<{ url: string; requests(): Promise<number>; close(): Promise<void> }> {
  if (inproc) {
    const s = await startMockServer({ latencyMs: LATENCY, logBodies: false });
    return { url: s.url, requests: async () => s.stats().requests, close: () => s.close() };
  }
  const child = spawn(process.execPath, [path.join(process.cwd(), "bin", "evalbook.js"), "serve-mock", "--latency-ms", String(LATENCY), "--no-plugins"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)).url);
    });
    child.on("exit", (code) => reject(new Error("serve-mock exited with " + code)));
  });
  const origin = url.replace(/\/v1$/, "");
  return {
    url,
    requests: async () => ((await (await fetch(origin + "/_mock/stats")).json()) as { requests: number }).requests,
    close: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}
const server = await startServer();
const roles = { m: { provider: "openai-compatible" as const, model: "simulated/generic", baseURL: server.url, limits: { concurrency: CONC } } };
const request = (i: number) => ({ messages: [{ role: "user" as const, content: "benchmark request number " + i }], max_tokens: 16 });

let latencySum = 0;
async function runAll(llm: ReturnType<typeof createLLM>): Promise<number> {
  const t0 = performance.now();
  latencySum = 0;
  // Submit everything at once: the client's scheduler holds the concurrency limit.
  await Promise.all(Array.from({ length: N }, (_, i) => llm.chat("m", request(i)).then((r) => void (latencySum += r.latencyMs))));
  return (performance.now() - t0) / 1000;
}

const cpu0 = process.cpuUsage();
const llm = createLLM({ configFile: false, envOverrides: false, cacheDir, roles });
const secs = await runAll(llm);
const meanLatency = latencySum / N;
const cpu1 = process.cpuUsage(cpu0);
await llm.close();
const sent = await server.requests();
const ideal = CONC / (LATENCY / 1000);
const achieved = N / secs;

const cpu2 = process.cpuUsage();
const t1 = performance.now();
const llm2 = createLLM({ configFile: false, envOverrides: false, cacheDir, roles });
const loadSecs = (performance.now() - t1) / 1000;
const cachedSecs = await runAll(llm2);
const totalCached = (performance.now() - t1) / 1000;
const cpu3 = process.cpuUsage(cpu2);
const u = llm2.usage().total;
await llm2.close();
const sentAfter = await server.requests();
await server.close();
fs.rmSync(cacheDir, { recursive: true, force: true });
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const cpuPerReq = cpuMs(cpu1) / N;
const os1 = os.loadavg()[0];

console.log("requests: " + N + ", latency " + LATENCY + " ms, concurrency " + CONC + ", server " + (inproc ? "in-process" : "child process") + " (saw " + sent + " requests)");
console.log("throughput: " + achieved.toFixed(1) + " req/s vs ideal " + ideal.toFixed(1) + " req/s, ratio " + (achieved / ideal).toFixed(3) + " (target >= 0.90) in " + secs.toFixed(2) + " s; mean SDK-observed latency " + meanLatency.toFixed(1) + " ms (ideal " + LATENCY + ")");
console.log(
  "client CPU: " + cpuPerReq.toFixed(3) + " ms per uncached request (one core sustains ~" + (1000 / cpuPerReq).toFixed(0) + " req/s, ratio to ideal " + (1000 / cpuPerReq / ideal).toFixed(2) + "), " +
    ((cpuMs(cpu3) / N) * 1000).toFixed(1) + " us per cached request; load average " + os1.toFixed(1) + " on " + os.cpus().length + " cores" + (os1 > os.cpus().length ? " (machine overloaded: wall-clock ratios are pessimistic)" : ""),
);
console.log(
  "cached re-run: " + totalCached.toFixed(3) + " s including cache load " + loadSecs.toFixed(3) + " s (" + u.cachedCalls + "/" + N + " cached, " + (sentAfter - sent) + " new requests), ratio to 1 s target " + (totalCached / 1).toFixed(3) + " (target < 1)",
);
