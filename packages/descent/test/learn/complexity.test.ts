/** The cost table beside the registry (learn/complexity.ts) covers every registered estimator. */
import { describe, it, expect } from 'vitest';
import { ESTIMATOR_COSTS, estimatorCost, listEstimators, measuredExponent } from '../../src/learn/index.js';

describe('ESTIMATOR_COSTS', () => {
  const names = listEstimators().map((c) => c.spec.name);

  it('has an entry for every registered estimator', () => {
    const missing = names.filter((n) => !(n in ESTIMATOR_COSTS));
    expect(missing, `add these to ESTIMATOR_COSTS in learn/complexity.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('has no entry for an estimator that is not registered (a rename leaves none behind)', () => {
    expect(Object.keys(ESTIMATOR_COSTS).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('every entry states fit and predict costs in big-O and a plausible exponent', () => {
    for (const [name, c] of Object.entries(ESTIMATOR_COSTS)) {
      expect(c.fit, name).toMatch(/O\(/);
      expect(c.predict.length, name).toBeGreaterThan(0);
      if (c.fitExponent !== null) expect([0, 1, 2, 3], name).toContain(c.fitExponent);
      else expect(c.fit, `${name}: a wrapper's cost is written in c, its inner estimator's cost`).toMatch(/c/);
    }
  });

  it('estimatorCost names the missing entry', () => {
    expect(estimatorCost('KMeans').fit).toBe('O(t·n·k·d)');
    expect(() => estimatorCost('Nope')).toThrow(/no cost entry for 'Nope'. Add one to ESTIMATOR_COSTS/);
  });
});

describe('measuredExponent', () => {
  it('is the log-log slope', () => {
    expect(measuredExponent([100, 200, 400], [1, 4, 16])).toBeCloseTo(2, 12);
    expect(measuredExponent([10, 20, 40, 80], [3, 6, 12, 24])).toBeCloseTo(1, 12);
    // n log n between 1000 and 8000 looks like ≈ 1.2 in a log-log fit.
    const ns = [1000, 2000, 4000, 8000];
    expect(measuredExponent(ns, ns.map((n) => n * Math.log(n)))).toBeCloseTo(1 + 1 / Math.log(Math.sqrt(1000 * 8000)), 2);
  });
  it('rejects what it cannot fit', () => {
    expect(() => measuredExponent([1], [1])).toThrow(/at least two/);
    expect(() => measuredExponent([1, 2], [0, 1])).toThrow(/must be positive/);
  });
});
