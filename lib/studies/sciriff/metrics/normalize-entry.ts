import { PyFloat, pyFloatRepr, pyIntStr, pyRound2 } from "../pyjson/py-float";
import { PyTypeError, isDict, pyStrip, pyTypeName } from "../pyjson/py-types";
import { flatten } from "./flatten";

/**
 * SciRIFF's `util.normalize_list_entry`: None -> ""; strings stripped and
 * lowercased; booleans "True"/"False" (a Python bool is an int); ints as
 * decimal strings; floats `str(round(x, 2))` ("1.0", "0.33"); a nested
 * list is flattened and joined on single spaces (its items must all be
 * strings, else TypeError; they are NOT lowercased, as in the original).
 * A dict raises TypeError (PyTypeError).
 */
export function normalizeListEntry(entry: unknown): string {
  if (entry === null || entry === undefined) return "";
  if (typeof entry === "string") return pyStrip(entry).toLowerCase();
  if (typeof entry === "boolean") return entry ? "True" : "False";
  if (typeof entry === "number") return Number.isInteger(entry) ? pyIntStr(entry) : pyFloatRepr(pyRound2(entry));
  if (entry instanceof PyFloat) return pyFloatRepr(pyRound2(entry.value));
  if (Array.isArray(entry)) {
    const flat = flatten(entry);
    for (let i = 0; i < flat.length; i++) {
      if (typeof flat[i] !== "string") throw new PyTypeError("sequence item " + i + ": expected str instance, " + pyTypeName(flat[i]) + " found");
    }
    return flat.join(" ");
  }
  if (isDict(entry)) throw new PyTypeError("Unexpected type for list entry.");
  throw new PyTypeError("Unexpected type for list entry.");
}
