// Symmetric eigendecomposition A = V·diag(λ)·Vᵀ, in two classic phases:
//
//   1. Householder tridiagonalization  A = Q·T·Qᵀ        (GVL §8.3.1, Alg. 8.3.1)
//   2. implicit symmetric QR steps with the Wilkinson shift on T, accumulating
//      the Givens rotations into Q                       (GVL §8.3.3–8.3.5,
//      Algorithms 8.3.2 and 8.3.3; the EISPACK tql2 / Numerical Recipes §11.3
//      routines are the QL mirror image of the same idea)
//
// References: Golub & Van Loan, Matrix Computations (4th ed.), §8.3;
// Press et al., Numerical Recipes (3rd ed.), §11.3–11.4.

import { applyLeft, applyRight, householder, type Reflector } from './householder.js';
import { EPS, type Matrix, clone, identity, powerOfTwoScale, transpose } from './matrix.js';

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors (as columns of V) of the
 * symmetric matrix whose lower triangle is A's. Throws if the QR iteration does
 * not converge (which only happens for non-finite input).
 */
export function eighKernel(A: Matrix): { values: Float64Array; V: Matrix } {
  const n = A.rows;
  // A full symmetric copy built from the lower triangle (NumPy's UPLO='L'),
  // scaled by a power of two (exactly) to max|a_ij| ≈ 1 so that squares can
  // neither overflow nor underflow; λ is scaled back at the end.
  const S = clone(A);
  const s = S.data;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s[i * n + j] = s[j * n + i];
  const scale = powerOfTwoScale(S);
  for (let i = 0; i < s.length; i++) s[i] /= scale;
  const { d, e, Q } = tridiagonalize(S);
  // We rotate columns of Q; keeping Qᵀ instead turns each column rotation into
  // a rotation of two contiguous rows.
  const Zt = transpose(Q);
  tridiagonalQR(d, e, Zt);

  // Sort ascending like numpy.linalg.eigh (LAPACK dsyevd), carrying the vectors along.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[i] - d[j]);
  const values = new Float64Array(n);
  const V = identity(n);
  for (let c = 0; c < n; c++) {
    const src = order[c];
    values[c] = d[src] * scale;
    for (let r = 0; r < n; r++) V.data[r * n + c] = Zt.data[src * n + r];
  }
  return { values, V };
}

/**
 * Reduce the symmetric A (n, n) to tridiagonal form T = Qᵀ·A·Q (A is read in
 * full and must be symmetric). Returns T's
 * diagonal d (n) and sub-diagonal e (n - 1, e[k] = T[k+1, k]) and Q (n, n).
 * Step k picks the reflector H_k that zeroes A[k+2:, k] and applies it on both
 * sides, A ← H_k·A·H_k, which keeps A symmetric.
 */
export function tridiagonalize(A: Matrix): { d: Float64Array; e: Float64Array; Q: Matrix } {
  const n = A.rows;
  const T = clone(A);
  const t = T.data;

  const reflectors: Reflector[] = [];
  for (let k = 0; k + 2 < n; k++) {
    const x = new Float64Array(n - k - 1); // x = T[k+1:, k]
    for (let i = k + 1; i < n; i++) x[i - k - 1] = t[i * n + k];
    const h = householder(x);
    applyLeft(T, h, k + 1, k); // rows k+1.., columns k..
    applyRight(T, h, k, k + 1); // rows k.., columns k+1..
    reflectors.push(h);
  }

  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  for (let i = 0; i < n; i++) d[i] = t[i * n + i];
  for (let i = 0; i + 1 < n; i++) e[i] = t[(i + 1) * n + i];

  // Q = H_0·H_1···H_{n-3}, accumulated backwards (GVL §5.1.6); H_k acts on rows k+1..
  const Q = identity(n);
  for (let k = reflectors.length - 1; k >= 0; k--) applyLeft(Q, reflectors[k], k + 1, k + 1);
  return { d, e, Q };
}

/**
 * Diagonalize the symmetric tridiagonal T = tridiag(e, d, e) in place with
 * implicit Wilkinson-shifted QR steps (GVL Algorithm 8.3.3). On return d holds
 * the eigenvalues (unsorted) and e is zero. Every rotation applied to T as
 * T ← G·T·Gᵀ is also applied to the rows of Zt (n, n), so if A = Ztᵀ·T·Zt on
 * entry, the rows of Zt are A's eigenvectors on exit.
 */
export function tridiagonalQR(d: Float64Array, e: Float64Array, Zt: Matrix): void {
  const n = d.length;
  // LAPACK's dsteqr allows 30 QR steps per eigenvalue on average; convergence
  // is cubic in practice, so hitting the cap means the input held NaN/Infinity.
  const maxSteps = 30 * Math.max(n, 1);
  let steps = 0;
  // ‖T‖∞ = max_k |e_{k-1}| + |d_k| + |e_k|, the scale for the deflation test.
  let tnorm = 0;
  for (let k = 0; k < n; k++) {
    tnorm = Math.max(tnorm, Math.abs(d[k]) + (k > 0 ? Math.abs(e[k - 1]) : 0) + (k < n - 1 ? Math.abs(e[k]) : 0));
  }
  let hi = n - 1;
  while (hi > 0) {
    // Deflate: a negligible off-diagonal entry splits T. "Negligible" is
    // relative to its diagonal neighbours (GVL §8.3.5) or, when those are tiny
    // too, to ‖T‖ (the EISPACK tql2 test): dropping it changes the eigenvalues
    // by at most eps·‖T‖, the accuracy LAPACK promises anyway. Without the
    // second test, entries like 1e-162 between zero diagonals never converge
    // because the products the QR step needs underflow.
    for (let k = 0; k < hi; k++) {
      const ek = Math.abs(e[k]);
      if (ek <= EPS * (Math.abs(d[k]) + Math.abs(d[k + 1])) || ek <= EPS * tnorm) e[k] = 0;
    }
    // Eigenvalues below an e[hi-1] = 0 have converged; shrink the active window.
    while (hi > 0 && e[hi - 1] === 0) hi--;
    if (hi === 0) break;
    // The unreduced block T[lo..hi, lo..hi] ends at hi; find where it starts.
    let lo = hi - 1;
    while (lo > 0 && e[lo - 1] !== 0) lo--;

    if (++steps > maxSteps) {
      throw new Error(
        `eigh: the symmetric QR iteration did not converge after ${maxSteps} steps; ` +
          'this happens only with NaN or Infinity in the input — check it for non-finite entries',
      );
    }
    qrStep(d, e, lo, hi, Zt);
  }
}

/**
 * One implicit QR step on the unreduced block lo..hi (GVL Algorithm 8.3.2).
 * The first rotation is the one an explicit shifted QR step T - μI = QR would
 * use; the rest chase the resulting "bulge" down the band to restore the
 * tridiagonal shape (the implicit Q theorem, GVL §8.3.4).
 */
function qrStep(d: Float64Array, e: Float64Array, lo: number, hi: number, Zt: Matrix): void {
  // Wilkinson shift: the eigenvalue of the trailing 2×2 block closer to d[hi],
  // mu = d[hi] - b²/(δ + sign(δ)·sqrt(δ² + b²)) with δ = (d[hi-1] - d[hi])/2
  // (GVL Alg. 8.3.2). Dividing through by b, as Numerical Recipes' tqli does,
  // avoids forming b², which underflows when b is tiny.
  const b = e[hi - 1];
  const g = (d[hi - 1] - d[hi]) / (2 * b);
  const mu = d[hi] - b / (g + (g >= 0 ? 1 : -1) * Math.hypot(g, 1));

  let x = d[lo] - mu; // the entry the rotation should keep
  let z = e[lo]; // the entry the rotation should zero
  for (let k = lo; k < hi; k++) {
    // Givens rotation G = [[c, s], [-s, c]] on (k, k+1) with G·[x; z] = [r; 0].
    const r = Math.hypot(x, z);
    const c = r === 0 ? 1 : x / r;
    const s = r === 0 ? 0 : z / r;
    // The previous step left a bulge z at T[k+1, k-1]; this rotation moves it down.
    if (k > lo) e[k - 1] = r;

    // T ← G·T·Gᵀ on the 2×2 block [[a, bk], [bk, cc]] at (k, k+1).
    const a = d[k];
    const bk = e[k];
    const cc = d[k + 1];
    d[k] = c * c * a + 2 * c * s * bk + s * s * cc;
    d[k + 1] = s * s * a - 2 * c * s * bk + c * c * cc;
    e[k] = c * s * (cc - a) + (c * c - s * s) * bk;
    if (k + 1 < hi) {
      // Row k picks up s·e[k+1] at column k+2: the new bulge.
      x = e[k];
      z = s * e[k + 1];
      e[k + 1] *= c;
    }

    // Accumulate: rows k and k+1 of Zt get the same rotation.
    const zt = Zt.data;
    const n = Zt.cols;
    for (let j = 0; j < n; j++) {
      const p = zt[k * n + j];
      const q = zt[(k + 1) * n + j];
      zt[k * n + j] = c * p + s * q;
      zt[(k + 1) * n + j] = -s * p + c * q;
    }
  }
}
