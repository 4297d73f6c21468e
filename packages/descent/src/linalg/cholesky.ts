import type { Tensor } from '../tensor/index.js';
import { choleskyKernel } from './cholesky-kernel.js';
import { type MatrixLike, matrixToTensor, toMatrix } from './convert.js';
import { assertFinite, assertSquare } from './matrix.js';

/**
 * The Cholesky factor L of a symmetric positive-definite matrix: A = L·Lᵀ,
 * with L lower triangular and a positive diagonal.
 *
 * l_jj = sqrt(a_jj - Σ_{k<j} l_jk²),  l_ij = (a_ij - Σ_{k<j} l_ik·l_jk) / l_jj
 * (Golub & Van Loan, Algorithm 4.2.1). Like `numpy.linalg.cholesky`, only the
 * lower triangle of A is read and symmetry is not checked. It is the cheapest
 * test of positive-definiteness: it fails exactly when a leading minor is not
 * positive, and the error says which one.
 *
 * @example
 * ```ts
 * import { cholesky } from 'descent/linalg';
 * cholesky([[4, 2], [2, 3]]).toArray(); // [[2, 0], [1, 1.4142135623730951]]
 * ```
 */
export function cholesky(A: MatrixLike): Tensor {
  const M = toMatrix('cholesky', A);
  assertSquare('cholesky', M);
  assertFinite('cholesky', M);
  const result = choleskyKernel(M);
  if ('failedMinor' in result) {
    const k = result.failedMinor;
    throw new Error(
      `cholesky: matrix is not positive definite (leading minor ${k}, the top-left ${k}×${k} block, ` +
        'is not positive); for a symmetric matrix that is only semi-definite, use eigh or svd instead',
    );
  }
  return matrixToTensor(result.L);
}
