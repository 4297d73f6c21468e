// FactorAnalysis and FastICA against scikit-learn 1.2.1 (tools/fixtures/decomposition_extra.py).
// FactorAnalysis (exact SVD) is deterministic up to the sign of each loading row; FastICA from
// the same wInit is deterministic (whitening axes signed by their first entry).
import { describe, expect, it } from 'vitest';
import { FactorAnalysis, FastICA, type FactorAnalysisParams, type FastICAParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface FaCase {
  data: string; params: Partial<FactorAnalysisParams>; components: number[][]; noiseVariance: number[]; loglike: number[]; nIter: number;
  transform: number[][]; scoreSamples: number[]; covariance: number[][]; precision: number[][]; score: number;
}
interface IcaCase {
  data: string; params: Partial<FastICAParams>; components: number[][]; mixing: number[][]; mean: number[]; whitening: number[][];
  nIter: number; sources: number[][]; transform: number[][];
}
const fx = loadFixture<{
  data: Record<string, number[][]>; fa: FaCase[]; faRandomized: { data: string; nComponents: number; loglike: number; noiseVariance: number[] }; ica: IcaCase[];
}>('decomposition-extra.json');
const shifted = (X: number[][], step: number, by: number) => X.filter((_, i) => i % step === 0).map((r) => r.map((v) => v + by));

/** Flips each row of `got` to the sign of the matching row of `want` (largest entry decides). */
function alignRows(got: number[][], want: number[][]): { rows: number[][]; signs: number[] } {
  const signs = want.map((w, i) => {
    const j = w.reduce((b, v, t) => (Math.abs(v) > Math.abs(w[b]) ? t : b), 0);
    return Math.sign(w[j]) === Math.sign(got[i][j]) ? 1 : -1;
  });
  return { rows: got.map((r, i) => r.map((v) => v * signs[i])), signs };
}

describe('FactorAnalysis equals scikit-learn (svdMethod lapack)', () => {
  for (const c of fx.fa) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const fa = new FactorAnalysis(c.params).fit(X);
      expect(fa.nIter_).toBe(c.nIter);
      expectNestedClose(fa.loglike_, c.loglike, 1e-9, 'loglike_');
      expectNestedClose(fa.noiseVariance_, c.noiseVariance, 1e-7, 'noiseVariance_');
      const { rows, signs } = alignRows(fa.components_, c.components);
      expectNestedClose(rows, c.components, 1e-6, 'components_ (up to row sign)');
      const Q = shifted(X, 9, 0.1);
      expectNestedClose(fa.transform(Q).map((r) => r.map((v, j) => v * signs[j])), c.transform, 1e-6, 'transform');
      expectNestedClose(fa.scoreSamples(Q), c.scoreSamples, 1e-8, 'scoreSamples');
      expect(fa.score(Q)).toBeCloseTo(c.score, 8);
      expectNestedClose(fa.getCovariance(), c.covariance, 1e-7, 'getCovariance');
      expectNestedClose(fa.getPrecision(), c.precision, 1e-6, 'getPrecision');
    });
  }

  it('the randomized SVD (the default) reaches the exact fit\'s optimum', () => {
    const r = fx.faRandomized;
    const fa = new FactorAnalysis({ nComponents: r.nComponents, randomState: 0 }).fit(fx.data[r.data]);
    expect(Math.abs(fa.loglike_.at(-1)! - r.loglike)).toBeLessThan(1e-3 * Math.abs(r.loglike));
    expectNestedClose(fa.noiseVariance_, r.noiseVariance, 1e-2, 'noiseVariance_');
  });

  it('names bad noiseVarianceInit and nComponents', () => {
    expect(() => new FactorAnalysis({ noiseVarianceInit: [1, 1] }).fit(fx.data.iris)).toThrow(/FactorAnalysis: noiseVarianceInit has 2 values but X has 4 features/);
    expect(() => new FactorAnalysis({ nComponents: 9 }).fit(fx.data.iris)).toThrow(/FactorAnalysis: nComponents=9 is more than the 4 features/);
  });
});

describe('FastICA equals scikit-learn from the same wInit', () => {
  for (const c of fx.ica) {
    it(`${c.data} ${JSON.stringify({ ...c.params, wInit: undefined })}`, () => {
      const X = fx.data[c.data];
      const ica = new FastICA(c.params);
      const S = ica.fitTransform(X);
      expect(ica.nIter_).toBe(c.nIter);
      expectNestedClose(ica.whitening_, c.whitening, 1e-8, 'whitening_');
      expectNestedClose(ica.components_, c.components, 1e-6, 'components_');
      expectNestedClose(ica.mixing_, c.mixing, 1e-6, 'mixing_');
      expectNestedClose(ica.mean_, c.mean, 1e-12, 'mean_');
      expectNestedClose(S, c.sources, 1e-6, 'sources');
      expectNestedClose(ica.transform(shifted(X, 11, 0.01)), c.transform, 1e-6, 'transform');
      // Mixing back gives the data (all components kept) or its projection.
      if (c.params.nComponents === X[0].length) expectNestedClose(ica.inverseTransform(S), X, 1e-8, 'inverseTransform');
    });
  }

  it('recovers the sources up to sign, order and scale from a random start', () => {
    const X = fx.data.mixed;
    const S = new FastICA({ nComponents: 3, randomState: 0 }).fitTransform(X);
    const want = fx.ica[0].sources;
    // Each recovered source correlates (|r| > 0.99) with exactly one of scikit-learn's.
    const corr = (a: number[], b: number[]) => {
      const ma = a.reduce((s, v) => s + v, 0) / a.length;
      const mb = b.reduce((s, v) => s + v, 0) / b.length;
      let ab = 0, aa = 0, bb = 0;
      for (let i = 0; i < a.length; i++) { ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) ** 2; bb += (b[i] - mb) ** 2; }
      return ab / Math.sqrt(aa * bb);
    };
    const col = (M: number[][], j: number) => M.map((r) => r[j]);
    const matched = [0, 1, 2].map((j) => [0, 1, 2].findIndex((t) => Math.abs(corr(col(S, j), col(want, t))) > 0.99));
    expect([...matched].sort()).toEqual([0, 1, 2]);
  });
});
