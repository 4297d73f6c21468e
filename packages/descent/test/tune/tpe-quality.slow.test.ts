// TPE's search quality against Optuna 3.1's TPESampler (defaults; fixture:
// tools/fixtures/tune_optuna.py, seeds 0..19, 100 trials each) on Branin, Hartmann-6 and
// 10-D Rosenbrock. Two arms:
//
// 1. Our sampler on Optuna's random streams (NumPy's MT19937 for the startup trials and for the
//    TPE draws, as Optuna's TPESampler(seed) uses them): every one of the 60 runs must reach
//    Optuna's best value, so the medians are equal and the bar "our median <= Optuna's" holds.
//    This is the algorithm check at scale (tpe-trajectory.test.ts does it trial by trial).
// 2. Our sampler on our own stream (`seed`): not worse than Optuna by a one-sided Mann–Whitney
//    U test at the 1% level, and far better than random search with the same budget (p < 0.01).
//    The same algorithm on another stream gives another sample of 20 best values, so its median
//    moves like Optuna's own between seed batches (Branin: 0.410 for seeds 0..19, 0.445 for
//    20..39); the strict median bar is a coin flip here and is logged, not asserted.
import { describe, expect, it } from 'vitest';
import { mannwhitneyu } from '../../src/stats/index.js';
import type { Distribution } from '../../src/tune/distributions.js';
import { RandomSampler, TPESampler, type Sampler, type Study, type FrozenTrial } from '../../src/tune/index.js';
import { sampleUniform } from '../../src/tune/samplers/sampler.js';
import { Mt19937 } from '../../src/random/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { OBJECTIVES, bestPerSeed, median } from './benchmarks.js';

interface Ref { best: number[]; median: number }
const fx = loadFixture<{ nTrials: number; seeds: number[] } & Record<keyof typeof OBJECTIVES, Ref>>('tune_optuna.json');

/**
 * Optuna's TPESampler(seed) streams: its RandomSampler draws the 10 startup trials from
 * RandomState(seed), and the TPE draws come from a second RandomState(seed).
 */
class OptunaStreams implements Sampler {
  private readonly startup: Mt19937;
  private readonly tpe: TPESampler;
  constructor(seed: number) {
    this.startup = new Mt19937(seed);
    this.tpe = new TPESampler({ generator: new Mt19937(seed) });
  }
  inferRelativeSearchSpace(): Record<string, Distribution> {
    return {};
  }
  sampleRelative(): Record<string, number> {
    return {};
  }
  sampleIndependent(study: Study, trial: FrozenTrial, name: string, dist: Distribution): number {
    if (study.getTrials(['COMPLETE', 'PRUNED']).length < 10) return sampleUniform(dist, () => this.startup.random());
    return this.tpe.sampleIndependent(study, trial, name, dist);
  }
}

const bests = (name: keyof typeof OBJECTIVES, sampler: (seed: number) => Sampler) => bestPerSeed(OBJECTIVES[name], sampler, fx.seeds, fx.nTrials);

describe('TPESampler vs Optuna 3.1 TPE (20 seeds x 100 trials)', () => {
  for (const name of Object.keys(OBJECTIVES) as (keyof typeof OBJECTIVES)[]) {
    it(name, async () => {
      const ref = fx[name];
      const replay = await bests(name, (seed) => new OptunaStreams(seed));
      replay.forEach((v, i) => expect(v, `seed ${fx.seeds[i]}`).toBeCloseTo(ref.best[i] as number, 6));
      expect(median(replay)).toBeLessThanOrEqual(ref.median + 1e-9 * Math.abs(ref.median));

      const ours = await bests(name, (seed) => new TPESampler({ seed }));
      const rand = await bests(name, (seed) => new RandomSampler({ seed: 1000 + seed }));
      const test = mannwhitneyu(ours, ref.best, { alternative: 'greater' });
      console.log(`${name}: Optuna median ${ref.median.toPrecision(5)}; ours on Optuna's streams ${median(replay).toPrecision(5)}, on our stream ${median(ours).toPrecision(5)} (U-test p(ours worse) ${test.pvalue.toFixed(3)}); random ${median(rand).toPrecision(5)}`);
      expect(test.pvalue).toBeGreaterThan(0.01);
      expect(mannwhitneyu(ours, rand, { alternative: 'less' }).pvalue).toBeLessThan(0.01);
    }, 600_000);
  }
});
