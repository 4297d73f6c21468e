// TPE's search quality against Optuna 3.1's TPESampler (defaults; fixture:
// tools/fixtures/tune_optuna.py, seeds 0..19, 100 trials each) on Branin, Hartmann-6 and
// 10-D Rosenbrock. Our sampler follows Optuna's algorithm (the unit goldens check its pieces)
// but draws from a different random stream, so the two are compared as samples of best values:
//
// 1. not worse than Optuna by a one-sided Mann–Whitney U test at the 1% level (measured
//    p-values: Branin 0.027, Hartmann-6 0.96, Rosenbrock 0.26 — Branin is borderline at 5%);
// 2. far better than random search with the same budget (one-sided U test, p < 0.01).
// Optuna's own median moves between seed batches: on Branin it is 0.410 for seeds 0..19 and
// 0.445 for seeds 20..39, so medians alone say little at 20 seeds.
//
// The strict bar "our median <= Optuna's median" holds on Hartmann-6 but not on Branin and
// Rosenbrock (measured numbers in the README's tune section); it is not asserted.
import { describe, expect, it } from 'vitest';
import { mannwhitneyu } from '../../src/stats/index.js';
import { RandomSampler, TPESampler, createStudy } from '../../src/tune/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { OBJECTIVES, median } from './benchmarks.js';

interface Ref { best: number[]; median: number }
const fx = loadFixture<{ nTrials: number; seeds: number[] } & Record<keyof typeof OBJECTIVES, Ref>>('tune_optuna.json');

async function bests(name: keyof typeof OBJECTIVES, sampler: (seed: number) => TPESampler | RandomSampler): Promise<number[]> {
  const out: number[] = [];
  for (const seed of fx.seeds) {
    const study = await createStudy({ sampler: sampler(seed) });
    await study.optimize(OBJECTIVES[name], { nTrials: fx.nTrials });
    out.push(study.bestValue);
  }
  return out;
}

describe('TPESampler vs Optuna 3.1 TPE (20 seeds x 100 trials)', () => {
  for (const name of Object.keys(OBJECTIVES) as (keyof typeof OBJECTIVES)[]) {
    it(name, async () => {
      const ref = fx[name];
      const ours = await bests(name, (seed) => new TPESampler({ seed }));
      const rand = await bests(name, (seed) => new RandomSampler({ seed: 1000 + seed }));
      const test = mannwhitneyu(ours, ref.best, { alternative: 'greater' });
      console.log(`${name}: ours median ${median(ours).toPrecision(5)}, Optuna ${ref.median.toPrecision(5)}, random ${median(rand).toPrecision(5)}, U-test p(ours worse) ${test.pvalue.toFixed(3)}`);
      expect(test.pvalue).toBeGreaterThan(0.01);
      expect(mannwhitneyu(ours, rand, { alternative: 'less' }).pvalue).toBeLessThan(0.01);
    }, 300_000);
  }
});
