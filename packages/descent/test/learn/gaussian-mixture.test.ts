// GaussianMixture against scikit-learn 1.2.1 (tools/fixtures/cluster.py): from the same
// initial weights, means and precisions, EM follows the same path, so the final
// log-likelihood, iteration count, parameters, responsibilities and BIC/AIC agree.
import { describe, expect, it } from 'vitest';
import { GaussianMixture, type GaussianMixtureParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Case {
  data: string; params: Partial<GaussianMixtureParams>; lowerBound: number; nIter: number; converged: boolean;
  weights: number[]; means: number[][]; covariances: unknown; precisionsCholesky: unknown;
  predictProba: number[][]; scoreSamples: number[]; predict: number[]; bic: number; aic: number;
}
const fx = loadFixture<{ data: Record<string, number[][]>; gmm: Case[] }>('cluster.json');

function close(actual: unknown, expected: unknown, tol: number, path: string): void {
  if (typeof expected === 'number') {
    const a = actual as number;
    if (!(Math.abs(a - expected) <= tol * Math.max(1, Math.abs(expected)))) throw new Error(`${path}: got ${a}, expected ${expected}`);
    return;
  }
  const e = expected as unknown[];
  expect((actual as unknown[]).length, `${path} length`).toBe(e.length);
  e.forEach((v, i) => close((actual as unknown[])[i], v, tol, `${path}[${i}]`));
}

describe('GaussianMixture equals scikit-learn from the same initial parameters', () => {
  for (const c of fx.gmm) {
    it(`${c.data} ${c.params.covarianceType}`, () => {
      const X = fx.data[c.data];
      const gm = new GaussianMixture(c.params).fit(X);
      close(gm.lowerBound_, c.lowerBound, 1e-9, 'lowerBound_');
      expect(gm.nIter_).toBe(c.nIter);
      expect(gm.converged_).toBe(c.converged);
      close(gm.weights_, c.weights, 1e-7, 'weights_');
      close(gm.means_, c.means, 1e-7, 'means_');
      close(gm.covariances_, c.covariances, 1e-7, 'covariances_');
      close(gm.precisionsCholesky_, c.precisionsCholesky, 1e-6, 'precisionsCholesky_');
      const Q = X.filter((_, i) => i % 9 === 0).map((r) => r.map((v) => v + 0.1));
      close(gm.predictProba(Q), c.predictProba, 1e-6, 'predictProba');
      close(gm.scoreSamples(Q), c.scoreSamples, 1e-8, 'scoreSamples');
      expect(gm.predict(Q)).toEqual(c.predict);
      close(gm.bic(X), c.bic, 1e-9, 'bic');
      close(gm.aic(X), c.aic, 1e-9, 'aic');
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
