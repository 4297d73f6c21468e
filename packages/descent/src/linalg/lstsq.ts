import type { Tensor } from '../tensor/index.js';
import { type MatrixLike, type VectorLike, reshapeToTensor, toMatrix, toOperand, vectorToTensor } from './convert.js';
import { EPS, assertFinite, matmul, shapeStr } from './matrix.js';
import { countAbove, pseudoInverseFromSVD } from './pinv.js';
import { svdKernel } from './svd-kernel.js';

/** Options of `lstsq`. */
export interface LstsqOptions {
  /**
   * Singular values ≤ rcond·max(S) count as zero. Default, as NumPy's
   * `rcond=None`: eps·max(m, n). A negative value means eps.
   */
  rcond?: number;
}

/** The result of `lstsq`, with NumPy's four outputs named. */
export interface LstsqResult {
  /** x minimizing ‖b - A·x‖₂ (the one of least norm if several do): (n,) or (n, k). */
  solution: Tensor;
  /**
   * Squared residual ‖b - A·x‖₂² per column of b, shape (k,) ((1,) for a vector
   * b). Empty, shape (0,), unless rank = n < m — as in NumPy.
   */
  residuals: Tensor;
  /** The numerical rank of A. */
  rank: number;
  /** All min(m, n) singular values of A, descending. */
  singularValues: Tensor;
}

/**
 * Least-squares solution of A·x ≈ b: the x minimizing ‖b - A·x‖₂, and among
 * those the one of minimum norm ‖x‖₂. Works for any (m, n) A: overdetermined
 * (m > n), underdetermined (m < n) and rank-deficient.
 *
 * x = V·diag(1/S)·Uᵀ·b = A⁺·b from the SVD A = U·diag(S)·Vᵀ, ignoring singular
 * values ≤ rcond·max(S) (Golub & Van Loan §5.5.1–5.5.2). This is the method of
 * `numpy.linalg.lstsq` (LAPACK dgelsd), and the result has the same fields.
 *
 * @example
 * ```ts
 * import { lstsq } from 'descent/linalg';
 * // Fit y = c0 + c1·t through (0, 1), (1, 3), (2, 4):
 * const { solution, residuals, rank } = lstsq([[1, 0], [1, 1], [1, 2]], [1, 3, 4]);
 * solution.toArray(); // [1.1666666666666667, 1.5] (up to rounding)
 * residuals.toArray(); // [0.16666666666666666] (up to rounding); rank is 2
 * ```
 */
export function lstsq(A: MatrixLike, b: MatrixLike | VectorLike, options: LstsqOptions = {}): LstsqResult {
  const M = toMatrix('lstsq', A);
  const rhs = toOperand('lstsq', b, 'b');
  const m = M.rows;
  const n = M.cols;
  if (rhs.M.rows !== m) {
    throw new Error(
      `lstsq: a has shape (${m},${n}) but b has shape ${shapeStr(rhs.shape)}; ` +
        `b must have ${m} rows, one per equation`,
    );
  }
  assertFinite('lstsq', M, 'a');
  assertFinite('lstsq', rhs.M, 'b');
  let rcond = options.rcond ?? EPS * Math.max(m, n);
  if (rcond < 0) rcond = EPS;

  const { U, S, Vt } = svdKernel(M);
  const rank = countAbove(S, rcond * (S.length > 0 ? S[0] : 0));
  // x = A⁺·b: (n, m)·(m, k) -> (n, k).
  const X = matmul(pseudoInverseFromSVD(U, S, Vt, rank), rhs.M);

  // Residuals only when the solution is unique and the system overdetermined.
  const k = rhs.M.cols;
  let residuals = new Float64Array(0);
  if (rank === n && m > n) {
    residuals = new Float64Array(k);
    const AX = matmul(M, X); // (m, k)
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < k; c++) residuals[c] += (rhs.M.data[i * k + c] - AX.data[i * k + c]) ** 2;
    }
  }

  const solutionShape = rhs.shape.length === 1 ? [n] : [n, k];
  return {
    solution: reshapeToTensor(X, solutionShape),
    residuals: vectorToTensor(residuals),
    rank,
    singularValues: vectorToTensor(S),
  };
}
