// TPE's building blocks against Optuna 3.1 (fixture: tools/fixtures/tune_units.py): the γ and
// weight functions and the Parzen estimator's log-density, univariate and multivariate, over
// float, log, stepped, integer and categorical parameters. Optuna 3.1 leaves −log σ out of its
// truncated-normal log-pdf, so the densities are compared with `optuna31Density: true`; a
// separate check shows the default is the true (normalized) density.
import { describe, expect, it } from 'vitest';
import { ParzenEstimator, defaultGamma, defaultWeights, type Distribution } from '../../src/tune/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Units {
  gamma: Record<string, number>;
  weights: Record<string, number[]>;
  parzen: {
    space: Record<string, Distribution>;
    cases: { nObs: number; multivariate: boolean; names: string[]; logPdf: number[]; obs: Record<string, number[]>; points: Record<string, number[]> }[];
  };
}
const fx = loadFixture<Units>('tune_units.json');

describe('TPE defaults (Optuna 3.1)', () => {
  it('defaultGamma matches optuna.samplers._tpe.sampler.default_gamma', () => {
    for (const [n, g] of Object.entries(fx.gamma)) expect(defaultGamma(Number(n)), `n=${n}`).toBe(g);
  });
  it('defaultWeights matches default_weights (flat newest 25, ramp before)', () => {
    for (const [n, w] of Object.entries(fx.weights)) {
      const ours = defaultWeights(Number(n));
      expect(ours.length).toBe(w.length);
      ours.forEach((v, i) => expect(v).toBeCloseTo(w[i] as number, 12));
    }
  });
});

describe('ParzenEstimator log-density equals Optuna 3.1', () => {
  const params = { considerPrior: true, priorWeight: 1, considerMagicClip: true, considerEndpoints: false };
  for (const c of fx.parzen.cases) {
    it(`${c.multivariate ? 'multivariate' : 'univariate'} ${c.names.join(',')} with ${c.nObs} observations`, () => {
      const space = Object.fromEntries(c.names.map((n) => [n, fx.parzen.space[n] as Distribution]));
      // Optuna's fixture space stores step null for plain floats and the int step as given.
      const pe = new ParzenEstimator(c.obs, space, defaultWeights(c.nObs), { ...params, multivariate: c.multivariate, optuna31Density: true });
      const pts = Object.fromEntries(c.names.map((n) => [n, Float64Array.from(c.points[n] as number[])]));
      const ours = pe.logPdf(pts);
      c.logPdf.forEach((v, i) => expect(ours[i]).toBeCloseTo(v, 8));
    });
  }
});

describe('ParzenEstimator default density', () => {
  it('integrates to 1 over the range (the −log σ term is kept)', () => {
    const space: Record<string, Distribution> = { x: { kind: 'float', low: -5, high: 10, log: false, step: null } };
    const obs = { x: [0.1, 0.2, 0.25, 7, 9.5, -4] };
    const params = { considerPrior: true, priorWeight: 1, considerMagicClip: true, considerEndpoints: false, multivariate: false };
    const n = 30001;
    const xs = Float64Array.from({ length: n }, (_, i) => -5 + (15 * i) / (n - 1));
    const integral = (pe: ParzenEstimator): number => {
      const lp = pe.logPdf({ x: xs });
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.exp(lp[i] as number) * (i === 0 || i === n - 1 ? 0.5 : 1);
      return (s * 15) / (n - 1);
    };
    expect(integral(new ParzenEstimator(obs, space, defaultWeights(6), params))).toBeCloseTo(1, 4);
    // Optuna 3.1's unscaled version does not integrate to 1.
    expect(Math.abs(integral(new ParzenEstimator(obs, space, defaultWeights(6), { ...params, optuna31Density: true })) - 1)).toBeGreaterThan(0.5);
  });

  it('sample() stays inside the range and on the grid', () => {
    const space: Record<string, Distribution> = {
      q: { kind: 'float', low: 0, high: 1, log: false, step: 0.25 },
      n: { kind: 'int', low: 2, high: 64, log: true, step: 1 },
    };
    const pe = new ParzenEstimator({ q: [0.25, 1], n: [2, 40] }, space, [1, 1], {
      considerPrior: true, priorWeight: 1, considerMagicClip: true, considerEndpoints: false, multivariate: true,
    });
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const s = pe.sample(random, 500);
    for (const q of s.q as Float64Array) expect([0, 0.25, 0.5, 0.75, 1]).toContain(q);
    for (const v of s.n as Float64Array) expect(Number.isInteger(v) && v >= 2 && v <= 64).toBe(true);
  });
});
