import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli";
import { FAKE_FRAGMENT, FAKE_KEYS, filesWithSecrets, filesWrittenSince } from "../helpers/secrets";
import type { Notebook } from "../../lib/notebook/nbformat";

/**
 * Every notebook in notebooks/ is executed with its defaults (so none can
 * rot), plus the import-all guard, which compiles every public lib entry
 * point under tslab's own TypeScript 5.0.
 */
const notebooks = fs.readdirSync("notebooks").filter((f) => f.endsWith(".ipynb")).sort();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-nb-"));
const started = Date.now();
const consoleOutput: string[] = [];
// Notebooks run with recognisable fake API keys in the environment; afterwards
// every file written (project tree, temp dirs) and all console output are
// scanned for them (issue 10: secrets never leave the process).
const env = { ...FAKE_KEYS, EVALBOOK_FIGURES_DIR: path.join(tmp, "figures"), EVALBOOK_CACHE_DIR: path.join(tmp, "cache") };

describe("every notebook executes with its defaults", () => {
  for (const name of [...notebooks.map((n) => "notebooks/" + n), "tests/fixtures/notebooks/import-all.ipynb"]) {
    it(name, async () => {
      const out = path.join(tmp, path.basename(name));
      const r = await runCli(["run", name, "--out", out, "--quiet"], { env, timeoutMs: 600_000 });
      consoleOutput.push(r.stdout, r.stderr);
      expect(r.code, r.stderr).toBe(0);
      const nb = JSON.parse(fs.readFileSync(out, "utf8")) as Notebook;
      const errors = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "error");
      expect(errors).toEqual([]);
      if (name.startsWith("notebooks/")) {
        const figs = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "display_data" && "image/svg+xml" in o.data);
        expect(figs.length, "inline figures in " + name).toBeGreaterThan(0);
      }
    }, 900_000);
  }
});

describe("secrets (fake keys set while every notebook ran)", () => {
  it("appear in no file written and in no console output", () => {
    const files = filesWrittenSince([ROOT, tmp], started);
    expect(files.length).toBeGreaterThan(notebooks.length);
    expect(filesWithSecrets(files)).toEqual([]);
    expect(consoleOutput.join("\n")).not.toContain(FAKE_FRAGMENT);
  });
});

describe("lib imports", () => {
  it("never import a bare directory (tslab under Jupyter cannot resolve it)", () => {
    const bad: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".ts")) {
          const src = fs.readFileSync(p, "utf8");
          for (const m of src.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]*)"/g)) {
            const target = path.resolve(path.dirname(p), m[1]);
            if (!fs.existsSync(target + ".ts") && fs.existsSync(target) && fs.statSync(target).isDirectory()) bad.push(p + ": " + m[1]);
            if (/\.(ts|js)$/.test(m[1])) bad.push(p + ": " + m[1] + " (no extension please)");
          }
        }
      }
    };
    walk("lib");
    expect(bad).toEqual([]);
  });
});
