import { describe, expect, it } from 'vitest';
import { Generator } from 'descent/random';
import { TTestIndPower, ttestInd } from 'descent/stats';
import { criticalValue, nullDensity, power, runExperiment, simulateRejections } from '../../src/client/playgrounds/hypothesis/logic.js';

describe('hypothesis playground logic', () => {
  it('an experiment is Student\'s t-test of treatment against control', () => {
    const e = runExperiment(0.5, 30, new Generator(3));
    expect(e.a).toHaveLength(30);
    expect(e.df).toBe(58);
    const ref = ttestInd(e.b, e.a);
    expect(e.statistic).toBe(ref.statistic);
    expect(e.pvalue).toBe(ref.pvalue);
  });

  it('the critical value bounds the rejection region: p < alpha exactly when |t| > it', () => {
    const g = new Generator(4);
    for (let k = 0; k < 50; k++) {
      const e = runExperiment(0.3, 20, g);
      expect(e.pvalue < 0.05).toBe(Math.abs(e.statistic) > criticalValue(20, 0.05));
    }
  });

  it('power is statsmodels\' formula, and the simulated rejection rate agrees with it', () => {
    expect(power(0.5, 64, 0.05)).toBe(TTestIndPower.power({ effectSize: 0.5, nobs: 64, alpha: 0.05 }));
    const sim = simulateRejections(0.5, 64, 0.05, 2000, new Generator(5));
    const p = power(0.5, 64, 0.05); // ≈ 0.80
    expect(Math.abs(sim.rate - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 2000));
    const none = simulateRejections(0, 20, 0.05, 2000, new Generator(6));
    expect(Math.abs(none.rate - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / 2000));
  });

  it('the null density integrates to about 1', () => {
    const xs = Array.from({ length: 2001 }, (_, i) => -20 + i * 0.02);
    const area = nullDensity(10, xs).reduce((s, v) => s + v * 0.02, 0);
    expect(area).toBeCloseTo(1, 3);
  });
});
