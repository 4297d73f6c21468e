/**
 * Standard test functions for optimizers, as objectives (all minimized). The same functions,
 * ranges and parameter names as tools/fixtures/tune_optuna.py.
 */
import { createStudy, type Sampler, type Trial } from '../../src/tune/index.js';

/** Branin on [−5, 10] × [0, 15]; minimum 0.397887 at three points (Dixon & Szegő 1978). */
export function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

const HART_ALPHA = [1.0, 1.2, 3.0, 3.2];
const HART_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const HART_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((r) => r.map((v) => v * 1e-4));

/** Hartmann-6 on [0, 1]⁶; minimum −3.32237 (Surjanovic & Bingham, Virtual Library of Simulation Experiments). */
export function hartmann6(x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += (HART_A[i]?.[j] as number) * ((x[j] as number) - (HART_P[i]?.[j] as number)) ** 2;
    s += (HART_ALPHA[i] as number) * Math.exp(-inner);
  }
  return -s;
}

/** Rosenbrock in d dimensions; minimum 0 at (1, …, 1). */
export function rosenbrock(x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * ((x[i + 1] as number) - (x[i] as number) ** 2) ** 2 + (1 - (x[i] as number)) ** 2;
  return s;
}

export const OBJECTIVES = {
  branin: (t: Trial) => branin(t.suggestFloat('x1', -5, 10), t.suggestFloat('x2', 0, 15)),
  hartmann6: (t: Trial) => hartmann6(Array.from({ length: 6 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1))),
  rosenbrock10: (t: Trial) => rosenbrock(Array.from({ length: 10 }, (_, i) => t.suggestFloat(`x${i}`, -5, 10))),
};

/** The median of a list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The best value of one study per seed: `nTrials` trials of `objective` under `sampler(seed)`. */
export async function bestPerSeed(objective: (t: Trial) => number, sampler: (seed: number) => Sampler, seeds: readonly number[], nTrials: number): Promise<number[]> {
  const out: number[] = [];
  for (const seed of seeds) {
    const study = await createStudy({ sampler: sampler(seed) });
    await study.optimize(objective, { nTrials });
    out.push(study.bestValue);
  }
  return out;
}
