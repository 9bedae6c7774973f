import { UserError } from "../../util/errors";

/** Limits of one run; undefined = unlimited. */
export interface BudgetLimits {
  maxCostUSD?: number;
  maxTokens?: number;
}

/** Thrown before a call that could exceed the budget. Finished results are kept. */
export class BudgetExceeded extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "BudgetExceeded";
  }
}

/**
 * Budget guard. Before each billed call the worst-case cost (estimated
 * prompt tokens + max_tokens × n) is reserved; a call is refused with
 * BudgetExceeded when spent + reserved + this call's worst case would pass
 * a limit. After the call the reservation is replaced by the real usage.
 * So the budget is never exceeded as long as providers honour max_tokens
 * and the prompt estimate is not too low (ceil(chars/4) is generous for
 * English text with BPE tokenizers).
 */
export class Budget {
  private reservedCost = 0;
  private reservedTokens = 0;
  private spentCost = 0;
  private spentTokens = 0;
  /** Set after the first refusal: every later call is refused too (a run stops cleanly, not piecemeal). */
  stopped = false;

  constructor(readonly limits: BudgetLimits = {}) {}

  get active(): boolean {
    return this.limits.maxCostUSD !== undefined || this.limits.maxTokens !== undefined;
  }

  /** Reserve a call's worst case; throws BudgetExceeded when it does not fit. Returns the release function. */
  reserve(tokens: number, costUSD: number | undefined, what: string): (actualTokens: number, actualCost: number | undefined) => void {
    const { maxCostUSD, maxTokens } = this.limits;
    if (this.stopped) throw new BudgetExceeded("budget exhausted: the run was stopped before " + what);
    if (maxCostUSD !== undefined) {
      if (costUSD === undefined) {
        throw new UserError("no price for " + what + " but maxCostUSD is set: add the model to data/llm/prices.json (or the prices override)");
      }
      if (this.spentCost + this.reservedCost + costUSD > maxCostUSD) {
        this.stopped = true;
        throw new BudgetExceeded(
          "budget maxCostUSD=" + maxCostUSD + " would be exceeded by " + what + " (spent $" + this.spentCost.toFixed(4) + ", in flight $" + this.reservedCost.toFixed(4) + ", this call up to $" + costUSD.toFixed(4) + "); stopped before calling",
        );
      }
    }
    if (maxTokens !== undefined && this.spentTokens + this.reservedTokens + tokens > maxTokens) {
      this.stopped = true;
      throw new BudgetExceeded(
        "budget maxTokens=" + maxTokens + " would be exceeded by " + what + " (spent " + this.spentTokens + ", in flight " + this.reservedTokens + ", this call up to " + tokens + "); stopped before calling",
      );
    }
    this.reservedCost += costUSD ?? 0;
    this.reservedTokens += tokens;
    let done = false;
    return (actualTokens, actualCost) => {
      if (done) return;
      done = true;
      this.reservedCost -= costUSD ?? 0;
      this.reservedTokens -= tokens;
      this.spentTokens += actualTokens;
      this.spentCost += actualCost ?? 0;
    };
  }

  spent(): { tokens: number; costUSD: number } {
    return { tokens: this.spentTokens, costUSD: this.spentCost };
  }
}
