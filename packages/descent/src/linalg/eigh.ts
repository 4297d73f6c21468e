import type { Tensor } from '../tensor/index.js';
import { type MatrixLike, matrixToTensor, toMatrix, vectorToTensor } from './convert.js';
import { eighKernel } from './eigh-kernel.js';
import { assertFinite, assertSquare, transpose } from './matrix.js';

/** Options of `eigh`. */
export interface EighOptions {
  /**
   * Which triangle of A to read, NumPy's `UPLO`: 'L' (default) for the lower
   * triangle, 'U' for the upper. The other triangle is ignored.
   */
  uplo?: 'L' | 'U';
}

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix:
 * A = V·diag(λ)·Vᵀ, so A·v_j = λ_j·v_j for each column v_j of V.
 *
 * Householder reduction to tridiagonal form, then implicit QR steps with
 * Wilkinson shifts (Golub & Van Loan §8.3, Algorithms 8.3.1–8.3.3). As in
 * `numpy.linalg.eigh`, eigenvalues come out ascending, the eigenvectors are
 * orthonormal columns, and only one triangle of A is read. Each eigenvector is
 * determined only up to sign (and, for repeated eigenvalues, up to a rotation
 * within their eigenspace).
 *
 * @example
 * ```ts
 * import { eigh } from 'descent/linalg';
 * const { eigenvalues, eigenvectors } = eigh([[2, 1], [1, 2]]);
 * eigenvalues.toArray(); // [1, 3] (up to rounding)
 * eigenvectors.shape; // [2, 2]: column j belongs to eigenvalue j
 * ```
 */
export function eigh(A: MatrixLike, options: EighOptions = {}): { eigenvalues: Tensor; eigenvectors: Tensor } {
  const uplo = options.uplo ?? 'L';
  if (uplo !== 'L' && uplo !== 'U') {
    throw new Error(`eigh: uplo must be 'L' or 'U', got ${JSON.stringify(uplo)}`);
  }
  const M = toMatrix('eigh', A);
  assertSquare('eigh', M);
  assertFinite('eigh', M);
  // The kernel reads the lower triangle; the upper triangle of A is the lower one of Aᵀ.
  const { values, V } = eighKernel(uplo === 'L' ? M : transpose(M));
  return { eigenvalues: vectorToTensor(values), eigenvectors: matrixToTensor(V) };
}
