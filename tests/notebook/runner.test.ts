import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonLines, runCli } from "../helpers/cli";
import type { Notebook } from "../../lib/notebook/nbformat";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-run-"));
const read = (p: string) => JSON.parse(fs.readFileSync(p, "utf8")) as Notebook;
const text = (nb: Notebook) =>
  nb.cells
    .flatMap((c) => c.outputs ?? [])
    .map((o) => ("text" in o ? o.text : ""))
    .join("");

describe("evalbook run (headless notebook runner)", () => {
  it("runs quickstart with defaults and with --param n=50, changing what it computes", async () => {
    const env = { EVALBOOK_FIGURES_DIR: path.join(tmp, "figs") };
    const a = await runCli(["run", "notebooks/quickstart.ipynb", "--out", path.join(tmp, "a.ipynb"), "--quiet"], { env });
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(["run", "notebooks/quickstart.ipynb", "--param", "n=50", "--out", path.join(tmp, "b.ipynb")], { env });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toMatch(/quickstart\.ipynb: cell \d+ ok \(\d+ ms\)/);
    const [res] = jsonLines(b.stdout) as { ok: boolean; out: string }[];
    expect(res.ok).toBe(true);
    const na = read(path.join(tmp, "a.ipynb"));
    const nb = read(path.join(tmp, "b.ipynb"));
    expect(text(na)).toContain("n = 200,");
    expect(text(nb)).toContain("n = 50,");
    // The injected cell follows the parameters cell and is tagged.
    const idx = nb.cells.findIndex((c) => (c.metadata.tags ?? []).includes("parameters"));
    expect(nb.cells[idx + 1].metadata.tags).toEqual(["injected-parameters"]);
    expect(nb.cells[idx + 1].source).toContain("const n = 50;");
    // Per-cell timing and display data are recorded.
    for (const c of nb.cells.filter((c) => c.cell_type === "code")) {
      expect(typeof (c.metadata.evalbook as { duration_ms: number }).duration_ms).toBe("number");
      expect(c.execution_count).toBeGreaterThan(0);
    }
    const svgs = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "display_data" && "image/svg+xml" in o.data);
    expect(svgs.length).toBe(2);
    expect(fs.readdirSync(path.join(tmp, "figs")).sort()).toEqual([
      "quickstart-group-means.png",
      "quickstart-group-means.svg",
      "quickstart-histogram.png",
      "quickstart-histogram.svg",
    ]);
  });

  it("stops at the first failing cell, exits 1 naming it, and writes the outputs so far", async () => {
    const out = path.join(tmp, "failing.ipynb");
    const r = await runCli(["run", "tests/fixtures/notebooks/failing.ipynb", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("evalbook: failing.ipynb: cell 4 (id cell-03): RangeError: limit 2 is below five");
    const nb = read(out);
    expect(text(nb)).toContain("first ran with limit 2");
    expect(text(nb)).not.toContain("after the throw");
    expect(text(nb)).not.toContain("must not run");
    const err = nb.cells[3].outputs!.find((o) => o.output_type === "error");
    expect(err).toMatchObject({ ename: "RangeError", evalue: "limit 2 is below five" });
    expect(nb.cells[4].execution_count).toBeNull();
    expect((nb.metadata.evalbook as { ok: boolean }).ok).toBe(false);
  });

  it("a --param can make the failing cell pass", async () => {
    const r = await runCli(["run", "tests/fixtures/notebooks/failing.ipynb", "-p", "limit=9", "--out", path.join(tmp, "f2.ipynb")]);
    expect(r.code, r.stderr).toBe(0);
    expect(text(read(path.join(tmp, "f2.ipynb")))).toContain("this cell must not run");
  });

  it("reports compile errors as a failing cell", async () => {
    const r = await runCli(["run", "tests/fixtures/notebooks/compile-error.ipynb", "--out", path.join(tmp, "ce.ipynb")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cell 1 \(id cell-00\): CompileError: 1:7 - Type 'string' is not assignable to type 'number'/);
  });

  it("rejects unknown and mistyped parameters before running anything", async () => {
    const a = await runCli(["run", "notebooks/quickstart.ipynb", "--param", "m=1"]);
    expect(a.code).toBe(2);
    expect(a.stderr.trim()).toBe("evalbook: unknown parameter 'm' (the parameters cell declares: n, seed, bins)");
    const b = await runCli(["run", "notebooks/quickstart.ipynb", "--param", "n=many"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("parameter 'n' is a number (default 200), not 'many'");
  });

  it("rejects a file that is not a notebook with its name", async () => {
    const bad = path.join(tmp, "bad.ipynb");
    fs.writeFileSync(bad, '{"cells": 3, "nbformat": 4}');
    const r = await runCli(["run", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("evalbook: " + bad + " field 'cells': not a Jupyter notebook (no cells array)");
  });
});

describe("display updates", () => {
  it("keep one output per display id, holding its last state", async () => {
    const out = path.join(tmp, "display.ipynb");
    const r = await runCli(["run", "tests/fixtures/notebooks/display-update.ipynb", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const outputs = read(out).cells[1].outputs!.filter((o) => o.output_type === "display_data");
    expect(outputs.map((o) => (o as { data: Record<string, string> }).data["text/plain"])).toEqual(["progress 3/3", "other"]);
  });
});
