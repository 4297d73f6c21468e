// Cholesky factorization A = L·Lᵀ of a symmetric positive-definite matrix.
//
// Reference: Golub & Van Loan, Matrix Computations (4th ed.), §4.2.5,
// Algorithm 4.2.1 (gaxpy Cholesky); the row-by-row order used here is the
// Cholesky–Banachiewicz form. Like numpy.linalg.cholesky (LAPACK dpotrf with
// UPLO='L'), only the lower triangle of A is read.

import { type Matrix, zeros } from './matrix.js';

/**
 * L (n, n) lower triangular with positive diagonal such that A = L·Lᵀ, or the
 * 1-based size of the first leading minor that is not positive definite.
 */
export function choleskyKernel(A: Matrix): { L: Matrix } | { failedMinor: number } {
  const n = A.rows;
  const L = zeros(n, n);
  const a = A.data;
  const l = L.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      // l_ij = (a_ij - Σ_{k<j} l_ik·l_jk) / l_jj, and l_ii = sqrt(a_ii - Σ_{k<i} l_ik²).
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        // s is the pivot det(A[:i+1,:i+1]) / det(A[:i,:i]); `!(s > 0)` also catches NaN.
        if (!(s > 0)) return { failedMinor: i + 1 };
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return { L };
}
