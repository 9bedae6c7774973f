import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The project root: the nearest directory at or above `from` (default: the
 * current working directory) whose package.json is named "evalbook".
 * Resolved from the working directory, never from the module's own location,
 * so that the same code runs under tslab, tsx and vitest.
 */
export function projectRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        const name = JSON.parse(fs.readFileSync(pkg, "utf8")).name;
        if (name === "evalbook") return dir;
      } catch {
        // not ours; keep looking upwards
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

/** Resolve a path relative to the project root. */
export function fromRoot(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}

/**
 * Directory of the real public data (`../shared/data` beside the project), or
 * the value of EVALBOOK_SHARED_DATA. Returns undefined when it is absent.
 */
export function sharedDataDir(): string | undefined {
  const env = process.env.EVALBOOK_SHARED_DATA;
  const candidate = env && env.length > 0 ? path.resolve(env) : path.resolve(projectRoot(), "..", "shared", "data");
  return fs.existsSync(candidate) ? candidate : undefined;
}

/** Path of a file inside the shared data, or undefined when the data is absent. */
export function sharedDataPath(...parts: string[]): string | undefined {
  const dir = sharedDataDir();
  if (!dir) return undefined;
  const p = path.join(dir, ...parts);
  return fs.existsSync(p) ? p : undefined;
}

/** Create a directory (and parents) if needed; returns it. */
export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
