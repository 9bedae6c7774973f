import { InputError } from "../util/errors";
import { readText } from "./text";

/** A parsed CSV table: header names and rows as records, each with its 1-based start line. */
export interface CsvTable {
  columns: string[];
  rows: Record<string, string>[];
  /** Line (1-based) on which each row starts; parallel to `rows`. */
  lines: number[];
}

export interface CsvOptions {
  delimiter?: string;
  /** Columns that must be present in the header (InputError naming the first missing one). */
  required?: string[];
}

/**
 * Parse RFC 4180 CSV text (quoted fields may hold delimiters, quotes and
 * newlines). Rows with a different number of cells than the header, and
 * unterminated quotes, are InputErrors naming the line.
 */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): CsvTable {
  const delim = options.delimiter ?? ",";
  const records = parseRecords(text, file, delim);
  if (records.length === 0) throw new InputError({ file }, "file is empty (no header row)");
  const header = records[0].cells;
  const seen = new Set<string>();
  for (const h of header) {
    if (h !== "" && seen.has(h)) throw new InputError({ file, line: 1, field: h }, "duplicate column name");
    seen.add(h);
  }
  for (const req of options.required ?? []) {
    if (!seen.has(req)) {
      throw new InputError({ file, line: 1, field: req }, "missing required column (found: " + header.join(", ") + ")");
    }
  }
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (let r = 1; r < records.length; r++) {
    const { cells, line } = records[r];
    if (cells.length === 1 && cells[0] === "") continue; // blank line
    if (cells.length !== header.length) {
      throw new InputError({ file, line }, "expected " + header.length + " fields, found " + cells.length);
    }
    const row: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) row[header[c]] = cells[c];
    rows.push(row);
    lines.push(line);
  }
  return { columns: header, rows, lines };
}

/** Read and parse a CSV file. */
export function readCsv(file: string, options: CsvOptions = {}): CsvTable {
  return parseCsv(readText(file), file, options);
}

function parseRecords(text: string, file: string, delim: string): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let field = "";
  let inQuotes = false;
  let quoteLine = 0;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      inQuotes = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (c === delim) {
      cells.push(field);
      field = "";
      fieldStarted = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      cells.push(field);
      out.push({ cells, line: recordLine });
      cells = [];
      field = "";
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new InputError({ file, line: quoteLine }, "unterminated quoted field");
  if (fieldStarted || cells.length > 0) {
    cells.push(field);
    out.push({ cells, line: recordLine });
  }
  return out;
}

/** Quote a CSV cell when needed. */
export function csvCell(value: unknown, delim = ","): string {
  const s = value === null || value === undefined ? "" : String(value);
  return s.includes('"') || s.includes(delim) || s.includes("\n") || s.includes("\r") ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** Format records as CSV text with the given columns (header first). */
export function formatCsv(rows: Record<string, unknown>[], columns: string[], delim = ","): string {
  let s = columns.map((c) => csvCell(c, delim)).join(delim) + "\n";
  for (const r of rows) s += columns.map((c) => csvCell(r[c], delim)).join(delim) + "\n";
  return s;
}
