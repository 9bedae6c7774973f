import type { Check, CheckResult, DoctorContext } from "./check";
import { checkFonts, checkNode, checkNpm, checkPackages } from "./checks-runtime";
import { checkJupyter } from "./checks-jupyter";
import { checkCache, checkConfig, checkEndpoints, checkKeys, checkSharedData, checkWritable } from "./checks-project";

export type { Check, CheckResult, DoctorContext } from "./check";

/** Every check, in the order they are reported. */
export const checks: Check[] = [checkNode, checkNpm, checkPackages, checkFonts, checkJupyter, checkKeys, checkConfig, checkCache, checkWritable, checkSharedData, checkEndpoints];

/** Run all checks; a check that throws is reported as a failure, never crashes the run. */
export async function runDoctor(ctx: DoctorContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const c of checks) {
    try {
      const r = await c(ctx);
      out.push(...(Array.isArray(r) ? r : [r]));
    } catch (e) {
      out.push({ check: c.name.replace(/^check/, "").toLowerCase(), status: "fail", detail: "check crashed: " + (e as Error).message });
    }
  }
  return out;
}
