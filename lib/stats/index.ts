/**
 * Statistics matching scipy.stats definitions (d3-array style: one small
 * function per file). See lib/stats/README.md for the exact correspondence.
 */
export type { Numbers } from "./types";
export { sum } from "./sum";
export { mean } from "./mean";
export { median } from "./median";
export { quantile, quantileSorted } from "./quantile";
export { centralMoment } from "./moment";
export { variance } from "./variance";
export { deviation } from "./deviation";
export { skew } from "./skew";
export { kurtosis } from "./kurtosis";
export { rank } from "./rank";
export { pearson } from "./pearson";
export { spearman } from "./spearman";
export { kendall, kendallCounts, tauB, type KendallCounts } from "./kendall";
export { correlation, correlationFunction, isCorrelationMethod, CORRELATION_METHODS, type CorrelationMethod } from "./correlation";
export { ecdf, type Ecdf } from "./ecdf";
export { trapezoid, auc } from "./trapezoid";
export { cdfDistance } from "./cdf-distance";
export { wasserstein } from "./wasserstein";
export { energyDistance } from "./energy-distance";
export { ksStatistic } from "./ks-statistic";
export { correlateColumns } from "./correlate-columns";
export { summarizeCorrelations, survivalAuc, type CorrelationSummary } from "./correlation-summary";
export { bootstrapCI, type BootstrapOptions, type BootstrapResult } from "./bootstrap";
export { normalCdf, normalQuantile, normalPdf } from "./normal";
export { logGamma } from "./log-gamma";
export { betaInc } from "./beta-inc";
export { gammaIncUpper } from "./gamma-inc";
export { pearsonTest, spearmanTest, kendallTest, correlationTest, pearsonPValue, spearmanPValue, kendallExactPValue, normalSf, studentTSf, type CorrelationTest } from "./p-values";
