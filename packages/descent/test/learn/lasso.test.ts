// Lasso, ElasticNet, lassoPath and enetPath against scikit-learn 1.2.1
// (tools/fixtures/linear_models.py): coefficients to 1e-6 relative with a tight tol in
// both, the same iterate and sweep count at the default tol, and the optimality (KKT)
// conditions checked directly on our own solutions.
import { describe, expect, it } from 'vitest';
import { loadDiabetes } from '../../src/datasets/index.js';
import { ElasticNet, Lasso, alphaGrid, enetPath, getEstimatorClass, lassoPath } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { rel } from './linear-helpers.js';

interface CdCase {
  name: string; estimator: string; params: Record<string, unknown>; data: string; X: number[][] | null; y: number[] | null;
  sampleWeight: number[] | null; coef_: number[]; intercept_: number; nIter_: number; dualGap_: number; predict: number[];
}
interface PathCase { name: string; fn: string; options: Record<string, number>; alphas: number[]; coefs: number[][]; dualGaps: number[] }
const fx = loadFixture<{ source: string; coordinateDescent: CdCase[]; paths: PathCase[] }>('linear-models.json');
const diabetes = loadDiabetes();

type CdModel = { coef_: number[]; intercept_: number; nIter_: number; dualGap_: number; predict(X: number[][]): number[]; fit(X: number[][], y: number[], w?: number[]): unknown };

describe(`Lasso and ElasticNet agree with ${fx.source}`, () => {
  it.each(fx.coordinateDescent.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const X = c.X ?? diabetes.data;
    const y = c.y ?? diabetes.target;
    const model = new (getEstimatorClass(c.estimator))(c.params) as unknown as CdModel;
    model.fit(X, y, c.sampleWeight ?? undefined);
    rel(model.coef_, c.coef_, 1e-6, 'coef_');
    rel([model.intercept_], [c.intercept_], 1e-6, 'intercept_');
    rel(model.predict(X.slice(0, 5)), c.predict, 1e-6, 'predict');
    // The L1 penalty's exact zeros are the same zeros.
    expect(model.coef_.map((v) => v === 0), 'sparsity').toEqual(c.coef_.map((v) => v === 0));
    // Same sweeps and the same stopping rule: the same number of sweeps.
    expect(model.nIter_).toBe(c.nIter_);
    expect(model.dualGap_).toBeLessThanOrEqual(Math.max(c.dualGap_ * 1.01, 1e-9));
  });
});

/**
 * Optimality of 1/(2n)‖y − Xw − b‖² + αρ‖w‖₁ + α(1 − ρ)/2‖w‖²: with r the residual and
 * g_j = x_jᵀr/n − α(1 − ρ)w_j, a zero coefficient has |g_j| ≤ αρ and a non-zero one has
 * g_j = αρ·sign(w_j); with an intercept the residuals sum to zero.
 */
function expectKkt(X: number[][], y: number[], m: CdModel, alpha: number, rho: number, tol: number): void {
  const n = X.length;
  const r = X.map((row, i) => y[i] - m.intercept_ - row.reduce((s, v, j) => s + v * m.coef_[j], 0));
  expect(Math.abs(r.reduce((a, b) => a + b, 0)) / n).toBeLessThan(1e-8);
  m.coef_.forEach((w, j) => {
    const g = X.reduce((s, row, i) => s + row[j] * r[i], 0) / n - alpha * (1 - rho) * w;
    if (w === 0) expect(Math.abs(g), `|g_${j}| on a zero coefficient`).toBeLessThanOrEqual(alpha * rho * (1 + tol));
    else expect(Math.abs(g - alpha * rho * Math.sign(w)), `g_${j} on a non-zero coefficient`).toBeLessThanOrEqual(alpha * rho * tol);
  });
}

describe('optimality conditions', () => {
  const X = diabetes.data;
  const y = diabetes.target;
  it.each([0.01, 0.1, 0.5, 2])('Lasso alpha %s satisfies the KKT conditions', (alpha) => {
    const m = new Lasso({ alpha, tol: 1e-12, maxIter: 100000 }).fit(X, y);
    expectKkt(X, y, m, alpha, 1, 1e-6);
  });
  it.each([[0.01, 0.2], [0.05, 0.9]])('ElasticNet alpha %s l1Ratio %s satisfies the KKT conditions', (alpha, rho) => {
    const m = new ElasticNet({ alpha, l1Ratio: rho, tol: 1e-12, maxIter: 100000 }).fit(X, y);
    expectKkt(X, y, m, alpha, rho, 1e-6);
  });
  it('positive keeps every coefficient >= 0', () => {
    const m = new Lasso({ alpha: 0.01, positive: true }).fit(X, y);
    expect(m.coef_.every((v) => v >= 0)).toBe(true);
    expect(new Lasso({ alpha: 0.01 }).fit(X, y).coef_.some((v) => v < 0)).toBe(true);
  });
  it("random selection is seeded, and reaches the cyclic solution", () => {
    const a = new Lasso({ alpha: 0.1, selection: 'random', randomState: 3, tol: 1e-12, maxIter: 100000 }).fit(X, y);
    const b = new Lasso({ alpha: 0.1, selection: 'random', randomState: 3, tol: 1e-12, maxIter: 100000 }).fit(X, y);
    expect(a.coef_).toEqual(b.coef_);
    rel(a.coef_, new Lasso({ alpha: 0.1, tol: 1e-12, maxIter: 100000 }).fit(X, y).coef_, 1e-6, 'coef_');
  });
  it('warmStart starts from the previous coefficients', () => {
    const cold = new Lasso({ alpha: 0.1, tol: 1e-8 }).fit(X, y);
    const warm = new Lasso({ alpha: 0.1, tol: 1e-8, warmStart: true }).fit(X, y);
    warm.fit(X, y);
    expect(warm.nIter_).toBeLessThan(cold.nIter_);
    rel(warm.coef_, cold.coef_, 1e-4, 'coef_');
  });
  it('alpha above alpha_max gives all zeros and the mean', () => {
    const [alphaMax] = alphaGrid(X, y.map((v) => v - y.reduce((a, b) => a + b, 0) / y.length), { nAlphas: 1, eps: 1 });
    const m = new Lasso({ alpha: alphaMax * 1.0001 }).fit(X, y);
    expect(m.coef_.every((v) => v === 0)).toBe(true);
    expect(new Lasso({ alpha: alphaMax * 0.99 }).fit(X, y).coef_.some((v) => v !== 0)).toBe(true);
  });
  it('validates its parameters with the uniform message', () => {
    expect(() => new ElasticNet({ l1Ratio: 1.5 }).fit(X, y)).toThrow('The `l1Ratio` parameter of ElasticNet must be a number in [0, 1]. Got 1.5 instead.');
    expect(() => new Lasso({ alpha: -1 }).fit(X, y)).toThrow('The `alpha` parameter of Lasso must be a number >= 0. Got -1 instead.');
  });
});

describe(`lassoPath and enetPath agree with ${fx.source}`, () => {
  it.each(fx.paths.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const fn = c.fn === 'lasso_path' ? lassoPath : enetPath;
    const path = fn(diabetes.data, diabetes.target, c.options);
    rel(path.alphas, c.alphas, 1e-12, 'alphas');
    expect(path.coefs.length).toBe(c.coefs.length);
    path.coefs.forEach((row, j) => rel(row, c.coefs[j], 1e-6, `coefs[${j}]`));
  });
  it('each point of the path is the single fit at that alpha (Gram sweeps for n > d, column sweeps otherwise)', () => {
    const wide = fx.coordinateDescent.find((c) => c.name === 'lasso wide')!;
    for (const [X, y] of [[diabetes.data, diabetes.target], [wide.X!, wide.y!]] as const) {
      const path = lassoPath(X, y, { nAlphas: 5, tol: 1e-12, maxIter: 100000 });
      path.alphas.forEach((alpha, k) => {
        const single = new Lasso({ alpha, fitIntercept: false, tol: 1e-12, maxIter: 100000 }).fit(X, y);
        rel(path.coefs.map((row) => row[k]), single.coef_, 1e-7, `alpha ${alpha}`);
      });
    }
  });
  it('checks its options', () => {
    expect(() => enetPath(diabetes.data, diabetes.target, { l1Ratio: 0 })).toThrow(/l1Ratio > 0.*alphas/);
    const p = enetPath(diabetes.data, diabetes.target, { l1Ratio: 0, alphas: [1, 10] });
    expect(p.alphas).toEqual([10, 1]);
  });
});
