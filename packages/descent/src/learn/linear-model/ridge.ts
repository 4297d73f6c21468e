/** Ridge regression: least squares with an L2 penalty (sklearn.linear_model.Ridge). */
import { luFactor, luSolve } from '../../linalg/lu.js';
import { type Matrix, matmul, matmulTransA, matmulTransB, transpose } from '../../linalg/matrix.js';
import { svdKernel } from '../../linalg/svd-kernel.js';
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

/** Adds α to the diagonal of a square matrix, in place. */
function addToDiagonal(A: Matrix, alpha: number): Matrix {
  for (let i = 0; i < A.rows; i++) A.data[i * A.cols + i] += alpha;
  return A;
}

/** Solves A·x = b (A square) by LU with partial pivoting; throws if A is singular. */
function solveSquare(A: Matrix, b: Float64Array): Float64Array {
  const f = luFactor(A);
  if (f.zeroPivot >= 0) throw new Error('Ridge: the normal equations are singular; use solver \'svd\'.');
  return luSolve(f, { rows: b.length, cols: 1, data: b }).data;
}

/** The normal equations (primal or dual, whichever system is smaller), products through the shared kernels. */
function ridgeCholesky(X: Matrix, y: Float64Array, alpha: number): number[] {
  const Y: Matrix = { rows: y.length, cols: 1, data: y };
  if (X.cols <= X.rows) {
    const A = addToDiagonal(matmulTransA(X, X), alpha); // XᵀX + αI, (d, d)
    const b = matmulTransA(X, Y).data; // Xᵀy, (d,)
    return Array.from(solveSquare(A, b));
  }
  const K = addToDiagonal(matmulTransB(X, X), alpha); // XXᵀ + αI, (n, n)
  const dual: Matrix = { rows: X.rows, cols: 1, data: solveSquare(K, y) };
  return Array.from(matmulTransA(X, dual).data); // Xᵀ·dual, (d,)
}

/** w = V·diag(s/(s² + α))·Uᵀy; singular values ≤ 1e-15 are treated as 0 (as scikit-learn does). */
function ridgeSvd(X: Matrix, y: Float64Array, alpha: number): number[] {
  const { U, S, Vt } = svdKernel(X); // U (n, k), S (k,), Vt (k, d)
  const uty = matmulTransA(U, { rows: y.length, cols: 1, data: y }).data; // Uᵀy, (k,)
  const f = new Float64Array(S.length);
  for (let q = 0; q < S.length; q++) f[q] = S[q] > 1e-15 ? (S[q] / (S[q] * S[q] + alpha)) * uty[q] : 0;
  return Array.from(matmul(transpose(Vt), { rows: f.length, cols: 1, data: f }).data); // V·f, (d,)
}
