// BayesianRidge, HuberRegressor and QuantileRegressor against scikit-learn 1.2.1
// (tools/fixtures/linear_models.py), and the simplex solver behind QuantileRegressor.
// BayesianRidge runs the same fixed-point iteration: alpha_, lambda_, coef_, sigma_ to 1e-6.
// Huber: scikit-learn's L-BFGS-B stops on a relative decrease of f short of the optimum
// even at tol 1e-12, so the fixture also polishes its answer on scikit-learn's own
// objective (SciPy L-BFGS-B, ftol 0): ours must match that optimum to 1e-5 (on the
// ill-conditioned diabetes problem ours has the smaller gradient of the two), reach an
// objective no worse than scikit-learn's, and its coefficients to 5e-3. Quantile:
// scikit-learn with the exact 'highs' LP solver, so both land on the same vertex: coef_
// to 1e-6.
import { describe, expect, it } from 'vitest';
import { loadDiabetes } from '../../src/datasets/index.js';
import { BayesianRidge, HuberRegressor, QuantileRegressor, linprog } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { rel } from './linear-helpers.js';

interface Base { name: string; data: string; params: Record<string, unknown>; sampleWeight: number[] | null; coef_: number[]; intercept_: number }
interface BayesCase extends Base {
  alpha_: number; lambda_: number; sigma_: number[][]; nIter_: number; scores_: number[] | null; predictMean: number[]; predictStd: number[];
}
interface HuberCase extends Base { scale_: number; outliers_: boolean[]; objective: number; optimum: number[]; optimumObjective: number }
const fx = loadFixture<{
  source: string; bayesianRidge: BayesCase[]; huber: HuberCase[]; quantile: Base[]; inline: Record<string, { X: number[][]; y: number[] }>;
}>('linear-models.json');
const diabetes = loadDiabetes();
const dataOf = (name: string) => (name === 'diabetes' ? { X: diabetes.data, y: diabetes.target } : fx.inline[name]);

describe(`BayesianRidge agrees with ${fx.source}`, () => {
  it.each(fx.bayesianRidge.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { X, y } = dataOf(c.data);
    const m = new BayesianRidge(c.params).fit(X, y, c.sampleWeight ?? undefined);
    rel(m.coef_, c.coef_, 1e-6, 'coef_');
    rel([m.intercept_ + 1], [c.intercept_ + 1], 1e-6, 'intercept_'); // + 1: the intercept may be exactly 0
    rel([m.alpha_, m.lambda_], [c.alpha_, c.lambda_], 1e-6, 'alpha_, lambda_');
    expect(m.nIter_).toBe(c.nIter_);
    if (c.scores_) rel(m.scores_, c.scores_, 1e-8, 'scores_');
    const { mean, std } = m.predictWithStd(X.slice(0, 5));
    rel(mean, c.predictMean, 1e-6, 'predict mean');
    // With n ≤ d the centred X has a zero singular value whose singular vector is any unit
    // vector of the null space (LAPACK and our Jacobi SVD pick different ones), and
    // scikit-learn's sigma_ includes it: only compare sigma_ where X has full column rank.
    if (X.length > X[0].length) {
      rel(m.sigma_.flat(), c.sigma_.flat(), 1e-6, 'sigma_');
      rel(std, c.predictStd, 1e-6, 'predict std');
    }
  });
});

/** Σ sᵢ(σ + H_ε(rᵢ/σ)σ) + α‖w‖², from its definition. */
function huberObjective(m: HuberRegressor, X: number[][], y: number[], sw: number[] | null): number {
  const { epsilon: e, alpha } = m.params;
  const s = m.scale_;
  const pred = m.predict(X);
  const data = y.reduce((acc, v, i) => {
    const r = Math.abs(v - pred[i]);
    return acc + (sw ? sw[i] : 1) * (s + (r <= e * s ? (r * r) / s : 2 * e * r - s * e * e));
  }, 0);
  return data + alpha * m.coef_.reduce((a, w) => a + w * w, 0);
}

describe(`HuberRegressor agrees with ${fx.source}`, () => {
  it.each(fx.huber.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { X, y } = dataOf(c.data);
    const m = new HuberRegressor({ ...c.params, tol: 1e-10, maxIter: 10000 }).fit(X, y, c.sampleWeight ?? undefined);
    const ours = [...m.coef_, ...(m.params.fitIntercept ? [m.intercept_] : []), m.scale_];
    rel(ours, c.optimum, 1e-5, 'coef_, intercept_, scale_ vs the polished optimum');
    rel(ours, [...c.coef_, ...(m.params.fitIntercept ? [c.intercept_] : []), c.scale_], 5e-3, 'vs HuberRegressor');
    expect(huberObjective(m, X, y, c.sampleWeight)).toBeLessThanOrEqual(c.objective);
    expect(huberObjective(m, X, y, c.sampleWeight)).toBeCloseTo(c.optimumObjective, 6);
    expect(m.outliers_).toEqual(c.outliers_);
  });
  it('resists outliers that drag least squares away', () => {
    const { X, y } = fx.inline.outliers;
    const m = new HuberRegressor().fit(X, y);
    rel(m.coef_, [2, -1, 0.5], 0.15, 'coef_ near the true trend');
    expect([3, 11, 27].map((i) => m.outliers_![i])).toEqual([true, true, true]);
  });
  it('epsilon must be at least 1', () => {
    expect(() => new HuberRegressor({ epsilon: 0.5 }).fit([[1], [2]], [1, 2])).toThrow('The `epsilon` parameter of HuberRegressor must be a number >= 1. Got 0.5 instead.');
  });
});

describe(`QuantileRegressor agrees with ${fx.source}`, () => {
  it.each(fx.quantile.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { X, y } = dataOf(c.data);
    const m = new QuantileRegressor(c.params).fit(X, y, c.sampleWeight ?? undefined);
    rel([...m.coef_, m.intercept_], [...c.coef_, c.intercept_], 1e-6, 'coef_ and intercept_');
  });
  it('without a penalty, the fitted line leaves a share q of points below', () => {
    const { X, y } = fx.inline.quantile;
    for (const q of [0.2, 0.5, 0.9]) {
      const pred = new QuantileRegressor({ quantile: q, alpha: 0 }).fit(X, y).predict(X);
      const below = y.filter((v, i) => v < pred[i] - 1e-9).length / y.length;
      const above = y.filter((v, i) => v > pred[i] + 1e-9).length / y.length;
      // Optimality of the pinball loss: at most a share q strictly below, at most 1 − q strictly above.
      expect(below).toBeLessThanOrEqual(q + 1e-12);
      expect(above).toBeLessThanOrEqual(1 - q + 1e-12);
    }
  });
});

describe('linprog (two-phase simplex)', () => {
  it('solves a textbook problem (with slack variables)', () => {
    // max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18: optimum (2, 6), value 36.
    const res = linprog({ c: [-3, -5, 0, 0, 0], Aeq: [[1, 0, 1, 0, 0], [0, 2, 0, 1, 0], [3, 2, 0, 0, 1]], beq: [4, 12, 18] });
    expect(res.status).toBe('optimal');
    rel(Array.from(res.x.subarray(0, 2)), [2, 6], 1e-12, 'x');
    expect(res.fun).toBeCloseTo(-36, 12);
  });
  it('needs phase 1 when b has negative entries, and reports infeasible and unbounded problems', () => {
    // x − s = 2 (x ≥ 2), x + t = 5: min x gives 2.
    const ok = linprog({ c: [1, 0, 0], Aeq: [[-1, 1, 0], [1, 0, 1]], beq: [-2, 5] });
    expect(ok.status).toBe('optimal');
    expect(ok.x[0]).toBeCloseTo(2, 12);
    expect(linprog({ c: [1, 1], Aeq: [[1, 1]], beq: [-1] }).status).toBe('infeasible');
    expect(linprog({ c: [-1, 0], Aeq: [[1, -1]], beq: [1] }).status).toBe('unbounded');
  });
  it('handles redundant constraints and degenerate vertices', () => {
    const res = linprog({ c: [-1, -1, 0, 0], Aeq: [[1, 1, 1, 0], [2, 2, 2, 0], [1, 0, 0, 1]], beq: [1, 2, 1] });
    expect(res.status).toBe('optimal');
    expect(res.fun).toBeCloseTo(-1, 12);
  });
});
