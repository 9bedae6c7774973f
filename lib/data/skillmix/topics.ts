import { readText } from "../../io/text";

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

/** Read a topics file (see parseTopics). */
export function loadTopics(file: string): string[] {
  return parseTopics(readText(file));
}
