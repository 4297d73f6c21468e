import type { Tensor } from '../tensor/index.js';
import { type MatrixLike, matrixToTensor, toMatrix } from './convert.js';
import { assertFinite } from './matrix.js';
import { type QRMode, qrKernel } from './qr-kernel.js';

export type { QRMode } from './qr-kernel.js';

/** Options of `qr`. */
export interface QROptions {
  /**
   * 'reduced' (default): Q (m, k), R (k, n) with k = min(m, n).
   * 'complete': Q (m, m), R (m, n). NumPy's `mode=` argument.
   */
  mode?: QRMode;
}

/**
 * QR decomposition A = Q·R: Q has orthonormal columns (QᵀQ = I) and R is upper
 * triangular.
 *
 * Householder QR (Golub & Van Loan, Algorithm 5.2.1): reflectors
 * H_j = I - τ_j·v_j·v_jᵀ zero each column below the diagonal, R = H_{k-1}···H_0·A
 * and Q = H_0···H_{k-1}. The reflectors use LAPACK's sign convention, so Q and
 * R match `numpy.linalg.qr` including signs (R's diagonal may be negative).
 *
 * @example
 * ```ts
 * import { qr } from 'descent/linalg';
 * const { Q, R } = qr([[3, 1], [4, 2]]);
 * R.toArray(); // [[-5, -2.2], [0, 0.4]] (up to rounding); Q·R = A
 * ```
 */
export function qr(A: MatrixLike, options: QROptions = {}): { Q: Tensor; R: Tensor } {
  const mode = options.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete') {
    throw new Error(`qr: mode must be 'reduced' or 'complete', got ${JSON.stringify(mode)}`);
  }
  const M = toMatrix('qr', A);
  assertFinite('qr', M);
  const { Q, R } = qrKernel(M, mode);
  return { Q: matrixToTensor(Q), R: matrixToTensor(R) };
}
