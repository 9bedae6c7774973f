export { createProgress, progressHtml, type Progress, type ProgressOptions } from "./progress";
export { formatDuration, formatRate, progressLine, rateAndEta, type ProgressState } from "./format";
