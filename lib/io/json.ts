import { readText } from "./text";
import { parseJsonText } from "./jsonl";

/** Read a JSON file; invalid JSON is an InputError naming the file. */
export function readJson<T = unknown>(file: string, options: { allowNaN?: boolean } = {}): T {
  const text = readText(file);
  if (text.trim() === "") {
    return parseJsonText("", { file }, false) as T;
  }
  return parseJsonText(text, { file, line: undefined }, options.allowNaN ?? false) as T;
}
