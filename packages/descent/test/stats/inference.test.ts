// Effect sizes, proportion intervals, multiple testing, bootstrap intervals, exact
// permutation tests, noncentral t and power against SciPy 1.10 and statsmodels 0.13
// (tools/fixtures/stats_inference.py).
import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';
import { Generator } from '../../src/random/index.js';
import { loadFixture } from '../helpers/fixtures.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx = loadFixture<any>('stats-inference.json');

function close(got: number, want: number, rtol: number, label: string): void {
  const err = Math.abs(got - want);
  if (!(err <= rtol * Math.abs(want) + 1e-13)) throw new Error(`${label}: got ${got}, expected ${want} (rel err ${(err / Math.abs(want)).toExponential(2)})`);
}

const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
const STATS: Record<string, stats.Statistic> = {
  mean,
  diff: (a, b) => mean(a) - mean(b),
  pearson: (a, b) => stats.pearsonr(a, b).statistic,
};

describe('effect sizes', () => {
  it("Cohen's d, Hedges' g, Cramér's V, Cohen's h", () => {
    const e = fx.effect;
    close(stats.cohensD(e.x, e.y), e.cohensD, 1e-12, 'cohensD');
    close(stats.hedgesG(e.x, e.y), e.hedgesG, 1e-12, 'hedgesG');
    e.tables.forEach((t: number[][], i: number) => close(stats.cramersV(t), e.cramersV[i], 1e-12, `cramersV ${i}`));
    for (const [p1, p2, h] of e.h) close(stats.proportionEffectsize(p1, p2), h, 1e-12, 'proportionEffectsize');
  });
});

describe('proportionConfint matches statsmodels', () => {
  for (const c of fx.confint) {
    it(`${c.method} ${c.count}/${c.nobs} alpha=${c.alpha}`, () => {
      const r = stats.proportionConfint(c.count, c.nobs, { alpha: c.alpha, method: c.method });
      close(r.low, c.low, 1e-10, 'low');
      close(r.high, c.high, 1e-10, 'high');
    });
  }
});

describe('multipletests matches statsmodels', () => {
  for (const c of fx.multitest) {
    it(c.method, () => {
      const r = stats.multipletests(c.pvals, { method: c.method, alpha: 0.05 });
      expect(r.reject).toEqual(c.reject);
      r.pvalsCorrected.forEach((v, i) => close(v, c.pvalsCorrected[i], 1e-12, `p[${i}]`));
    });
  }
});

describe('bootstrap', () => {
  for (const c of fx.bootstrap) {
    it(`intervals from a fixed bootstrap distribution (${c.statistic}, ${c.confidenceLevel})`, () => {
      for (const method of ['BCa', 'percentile', 'basic'] as const) {
        const r = stats.bootstrapInterval(c.data, STATS[c.statistic], c.thetaHatB, { confidenceLevel: c.confidenceLevel, method });
        close(r.low, c[method][0], 1e-10, `${method} low`);
        close(r.high, c[method][1], 1e-10, `${method} high`);
      }
    });
  }
  it('resamples reproducibly and covers the mean of a normal sample', () => {
    const g = new Generator(1);
    const x = stats.norm.rvs({ loc: 10, scale: 2, size: 60, generator: g });
    const run = () => stats.bootstrap([x], mean, { nResamples: 2000, generator: new Generator(2) });
    const r = run();
    expect(r.confidenceInterval).toEqual(run().confidenceInterval);
    expect(r.confidenceInterval.low).toBeLessThan(10.6);
    expect(r.confidenceInterval.high).toBeGreaterThan(9.4);
    // the bootstrap standard error is close to s/√n
    close(r.standardError, stats.sem(x), 0.1, 'standardError');
  });
});

describe('permutationTest (exact) matches SciPy', () => {
  for (const c of fx.permutation) {
    it(`${c.type} ${c.alternative}`, () => {
      const r = stats.permutationTest(c.data, STATS[c.statistic], { permutationType: c.type, alternative: c.alternative, nResamples: 1e7 });
      close(r.statistic, c.stat, 1e-12, 'statistic');
      close(r.pvalue, c.pvalue, 1e-12, 'pvalue');
      if (c.nNull) expect(r.nullDistribution.length).toBe(c.nNull);
    });
  }
  it('falls back to random permutations with the +1 correction', () => {
    const x = Array.from({ length: 30 }, (_, i) => i);
    const y = Array.from({ length: 30 }, (_, i) => i + 3);
    const r = stats.permutationTest([x, y], STATS.diff, { nResamples: 999, generator: new Generator(4) });
    expect(r.nullDistribution.length).toBe(999);
    expect(r.pvalue).toBeGreaterThan(0);
  });
});

describe('power matches statsmodels.stats.power', () => {
  it('noncentral t cdf (AS 243) matches SciPy (Boost)', () => {
    for (const [t, df, nc, p] of fx.nct) close(stats.nctCdf(t, df, nc), p, 1e-9, `nct.cdf(${t}, ${df}, ${nc})`);
  });
  fx.power.forEach((c: any, i: number) => {
    it(`${c.cls} ${c.solve ?? 'power'} #${i}`, () => {
      const cls = (stats as any)[c.cls];
      if (!c.solve) close(cls.power(c.args), c.power, 1e-8, 'power');
      else close(cls.solvePower({ ...c.args, [c.solve]: undefined }), c.value, 1e-6, c.solve);
    });
  });
});
