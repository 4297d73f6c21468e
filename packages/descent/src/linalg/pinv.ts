// The Moore–Penrose pseudo-inverse and the numerical rank, both read off the
// SVD A = U·diag(S)·Vᵀ (Golub & Van Loan §5.5.2 and §5.4.1).

import type { Tensor } from '../tensor/index.js';
import { type MatrixLike, type VectorLike, matrixToTensor, toMatrix, toOperand } from './convert.js';
import { EPS, type Matrix, assertFinite, zeros } from './matrix.js';
import { svdKernel } from './svd-kernel.js';

/** Options of `pinv`. */
export interface PinvOptions {
  /** Singular values ≤ rcond·max(S) count as zero. NumPy's default, 1e-15. */
  rcond?: number;
}

/**
 * A⁺ = V·diag(1/S)·Uᵀ from the thin SVD, keeping only the `rank` largest
 * singular values: (n, m) for A of shape (m, n). Shared with `lstsq`.
 */
export function pseudoInverseFromSVD(U: Matrix, S: Float64Array, Vt: Matrix, rank: number): Matrix {
  const m = U.rows;
  const n = Vt.cols;
  const P = zeros(n, m);
  // A⁺[i, j] = Σ_{l < rank} Vt[l, i] · U[j, l] / S[l]. Dividing last keeps
  // exact zeros zero when 1/S[l] overflows (S[l] subnormal).
  for (let l = 0; l < rank; l++) {
    for (let i = 0; i < n; i++) {
      const v = Vt.data[l * n + i];
      if (v === 0) continue;
      for (let j = 0; j < m; j++) P.data[i * m + j] += (v * U.data[j * U.cols + l]) / S[l];
    }
  }
  return P;
}

/** How many singular values (sorted descending) exceed `cutoff`. */
export function countAbove(S: Float64Array, cutoff: number): number {
  let r = 0;
  while (r < S.length && S[r] > cutoff) r++;
  return r;
}

/**
 * The Moore–Penrose pseudo-inverse A⁺ of any (m, n) matrix, of shape (n, m).
 *
 * From the SVD A = U·diag(S)·Vᵀ, A⁺ = V·diag(1/S)·Uᵀ where singular values
 * S_i ≤ rcond·max(S) are treated as zero (their 1/S_i is replaced by 0), as in
 * `numpy.linalg.pinv`. A⁺ is the unique matrix with A·A⁺·A = A, A⁺·A·A⁺ = A⁺
 * and A·A⁺, A⁺·A symmetric (Penrose 1955; Golub & Van Loan §5.5.2); x = A⁺·b is
 * the minimum-norm least-squares solution of A·x ≈ b.
 *
 * @example
 * ```ts
 * import { pinv } from 'descent/linalg';
 * pinv([[1, 2], [2, 4]]).toArray(); // [[0.04, 0.08], [0.08, 0.16]] (up to rounding)
 * ```
 */
export function pinv(A: MatrixLike, options: PinvOptions = {}): Tensor {
  const rcond = options.rcond ?? 1e-15;
  const M = toMatrix('pinv', A);
  assertFinite('pinv', M);
  const { U, S, Vt } = svdKernel(M);
  const rank = countAbove(S, rcond * (S.length > 0 ? S[0] : 0));
  return matrixToTensor(pseudoInverseFromSVD(U, S, Vt, rank));
}

/** Options of `matrixRank`. */
export interface MatrixRankOptions {
  /**
   * Singular values ≤ tol count as zero. Default, as in NumPy:
   * max(S)·max(m, n)·eps, the size of rounding errors in computing S.
   */
  tol?: number;
}

/**
 * The numerical rank of a matrix: the number of singular values above a
 * tolerance (Golub & Van Loan §5.4.1, `numpy.linalg.matrix_rank`).
 *
 * Exact rank is meaningless in floating point (rounding makes almost every
 * matrix full rank), so singular values ≤ tol count as zero, with the default
 * tol = max(S)·max(m, n)·eps. A vector has rank 1 unless it is all zeros.
 *
 * @example
 * ```ts
 * import { matrixRank } from 'descent/linalg';
 * matrixRank([[1, 2], [2, 4]]); // 1
 * matrixRank([[1, 2], [3, 4]]); // 2
 * ```
 */
export function matrixRank(A: MatrixLike | VectorLike, options: MatrixRankOptions = {}): number {
  const { M, shape } = toOperand('matrixRank', A);
  assertFinite('matrixRank', M);
  if (shape.length === 1) return M.data.some((v) => v !== 0) ? 1 : 0;
  const { S } = svdKernel(M);
  const tol = options.tol ?? (S.length > 0 ? S[0] : 0) * Math.max(M.rows, M.cols) * EPS;
  return countAbove(S, tol);
}
