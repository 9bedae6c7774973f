import { readText } from "../../io/text";
import { InputError } from "../../util/errors";

/**
 * Parse a topics file: one topic per line, empty lines dropped, nothing
 * else changed (the original reads the file in text mode, so "\r\n" and "\r"
 * count as line ends, and splits on "\n" without stripping).
 */
export function parseTopics(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((t) => t.length > 0);
}

/** Read a topics file (see parseTopics); a file with no topic is an InputError naming it. */
export function loadTopics(file: string): string[] {
  const topics = parseTopics(readText(file));
  if (topics.length === 0) throw new InputError({ file }, "no topics (expected one topic per line)");
  return topics;
}
