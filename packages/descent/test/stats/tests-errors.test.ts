// Bad input to the descriptive statistics and tests: each error names the function, the
// problem and the fix.
import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';

describe('stats input errors', () => {
  it('names the function and the problem', () => {
    expect(() => stats.ttestInd([1], [2, 3])).toThrow(/ttestInd: a needs at least 2 values, got 1/);
    expect(() => stats.ttestRel([1, 2, 3], [1, 2])).toThrow(/ttestRel: a and b must be paired/);
    expect(() => stats.ttest1samp([1, NaN, 3], 0)).toThrow(/ttest1samp: a\[1\] is NaN; drop or impute/);
    expect(() => stats.ttest1samp([1, 2, 3], 0, { alternative: 'bigger' as never })).toThrow(/alternative must be 'two-sided', 'less' or 'greater'/);
    expect(() => stats.chisquare([10, 10], [5, 5])).toThrow(/chisquare: the sums of fObs \(20\) and fExp \(10\) differ/);
    expect(() => stats.chi2Contingency([[1, 0], [2, 0]])).toThrow(/column 1 sums to zero/);
    expect(() => stats.fisherExact([[1, 2, 3], [4, 5, 6]])).toThrow(/fisherExact: the table must be 2×2/);
    expect(() => stats.quantile([1, 2], 1.5)).toThrow(/quantile: q must be in \[0, 1\], got 1.5/);
    expect(() => stats.quantile([1, 2], 0.5, { method: 'fancy' as never })).toThrow(/quantile: unknown method 'fancy'/);
    expect(() => stats.kstest([1, 2], 'nrom')).toThrow(/kstest: unknown distribution 'nrom'/);
    expect(() => stats.kendalltau([1, 1, 2], [1, 2, 3], { method: 'exact' })).toThrow(/needs data without ties/);
    expect(() => stats.levene([1, 2, 3])).toThrow(/levene: need at least two groups/);
  });

  it('the t-test interval contains the estimate and widens with confidence', () => {
    const r = stats.ttest1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5);
    const ci90 = r.confidenceInterval(0.9);
    const ci99 = r.confidenceInterval(0.99);
    expect(ci90.low).toBeLessThan(5.48);
    expect(ci90.high).toBeGreaterThan(5.48);
    expect(ci99.high - ci99.low).toBeGreaterThan(ci90.high - ci90.low);
  });
});
