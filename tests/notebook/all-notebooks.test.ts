import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import type { Notebook } from "../../lib/notebook/nbformat";

/**
 * Every notebook in notebooks/ is executed with its defaults (so none can
 * rot), plus the import-all guard, which compiles every public lib entry
 * point under tslab's own TypeScript 5.0.
 */
const notebooks = fs.readdirSync("notebooks").filter((f) => f.endsWith(".ipynb")).sort();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-nb-"));

describe("every notebook executes with its defaults", () => {
  for (const name of [...notebooks.map((n) => "notebooks/" + n), "tests/fixtures/notebooks/import-all.ipynb"]) {
    it(name, async () => {
      const out = path.join(tmp, path.basename(name));
      const r = await runCli(["run", name, "--out", out, "--quiet"], { env: { EVALBOOK_FIGURES_DIR: path.join(tmp, "figures") }, timeoutMs: 600_000 });
      expect(r.code, r.stderr).toBe(0);
      const nb = JSON.parse(fs.readFileSync(out, "utf8")) as Notebook;
      const errors = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "error");
      expect(errors).toEqual([]);
      if (name.startsWith("notebooks/")) {
        const figs = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "display_data" && "image/svg+xml" in o.data);
        expect(figs.length, "inline figures in " + name).toBeGreaterThan(0);
      }
    });
  }
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
            if (fs.existsSync(target) && fs.statSync(target).isDirectory()) bad.push(p + ": " + m[1]);
            if (/\.(ts|js)$/.test(m[1])) bad.push(p + ": " + m[1] + " (no extension please)");
          }
        }
      }
    };
    walk("lib");
    expect(bad).toEqual([]);
  });
});
