import { UsageError } from "../../util/errors";
import type { TogetherMockOptions } from "./state";

/** Environment variable read by `togetherRoutes()` (e.g. for `evalbook serve-mock`). */
export const MOCK_ENV = "EVALBOOK_MOCK_TOGETHER";

/**
 * Options from EVALBOOK_MOCK_TOGETHER, a JSON object with the data fields of
 * TogetherMockOptions: `{"drive":"time","stepMs":500,"pollsPerStep":2,
 * "failJobs":"reason","failAtStep":3,"endpointsNeverReady":true,"user":"me"}`.
 */
export function mockOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): TogetherMockOptions {
  const raw = env[MOCK_ENV];
  if (!raw || raw.trim() === "") return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    throw new UsageError(MOCK_ENV + " must be a JSON object (" + (e as Error).message + ")");
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new UsageError(MOCK_ENV + " must be a JSON object");
  const o = v as Record<string, unknown>;
  const out: TogetherMockOptions = {};
  const bad = (k: string, what: string) => {
    throw new UsageError(MOCK_ENV + ": " + k + " must be " + what + ", got " + JSON.stringify(o[k]));
  };
  for (const k of Object.keys(o)) {
    const val = o[k];
    switch (k) {
      case "drive":
        if (val !== "polls" && val !== "time") bad(k, '"polls" or "time"');
        out.drive = val as "polls" | "time";
        break;
      case "stepMs":
      case "pollsPerStep":
      case "failAtStep":
        if (typeof val !== "number" || !(val >= 0)) bad(k, "a number >= 0");
        out[k] = val as number;
        break;
      case "failJobs":
      case "user":
      case "endpointsError":
        if (typeof val !== "string") bad(k, "a string");
        out[k] = val as string;
        break;
      case "endpointsNeverReady":
        if (typeof val !== "boolean") bad(k, "true or false");
        out.endpointsNeverReady = val as boolean;
        break;
      default:
        throw new UsageError(MOCK_ENV + ": unknown option '" + k + "' (known: drive, stepMs, pollsPerStep, failJobs, failAtStep, endpointsNeverReady, endpointsError, user)");
    }
  }
  return out;
}
