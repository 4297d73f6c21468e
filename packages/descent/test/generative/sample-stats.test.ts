/**
 * classifierSampleStats counts, covers and averages as documented on hand-made probabilities,
 * and ddimSample/ddpmSample start from the given `init` noise.
 */
import { describe, it, expect } from 'vitest';
import { tensor, randn, Generator } from '../../src/tensor/index.js';
import { classifierSampleStats, ddimSample, ddpmSample, noiseSchedule } from '../../src/generative/index.js';

describe('classifierSampleStats', () => {
  it('counts argmaxes, covered classes, mean top probability and the confident share', () => {
    // 8 samples, 4 classes: a fair share is 2, a quarter of it 0.5, so any class hit once is covered.
    const p = tensor([
      [0.95, 0.05, 0, 0], [0.6, 0.4, 0, 0], [0.1, 0.9, 0, 0], [0.2, 0.7, 0.1, 0],
      [0.97, 0.01, 0.01, 0.01], [0.5, 0.3, 0.2, 0], [0.1, 0.1, 0.8, 0], [0.3, 0.3, 0.4, 0],
    ], { dtype: 'float64' }); // float64: 0.9 in float32 is just below 0.9
    const s = classifierSampleStats(p);
    expect(s.counts).toEqual([4, 2, 2, 0]);
    expect(s.classesCovered).toBe(3);
    expect(s.meanConfidence).toBeCloseTo((0.95 + 0.6 + 0.9 + 0.7 + 0.97 + 0.5 + 0.8 + 0.4) / 8, 6);
    expect(s.confident).toBeCloseTo(3 / 8, 12); // 0.95, 0.9 and 0.97 reach 0.9
    // With minShare 1, a class needs its full fair share of 2.
    expect(classifierSampleStats(p, { minShare: 1 }).classesCovered).toBe(3);
    expect(classifierSampleStats(p, { minShare: 1.5 }).classesCovered).toBe(1);
  });

  it('names bad input', () => {
    expect(() => classifierSampleStats(tensor([0.5, 0.5]))).toThrow(/classifierSampleStats: probs must be non-empty \(n, k\)/);
    expect(() => classifierSampleStats(tensor([[NaN, NaN]]))).toThrow(/classifierSampleStats: probs row 0 is not finite/);
    expect(() => classifierSampleStats(tensor([[1, 0]]), { threshold: 2 })).toThrow(/threshold in \[0, 1\]/);
  });
});

describe('samplers take a starting noise', () => {
  const sched = noiseSchedule(10, 'linear', { betaStart: 1e-3, betaEnd: 0.2 });
  const eps = (x: ReturnType<typeof tensor>) => x.mul(0.5);
  it('DDIM with η = 0 is a deterministic function of init', () => {
    const init = randn([3, 2], { generator: new Generator(1) });
    const a = ddimSample(eps, sched, [3, 2], { steps: 5, init }).toArray();
    const b = ddimSample(eps, sched, [3, 2], { steps: 5, init, generator: new Generator(99) }).toArray();
    expect(a).toEqual(b);
    const c = ddimSample(eps, sched, [3, 2], { steps: 5, init: init.mul(2) }).toArray();
    expect(c).not.toEqual(a);
  });
  it('rejects init of the wrong shape', () => {
    expect(() => ddpmSample(eps, sched, [3, 2], { init: randn([2, 2]) })).toThrow(/ddpmSample: init must have the sample shape \(3,2\), got \(2,2\)/);
  });
});
