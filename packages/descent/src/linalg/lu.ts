// LU factorization with partial pivoting, P·A = L·U, and the triangular solves
// that use it. This is the workhorse behind `solve`, `inv`, `det` and `slogdet`
// (NumPy calls LAPACK's dgetrf/dgetrs for the same jobs).
//
// Reference: Golub & Van Loan, Matrix Computations (4th ed.), §3.4.1–3.4.4,
// Algorithm 3.4.1 (Gaussian elimination with partial pivoting).

import { type Matrix, clone, zeros } from './matrix.js';

/** The result of `luFactor`: P·A = L·U packed into one matrix. */
export interface LUFactorization {
  /**
   * (n, n): U on and above the diagonal, the multipliers of L (whose diagonal is
   * all ones and not stored) strictly below it.
   */
  readonly lu: Matrix;
  /** perm[i] is the row of A that ended up in row i, so (P·A)[i] = A[perm[i]]. */
  readonly perm: Int32Array;
  /** det(P) = ±1: the parity of the row swaps. */
  readonly sign: 1 | -1;
  /** The first column whose pivot was exactly 0 (A is singular), or -1. */
  readonly zeroPivot: number;
}

/**
 * Factor a square A (n, n) as P·A = L·U with partial pivoting: at step k the
 * entry of largest magnitude in column k (at or below the diagonal) is swapped
 * into the pivot position, which keeps every multiplier |l_ik| ≤ 1 (GVL §3.4.6).
 *
 * A zero pivot does not stop the factorization (the column below it is already
 * zero), it is only recorded: `det` then returns 0, `solve` and `inv` throw.
 */
export function luFactor(A: Matrix): LUFactorization {
  const n = A.rows;
  const lu = clone(A);
  const a = lu.data;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let sign: 1 | -1 = 1;
  let zeroPivot = -1;

  for (let k = 0; k < n; k++) {
    // Find the pivot: p = argmax_{i ≥ k} |a_ik|.
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== k) {
      // Swap rows k and p (whole rows, so the stored multipliers move too).
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
      sign = -sign as 1 | -1;
    }

    const pivot = a[k * n + k];
    if (pivot === 0) {
      if (zeroPivot < 0) zeroPivot = k;
      continue;
    }
    // Eliminate below the pivot: row_i -= l_ik · row_k, storing l_ik in place.
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k] / pivot;
      a[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j];
    }
  }
  return { lu, perm, sign, zeroPivot };
}

/**
 * Solve A·X = B given P·A = L·U: forward substitution L·Y = P·B, then back
 * substitution U·X = Y (GVL Algorithms 3.1.1 and 3.1.2). B is (n, k); each step
 * updates whole rows of the right-hand side, so the inner loops are contiguous.
 * The caller must check `zeroPivot` first: a zero pivot would divide by zero.
 */
export function luSolve(f: LUFactorization, B: Matrix): Matrix {
  const n = f.lu.rows;
  const k = B.cols;
  const a = f.lu.data;
  // X starts as P·B.
  const X = zeros(n, k);
  const x = X.data;
  for (let i = 0; i < n; i++) {
    x.set(B.data.subarray(f.perm[i] * k, (f.perm[i] + 1) * k), i * k);
  }
  // Forward: row_i -= Σ_{j<i} l_ij · row_j   (L has a unit diagonal).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const l = a[i * n + j];
      if (l === 0) continue;
      for (let c = 0; c < k; c++) x[i * k + c] -= l * x[j * k + c];
    }
  }
  // Backward: row_i = (row_i - Σ_{j>i} u_ij · row_j) / u_ii.
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const u = a[i * n + j];
      if (u === 0) continue;
      for (let c = 0; c < k; c++) x[i * k + c] -= u * x[j * k + c];
    }
    const d = a[i * n + i];
    for (let c = 0; c < k; c++) x[i * k + c] /= d;
  }
  return X;
}
