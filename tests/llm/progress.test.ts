import * as path from "node:path";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { createProgress } from "../../lib/llm/progress/progress";

const req = createRequire(path.resolve(__dirname, "..", "..", "package.json"));
const jupyter = req("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

afterEach(() => {
  jupyter.lastWriteDisplayData = null;
});

describe("notebook progress", () => {
  it("updates one display in place (same display id, update after the first)", () => {
    const calls: { data: Record<string, string>; transient: Record<string, unknown>; update: boolean }[] = [];
    jupyter.lastWriteDisplayData = (msg: { data: Record<string, string>; transient: Record<string, unknown> }, update: boolean) => calls.push({ ...msg, update });
    let t = 0;
    const p = createProgress("judge", 4, { now: () => t, intervalMs: 0 });
    for (let i = 0; i < 4; i++) {
      t += 1000;
      p.tick(1, { cached: i === 0, failed: i === 3 });
    }
    p.done();
    expect(calls.length).toBe(6);
    const ids = new Set(calls.map((c) => c.transient.display_id));
    expect(ids.size).toBe(1);
    expect(calls.map((c) => c.update)).toEqual([false, true, true, true, true, true]);
    expect(calls[5].data["text/plain"]).toBe("judge 4/4 (100%) 1.00/s ETA 0:00, 1 failed, 1 cached");
    expect(calls[5].data["text/html"]).toContain('<progress max="100" value="100.0"');
  });
  it("a TTY gets an in-place bar", () => {
    const out: string[] = [];
    let t = 0;
    const p = createProgress("gen", 2, { mode: "cli", stream: { write: (s: string) => out.push(s), isTTY: true, columns: 80 }, now: () => t, intervalMs: 0 });
    t = 1000;
    p.tick();
    t = 2000;
    p.tick();
    p.done();
    expect(out[1]).toBe("\r\x1b[2Kgen [##########----------] 1/2 (50%) 1.00/s ETA 0:01");
    expect(out[out.length - 1].endsWith("\n")).toBe(true);
  });
});
