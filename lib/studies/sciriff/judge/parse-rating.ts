/** A judge's rating as parsed from its reply. */
export interface ParsedRating {
  /** 1..5, or undefined when none could be read. */
  rating?: number;
  /** ok; invalid (a number outside 1..5); missing (no rating found). */
  status: "ok" | "invalid" | "missing";
}

/**
 * Qasper's rule (SciRIFF `extract_rating`): the first "Rating:" followed by
 * digits; valid when 1..5.
 */
export function parseQasperRating(reply: string): ParsedRating {
  const m = /Rating:\s*(\d+)/.exec(reply);
  if (!m) return { status: "missing" };
  const r = Number(m[1]);
  return r >= 1 && r <= 5 ? { rating: r, status: "ok" } : { status: "invalid" };
}

/**
 * MuP's rule (SciRIFF `parse_model_response`, reference comparison): the
 * text after the first "Decision:" (else after the first "Rating:"),
 * stripped, must be exactly one of "1".."5".
 */
export function parseMupRating(reply: string): ParsedRating {
  for (const label of ["Decision:", "Rating:"]) {
    const i = reply.indexOf(label);
    if (i < 0) continue;
    const rest = reply.slice(i + label.length).trim();
    return /^[1-5]$/.test(rest) ? { rating: Number(rest), status: "ok" } : { status: "invalid" };
  }
  return { status: "missing" };
}
