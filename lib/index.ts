/**
 * evalbook's public API, re-exported flat. Notebooks import from here
 * (`import * as eb from "./lib/index"`), so everything reachable from this file must
 * compile under tslab's TypeScript 5.0 (ES2022, CommonJS, no import.meta).
 */
export * from "./plot/index";
export { seededRng, hashString, type Rng } from "./random/seeded";
export { readJsonl, readJsonlRows, parseJsonlRows, toJsonl, type JsonlRow } from "./io/jsonl";
export { readJson } from "./io/json";
export { readCsv, parseCsv, formatCsv, type CsvTable } from "./io/csv";
export { readText } from "./io/text";
export { writeFileAtomic } from "./io/atomic";
export { projectRoot, fromRoot, sharedDataDir, sharedDataPath } from "./io/paths";
export { InputError, UsageError, UserError } from "./util/errors";
export { redactSecrets } from "./util/secrets";
export { loadPrompt, fillPrompt, type PromptTemplate } from "./prompts/template";
export * as metrics from "./metrics/index";
export * as llm from "./llm/index";
export * as together from "./together/index";
export * as sciriff from "./studies/sciriff/index";
export * as stats from "./stats/index";
export * as correlations from "./studies/correlations/index";
export * as selfTaught from "./studies/self-taught/index";
export * as skillMix from "./studies/skill-mix/index";
export { PythonRandom, type PythonSeed } from "./random/python-random";
export * as perfPred from "./studies/perf-pred/index";
