import type { Tensor } from '../tensor/index.js';
import { type MatrixLike, matrixToTensor, toMatrix, vectorToTensor } from './convert.js';
import { assertFinite } from './matrix.js';
import { svdKernel } from './svd-kernel.js';

/** Options of `svd`. */
export interface SVDOptions {
  /**
   * false (default, NumPy's `full_matrices=False`): U (m, k), Vt (k, n) with
   * k = min(m, n). true: U (m, m) and Vt (n, n), completed with an orthonormal
   * basis of the missing directions.
   */
  fullMatrices?: boolean;
}

/**
 * Singular value decomposition A = U·diag(S)·Vt: U and Vtᵀ have orthonormal
 * columns and S ≥ 0 is sorted in descending order, like `numpy.linalg.svd`.
 *
 * Computed by one-sided Jacobi (Hestenes 1958; Demmel & Veselić 1992): pairs
 * of columns of A are rotated until all are orthogonal, A·V = U·diag(S). It is
 * simple, and accurate even for tiny singular values. Singular vectors are
 * determined up to sign (and, for repeated singular values, up to a rotation);
 * `U·diag(S)·Vt` is always A.
 *
 * @example
 * ```ts
 * import { svd } from 'descent/linalg';
 * const { U, S, Vt } = svd([[3, 0], [4, 5]]);
 * S.toArray(); // [6.708203932499369, 2.23606797749979] = [3√5, √5]
 * U.shape; Vt.shape; // [2, 2], [2, 2]
 * ```
 */
export function svd(A: MatrixLike, options: SVDOptions = {}): { U: Tensor; S: Tensor; Vt: Tensor } {
  const M = toMatrix('svd', A);
  assertFinite('svd', M);
  const { U, S, Vt } = svdKernel(M, options.fullMatrices ?? false);
  return { U: matrixToTensor(U), S: vectorToTensor(S), Vt: matrixToTensor(Vt) };
}
