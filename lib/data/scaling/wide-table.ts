import { readCsv } from "../../io/csv";
import { InputError } from "../../util/errors";
import { numberCell } from "./cells";

/** Metadata columns shared by the ObsScaling and U-shaped tables. */
export const META_COLUMNS = {
  model: "Model",
  family: "Model Family",
  sizeB: "Model Size (B)",
  tokensT: "Pretraining Data Size (T)",
  flops1e21: "FLOPs (1E21)",
} as const;

/** Columns that are neither metadata nor scores in these tables. */
const NON_SCORE = new Set(["Company", "Release Date", "platform"]);

/** One row of a model × benchmark table with its metadata. */
export interface WideRow {
  line: number;
  model: string;
  family?: string;
  parameters?: number;
  tokens?: number;
  /** FLOPs (from the table's FLOPs (1E21) column). */
  compute?: number;
  /** Score columns → value (blank cells are absent). */
  scores: Map<string, number>;
  /** Number of blank score cells in the row. */
  missing: number;
  /** Line of an earlier row with the same model name (the U-shaped tables list a few models twice). */
  duplicateOf?: number;
  /** Free text found under unnamed header cells (annotations such as "should be rwkv-4"). */
  note?: string;
}

/**
 * Read a model × benchmark CSV (first column `Model`; optional metadata
 * columns; every other named column a score). Text under empty or
 * `Unnamed: N` header cells is kept as the row's `note` (the U-shaped tables
 * carry annotations there, e.g. "should be rwkv-4"). Non-numeric score cells are
 * InputErrors; blank cells are missing values, counted in `missing`. Rows
 * whose cells are all blank (spreadsheet separators) are counted in `blankRows`.
 * A model listed twice keeps both rows; the later one has `duplicateOf` set
 * (and scores made from it say so in their `note`).
 */
export function readWideTable(file: string, options: { scoreColumns?: (name: string) => boolean } = {}): { columns: string[]; scoreColumns: string[]; rows: WideRow[]; blankRows: number } {
  const table = readCsv(file, { required: [META_COLUMNS.model] });
  const meta = new Set<string>(Object.values(META_COLUMNS));
  const unnamed = table.columns.filter((c) => c === "" || /^Unnamed: \d+$/.test(c));
  const scoreColumns = table.columns.filter((c) => !meta.has(c) && !NON_SCORE.has(c) && !unnamed.includes(c) && (options.scoreColumns ? options.scoreColumns(c) : true));
  const seen = new Map<string, number>();
  const rows: WideRow[] = [];
  let blankRows = 0;
  table.rows.forEach((r, i) => {
    const line = table.lines[i];
    // spreadsheet separator rows (every cell blank, e.g. ",,,,") carry no data
    if (table.columns.every((c) => (r[c] ?? "").trim() === "")) {
      blankRows++;
      return;
    }
    const model = r[META_COLUMNS.model].trim();
    if (model === "") throw new InputError({ file, line, field: META_COLUMNS.model }, "empty model name");
    const first = seen.get(model);
    if (first === undefined) seen.set(model, line);
    const row: WideRow = { line, model, scores: new Map(), missing: 0 };
    if (first !== undefined) row.duplicateOf = first;
    const notes = unnamed.map((u) => (r[u] ?? "").trim()).filter((v) => v !== "");
    if (notes.length) row.note = notes.join("; ");
    const fam = r[META_COLUMNS.family];
    if (fam !== undefined && fam.trim() !== "") row.family = fam.trim();
    const size = numberCell(r[META_COLUMNS.sizeB], { file, line, field: META_COLUMNS.sizeB });
    const tok = numberCell(r[META_COLUMNS.tokensT], { file, line, field: META_COLUMNS.tokensT });
    const fl = numberCell(r[META_COLUMNS.flops1e21], { file, line, field: META_COLUMNS.flops1e21 });
    if (size !== undefined) row.parameters = size * 1e9;
    if (tok !== undefined) row.tokens = tok * 1e12;
    if (fl !== undefined) row.compute = fl * 1e21;
    for (const c of scoreColumns) {
      const v = numberCell(r[c], { file, line, field: c });
      if (v === undefined) row.missing++;
      else row.scores.set(c, v);
    }
    rows.push(row);
  });
  return { columns: table.columns, scoreColumns, rows, blankRows };
}

/** The note of a row: its annotation and, for a repeated model, the line it repeats. */
export function noteOf(r: WideRow): string | undefined {
  const parts: string[] = [];
  if (r.note !== undefined) parts.push(r.note);
  if (r.duplicateOf !== undefined) parts.push("repeated row (model first listed on line " + r.duplicateOf + ")");
  return parts.length ? parts.join("; ") : undefined;
}
