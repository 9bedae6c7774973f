/** Token and cost totals of a group of calls. */
export interface UsageTotals {
  /** Calls answered (from the provider or the cache). */
  calls: number;
  /** Calls answered from the cache (no tokens billed). */
  cachedCalls: number;
  /** Calls counted but not made (dry run). */
  dryRunCalls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Billed cost in USD (cached calls cost nothing). */
  costUSD: number;
  /** Calls whose model has no price in the table (their cost is not in costUSD). */
  unpricedCalls: number;
}

/** Usage of a run: totals and breakdowns by stage, role and model. */
export interface UsageSummary {
  total: UsageTotals;
  byStage: Record<string, UsageTotals>;
  byRole: Record<string, UsageTotals>;
  byModel: Record<string, UsageTotals>;
  /** Dry-run estimate (calls that would be made, estimated tokens and cost). */
  dryRun?: UsageTotals;
}

/** One call as recorded by the tracker. */
export interface CallUsage {
  role: string;
  model: string;
  stage?: string;
  promptTokens: number;
  completionTokens: number;
  costUSD?: number;
  cached: boolean;
  dryRun?: boolean;
}

export function emptyTotals(): UsageTotals {
  return { calls: 0, cachedCalls: 0, dryRunCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUSD: 0, unpricedCalls: 0 };
}

function add(t: UsageTotals, c: CallUsage): void {
  if (c.dryRun) t.dryRunCalls++;
  else t.calls++;
  if (c.cached) {
    t.cachedCalls++;
    return;
  }
  t.promptTokens += c.promptTokens;
  t.completionTokens += c.completionTokens;
  t.totalTokens += c.promptTokens + c.completionTokens;
  if (c.costUSD === undefined) t.unpricedCalls++;
  else t.costUSD += c.costUSD;
}

/** Accumulates per-call usage; `summary()` is a deep copy. */
export class UsageTracker {
  private readonly total = emptyTotals();
  private readonly dry = emptyTotals();
  private readonly byStage = new Map<string, UsageTotals>();
  private readonly byRole = new Map<string, UsageTotals>();
  private readonly byModel = new Map<string, UsageTotals>();

  record(c: CallUsage): void {
    if (c.dryRun) {
      add(this.dry, c);
      return;
    }
    add(this.total, c);
    add(group(this.byStage, c.stage ?? "(none)"), c);
    add(group(this.byRole, c.role), c);
    add(group(this.byModel, c.model), c);
  }

  /** Billed tokens and cost so far (for the budget). */
  spent(): { tokens: number; costUSD: number } {
    return { tokens: this.total.totalTokens, costUSD: this.total.costUSD };
  }

  summary(): UsageSummary {
    const obj = (m: Map<string, UsageTotals>) => Object.fromEntries([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, { ...v }]));
    const s: UsageSummary = { total: { ...this.total }, byStage: obj(this.byStage), byRole: obj(this.byRole), byModel: obj(this.byModel) };
    if (this.dry.dryRunCalls > 0) s.dryRun = { ...this.dry };
    return s;
  }
}

function group(m: Map<string, UsageTotals>, k: string): UsageTotals {
  let t = m.get(k);
  if (!t) m.set(k, (t = emptyTotals()));
  return t;
}
