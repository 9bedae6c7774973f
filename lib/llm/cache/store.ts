import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import type { LLMResponse } from "../types";
import { diskError } from "../../io/atomic";
import type { CacheKeyFields } from "./key";
import { encodeLine, readSegment } from "./segment";

/** One cached response with the fields its key was made from. */
export interface CacheEntry {
  k: string;
  q: CacheKeyFields;
  r: LLMResponse;
  /** Time written (ms since epoch). */
  t: number;
}

/** When appended entries are fsynced. */
export type Durability = "always" | "batch" | "none";

export interface CacheOptions {
  /**
   * "batch" (default): each entry is written with one write(2) call (safe
   * against kill -9: the kernel keeps it) and fsynced within `fsyncMs`
   * (group commit, safe against power loss after that). "always": fsync
   * every entry. "none": leave it to the OS.
   */
  durability?: Durability;
  fsyncMs?: number;
}

const SEGMENT_DIR = "v1";

/**
 * The on-disk response cache. Layout: `<dir>/v1/seg-*.jsonl`, append-only
 * segment files; every process writes only its own new segment, so several
 * processes can share one cache directory. All segments are loaded once into
 * an in-memory index (a hit costs no I/O); segments written by other
 * processes meanwhile are picked up by `refresh()`, which the client calls on
 * a miss at most every few hundred ms. Torn or corrupt lines are skipped.
 * Errors are never stored (only `put` writes, and only successes are put).
 */
export class ResponseCache {
  readonly dir: string;
  /** Key → the entry's JSON text (parsed on use: cheap loads, and every hit gets a fresh object). */
  private readonly index = new Map<string, string>();
  private readonly offsets = new Map<string, number>();
  /** Per known segment: when it last grew and when it was last read (to skip idle segments of finished processes). */
  private readonly seen = new Map<string, { changed: number; checked: number }>();
  private fd: number | undefined;
  private segment: string | undefined;
  private fsyncTimer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private lastRefresh = 0;
  /** Lines skipped as torn/corrupt while loading. */
  corrupt = 0;

  constructor(dir: string, private readonly opts: CacheOptions = {}) {
    this.dir = path.resolve(dir);
    this.refresh();
  }

  get size(): number {
    return this.index.size;
  }

  /** Cached response for a key (marked cached, latency 0), or undefined. */
  get(key: string): LLMResponse | undefined {
    const json = this.index.get(key);
    if (json === undefined) return undefined;
    const e = this.parse(json);
    if (!e) {
      this.index.delete(key);
      return undefined;
    }
    return { ...e.r, cached: true, latencyMs: 0 };
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** All entries (for stats and explain), parsed one at a time. */
  *entries(): IterableIterator<CacheEntry> {
    for (const json of this.index.values()) {
      const e = this.parse(json);
      if (e) yield e;
    }
  }

  private parse(json: string): CacheEntry | undefined {
    try {
      const e = JSON.parse(json) as CacheEntry;
      if (e && typeof e.k === "string" && e.r && Array.isArray(e.r.choices) && e.q) return e;
    } catch {
      // counted below
    }
    this.corrupt++;
    return undefined;
  }

  /** Store a successful response. */
  put(key: string, fields: CacheKeyFields, response: LLMResponse): void {
    const stored: LLMResponse = { ...response, cached: false };
    const entry: CacheEntry = { k: key, q: fields, r: stored, t: Date.now() };
    const json = JSON.stringify(entry);
    const buf = Buffer.from(encodeLine(json), "utf8");
    const fd = this.openSegment();
    try {
      let off = 0;
      while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const err = diskError(e, this.segment!);
      // A failed write may have left a torn tail: never append after it (the
      // next entry would be glued to the fragment and lost); the next put
      // starts a fresh segment.
      this.abandonSegment();
      throw err;
    }
    if (!this.index.has(key)) this.index.set(key, json);
    this.scheduleSync(fd);
  }

  /**
   * Load entries added since the last refresh (all entries the first time),
   * including other processes' segments. `minIntervalMs` throttles the scan.
   */
  refresh(minIntervalMs = 0): void {
    const now = Date.now();
    if (minIntervalMs > 0 && now - this.lastRefresh < minIntervalMs) return;
    this.lastRefresh = now;
    const segDir = path.join(this.dir, SEGMENT_DIR);
    let names: string[];
    try {
      names = fs.readdirSync(segDir).filter((n) => n.startsWith("seg-") && n.endsWith(".jsonl")).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw diskError(e, segDir);
    }
    for (const name of names) {
      const file = path.join(segDir, name);
      if (file === this.segment) continue;
      const from = this.offsets.get(file) ?? 0;
      const info = this.seen.get(file);
      // Throttled refreshes (on misses) re-read a segment idle for 30 s at most every 10 s:
      // old segments of finished runs accumulate, and a missed entry only costs a redundant call.
      if (minIntervalMs > 0 && info && now - info.changed > 30_000 && now - info.checked < 10_000) continue;
      const r = readSegment(file, from);
      this.offsets.set(file, r.nextOffset);
      this.seen.set(file, { changed: !info || r.nextOffset !== from ? now : info.changed, checked: now });
      this.corrupt += r.corrupt;
      for (const json of r.records) {
        // Entries are written as {"k":"<64 hex>",...}: take the key without parsing the line.
        let k: string | undefined;
        if (json.startsWith('{"k":"') && json.charCodeAt(70) === 34) k = json.slice(6, 70);
        else k = this.parse(json)?.k;
        if (k === undefined) continue;
        if (!this.index.has(k)) this.index.set(k, json);
      }
    }
  }

  /** Flush and close this process's segment. */
  close(): void {
    if (this.fsyncTimer) clearTimeout(this.fsyncTimer);
    this.fsyncTimer = undefined;
    if (this.fd !== undefined) {
      try {
        fs.fsyncSync(this.fd); // always: an async batch fsync may still be pending
      } finally {
        fs.closeSync(this.fd);
        this.fd = undefined;
        this.dirty = false;
      }
    }
  }

  /** Stop writing the current segment (after a failed write); its torn tail stays unread. */
  private abandonSegment(): void {
    if (this.fsyncTimer) clearTimeout(this.fsyncTimer);
    this.fsyncTimer = undefined;
    const fd = this.fd;
    this.fd = undefined;
    this.dirty = false;
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // the write error is what gets reported
      }
    }
  }

  private openSegment(): number {
    if (this.fd !== undefined) return this.fd;
    const segDir = path.join(this.dir, SEGMENT_DIR);
    const name = "seg-" + Date.now().toString(36).padStart(9, "0") + "-" + process.pid + "-" + randomBytes(4).toString("hex") + ".jsonl";
    this.segment = path.join(segDir, name);
    try {
      fs.mkdirSync(segDir, { recursive: true });
      this.fd = fs.openSync(this.segment, "a");
    } catch (e) {
      throw diskError(e, this.segment);
    }
    return this.fd;
  }

  private scheduleSync(fd: number): void {
    const mode = this.opts.durability ?? "batch";
    if (mode === "none") return;
    if (mode === "always") {
      fs.fsyncSync(fd);
      return;
    }
    this.dirty = true;
    if (this.fsyncTimer) return;
    this.fsyncTimer = setTimeout(() => {
      this.fsyncTimer = undefined;
      if (this.fd !== undefined && this.dirty) {
        this.dirty = false;
        // Off the event loop (libuv thread pool): in-flight requests are not held up by the disk.
        fs.fsync(this.fd, () => {
          // an fsync error resurfaces on the next write or at close
        });
      }
    }, this.opts.fsyncMs ?? 200);
    this.fsyncTimer.unref?.();
  }
}
