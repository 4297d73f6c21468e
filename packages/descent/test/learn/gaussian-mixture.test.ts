// GaussianMixture against scikit-learn 1.2.1 (tools/fixtures/cluster.py): from the same
// initial weights, means and precisions, EM follows the same path, so the final
// log-likelihood, iteration count, parameters, responsibilities and BIC/AIC agree.
import { describe, expect, it } from 'vitest';
import { GaussianMixture, type GaussianMixtureParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface Case {
  data: string; params: Partial<GaussianMixtureParams>; lowerBound: number; nIter: number; converged: boolean;
  weights: number[]; means: number[][]; covariances: unknown; precisionsCholesky: unknown;
  predictProba: number[][]; scoreSamples: number[]; predict: number[]; bic: number; aic: number;
}
const fx = loadFixture<{ data: Record<string, number[][]>; gmm: Case[] }>('cluster.json');

describe('GaussianMixture equals scikit-learn from the same initial parameters', () => {
  for (const c of fx.gmm) {
    it(`${c.data} ${c.params.covarianceType}`, () => {
      const X = fx.data[c.data];
      const gm = new GaussianMixture(c.params).fit(X);
      expectNestedClose(gm.lowerBound_, c.lowerBound, 1e-9, 'lowerBound_');
      expect(gm.nIter_).toBe(c.nIter);
      expect(gm.converged_).toBe(c.converged);
      expectNestedClose(gm.weights_, c.weights, 1e-7, 'weights_');
      expectNestedClose(gm.means_, c.means, 1e-7, 'means_');
      expectNestedClose(gm.covariances_, c.covariances, 1e-7, 'covariances_');
      expectNestedClose(gm.precisionsCholesky_, c.precisionsCholesky, 1e-6, 'precisionsCholesky_');
      const Q = X.filter((_, i) => i % 9 === 0).map((r) => r.map((v) => v + 0.1));
      expectNestedClose(gm.predictProba(Q), c.predictProba, 1e-6, 'predictProba');
      expectNestedClose(gm.scoreSamples(Q), c.scoreSamples, 1e-8, 'scoreSamples');
      expect(gm.predict(Q)).toEqual(c.predict);
      expectNestedClose(gm.bic(X), c.bic, 1e-9, 'bic');
      expectNestedClose(gm.aic(X), c.aic, 1e-9, 'aic');
    });
  }

  it('BIC picks the number of blobs', () => {
    const X = fx.data.blobs;
    const bics = [1, 2, 3, 4, 5, 6].map((k) => new GaussianMixture({ nComponents: k, randomState: 0, nInit: 2 }).fit(X).bic(X));
    expect(bics.indexOf(Math.min(...bics)) + 1).toBe(4);
  });

  it('says what to do when a component collapses', () => {
    expect(() => new GaussianMixture({ nComponents: 2, regCovar: 0, meansInit: [[0, 0], [5, 5]], weightsInit: [0.5, 0.5], precisionsInit: [[[1, 0], [0, 1]], [[1, 0], [0, 1]]] }).fit([[0, 0], [0, 0], [5, 5], [5, 5]]))
      .toThrow(/ill-defined empirical covariance.*increase regCovar/);
  });
});
