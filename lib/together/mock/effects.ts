/**
 * How simulated fine-tuning changes a simulated model. When the loopback
 * server fine-tunes a base model "simulated/<name>?k=v", the output model is
 * "simulated/<name>?k=v&ft=<job id>&train=<rows>&epochs=<n>" — the same
 * simulator with extra parameters — after the effect registered for <name>
 * (if any) has rewritten the parameters. A study registers its effect once,
 * e.g. in its simulator module:
 *
 * ```ts
 * registerFineTuneEffect("self-taught-judge", (params, info) => ({
 *   ...params,
 *   quality: String(Math.min(0.95, Number(params.quality ?? 0.7) + 0.0005 * info.rows)),
 * }));
 * ```
 */

/** What the simulated training saw. */
export interface FineTuneInfo {
  jobId: string;
  /** Model string trained from (base model or previous output model). */
  baseModel: string;
  /** Parsed training rows (JSON objects, in file order). */
  trainingRows: unknown[];
  /** Number of training rows. */
  rows: number;
  nEpochs: number;
  learningRate?: number;
  /** True for LoRA, false for full fine-tuning. */
  lora: boolean;
  suffix?: string;
}

/** Returns the output model's parameters (strings), given the base model's (with ft/train/epochs set). */
export type FineTuneEffect = (params: Record<string, string>, info: FineTuneInfo) => Record<string, string>;

const effects = new Map<string, FineTuneEffect>();

/** Register (or replace) the effect for a simulator name. */
export function registerFineTuneEffect(simulatorName: string, effect: FineTuneEffect): void {
  effects.set(simulatorName, effect);
}

/** The registered effect for a simulator name. */
export function fineTuneEffect(simulatorName: string): FineTuneEffect | undefined {
  return effects.get(simulatorName);
}
