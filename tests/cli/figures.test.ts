import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonLines, runCli } from "../helpers/cli";

describe("evalbook figures", () => {
  it("runs the chosen notebooks in child processes and writes figures and executed copies", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-figures-"));
    const r = await runCli(["figures", "--only", "quickstart", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const [line] = jsonLines(r.stdout) as { notebook: string; ok: boolean }[];
    expect(line).toMatchObject({ notebook: "quickstart.ipynb", ok: true });
    expect(fs.readdirSync(out).filter((f) => f.startsWith("quickstart-")).sort()).toEqual([
      "quickstart-group-means.png",
      "quickstart-group-means.svg",
      "quickstart-histogram.png",
      "quickstart-histogram.svg",
    ]);
    const nb = JSON.parse(fs.readFileSync(path.join(out, "notebooks", "quickstart.ipynb"), "utf8"));
    expect(nb.metadata.evalbook.ok).toBe(true);
    expect(r.stderr).toContain("figures: 1/1 notebooks ok");
  });

  it("rejects an unknown notebook name", async () => {
    const r = await runCli(["figures", "--only", "nope"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("evalbook: no notebook notebooks/nope.ipynb");
  });
});
