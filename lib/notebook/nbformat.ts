import { InputError } from "../util/errors";
import { readText } from "../io/text";
import { parseJsonText } from "../io/jsonl";

/** Outputs of a code cell (nbformat 4). */
export type CellOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: Record<string, string>; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown> & { tags?: string[] };
  outputs?: CellOutput[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** The source text of a cell. */
export function cellSource(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Split text into nbformat's list-of-lines form. */
export function toSourceLines(text: string): string[] {
  const parts = text.split("\n");
  return parts.map((p, i) => (i < parts.length - 1 ? p + "\n" : p)).filter((p, i, a) => !(i === a.length - 1 && p === ""));
}

/** Read and validate a .ipynb file (nbformat 4). */
export function readNotebook(file: string): Notebook {
  const nb = parseJsonText(readText(file), { file }) as Notebook;
  if (!nb || typeof nb !== "object" || !Array.isArray(nb.cells)) throw new InputError({ file, field: "cells" }, "not a Jupyter notebook (no cells array)");
  if (nb.nbformat !== 4) throw new InputError({ file, field: "nbformat" }, "only nbformat 4 notebooks are supported");
  nb.cells.forEach((c, i) => {
    if (!c || typeof c !== "object" || !["code", "markdown", "raw"].includes(c.cell_type)) {
      throw new InputError({ file, field: "cells[" + i + "].cell_type" }, "unknown cell type");
    }
    if (typeof c.source !== "string" && !Array.isArray(c.source)) throw new InputError({ file, field: "cells[" + i + "].source" }, "missing source");
    c.metadata = c.metadata ?? {};
  });
  return nb;
}

/** Serialise a notebook as Jupyter does (1-space indent, trailing newline). */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/** 1-based index among code cells → absolute cell index helper for messages. */
export function cellLabel(nb: Notebook, index: number): string {
  const c = nb.cells[index];
  return "cell " + (index + 1) + (c.id ? " (id " + c.id + ")" : "");
}
