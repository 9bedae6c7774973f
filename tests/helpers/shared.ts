import * as fs from "node:fs";
import * as path from "node:path";
import { describe } from "vitest";

/** Absolute path of ../shared/data (or EVALBOOK_SHARED_DATA). */
export const SHARED_DATA = process.env.EVALBOOK_SHARED_DATA
  ? path.resolve(process.env.EVALBOOK_SHARED_DATA)
  : path.resolve(process.cwd(), "..", "shared", "data");

/**
 * `describe` for tests that need the real data in ../shared/data. When the
 * data (or the given sub-path) is absent: with CI set the suite fails; else
 * it is skipped with a printed reason.
 */
export function describeShared(name: string, subpath: string, fn: (dir: string) => void): void {
  const dir = path.join(SHARED_DATA, subpath);
  if (fs.existsSync(dir)) {
    describe(name, () => fn(dir));
    return;
  }
  const reason = "real data not found at " + dir;
  if (process.env.CI) {
    describe(name, () => {
      throw new Error(reason + " (CI is set, so this is a failure, not a skip)");
    });
    return;
  }
  console.warn("[skip] " + name + ": " + reason);
  describe.skip(name + " (skipped: " + reason + ")", () => fn(dir));
}

/** Path inside the shared data (may not exist; use inside describeShared). */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}
