export { loadPrices, priceOf, costUSD, readPriceTable, parsePriceTable, type ModelPrice, type PriceTable } from "./prices";
export { estimateTokens, DEFAULT_OUTPUT_ESTIMATE } from "./estimate";
export { UsageTracker, emptyTotals, type UsageTotals, type UsageSummary, type CallUsage } from "./tracker";
export { Budget, BudgetExceeded, type BudgetLimits } from "./budget";
