/**
 * Disk safety (issue 10, item 5): atomic file writes, durable record
 * appends and cache writes under a full disk (ENOSPC), a read-only file
 * system (EROFS) and an impossible target (a path under a regular file,
 * ENOTDIR): each gives a clear one-line error naming the path, and nothing
 * torn or corrupt is readable afterwards. ENOSPC/EROFS are simulated by
 * patching node:fs in this process (we run as root and have no tiny tmpfs).
 * Then 4 child processes share one cache directory, one stage record file
 * and one atomically replaced file: nothing is corrupt or lost.
 */
import { spawn } from "node:child_process";
import fsDefault from "node:fs";
import * as fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { appendLineDurable, writeFileAtomic } from "../../lib/io/atomic";
import { ResponseCache } from "../../lib/llm/cache/store";
import { openStage } from "../../lib/llm/records";
import { isUserFacing } from "../../lib/util/errors";

const ROOT = process.cwd();
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-disk-" + p + "-"));
const errno = (code: string) => Object.assign(new Error(code + ": simulated, write"), { code });

type FsName = "writeSync" | "openSync" | "renameSync" | "fsyncSync";
const saved = new Map<FsName, unknown>();

/**
 * Replace an fs function (in the CommonJS object and the ESM namespace the
 * library imports). `impl` gets the original and the arguments.
 */
function patchFs(name: FsName, impl: (orig: (...a: unknown[]) => unknown, ...args: unknown[]) => unknown): void {
  const target = fsDefault as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (!saved.has(name)) saved.set(name, target[name]);
  const orig = saved.get(name) as (...a: unknown[]) => unknown;
  target[name] = (...args: unknown[]) => impl(orig, ...args);
  syncBuiltinESMExports();
}
afterEach(() => {
  const target = fsDefault as unknown as Record<string, unknown>;
  for (const [k, v] of saved) target[k] = v;
  saved.clear();
  syncBuiltinESMExports();
});

/** Is this fd/path write aimed at `dir`? (other writes, e.g. vitest's own, pass through) */
const under = (dir: string, p: unknown) => typeof p === "string" && p.startsWith(dir);

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("no error thrown");
}

function expectClear(e: Error, file: string, what: RegExp): void {
  expect(isUserFacing(e), e.name + ": " + e.message).toBe(true);
  expect(e.message).toContain(file);
  expect(e.message).toMatch(what);
  expect(e.message).not.toMatch(/\n/);
}

/** fds opened on files under `dir` (tracked through openSync). */
function trackFds(dir: string): Set<number> {
  const fds = new Set<number>();
  patchFs("openSync", (orig, ...a) => {
    const fd = orig(...a) as number;
    if (under(dir, a[0])) fds.add(fd);
    return fd;
  });
  return fds;
}

describe("writeFileAtomic", () => {
  for (const [code, what] of [["ENOSPC", /disk full/], ["EROFS", /read-only/], ["EDQUOT", /quota/]] as const) {
    it(code + " while writing: one clear line, the old content intact, no temporary file left", () => {
      const dir = tmp("atomic");
      const file = path.join(dir, "summary.json");
      writeFileAtomic(file, '{"old":true}\n');
      const fds = trackFds(dir);
      patchFs("writeSync", (orig, fd, ...rest) => {
        if (fds.has(fd as number)) {
          orig(fd, Buffer.from('{"new":'), ...[]); // a partial write first, as a filling disk does
          throw errno(code);
        }
        return orig(fd, ...rest);
      });
      const e = catchError(() => writeFileAtomic(file, '{"new":true,"big":"' + "z".repeat(100_000) + '"}\n'));
      expectClear(e, file, what);
      expect(fs.readFileSync(file, "utf8")).toBe('{"old":true}\n');
      expect(fs.readdirSync(dir)).toEqual(["summary.json"]);
    });
  }

  it("EROFS at open (read-only target): clear error, nothing written", () => {
    const dir = tmp("atomic-ro");
    const file = path.join(dir, "out.json");
    patchFs("openSync", (orig, ...a) => {
      if (under(dir, a[0])) throw errno("EROFS");
      return orig(...a);
    });
    expectClear(catchError(() => writeFileAtomic(file, "x")), file, /read-only/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("a failing rename keeps the old file and removes the temporary one", () => {
    const dir = tmp("atomic-rename");
    const file = path.join(dir, "a.json");
    writeFileAtomic(file, "1");
    patchFs("renameSync", (orig, ...a) => {
      if (under(dir, a[0])) throw errno("ENOSPC");
      return orig(...a);
    });
    expectClear(catchError(() => writeFileAtomic(file, "2")), file, /disk full/);
    expect(fs.readFileSync(file, "utf8")).toBe("1");
    expect(fs.readdirSync(dir)).toEqual(["a.json"]);
  });

  it("a target under a regular file (ENOTDIR, no patching): one clear line naming the path", () => {
    const dir = tmp("atomic-notdir");
    const blocker = path.join(dir, "not-a-dir");
    fs.writeFileSync(blocker, "plain file");
    const file = path.join(blocker, "sub", "out.json");
    expectClear(catchError(() => writeFileAtomic(file, "x")), file, /ENOTDIR/);
    expectClear(catchError(() => appendLineDurable(file, "x")), file, /ENOTDIR/);
  });
});

describe("stage records (appendLineDurable)", () => {
  it("ENOSPC in the middle of an append: clear error; the torn record is never read; the next put is intact", () => {
    const runDir = tmp("records");
    const stage = openStage<{ v: number }>(runDir, "s");
    stage.put("a", { v: 1 });
    const fds = trackFds(runDir);
    patchFs("writeSync", (orig, fd, buf, ...rest) => {
      if (fds.has(fd as number)) {
        const b = buf as Buffer;
        orig(fd, b.subarray(0, Math.floor(b.length / 2)));
        throw errno("ENOSPC");
      }
      return orig(fd, buf, ...rest);
    });
    expectClear(catchError(() => stage.put("b", { v: 2 })), stage.file, /disk full/);
    for (const k of [...saved.keys()]) (fsDefault as unknown as Record<string, unknown>)[k] = saved.get(k);
    saved.clear();
    syncBuiltinESMExports();
    // A fresh reader (the restarted run): the torn line is skipped, 'b' is not there.
    const again = openStage<{ v: number }>(runDir, "s");
    expect(again.ids()).toEqual(["a"]);
    expect(again.tornLines).toHaveLength(1);
    again.put("b", { v: 2 });
    const third = openStage<{ v: number }>(runDir, "s");
    expect(third.ids()).toEqual(["a", "b"]);
    expect(third.get("b")).toEqual({ v: 2 });
  });

  it("EROFS at open: clear error naming the record file", () => {
    const runDir = tmp("records-ro");
    const stage = openStage(runDir, "s");
    patchFs("openSync", (orig, ...a) => {
      if (under(runDir, a[0])) throw errno("EROFS");
      return orig(...a);
    });
    expectClear(catchError(() => stage.put("a", 1)), stage.file, /read-only/);
  });
});

describe("response cache", () => {
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  const fields = (name: string) => ({ v: 1, provider: "openai-compatible", baseURL: "http://127.0.0.1:1/v1", model: "m", kind: "chat", request: { prompt: name }, sampleIndex: 0 }) as never;
  const resp = (text: string) => ({ choices: [{ index: 0, text, finishReason: "stop" }], usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, model: "m" }) as never;

  it("ENOSPC on a put: clear error; afterwards no torn entry is served and the entries before and after are readable", () => {
    const dir = tmp("cache");
    const c = new ResponseCache(dir, { durability: "always" });
    c.put(sha("one"), fields("one"), resp("first answer"));
    const fds = trackFds(dir);
    let fail = true;
    patchFs("writeSync", (orig, fd, buf, off, len, ...rest) => {
      if (fail && (fds.has(fd as number) || fds.size === 0)) {
        fail = false;
        const b = buf as Buffer;
        const o = (off as number | undefined) ?? 0;
        orig(fd, b, o, Math.floor(((len as number | undefined) ?? b.length - o) / 2));
        throw errno("ENOSPC");
      }
      return orig(fd, buf, off, len, ...rest);
    });
    const e = catchError(() => c.put(sha("two"), fields("two"), resp("second answer " + "q".repeat(5000))));
    expect(isUserFacing(e), e.message).toBe(true);
    expect(e.message).toMatch(/disk full/);
    expect(e.message).toContain(dir);
    // The disk has room again: the next entry is written by the same process.
    c.put(sha("three"), fields("three"), resp("third answer"));
    c.close();
    const r = new ResponseCache(dir);
    expect(r.has(sha("one"))).toBe(true);
    expect(r.has(sha("two"))).toBe(false);
    expect(r.has(sha("three")), "an entry written after a torn one must not be lost").toBe(true);
    for (const x of r.entries()) expect(x.r.choices[0].text).toMatch(/answer/);
    r.close();
  });

  it("EROFS when opening its segment: clear error naming the cache path", () => {
    const dir = tmp("cache-ro");
    const c = new ResponseCache(dir);
    patchFs("openSync", (orig, ...a) => {
      if (under(dir, a[0])) throw errno("EROFS");
      return orig(...a);
    });
    const e = catchError(() => c.put(sha("x"), fields("x"), resp("x")));
    expectClear(e, dir, /read-only/);
  });
});

describe("4 processes sharing one cache directory, one stage file and one atomic file", () => {
  it("nothing is corrupt, torn or lost; the atomic file is always a complete version", async () => {
    const cacheDir = tmp("shared-cache");
    const runDir = tmp("shared-run");
    const atomicFile = path.join(runDir, "latest.json");
    const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    const script = path.join(ROOT, "tests", "fixtures", "reliability", "disk-writer.ts");
    const N = 150;
    const SHARED = 50;
    const workers = [0, 1, 2, 3];
    let running = workers.length;
    let reads = 0;
    const bad: string[] = [];
    // A reader polls the atomically replaced file while the writers run.
    const poll = (async () => {
      while (running > 0) {
        if (fs.existsSync(atomicFile)) {
          const text = fs.readFileSync(atomicFile, "utf8");
          try {
            const v = JSON.parse(text) as { pad: string };
            if (v.pad.length !== 50_000) bad.push("short pad");
          } catch {
            bad.push("torn: " + text.length + " bytes");
          }
          reads++;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const results = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
            const child = spawn(process.execPath, [tsx, script], { cwd: ROOT, env: { ...process.env, EVALBOOK_DISK_JOB: JSON.stringify({ cacheDir, runDir, atomicFile, worker, n: N, shared: SHARED }) }, stdio: ["ignore", "pipe", "pipe"] });
            let out = "";
            let err = "";
            child.stdout.on("data", (d) => (out += d));
            child.stderr.on("data", (d) => (err += d));
            child.on("close", (code) => {
              running--;
              resolve({ code, out, err });
            });
          }),
      ),
    );
    await poll;
    for (const r of results) expect(r.code, r.err).toBe(0);
    expect(bad).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    expect(fs.readdirSync(runDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // Cache: every entry readable, none lost (shared keys once, own keys per worker).
    const cache = new ResponseCache(cacheDir);
    expect(cache.corrupt).toBe(0);
    expect(cache.size).toBe(SHARED + workers.length * (N - SHARED));
    let n = 0;
    for (const e of cache.entries()) {
      expect(e.r.choices[0].text).toMatch(/^answer for /);
      n++;
    }
    expect(n).toBe(cache.size);
    cache.close();
    // Stage records: every line complete, every id present, values intact.
    const stage = openStage<{ text: string; n: number }>(runDir, "shared-stage");
    expect(stage.tornLines).toEqual([]);
    const lines = fs.readFileSync(stage.file, "utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(workers.length * N);
    expect(stage.ids()).toHaveLength(SHARED + workers.length * (N - SHARED));
    for (const v of stage.values()) expect(v.text.length).toBe(v.n);
  }, 120_000);
});
