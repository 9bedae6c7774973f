/**
 * Registry of the loopback server's simulated models, by simulator name.
 * A request for model "simulated/<name>" (optionally "?key=value&...") is
 * answered by simulators[<name>]. Each study adds one line here for its own
 * simulator (kept in lib/studies/<study>/simulator.ts).
 */
import type { Simulator } from "../simulator";
import { generic } from "./generic";
import { correlationsSimulator } from "../../../studies/correlations/simulator";
import { sciriffSimulator } from "../../../studies/sciriff/simulator";
import { selfTaughtSimulator } from "../../../studies/self-taught/simulator";
import { skillMixSimulator } from "../../../studies/skill-mix/simulator";
import { perfPredSimulator } from "../../../studies/perf-pred/simulator";

export const simulators: Record<string, Simulator> = {
  generic,
  correlations: correlationsSimulator,
  sciriff: sciriffSimulator,
  "self-taught": selfTaughtSimulator,
  "skill-mix": skillMixSimulator,
  "perf-pred": perfPredSimulator,
};
