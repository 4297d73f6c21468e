/** Ridge regression: least squares with an L2 penalty (sklearn.linear_model.Ridge). */
import { solve, svd } from '../../linalg/index.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { centerData, checkSampleWeight, linearPredict } from './base.js';

export interface RidgeParams {
  /** Penalty strength α ≥ 0; larger shrinks the coefficients more. Default 1. */
  alpha: number;
  fitIntercept: boolean;
  /** 'auto' (= 'cholesky', falling back to 'svd' if the system is singular), 'cholesky' or 'svd'. */
  solver: 'auto' | 'cholesky' | 'svd';
}

function matT(A: number[][]): number[][] {
  return A[0].map((_, j) => A.map((r) => r[j]));
}

function matMul(A: number[][], B: number[][]): number[][] {
  return A.map((r) => B[0].map((_, j) => r.reduce((s, v, k) => s + v * B[k][j], 0)));
}

/**
 * Minimises ‖y − X·w − b‖² + α‖w‖² (the intercept is not penalised). Closed forms:
 *
 * - 'cholesky': w = (XᵀX + αI)⁻¹Xᵀy, or in the dual when there are more features than
 *   samples, w = Xᵀ(XXᵀ + αI)⁻¹y (the same w, a smaller system);
 * - 'svd': with X = U·diag(s)·Vᵀ, w = V·diag(s/(s² + α))·Uᵀy, which also copes with α = 0
 *   and a singular X.
 *
 * ```ts
 * new Ridge({ alpha: 1 }).fit([[0, 0], [0, 0], [1, 1]], [0, 0.1, 1]).coef_; // [0.2714…, 0.2714…] (as scikit-learn)
 * ```
 */
export class Ridge extends Regressor<RidgeParams> {
  static override readonly spec: EstimatorSpec<RidgeParams> = {
    name: 'Ridge',
    defaults: { alpha: 1, fitIntercept: true, solver: 'auto' },
    constraints: {
      alpha: [C.number({ min: 0 })],
      fitIntercept: [C.boolean],
      solver: [C.options('auto', 'cholesky', 'svd')],
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare coef_: number[];
  declare intercept_: number;

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const w = checkSampleWeight(sampleWeight, M.rows, this.estimatorName);
    const { Xc, yc, xMean, yMean } = centerData(M, t, this.params.fitIntercept, w);
    const { alpha, solver } = this.params;
    let coef: number[] | null = null;
    if (solver !== 'svd') {
      try {
        coef = ridgeCholesky(Xc, yc, alpha);
      } catch (e) {
        if (solver === 'cholesky') throw e;
      }
      if (coef && coef.some((v) => !Number.isFinite(v))) coef = null;
    }
    coef ??= ridgeSvd(Xc, yc, alpha);
    this.coef_ = coef;
    this.intercept_ = this.params.fitIntercept ? yMean - xMean.reduce((s, m, j) => s + m * coef![j], 0) : 0;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return linearPredict(M, this.coef_, this.intercept_);
  }
}

/** The normal equations (primal or dual, whichever system is smaller). */
function ridgeCholesky(X: number[][], y: number[], alpha: number): number[] {
  const n = X.length;
  const d = X[0].length;
  const Xt = matT(X);
  if (d <= n) {
    const A = matMul(Xt, X).map((r, i) => r.map((v, j) => (i === j ? v + alpha : v))); // (d, d)
    const b = Xt.map((r) => r.reduce((s, v, i) => s + v * y[i], 0));
    return Array.from(solve(A, b).toTypedArray() as Float64Array);
  }
  const K = matMul(X, Xt).map((r, i) => r.map((v, j) => (i === j ? v + alpha : v))); // (n, n)
  const dual = Array.from(solve(K, y).toTypedArray() as Float64Array);
  return Xt.map((r) => r.reduce((s, v, i) => s + v * dual[i], 0));
}

/** w = V·diag(s/(s² + α))·Uᵀy; singular values ≤ 1e-15 are treated as 0 (as scikit-learn does). */
function ridgeSvd(X: number[][], y: number[], alpha: number): number[] {
  const { U, S, Vt } = svd(X);
  const u = U.toArray() as number[][]; // (n, k)
  const s = Array.from(S.toTypedArray() as Float64Array);
  const vt = Vt.toArray() as number[][]; // (k, d)
  const uty = s.map((_, k) => u.reduce((acc, row, i) => acc + row[k] * y[i], 0));
  const f = s.map((sk, k) => (sk > 1e-15 ? (sk / (sk * sk + alpha)) * uty[k] : 0));
  return vt[0].map((_, j) => f.reduce((acc, fk, k) => acc + fk * vt[k][j], 0));
}
