// Linear and quadratic discriminant analysis against scikit-learn 1.2.1
// (tools/fixtures/naive_bayes_da.py): coefficients, intercepts, means, explained variance
// ratios, decision values, predictions and probabilities; projections (transform,
// QDA's rotations) up to the sign of each column, which no algorithm fixes.
import { describe, expect, it } from 'vitest';
import { loadBreastCancer, loadIris, loadWine } from '../../src/datasets/index.js';
import {
  LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis, getEstimatorClass, ledoitWolf, type BaseEstimator,
} from '../../src/learn/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface Case {
  name: string; estimator: string; params: Record<string, unknown>; data: string; rows: number[];
  attrs: Record<string, unknown>; signFree: Record<string, number[][][]>;
  predict: number[]; predictProba: number[][]; decisionFunction: number[] | number[][]; transform?: number[][];
}
const fx = decodeNonFinite(loadFixture('naive-bayes-da.json')) as { source: string; discriminant: Case[] };

const DATA: Record<string, () => { X: number[][]; y: number[] }> = {
  iris: () => { const d = loadIris(); return { X: d.data, y: d.target }; },
  wine: () => { const d = loadWine(); return { X: d.data, y: d.target }; },
  cancer: () => { const d = loadBreastCancer(); return { X: d.data, y: d.target }; },
};

/** Columns of `a` equal those of `b` up to one sign per column. */
function expectColumnsUpToSign(a: number[][], b: number[][], rtol: number, label: string): void {
  expect(a.length, label).toBe(b.length);
  const cols = b[0].length;
  for (let j = 0; j < cols; j++) {
    const k = b.reduce((best, r, i) => (Math.abs(r[j]) > Math.abs(b[best][j]) ? i : best), 0);
    const sign = Math.sign(a[k][j]) === Math.sign(b[k][j]) ? 1 : -1;
    expectAllClose(a.map((r) => sign * r[j]), b.map((r) => r[j]), rtol, `${label} column ${j}`);
  }
}

type DA = BaseEstimator & {
  fit(X: number[][], y: number[]): DA; predict(X: number[][]): number[]; predictProba(X: number[][]): number[][];
  decisionFunction(X: number[][]): unknown; transform?(X: number[][]): number[][];
};

describe(`discriminant analysis equals ${fx.source}`, () => {
  it.each(fx.discriminant.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { X, y } = DATA[c.data]();
    const model = (new (getEstimatorClass(c.estimator))(c.params) as unknown as DA).fit(X, y);
    for (const [k, v] of Object.entries(c.attrs)) {
      const ours = (model as unknown as Record<string, unknown>)[k];
      // scikit-learn keeps a binary LDA's intercept_ and coef_ as (1,) and (1, d), as we do.
      expectAllClose(ours, v, 1e-8, k);
    }
    for (const [k, v] of Object.entries(c.signFree)) {
      v.forEach((R, g) => expectColumnsUpToSign((model as unknown as Record<string, number[][][]>)[k][g], R, 1e-7, `${k}[${g}]`));
    }
    const rows = c.rows.map((i) => X[i]);
    expect(model.predict(rows)).toEqual(c.predict);
    expectAllClose(model.predictProba(rows), c.predictProba, 1e-8, 'predictProba');
    expectAllClose(model.decisionFunction(rows), c.decisionFunction, 1e-8, 'decisionFunction');
    if (c.transform) expectColumnsUpToSign(model.transform!(rows), c.transform, 1e-7, 'transform');
  });
});

describe('discriminant analysis behaviour', () => {
  const { X, y } = DATA.wine();

  it('lsqr and eigen give the same model; svd (Σ scaled by n − k, not n) the same predictions', () => {
    const [svdM, lsqr, eigen] = (['svd', 'lsqr', 'eigen'] as const).map((solver) => new LinearDiscriminantAnalysis({ solver }).fit(X, y));
    expectAllClose(eigen.predictProba(X), lsqr.predictProba(X), 1e-8, 'eigen vs lsqr');
    expectAllClose(eigen.coef_, lsqr.coef_, 1e-8, 'coef_');
    expect(svdM.predict(X)).toEqual(lsqr.predict(X));
  });

  it('transform is centred, and the discriminant axes are uncorrelated with unit within-class variance', () => {
    const Z = new LinearDiscriminantAnalysis().fit(X, y).transform(X);
    // Within-class covariance of the projection, pooled with n − k degrees of freedom, is I.
    const k = 3;
    const means = [0, 1, 2].map((c) => [0, 1].map((j) => Z.filter((_, i) => y[i] === c).reduce((s, r) => s + r[j], 0) / y.filter((v) => v === c).length));
    const W = [0, 1].map((a) => [0, 1].map((b) => Z.reduce((s, r, i) => s + (r[a] - means[y[i]][a]) * (r[b] - means[y[i]][b]), 0) / (Z.length - k)));
    expectAllClose(W, [[1, 0], [0, 1]], 1e-8, 'within-class covariance');
  });

  it('Ledoit–Wolf shrinkage lies in [0, 1] and shrinks towards the mean variance', () => {
    const { covariance, shrinkage } = ledoitWolf(X.map((r) => r.slice(0, 5)));
    expect(shrinkage).toBeGreaterThan(0);
    expect(shrinkage).toBeLessThan(1);
    expect(covariance.length).toBe(5);
  });

  it('bad settings name the problem', () => {
    expect(() => new LinearDiscriminantAnalysis({ shrinkage: 'auto' }).fit(X, y)).toThrow(/shrinkage is not supported with the 'svd' solver/);
    expect(() => new LinearDiscriminantAnalysis({ nComponents: 3 }).fit(X, y)).toThrow(/nComponents=3 cannot be larger than min\(nFeatures, nClasses - 1\) = 2/);
    expect(() => new LinearDiscriminantAnalysis({ solver: 'lsqr' }).fit(X, y).transform(X)).toThrow(/not implemented for the 'lsqr' solver/);
    expect(() => new LinearDiscriminantAnalysis({ shrinkage: 2, solver: 'lsqr' }).fit(X, y)).toThrow(/The `shrinkage` parameter of LinearDiscriminantAnalysis must be/);
    expect(() => new QuadraticDiscriminantAnalysis().fit([[0], [1], [2]], [0, 0, 1])).toThrow(/only 1 sample in class 1/);
    expect(() => new LinearDiscriminantAnalysis().fit([[0, 1], [1, 0], [2, 2]], [1, 1, 1])).toThrow(/number of classes has to be greater than one; got 1 class/);
    expect(() => new QuadraticDiscriminantAnalysis({ regParam: 1.5 }).fit(X, y)).toThrow('The `regParam` parameter of QuadraticDiscriminantAnalysis must be a number in [0, 1]. Got 1.5 instead.');
  });
});
