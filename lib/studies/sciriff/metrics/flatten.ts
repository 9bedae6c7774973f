/**
 * SciRIFF's `util.flatten`: iterate the argument (Python semantics: a string
 * gives its characters, a dict its keys) and flatten nested lists
 * recursively. A non-iterable argument raises (PyTypeError).
 */
import { pyIter } from "../pyjson/py-types";

export function flatten(nested: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (e: unknown): void => {
    if (Array.isArray(e)) for (const x of e) visit(x);
    else out.push(e);
  };
  for (const e of pyIter(nested)) visit(e);
  return out;
}
