import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../util/errors";

let counter = 0;

/**
 * Write a file atomically: write to a unique temporary file in the same
 * directory, fsync it, then rename over the target. A reader never sees a
 * torn file, and a crash leaves either the old or the new content. A full or
 * read-only disk is reported as a UserError naming the path; the temporary
 * file is removed.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, "." + path.basename(file) + "." + process.pid + "." + Date.now().toString(36) + "." + (counter++) + ".tmp");
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeSync(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // ignore cleanup failure
    }
    throw diskError(e, file);
  }
}

/**
 * Append one complete line (a trailing newline is added) with a single write
 * call on an O_APPEND descriptor and fsync it. Readers must tolerate a torn
 * final line, which only a crash in the middle of this call can leave.
 */
export function appendLineDurable(file: string, line: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, "a");
    try {
      fs.writeSync(fd, Buffer.from(line + "\n", "utf8"));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw diskError(e, file);
  }
}

/** Turn a file-system error into a clear one-line UserError. */
export function diskError(e: unknown, file: string): Error {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOSPC":
      return new UserError(file + ": disk full (ENOSPC); nothing was written");
    case "EROFS":
      return new UserError(file + ": read-only file system (EROFS); nothing was written");
    case "EACCES":
    case "EPERM":
      return new UserError(file + ": permission denied (" + code + "); nothing was written");
    case "EDQUOT":
      return new UserError(file + ": disk quota exceeded; nothing was written");
    case "ENOTDIR":
      return new UserError(file + ": a parent of this path is a file, not a directory (ENOTDIR); nothing was written");
    case "EISDIR":
      return new UserError(file + ": is a directory (EISDIR); nothing was written");
    case "EEXIST":
      return new UserError(file + ": a file exists where a directory is needed (EEXIST); nothing was written");
    case "ENAMETOOLONG":
      return new UserError(file + ": path too long (ENAMETOOLONG); nothing was written");
    default:
      return e instanceof Error ? e : new Error(String(e));
  }
}
