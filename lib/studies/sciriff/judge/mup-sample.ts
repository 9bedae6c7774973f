import { PythonRandom } from "../../../random/python-random";

/**
 * The instances SciRIFF's MuP judge looks at: `random.seed(42)`, then
 * `sorted(random.sample(range(n), min(k, n)))` with CPython's generator
 * (k = 100 for the reference comparison).
 */
export function mupSampleIndices(n: number, k = 100, seed = 42): number[] {
  const rng = new PythonRandom(seed);
  const population = Array.from({ length: n }, (_, i) => i);
  return rng.sample(population, Math.min(k, n)).sort((a, b) => a - b);
}
