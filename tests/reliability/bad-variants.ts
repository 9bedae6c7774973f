/**
 * Bad variants of a GOOD input file (not a test file). Each variant is
 * written to its own temporary folder under the good file's base name (some
 * loaders read meaning from the name, e.g. lm-eval's samples_<task>_<date>).
 * `expect` says what a correct loader does with it:
 *  - "same": accepted, with exactly the good file's result (BOM, CRLF, blank lines);
 *  - "error": an InputError naming the file and (when given) the line / field;
 *  - "ok-or-error": either accepted WITHOUT dropping a row (rows = the given count), or an InputError at the given line.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatCsv, parseCsv } from "../../lib/io/csv";

export type Format = "jsonl" | "csv" | "text" | "json";

export interface Variant {
  name: string;
  bytes: Buffer;
  expect: "same" | "error" | "ok-or-error";
  /** 1-based line the error must name. */
  line?: number;
  /** Rows an accepted ok-or-error variant must yield. */
  rows?: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Lines of a good file (without trailing empty line). */
function linesOf(text: string): string[] {
  const l = text.replace(/\r\n/g, "\n").split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
}

const join = (lines: string[]) => Buffer.from(lines.join("\n") + "\n", "utf8");

/**
 * The variants for a good file of `format` with `goodRows` result rows.
 * JSONL: line i holds row i; CSV: line 1 is the header; text: one row per line.
 */
export function variantsOf(goodText: string, format: Format, goodRows: number, requiredColumn?: string): Variant[] {
  if (format === "json") return jsonVariants(goodText);
  const lines = linesOf(goodText);
  const out: Variant[] = [
    { name: "bom", bytes: Buffer.concat([BOM, join(lines)]), expect: "same" },
    { name: "crlf", bytes: Buffer.from(lines.join("\r\n") + "\r\n", "utf8"), expect: "same" },
    { name: "empty", bytes: Buffer.alloc(0), expect: "error" },
  ];
  // Non-UTF-8: a Latin-1 byte in line 2.
  const l2 = Buffer.from(lines[1], "utf8");
  const cut = Math.max(1, Math.floor(l2.length / 2));
  const latin = Buffer.concat([Buffer.from(lines[0] + "\n", "utf8"), l2.subarray(0, cut), Buffer.from([0xe9]), l2.subarray(cut), Buffer.from("\n" + lines.slice(2).join("\n") + "\n", "utf8")]);
  out.push({ name: "latin1-line2", bytes: latin, expect: "error", line: 2 });
  if (format === "text") return out;
  out.push({ name: "trailing-blank-lines", bytes: Buffer.concat([join(lines), Buffer.from("\n\n", "utf8")]), expect: "same" });
  const last = lines.length;
  if (format === "jsonl") {
    // Truncated: the last line cut in the middle (a crash while writing).
    const t = lines.slice();
    t[last - 1] = t[last - 1].slice(0, Math.floor(t[last - 1].length / 2));
    out.push({ name: "truncated", bytes: Buffer.from(t.join("\n"), "utf8"), expect: "error", line: last });
    const inv = lines.slice();
    inv[1] = "{'id': 1, unquoted: yes}";
    out.push({ name: "invalid-line2", bytes: join(inv), expect: "error", line: 2 });
    const arr = lines.slice();
    arr[1] = JSON.stringify(["not", "an", "object"]);
    out.push({ name: "array-line2", bytes: join(arr), expect: "error", line: 2 });
    // Wrong types: every string value on line 2 replaced by a number, every number by a string.
    const wt = lines.slice();
    wt[1] = JSON.stringify(retype(JSON.parse(lines[1])));
    out.push({ name: "wrong-types-line2", bytes: join(wt), expect: "error", line: 2 });
    const dup = lines.slice();
    dup.splice(2, 0, lines[1]);
    out.push({ name: "duplicate-line2", bytes: join(dup), expect: "ok-or-error", line: 3, rows: goodRows + 1 });
    const nan = lines.slice();
    nan[1] = nan[1].replace(/:\s*(-?\d+(\.\d+)?([eE][-+]?\d+)?)(?=\s*[,}\]])/, ": NaN");
    if (nan[1] !== lines[1]) out.push({ name: "nan-line2", bytes: join(nan), expect: "ok-or-error", line: 2, rows: goodRows });
  } else {
    const header = lines[0].split(",");
    // Missing column: a required column (default the first) dropped from the header and every row.
    const t = parseCsv(goodText, "(good)");
    const drop = requiredColumn ?? t.columns[0];
    out.push({ name: "missing-column", bytes: Buffer.from(formatCsv(t.rows, t.columns.filter((c) => c !== drop)), "utf8"), expect: "error", line: 1 });
    out.push({ name: "renamed-columns", bytes: join([header.map((h) => "X_" + h).join(","), ...lines.slice(1)]), expect: "error", line: 1 });
    out.push({ name: "header-only", bytes: join([lines[0]]), expect: "ok-or-error", rows: 0 });
    const rag = lines.slice();
    rag[1] = rag[1] + ",extra,cells";
    out.push({ name: "ragged-line2", bytes: join(rag), expect: "error", line: 2 });
    // A final row whose first cell opens a quote that never closes.
    out.push({ name: "unterminated-quote", bytes: join([...lines, '"never closed,' + header.slice(1).map(() => "x").join(",")]), expect: "error", line: last + 1 });
  }
  return out;
}

/** Variants of a whole-file JSON document. */
function jsonVariants(goodText: string): Variant[] {
  const top = JSON.parse(goodText) as unknown;
  const half = Buffer.from(goodText.slice(0, Math.floor(goodText.length / 2)), "utf8");
  const q = goodText.indexOf('"', 1) + 1; // inside the first string
  const latin = Buffer.concat([Buffer.from(goodText.slice(0, q), "utf8"), Buffer.from([0xe9]), Buffer.from(goodText.slice(q), "utf8")]);
  return [
    { name: "bom", bytes: Buffer.concat([BOM, Buffer.from(goodText, "utf8")]), expect: "same" },
    { name: "empty", bytes: Buffer.alloc(0), expect: "error" },
    { name: "truncated", bytes: half, expect: "error" },
    { name: "latin1", bytes: latin, expect: "error", line: goodText.slice(0, q).split("\n").length },
    { name: "wrong-shape", bytes: Buffer.from(Array.isArray(top) ? '{"not": "an array"}\n' : "[1, 2, 3]\n", "utf8"), expect: "error" },
    { name: "scalar", bytes: Buffer.from('"just a string"\n', "utf8"), expect: "error" },
  ];
}

function retype(v: unknown): unknown {
  if (typeof v === "string") return 12345;
  if (typeof v === "number") return "not a number";
  if (Array.isArray(v)) return { unexpected: "object" };
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = retype(x);
    return o;
  }
  return v;
}

/** Write a variant under `baseName` (may hold sub-folders) in a fresh temporary folder; returns its path. */
export function writeVariant(baseName: string, v: Variant): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-bad-" + v.name + "-"));
  const file = path.join(dir, baseName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, v.bytes);
  return file;
}

/** The first `n` non-blank lines of a file (header included for CSV), as text. */
export function headLines(file: string, n: number): string {
  return (
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .slice(0, n)
      .join("\n") + "\n"
  );
}
