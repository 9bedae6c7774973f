import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv, formatCsv } from "../../lib/io/csv";
import { parseJsonlRows, readJsonl, parseJsonText } from "../../lib/io/jsonl";
import { readText } from "../../lib/io/text";
import { writeFileAtomic, appendLineDurable } from "../../lib/io/atomic";
import { fillPrompt, loadPrompt } from "../../lib/prompts/template";
import { redactSecrets } from "../../lib/util/secrets";
import { InputError } from "../../lib/util/errors";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-io-"));

describe("text", () => {
  it("strips a BOM and rejects invalid UTF-8 naming the line", () => {
    const f = path.join(tmp, "bom.txt");
    fs.writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("héllo\n")]));
    expect(readText(f)).toBe("héllo\n");
    const g = path.join(tmp, "bad.txt");
    fs.writeFileSync(g, Buffer.concat([Buffer.from("ok\nok\n"), Buffer.from([0x61, 0xff, 0x62]), Buffer.from("\n")]));
    expect(() => readText(g)).toThrow(g + ":3: not valid UTF-8 text");
    expect(() => readText(path.join(tmp, "missing.txt"))).toThrow(/missing\.txt: file not found/);
  });
});

describe("jsonl", () => {
  it("parses rows with line numbers, skipping blank lines", () => {
    const rows = parseJsonlRows('{"a":1}\n\n{"a":2}\r\n', "f.jsonl");
    expect(rows).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
    ]);
  });
  it("names file and line of invalid JSON, non-objects and empty files", () => {
    expect(() => parseJsonlRows('{"a":1}\n{"a":', "f.jsonl")).toThrow(/^f\.jsonl:2: invalid JSON/);
    expect(() => parseJsonlRows("[1]\n", "f.jsonl")).toThrow("f.jsonl:1: expected a JSON object on each line");
    expect(() => parseJsonlRows("\n\n", "f.jsonl")).toThrow("f.jsonl: file is empty (no JSON lines)");
    try {
      parseJsonlRows('{"a":1}\nnope', "f.jsonl");
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).line).toBe(2);
    }
  });
  it("accepts Python NaN / Infinity only when asked, and not inside strings", () => {
    expect(() => parseJsonText('{"x": NaN}', { file: "f" })).toThrow(/invalid JSON/);
    const v = parseJsonText('{"x": NaN, "y": [Infinity, -Infinity], "s": "NaN Infinity"}', { file: "f" }, true) as Record<string, unknown>;
    expect(Number.isNaN(v.x)).toBe(true);
    expect(v.y).toEqual([Infinity, -Infinity]);
    expect(v.s).toBe("NaN Infinity");
  });
  it("reads files", () => {
    const f = path.join(tmp, "a.jsonl");
    fs.writeFileSync(f, '{"id":"1"}\n{"id":"2"}\n');
    expect(readJsonl(f)).toEqual([{ id: "1" }, { id: "2" }]);
  });
});

describe("csv", () => {
  it("handles quoted cells with commas, quotes and newlines, tracking start lines", () => {
    const t = parseCsv('a,b\n"x, y","say ""hi""\nnext line"\n3,4\n', "f.csv");
    expect(t.columns).toEqual(["a", "b"]);
    expect(t.rows).toEqual([
      { a: "x, y", b: 'say "hi"\nnext line' },
      { a: "3", b: "4" },
    ]);
    expect(t.lines).toEqual([2, 4]);
  });
  it("reports missing columns, ragged rows, unterminated quotes and empty files", () => {
    expect(() => parseCsv("a,b\n1,2\n", "f.csv", { required: ["a", "c"] })).toThrow("f.csv:1 field 'c': missing required column (found: a, b)");
    expect(() => parseCsv("a,b\n1,2\n3\n", "f.csv")).toThrow("f.csv:3: expected 2 fields, found 1");
    expect(() => parseCsv('a,b\n1,"2\n', "f.csv")).toThrow("f.csv:2: unterminated quoted field");
    expect(() => parseCsv("", "f.csv")).toThrow("f.csv: file is empty (no header row)");
    expect(() => parseCsv("a,a\n", "f.csv")).toThrow("f.csv:1 field 'a': duplicate column name");
  });
  it("round-trips through formatCsv", () => {
    const rows = [{ a: 'x,"y"', b: "line1\nline2" }, { a: "", b: "z" }];
    expect(parseCsv(formatCsv(rows, ["a", "b"]), "f.csv").rows).toEqual(rows);
  });
});

describe("atomic writes", () => {
  it("replaces files whole and leaves no temporary files", () => {
    const f = path.join(tmp, "sub", "x.json");
    writeFileAtomic(f, "one");
    writeFileAtomic(f, "two");
    expect(fs.readFileSync(f, "utf8")).toBe("two");
    expect(fs.readdirSync(path.dirname(f))).toEqual(["x.json"]);
    appendLineDurable(path.join(tmp, "sub", "log.jsonl"), '{"a":1}');
    appendLineDurable(path.join(tmp, "sub", "log.jsonl"), '{"a":2}');
    expect(fs.readFileSync(path.join(tmp, "sub", "log.jsonl"), "utf8")).toBe('{"a":1}\n{"a":2}\n');
  });
  it("reports a read-only directory clearly and writes nothing", () => {
    if (process.getuid && process.getuid() === 0) {
      // root ignores permission bits; use a path under a file instead (ENOTDIR).
      const file = path.join(tmp, "plainfile");
      fs.writeFileSync(file, "x");
      expect(() => writeFileAtomic(path.join(file, "y.json"), "z")).toThrow();
      return;
    }
    const ro = path.join(tmp, "ro");
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o500);
    expect(() => writeFileAtomic(path.join(ro, "y.json"), "z")).toThrow(/permission denied/);
  });
});

describe("prompt templates", () => {
  const dir = path.join(tmp, "prompts");
  fs.mkdirSync(path.join(dir, "study"), { recursive: true });
  fs.writeFileSync(path.join(dir, "study", "judge.v1.txt"), "Old {question}");
  fs.writeFileSync(path.join(dir, "study", "judge.v2.txt"), "Q: {question}\nA: {answer}\nLiteral {{braces}}");
  it("loads the newest version unless one is asked for", () => {
    expect(loadPrompt("study", "judge", undefined, dir).version).toBe(2);
    expect(loadPrompt("study", "judge", 1, dir).text).toBe("Old {question}");
    expect(loadPrompt("study", "judge", undefined, dir).placeholders).toEqual(["question", "answer"]);
    expect(() => loadPrompt("study", "nope", undefined, dir)).toThrow(/no prompt template/);
  });
  it("fills in one pass, never re-expanding placeholders inside values", () => {
    const t = loadPrompt("study", "judge", undefined, dir);
    expect(fillPrompt(t, { question: "What is {answer}?", answer: "42" })).toBe("Q: What is {answer}?\nA: 42\nLiteral {braces}");
    expect(() => fillPrompt(t, { question: "x" })).toThrow(/no value for placeholder \{answer\}/);
    expect(() => fillPrompt(t, { question: "x", answer: "y", extra: "z" })).toThrow(/unknown placeholder \{extra\}/);
  });
});

describe("secrets", () => {
  it("redacts secret-looking environment values and key shapes", () => {
    const env = { OPENAI_API_KEY: "sk-test-abcdefghijklmnopqrstuvwxyz", TOGETHER_API_KEY: "tgp_v1_secretvalue123", PATH: "/usr/bin:/bin/longpath" };
    const text = "key sk-test-abcdefghijklmnopqrstuvwxyz and tgp_v1_secretvalue123 and Bearer abcdefghijklmnop and /usr/bin:/bin/longpath";
    const out = redactSecrets(text, env);
    expect(out).toBe("key [redacted] and [redacted] and Bearer [redacted] and /usr/bin:/bin/longpath");
  });
});
