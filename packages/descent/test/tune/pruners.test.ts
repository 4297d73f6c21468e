// Pruning decisions against Optuna 3.1 (fixture: tools/fixtures/tune_units.py): 40 fixed
// learning curves are run in order through each pruner; the step at which each trial is
// pruned (or null when it completes) must match Optuna's, trial by trial.
import { describe, expect, it } from 'vitest';
import {
  HyperbandPruner,
  MedianPruner,
  PercentilePruner,
  type Pruner,
  RandomSampler,
  SuccessiveHalvingPruner,
  TrialPruned,
  createStudy,
  percentileOf,
} from '../../src/tune/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const fx = loadFixture<{ curves: number[][]; pruners: Record<string, (number | null)[]> }>('tune_units.json');

async function prunedAt(pruner: Pruner): Promise<(number | null)[]> {
  const study = await createStudy({ studyName: 'tune-units', pruner, sampler: new RandomSampler({ seed: 0 }) });
  const out: (number | null)[] = [];
  for (const curve of fx.curves) {
    let at: number | null = null;
    await study.optimize(
      (trial) => {
        for (let step = 0; step < curve.length; step++) {
          trial.report(curve[step] as number, step);
          if (trial.shouldPrune()) {
            at = step;
            throw new TrialPruned();
          }
        }
        return curve[curve.length - 1] as number;
      },
      { nTrials: 1 },
    );
    out.push(at);
  }
  return out;
}

describe('pruners decide as Optuna 3.1 does', () => {
  const cases: [string, () => Pruner][] = [
    ['median', () => new MedianPruner()],
    ['medianWarmup', () => new MedianPruner({ nStartupTrials: 3, nWarmupSteps: 5, intervalSteps: 4 })],
    ['percentile25', () => new PercentilePruner(25, { nStartupTrials: 2, nMinTrials: 3 })],
    ['successiveHalving', () => new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 })],
    ['successiveHalvingAuto', () => new SuccessiveHalvingPruner()],
    ['hyperband', () => new HyperbandPruner({ minResource: 1, maxResource: 30, reductionFactor: 3 })],
    ['hyperbandAuto', () => new HyperbandPruner()],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const ours = await prunedAt(make());
      expect(ours).toEqual(fx.pruners[name]);
      // Not vacuous: some trials are pruned and some complete.
      expect(ours.some((x) => x === null)).toBe(true);
      expect(ours.some((x) => x !== null)).toBe(true);
    });
  }

  it('percentileOf interpolates linearly like numpy.percentile', () => {
    expect(percentileOf([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentileOf([1, 2, 3, 4], 25)).toBe(1.75);
    expect(percentileOf([5], 90)).toBe(5);
  });

  it('rejects bad settings with a named error', () => {
    expect(() => new PercentilePruner(120)).toThrow(/PercentilePruner: percentile must be in \[0, 100\]/);
    expect(() => new MedianPruner({ intervalSteps: 0 })).toThrow(/MedianPruner: intervalSteps/);
    expect(() => new SuccessiveHalvingPruner({ reductionFactor: 1 })).toThrow(/reductionFactor/);
    expect(() => new HyperbandPruner({ minResource: 0 })).toThrow(/HyperbandPruner: minResource/);
  });
});
