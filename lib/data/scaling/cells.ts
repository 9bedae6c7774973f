import { InputError } from "../../util/errors";

/** Where a cell is, for error messages. */
export interface CellLocation {
  file: string;
  line?: number;
  field: string;
}

/**
 * Parse a numeric CSV cell. Blank → undefined (a missing value, not an
 * error); anything else that is not a finite number is an InputError naming
 * file, line and column.
 */
export function numberCell(raw: string | undefined, where: CellLocation): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s === "" || s.toLowerCase() === "nan") return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new InputError(where, "expected a number, found '" + shorten(s) + "'");
  return v;
}

/** As numberCell, but a blank cell is an InputError too. */
export function requiredNumberCell(raw: string | undefined, where: CellLocation): number {
  const v = numberCell(raw, where);
  if (v === undefined) throw new InputError(where, "missing value");
  return v;
}

function shorten(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + "…" : s;
}
