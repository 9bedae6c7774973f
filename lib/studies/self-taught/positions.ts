import { hashString, seededRng } from "../../random/seeded";
import type { VerdictLetter } from "./verdict";

/**
 * Seeded position of the good response for one item: a fair coin from
 * seededRng(hash(seed, id)). Per-item (not a shuffle of the whole list), so
 * an item's position does not change when other items are added or
 * excluded, which keeps re-runs and subsets consistent.
 */
export function goodPosition(seed: number | string, id: string): VerdictLetter {
  return seededRng(hashString("position\u0000" + seed + "\u0000" + id)).random() < 0.5 ? "A" : "B";
}

/** The other position. */
export function otherPosition(p: VerdictLetter): VerdictLetter {
  return p === "A" ? "B" : "A";
}
