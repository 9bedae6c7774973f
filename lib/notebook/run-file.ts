import * as path from "node:path";
import { writeFileAtomic } from "../io/atomic";
import { projectRoot } from "../io/paths";
import { executeNotebook } from "./execute";
import { readNotebook, serializeNotebook } from "./nbformat";

export interface RunFileOptions {
  params?: Map<string, string>;
  /** Output path of the executed notebook (default figures/notebooks/NAME.ipynb). */
  out?: string;
  log?: (message: string) => void;
  root?: string;
}

/** Default place of an executed copy: figures/notebooks/<name>.ipynb. */
export function defaultExecutedPath(file: string, root: string = projectRoot()): string {
  return path.join(root, "figures", "notebooks", path.basename(file));
}

/** Read, execute and write a notebook; the output is written even on failure. */
export async function runNotebookFile(file: string, options: RunFileOptions = {}) {
  const root = options.root ?? projectRoot();
  const abs = path.resolve(file);
  const nb = readNotebook(file);
  const name = path.basename(file);
  const prevNb = process.env.EVALBOOK_NOTEBOOK;
  process.env.EVALBOOK_NOTEBOOK = path.basename(file, ".ipynb");
  let res;
  try {
    res = await executeNotebook(nb, {
      root,
      params: options.params,
      onCell: (i, ms, ok) => options.log?.(name + ": cell " + (i + 1) + (ok ? " ok" : " FAILED") + " (" + ms + " ms)"),
    });
  } finally {
    if (prevNb === undefined) delete process.env.EVALBOOK_NOTEBOOK;
    else process.env.EVALBOOK_NOTEBOOK = prevNb;
  }
  const out = path.resolve(options.out ?? defaultExecutedPath(abs, root));
  writeFileAtomic(out, serializeNotebook(res.notebook));
  return { ...res, out };
}
