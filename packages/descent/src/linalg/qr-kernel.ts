// Householder QR on the internal Matrix type: A = Q·R.
//
// Reference: Golub & Van Loan, Matrix Computations (4th ed.), Algorithm 5.2.1
// (Householder QR) and §5.1.6 (backward accumulation of Q). This is what
// LAPACK's dgeqrf + dorgqr do, which is what numpy.linalg.qr calls.

import { applyLeft, householder, type Reflector } from './householder.js';
import { type Matrix, clone, identity, sliceRows } from './matrix.js';

/** 'reduced': Q (m, k), R (k, n) with k = min(m, n). 'complete': Q (m, m), R (m, n). */
export type QRMode = 'reduced' | 'complete';

/** Factor A (m, n) as Q·R with Q orthonormal columns and R upper triangular. */
export function qrKernel(A: Matrix, mode: QRMode = 'reduced'): { Q: Matrix; R: Matrix } {
  const m = A.rows;
  const n = A.cols;
  const k = Math.min(m, n);
  const R = clone(A);
  const r = R.data;
  const reflectors: Reflector[] = [];

  // Step j zeroes column j below the diagonal: R ← H_j·R, H_j acting on rows j..m-1.
  for (let j = 0; j < k; j++) {
    const x = new Float64Array(m - j); // x = R[j:, j]
    for (let i = j; i < m; i++) x[i - j] = r[i * n + j];
    const h = householder(x);
    r[j * n + j] = h.beta;
    for (let i = j + 1; i < m; i++) r[i * n + j] = 0;
    applyLeft(R, h, j, j + 1); // the remaining columns j+1..n-1
    reflectors.push(h);
  }

  // Q = H_0·H_1···H_{k-1}·I[:, :q], formed from the last reflector backwards so
  // each H_j only touches the trailing block rows j.., columns j.. (GVL §5.1.6).
  const q = mode === 'complete' ? m : k;
  const Q = identity(m, q);
  for (let j = k - 1; j >= 0; j--) applyLeft(Q, reflectors[j], j, j);

  return { Q, R: mode === 'complete' ? R : sliceRows(R, 0, k) };
}
