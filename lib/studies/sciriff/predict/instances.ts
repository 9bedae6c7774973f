import { readJsonlRows } from "../../../io/jsonl";
import { InputError } from "../../../util/errors";

/** One SciRIFF instance (the allenai/SciRIFF dataset's fields). */
export interface SciriffInstance {
  input: string;
  /** Gold output (a JSON string for structured tasks). */
  output: string;
  _instance_id?: string;
  metadata?: Record<string, unknown>;
  /** 1-based line in the source file. */
  line: number;
}

/**
 * Read a JSONL file of SciRIFF instances (`{input, output, _instance_id?,
 * metadata?}` per line). A missing or non-string input/output is an
 * InputError naming the line and field; duplicate `_instance_id`s too.
 */
export function loadInstances(file: string): SciriffInstance[] {
  const seen = new Map<string, number>();
  return readJsonlRows<Record<string, unknown>>(file).map(({ line, value }) => {
    for (const f of ["input", "output"]) {
      if (typeof value[f] !== "string") throw new InputError({ file, line, field: f }, "expected a string");
    }
    const id = value._instance_id;
    if (id !== undefined && typeof id !== "string") throw new InputError({ file, line, field: "_instance_id" }, "expected a string");
    if (typeof id === "string") {
      const prev = seen.get(id);
      if (prev !== undefined) throw new InputError({ file, line, field: "_instance_id" }, "duplicate id '" + id + "' (first on line " + prev + ")");
      seen.set(id, line);
    }
    const inst: SciriffInstance = { input: value.input as string, output: value.output as string, line };
    if (typeof id === "string") inst._instance_id = id;
    if (value.metadata && typeof value.metadata === "object") inst.metadata = value.metadata as Record<string, unknown>;
    return inst;
  });
}
