/** Result of one environment check. */
export interface CheckResult {
  check: string;
  status: "ok" | "warn" | "fail" | "info";
  detail: string;
  /** What to do about a warn/fail. */
  fix?: string;
}

export interface DoctorContext {
  root: string;
  env: NodeJS.ProcessEnv;
  /** Skip checks that make network calls (e.g. listing running endpoints). */
  offline: boolean;
}

export type Check = (ctx: DoctorContext) => Promise<CheckResult | CheckResult[]> | CheckResult | CheckResult[];
