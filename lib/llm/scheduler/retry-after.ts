/** Anything with a case-insensitive `get` (fetch Headers) or a plain header object. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined | null;

/** Read one header, case-insensitively, from fetch Headers or a plain object. */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === "function") {
    const v = (headers as { get(name: string): string | null }).get(name);
    return v === null || v === undefined ? undefined : String(v);
  }
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === lower && v !== undefined) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/**
 * The server's requested wait in milliseconds, from `retry-after-ms`
 * (milliseconds) or `retry-after` (delta-seconds or an HTTP date, RFC 9110
 * §10.2.3). Returns undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = headerValue(headers, "retry-after-ms");
  if (ms !== undefined && ms.trim() !== "") {
    const v = Number(ms);
    if (Number.isFinite(v) && v >= 0) return v;
  }
  const ra = headerValue(headers, "retry-after");
  if (ra === undefined || ra.trim() === "") return undefined;
  const s = ra.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const date = Date.parse(s);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return undefined;
}
