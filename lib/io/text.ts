import * as fs from "node:fs";
import { InputError } from "../util/errors";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Read a UTF-8 text file strictly: invalid UTF-8 is an InputError naming the
 * line of the first bad byte; a leading BOM is removed. A missing file is an
 * InputError too.
 */
export function readText(file: string): string {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a file" : "cannot read (" + code + ")");
  }
  return decodeUtf8(buf, file);
}

/** Decode bytes as strict UTF-8 (BOM removed), naming the line of a bad byte. */
export function decodeUtf8(buf: Uint8Array, file: string): string {
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    throw new InputError({ file, line: lineOfBadUtf8(buf) }, "not valid UTF-8 text");
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineOfBadUtf8(buf: Uint8Array): number {
  // Find the first line whose bytes fail to decode.
  let line = 1;
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      try {
        decoder.decode(buf.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** Split text into lines, accepting \n and \r\n endings. */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.endsWith("\r")) lines[i] = l.slice(0, -1);
  }
  return lines;
}
