import * as path from "node:path";
import * as util from "node:util";
import { createRequire } from "node:module";
import { cellLabel, cellSource, type Cell, type CellOutput, type Notebook } from "./nbformat";
import { declaredParams, injectedSource } from "./params";
import { redactSecrets } from "../util/secrets";

/** Options for executing a notebook headlessly. */
export interface ExecuteOptions {
  /** Project root: the kernel's working directory and import root. */
  root: string;
  /** Raw --param values (key → text); typed by the parameters cell. */
  params?: Map<string, string>;
  /** Called after each cell with its index and duration. */
  onCell?: (index: number, ms: number, ok: boolean) => void;
}

export interface ExecuteResult {
  notebook: Notebook;
  ok: boolean;
  /** Index (0-based, in the executed notebook) of the failing cell. */
  failedCell?: number;
  /** "cell N (id X): Ename: message" for the failing cell. */
  failure?: string;
  durationMs: number;
}

interface TslabConverterModule {
  createConverter(options: { isJS: boolean; isBrowser: boolean }): { close(): void };
}
interface TslabExecutorModule {
  createExecutor(root: string, convs: { node: unknown; browser: unknown; close(): void }, console: { log(...a: unknown[]): void; error(...a: unknown[]): void }): {
    execute(src: string): Promise<boolean>;
    close(): void;
  };
}

/**
 * Execute a TypeScript notebook on tslab's converter and executor, in this
 * process, from `root`. Outputs (streams, display data, errors) are captured
 * per cell; execution stops at the first failing cell. A cell tagged
 * `parameters` holds defaults; `params` are injected in a new cell tagged
 * `injected-parameters` right after it. All captured text is redacted of
 * secrets.
 */
export async function executeNotebook(input: Notebook, options: ExecuteOptions): Promise<ExecuteResult> {
  const nb: Notebook = JSON.parse(JSON.stringify(input));
  injectParameters(nb, options.params ?? new Map());

  const req = createRequire(path.join(options.root, "package.json"));
  const { createConverter } = req("tslab/dist/converter") as TslabConverterModule;
  const { createExecutor } = req("tslab/dist/executor") as TslabExecutorModule;
  const jupyter = req("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

  const prevCwd = process.cwd();
  process.chdir(options.root);
  const started = Date.now();
  let current: CellOutput[] = [];
  let lastError: unknown;
  const streamText = (name: "stdout" | "stderr", text: string) => {
    text = redactSecrets(text);
    const last = current[current.length - 1];
    if (last && last.output_type === "stream" && last.name === name) last.text += text;
    else current.push({ output_type: "stream", name, text });
  };
  const capture = {
    log: (...a: unknown[]) => streamText("stdout", util.format(...a) + "\n"),
    error: (...a: unknown[]) => {
      if (a.length === 1 && a[0] instanceof Error) lastError = a[0];
      else streamText("stderr", util.format(...a) + "\n");
    },
  };
  const prevDisplay = jupyter.lastWriteDisplayData;
  // Outputs with a display id are updated in place (Jupyter's update_display_data),
  // so a progress display ends as one output holding its last state.
  const byDisplayId = new Map<string, Extract<CellOutput, { output_type: "display_data" }>>();
  jupyter.lastWriteDisplayData = (msg: { data: Record<string, string>; metadata?: Record<string, unknown>; transient?: { display_id?: string } }) => {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(msg.data)) data[k] = typeof v === "string" ? redactSecrets(v) : v;
    const id = msg.transient?.display_id;
    const existing = id ? byDisplayId.get(id) : undefined;
    if (existing) {
      existing.data = data;
      existing.metadata = msg.metadata ?? {};
      return;
    }
    const out: Extract<CellOutput, { output_type: "display_data" }> = { output_type: "display_data", data, metadata: msg.metadata ?? {} };
    if (id) byDisplayId.set(id, out);
    current.push(out);
  };
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, table: console.table };
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  console.log = console.info = console.debug = capture.log;
  console.warn = (...a: unknown[]) => streamText("stderr", util.format(...a) + "\n");
  console.error = (...a: unknown[]) => streamText("stderr", util.format(...a) + "\n");
  process.stdout.write = ((chunk: string | Uint8Array) => (streamText("stdout", String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (streamText("stderr", String(chunk)), true)) as typeof process.stderr.write;

  const convs = {
    node: createConverter({ isJS: false, isBrowser: false }),
    browser: createConverter({ isJS: false, isBrowser: true }),
    close() {
      this.node.close();
      this.browser.close();
    },
  };
  const executor = createExecutor(options.root, convs, capture);
  let ok = true;
  let failedCell: number | undefined;
  let failure: string | undefined;
  let count = 0;
  try {
    for (let i = 0; i < nb.cells.length; i++) {
      const cell = nb.cells[i];
      if (cell.cell_type !== "code") continue;
      if (!ok) {
        cell.outputs = [];
        cell.execution_count = null;
        continue;
      }
      current = [];
      lastError = undefined;
      const t0 = new Date();
      let success: boolean;
      try {
        success = await executor.execute(cellSource(cell));
      } catch (e) {
        lastError = e;
        success = false;
      }
      const t1 = new Date();
      if (!success) {
        const errOut = errorOutput(lastError, current);
        current.push(errOut);
        ok = false;
        failedCell = i;
        failure = cellLabel(nb, i) + ": " + errOut.ename + ": " + errOut.evalue;
      }
      cell.outputs = current;
      cell.execution_count = ++count;
      const ms = t1.getTime() - t0.getTime();
      cell.metadata.execution = { "iopub.execute_input": t0.toISOString(), "shell.execute_reply": t1.toISOString() };
      cell.metadata.evalbook = { duration_ms: ms };
      if (options.onCell) {
        // Report outside the capture, so progress lines reach the real stderr.
        const patchedOut = process.stdout.write;
        const patchedErr = process.stderr.write;
        process.stdout.write = out;
        process.stderr.write = err;
        try {
          options.onCell(i, ms, success);
        } finally {
          process.stdout.write = patchedOut;
          process.stderr.write = patchedErr;
        }
      }
    }
  } finally {
    Object.assign(console, saved);
    process.stdout.write = out;
    process.stderr.write = err;
    jupyter.lastWriteDisplayData = prevDisplay;
    try {
      executor.close();
    } catch {
      // closing the language service can fail after an error; nothing to keep
    }
    process.chdir(prevCwd);
  }
  const durationMs = Date.now() - started;
  nb.metadata.evalbook = { executed_at: new Date(started).toISOString(), duration_ms: durationMs, ok, ...(failure ? { failure } : {}) };
  return { notebook: nb, ok, failedCell, failure, durationMs };
}

function errorOutput(e: unknown, outputs: CellOutput[]): Extract<CellOutput, { output_type: "error" }> {
  if (e instanceof Error) {
    return {
      output_type: "error",
      ename: e.name || "Error",
      evalue: redactSecrets(e.message),
      traceback: redactSecrets(e.stack ?? e.message).split("\n"),
    };
  }
  if (e !== undefined) return { output_type: "error", ename: "Error", evalue: redactSecrets(String(e)), traceback: [] };
  // No exception object: a compile error, printed as diagnostics on stderr.
  const stderr = outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => (o as { text: string }).text).join("");
  const first = stderr.trim().split("\n")[0] ?? "cell failed";
  return { output_type: "error", ename: "CompileError", evalue: first, traceback: stderr.trim().split("\n") };
}

/** Insert the injected-parameters cell after the cell tagged `parameters`. */
export function injectParameters(nb: Notebook, params: Map<string, string>): void {
  if (params.size === 0) return;
  const idx = nb.cells.findIndex((c) => c.cell_type === "code" && (c.metadata.tags ?? []).includes("parameters"));
  const declared = idx >= 0 ? declaredParams(cellSource(nb.cells[idx])) : [];
  const src = injectedSource(declared, params);
  const cell: Cell = {
    id: "injected-parameters",
    cell_type: "code",
    source: src,
    metadata: { tags: ["injected-parameters"] },
    outputs: [],
    execution_count: null,
  };
  nb.cells.splice(idx + 1, 0, cell);
}
