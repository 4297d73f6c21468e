// CmaEsSampler's search quality against Optuna 3.1's CmaEsSampler (defaults; fixture
// tools/fixtures/tune_cmaes.py: seeds 0..19, 200 trials each) on a 10-D sphere and a 10-D
// Rosenbrock. Ours ports the same algorithm (the update is checked equal to `cmaes` in
// cmaes.test.ts) but draws from a different random stream, so the two runs are compared as
// samples of best values: not worse than Optuna by a one-sided Mann–Whitney U test at the 1%
// level, and far better than random search with the same budget.
import { describe, expect, it } from 'vitest';
import { mannwhitneyu } from '../../src/stats/index.js';
import { CmaEsSampler, RandomSampler, type Sampler, type Trial } from '../../src/tune/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { bestPerSeed, median, rosenbrock } from './benchmarks.js';

interface Ref { best: number[]; median: number }
const fx = loadFixture<{ nTrials: number; seeds: number[]; sphere10: Ref; rosenbrock10: Ref }>('tune_cmaes.json');

const OBJECTIVES = {
  sphere10: (t: Trial) => Array.from({ length: 10 }, (_, i) => t.suggestFloat(`x${i}`, -5, 5) ** 2).reduce((a, b) => a + b),
  rosenbrock10: (t: Trial) => rosenbrock(Array.from({ length: 10 }, (_, i) => t.suggestFloat(`x${i}`, -5, 10))),
};

const bests = (name: keyof typeof OBJECTIVES, sampler: (seed: number) => Sampler) => bestPerSeed(OBJECTIVES[name], sampler, fx.seeds, fx.nTrials);

describe('CmaEsSampler vs Optuna 3.1 CmaEsSampler (20 seeds x 200 trials)', () => {
  for (const name of Object.keys(OBJECTIVES) as (keyof typeof OBJECTIVES)[]) {
    it(name, async () => {
      const ref = fx[name];
      const ours = await bests(name, (seed) => new CmaEsSampler({ seed }));
      const rand = await bests(name, (seed) => new RandomSampler({ seed: 1000 + seed }));
      const test = mannwhitneyu(ours, ref.best, { alternative: 'greater' });
      console.log(`${name}: ours median ${median(ours).toPrecision(5)}, Optuna ${ref.median.toPrecision(5)}, random ${median(rand).toPrecision(5)}, U-test p(ours worse) ${test.pvalue.toFixed(3)}`);
      expect(test.pvalue).toBeGreaterThan(0.01);
      expect(mannwhitneyu(ours, rand, { alternative: 'less' }).pvalue).toBeLessThan(0.01);
    }, 300_000);
  }
});
