// multivariateNormal.cdf against SciPy 1.10.1 (tools/fixtures/stats_mvn_cdf.py). SciPy's
// value is a quasi-Monte Carlo estimate good to about 1e-5, so the reference is SciPy run
// at abseps 1e-9; at SciPy's default tolerances we must land within 2e-5 of it (and of
// SciPy's own default-tolerance answer within 3e-5), and with a tighter target (2-D case)
// closer still. Equicorrelated orthant probabilities are checked against their closed forms.
import { describe, expect, it } from 'vitest';
import { multivariateNormal } from '../../src/stats/index.js';
import { loadFixture } from '../helpers/fixtures.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx = loadFixture<any[]>('stats-mvn-cdf.json');

describe('multivariateNormal.cdf matches SciPy', () => {
  for (const c of fx) {
    it(`d = ${c.x.length} at [${c.x}]${c.lower ? ` from [${c.lower}]` : ''}`, () => {
      const mvn = multivariateNormal({ mean: c.mean, cov: c.cov });
      const opts = c.lower ? { lowerLimit: c.lower } : {};
      const r = mvn.cdfWithError(c.x, opts);
      expect(Math.abs(r.value - c.reference)).toBeLessThan(2e-5);
      expect(Math.abs(r.value - c.scipyDefault)).toBeLessThan(3e-5);
      expect(r.error).toBeLessThan(1e-5 + 1e-12);
      if (c.exact !== undefined) expect(Math.abs(r.value - c.exact)).toBeLessThan(2e-5);
      expect(multivariateNormal.cdf(c.x, c.mean, c.cov, opts)).toBe(r.value);
    }, 60_000);
  }

  it('a tighter target gets closer to the reference', () => {
    const c = fx[3];
    const tight = multivariateNormal({ mean: c.mean, cov: c.cov }).cdfWithError(c.x, { abseps: 3e-6, releps: 3e-6 });
    expect(tight.error).toBeLessThan(3e-6);
    expect(Math.abs(tight.value - c.reference)).toBeLessThan(6e-6);
  }, 60_000);

  it('one dimension is the normal cdf; rows give an array; empty boxes give 0', () => {
    expect(multivariateNormal({ mean: [1], cov: 4 }).cdf([1])).toBeCloseTo(0.5, 15);
    const mvn = multivariateNormal({ mean: [0, 0], cov: [[1, 0.2], [0.2, 1]] });
    expect(mvn.cdf([[0, 0], [1, 1]])).toHaveLength(2);
    expect(mvn.cdf([0, 0], { lowerLimit: [1, -Infinity] })).toBe(0);
  });

  it('names bad input', () => {
    const mvn = multivariateNormal({ mean: [0, 0], cov: [[1, 0.2], [0.2, 1]] });
    expect(() => mvn.cdf([0, 0, 0])).toThrow(/multivariateNormal.freeze: a point has 3 coordinates, expected 2/);
    expect(() => mvn.cdf([0, 0], { abseps: 0 })).toThrow(/abseps must be > 0/);
    expect(() => mvn.cdf([0, NaN])).toThrow(/must not contain NaN/);
  });
});
