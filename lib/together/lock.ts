/**
 * A small cross-process lock file (`fs.openSync(path, "wx")`), used around
 * "look up the ledger → create a paid job → record it" so that two processes
 * (or two concurrent calls) with the same run directory cannot both create
 * the job. The file holds the owner's pid; a lock whose owner is no longer
 * alive is taken over.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../util/errors";
import { sleep } from "./http";

function ownerAlive(file: string): boolean {
  let pid = NaN;
  try {
    pid = Number(JSON.parse(fs.readFileSync(file, "utf8")).pid);
  } catch {
    return true; // being written right now: treat as held
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Run `fn` holding the lock `file`; waits (polling) up to `timeoutMs` for another holder. */
export async function withLockFile<T>(file: string, fn: () => Promise<T>, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    if (fd !== undefined) {
      try {
        fs.writeSync(fd, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
      } finally {
        fs.closeSync(fd);
      }
      try {
        return await fn();
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
    if (!ownerAlive(file)) {
      fs.rmSync(file, { force: true }); // stale: its owner died
      continue;
    }
    if (Date.now() >= deadline) throw new UserError(file + ": held by another process for too long; if none is running, remove this file");
    await sleep(options.pollMs ?? 50);
  }
}
