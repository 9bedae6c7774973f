import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { createHash } from "node:crypto";

/*
 * Segment files: append-only JSONL where every line is
 *   <8 hex digits of crc32(json)> <json>\n
 * The checksum makes any torn or garbled line detectable (it is skipped and
 * counted, never fatal). Each process appends only to its own segment, so
 * concurrent writers never interleave bytes.
 */

const crc32 = (zlib as unknown as { crc32?: (s: string) => number }).crc32;

/** Checksum prefix of one JSON line: CRC-32 (zlib; sha256 prefix where zlib has none), 8 hex digits. */
export function lineChecksum(json: string): string {
  if (crc32) return (crc32(json) >>> 0).toString(16).padStart(8, "0");
  return createHash("sha256").update(json, "utf8").digest("hex").slice(0, 8);
}

const SUM = 8;

/** Encode one record as a segment line (with trailing newline). */
export function encodeLine(json: string): string {
  return lineChecksum(json) + " " + json + "\n";
}

/** Result of reading a segment from an offset. */
export interface SegmentRead {
  /** Verified JSON texts, in file order. */
  records: string[];
  /** Lines that failed the checksum or were not JSON. */
  corrupt: number;
  /** Offset just after the last complete line (a torn tail is left unread). */
  nextOffset: number;
}

/** Read the complete lines of a segment from `offset`. */
export function readSegment(file: string, offset = 0): SegmentRead {
  let buf: Buffer;
  try {
    const fd = fs.openSync(file, "r");
    try {
      const size = fs.fstatSync(fd).size;
      if (size <= offset) return { records: [], corrupt: 0, nextOffset: offset };
      buf = Buffer.allocUnsafe(size - offset);
      let read = 0;
      while (read < buf.length) {
        const n = fs.readSync(fd, buf, read, buf.length - read, offset + read);
        if (n <= 0) break;
        read += n;
      }
      buf = buf.subarray(0, read);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { records: [], corrupt: 0, nextOffset: offset };
    throw e;
  }
  const last = buf.lastIndexOf(10);
  if (last < 0) return { records: [], corrupt: 0, nextOffset: offset };
  const text = buf.toString("utf8", 0, last);
  const records: string[] = [];
  let corrupt = 0;
  for (const line of text.split("\n")) {
    if (line.length === 0) continue;
    const sp = line.indexOf(" ");
    const json = sp === SUM ? line.slice(SUM + 1) : "";
    if (sp !== SUM || lineChecksum(json) !== line.slice(0, SUM)) {
      corrupt++;
      continue;
    }
    records.push(json);
  }
  return { records, corrupt, nextOffset: offset + last + 1 };
}
