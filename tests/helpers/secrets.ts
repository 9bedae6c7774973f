import * as fs from "node:fs";
import * as path from "node:path";

/** Recognisable fake keys: tests set them and then look for them everywhere. */
export const FAKE_KEYS = {
  OPENAI_API_KEY: "sk-evalbookFAKEopenai0123456789abcdefSECRET",
  TOGETHER_API_KEY: "tgp_v1_evalbookFAKEtogether0123456789SECRET",
  EVALBOOK_TEST_API_KEY: "evalbookFAKEcustom0123456789SECRET",
};

/** A distinctive fragment of every fake key (also catches partially echoed keys). */
export const FAKE_FRAGMENT = "evalbookFAKE";

/** Files under `dirs` (recursively, skipping node_modules and .git) modified at or after `sinceMs`. */
export function filesWrittenSince(dirs: string[], sinceMs: number): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === ".git") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && fs.statSync(p).mtimeMs >= sinceMs - 1000) out.push(p);
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

/** Files (among `files`) whose bytes contain a fake key or its fragment. */
export function filesWithSecrets(files: string[]): string[] {
  const needles = [FAKE_FRAGMENT, ...Object.values(FAKE_KEYS)].map((s) => Buffer.from(s));
  return files.filter((f) => {
    const b = fs.readFileSync(f);
    return needles.some((n) => b.includes(n));
  });
}
