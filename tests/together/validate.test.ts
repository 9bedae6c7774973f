import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidTraining, formatProblems, validateTrainingRows, validateTrainingText } from "../../lib/together/files/validate";
import { writeTrainingFile, sha256Hex } from "../../lib/together/files/write";
import { conversationRow } from "../../lib/together/files/formats";
import { InputError } from "../../lib/util/errors";

const ok = (u: string, a: string) => JSON.stringify({ messages: [{ role: "user", content: u }, { role: "assistant", content: a }] });

describe("training file validation", () => {
  it("accepts the three formats", () => {
    expect(validateTrainingText(ok("q", "a") + "\n" + ok("q2", "a2") + "\n", "c.jsonl")).toMatchObject({ ok: true, format: "conversation", rows: 2, validRows: 2 });
    expect(validateTrainingText('{"prompt":"p","completion":"c"}\n', "i.jsonl")).toMatchObject({ ok: true, format: "instruction", rows: 1 });
    expect(validateTrainingText('{"text":"hello"}', "g.jsonl")).toMatchObject({ ok: true, format: "general" });
    // system first, weights 0/1, CRLF line endings
    const sys = JSON.stringify({ messages: [{ role: "system", content: "s" }, { role: "user", content: "u", weight: 0 }, { role: "assistant", content: "a", weight: 1 }] });
    expect(validateTrainingText(sys + "\r\n" + sys + "\r\n", "s.jsonl").ok).toBe(true);
  });

  it("reports EVERY bad row with its line and field", () => {
    const lines = [
      ok("fine", "fine"), // 1
      "{not json", // 2
      JSON.stringify({ messages: [{ role: "user", content: "q" }, { role: "bot", content: "a" }] }), // 3 unknown role
      JSON.stringify({ messages: [{ role: "user", content: "q" }, { role: "assistant", content: "   " }] }), // 4 empty content
      JSON.stringify({ messages: [{ role: "user", content: "q" }] }), // 5 no assistant
      JSON.stringify({ prompt: "p", completion: "c" }), // 6 mixed formats
      JSON.stringify({ messages: "hello" }), // 7 wrong type
      JSON.stringify({ messages: [{ role: "user", content: 5 }, { role: "assistant", content: "a" }] }), // 8 content not a string
      "", // 9 blank line inside the file
      JSON.stringify([1, 2]), // 10 not an object
      JSON.stringify({ messages: [{ role: "assistant", content: "a" }, { role: "user", content: "q" }] }), // 11 order
      JSON.stringify({ messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }], extra: 1 }), // 12 unknown key
      JSON.stringify({ messages: [{ role: "user", content: "q" }, { role: "system", content: "late" }, { role: "assistant", content: "a" }] }), // 13 system late
      JSON.stringify({ messages: [] }), // 14 empty
      JSON.stringify({ foo: 1 }), // 15 unrecognised
      JSON.stringify({ messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a", weight: 0.5 }] }), // 16 weight
      ok("fine", "again"), // 17
    ];
    const v = validateTrainingText(lines.join("\n") + "\n", "bad.jsonl");
    expect(v.ok).toBe(false);
    expect(v.format).toBe("conversation");
    expect(v.rows).toBe(16);
    expect(v.validRows).toBe(2);
    const badLines = Array.from(new Set(v.problems.map((p) => p.line)));
    expect(badLines).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const at = (line: number) => v.problems.filter((p) => p.line === line);
    expect(at(2)[0].problem).toMatch(/invalid JSON/);
    expect(at(3)[0]).toMatchObject({ field: "messages[1].role" });
    expect(at(3)[0].problem).toMatch(/unknown role 'bot'/);
    expect(at(4)[0]).toMatchObject({ field: "messages[1].content", problem: "is empty" });
    expect(at(5)[0].problem).toMatch(/no assistant turn/);
    expect(at(6)[0].problem).toMatch(/mixed formats: row is instruction but the file is conversation \(from line 1\)/);
    expect(at(7)[0]).toMatchObject({ field: "messages" });
    expect(at(8)[0]).toMatchObject({ field: "messages[0].content", problem: "must be a string, got a number" });
    expect(at(9)[0].problem).toMatch(/blank line/);
    expect(at(10)[0].problem).toMatch(/expected a JSON object, got an array/);
    expect(at(11)[0].problem).toMatch(/alternate/);
    expect(at(12)[0]).toMatchObject({ field: "extra" });
    expect(at(13)[0].problem).toMatch(/system message is only allowed first/);
    expect(at(14)[0]).toMatchObject({ field: "messages", problem: "is empty" });
    expect(at(15)[0].problem).toMatch(/unrecognised row/);
    expect(at(16)[0]).toMatchObject({ field: "messages[1].weight" });
    // the formatted list names file:line for every problem
    const text = formatProblems(v);
    expect(text).toHaveLength(v.problems.length);
    expect(text[0]).toMatch(/^bad\.jsonl:2: invalid JSON/);
    // assertValidTraining throws an InputError located at the first problem and listing all
    try {
      assertValidTraining(v);
      throw new Error("should have thrown");
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const ie = e as InputError;
      expect(ie.file).toBe("bad.jsonl");
      expect(ie.line).toBe(2);
      expect(ie.message).toMatch(/problems on 15 lines/);
      for (const l of badLines) expect(ie.message).toMatch(new RegExp("bad\\.jsonl:" + l + "[: ]"));
    }
  });

  it("instruction rows: missing, wrong type and empty fields", () => {
    const v = validateTrainingText(['{"prompt":"p"}', '{"prompt":1,"completion":"c"}', '{"prompt":"p","completion":""}'].join("\n"), "i.jsonl");
    expect(v.problems).toEqual([
      { line: 1, field: "completion", problem: "missing" },
      { line: 2, field: "prompt", problem: "must be a string, got a number" },
      { line: 3, field: "completion", problem: "is empty" },
    ]);
  });

  it("empty file and required format", () => {
    expect(validateTrainingText("", "e.jsonl").problems[0].problem).toMatch(/no rows/);
    const v = validateTrainingText('{"text":"x"}\n', "g.jsonl", { format: "conversation" });
    expect(v.problems[0].problem).toMatch(/mixed formats: row is general but the file is conversation \(required\)/);
  });

  it("in-memory rows and writeTrainingFile (validates, writes nothing on error, sha256 of bytes)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-tv-"));
    try {
      const rows = [conversationRow("u1", "a1", "sys"), conversationRow("u2", "a2")];
      const w = writeTrainingFile(path.join(dir, "t.jsonl"), rows);
      const bytes = fs.readFileSync(w.path);
      expect(w).toMatchObject({ rows: 2, format: "conversation", bytes: bytes.length, sha256: sha256Hex(bytes) });
      expect(bytes.toString("utf8").trim().split("\n").map((l) => JSON.parse(l))).toEqual(rows);
      const bad = [conversationRow("u", "a"), { messages: [{ role: "user", content: "" }] }] as never[];
      expect(() => writeTrainingFile(path.join(dir, "bad.jsonl"), bad)).toThrow(/line|:2/);
      expect(fs.existsSync(path.join(dir, "bad.jsonl"))).toBe(false);
      const r = validateTrainingRows(bad);
      expect(r.problems.map((p) => p.line)).toEqual([2, 2]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
