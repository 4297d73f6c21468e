// populationStabilityIndex against its definition written out with NumPy
// (tools/fixtures/stats_drift.py; no SciPy or statsmodels function computes PSI).
import { describe, expect, it } from 'vitest';
import { populationStabilityIndex } from '../../src/stats/index.js';
import { loadFixture } from '../helpers/fixtures.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx = loadFixture<any>('stats-drift.json');

describe('populationStabilityIndex', () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const r = populationStabilityIndex(fx.reference, c.actual, { bins: c.bins, binning: c.binning });
      r.edges.forEach((v, i) => expect(Math.abs(v - c.edges[i])).toBeLessThan(1e-12));
      expect(Math.abs(r.psi - c.psi)).toBeLessThan(1e-12 * Math.max(1, c.psi));
    });
  }
  it('reads the usual thresholds', () => {
    expect(populationStabilityIndex(fx.reference, fx.cases[0].actual).level).toBe('stable');
    expect(populationStabilityIndex(fx.reference, fx.cases[2].actual, { bins: 5 }).level).toBe('major');
    expect(() => populationStabilityIndex([1, 2, 3], [1], { bins: 1 })).toThrow(/bins must be an integer >= 2/);
  });
});
