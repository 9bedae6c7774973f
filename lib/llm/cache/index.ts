export { canonicalJson, sha256 } from "./canonical";
export { cacheKey, cacheKeyFields, CACHE_KEY_VERSION, type CacheKeyFields, type RequestKind } from "./key";
export { ResponseCache, type CacheEntry, type CacheOptions, type Durability } from "./store";
export { explainAgainst, flattenFields, type MissExplanation, type FieldDifference } from "./explain";
export { cacheStats, type CacheStats } from "./stats";
