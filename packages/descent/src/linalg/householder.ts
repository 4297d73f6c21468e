// Householder reflections, the building block of `qr` and of the tridiagonal
// reduction inside `eigh`.
//
// A reflector H = I - τ·v·vᵀ (with v[0] = 1) maps a vector x onto a multiple of
// the first unit vector: H·x = β·e₁, |β| = ‖x‖₂. We follow LAPACK's dlarfg sign
// convention, β = -sign(x₀)·‖x‖₂, which avoids cancellation in x₀ - β and makes
// our Q and R equal to NumPy's (which calls dgeqrf/dorgqr), signs included.
//
// References: Golub & Van Loan, Matrix Computations (4th ed.), §5.1.2–5.1.4
// (Algorithm 5.1.1); LAPACK dlarfg.

import type { Matrix } from './matrix.js';

/** A reflector H = I - tau·v·vᵀ and the value beta it leaves in x₀. */
export interface Reflector {
  /** Householder vector, v[0] = 1. */
  readonly v: Float64Array;
  /** tau = 0 means H = I (x already is a multiple of e₁). */
  readonly tau: number;
  /** H·x = beta·e₁. */
  readonly beta: number;
}

/** The reflector that maps x (length ≥ 1) onto beta·e₁ (LAPACK dlarfg). */
export function householder(x: Float64Array): Reflector {
  const len = x.length;
  const v = new Float64Array(len);
  v[0] = 1;
  let tailMax = 0;
  for (let i = 1; i < len; i++) tailMax = Math.max(tailMax, Math.abs(x[i]));
  if (tailMax === 0) return { v, tau: 0, beta: x[0] };

  // Work with x / max|x_i|, whose entries lie in [-1, 1]: squaring can then
  // neither overflow nor underflow, and a subnormal x cannot make a divisor
  // round to zero (LAPACK rescales for the same reason).
  const scale = Math.max(tailMax, Math.abs(x[0]));
  const alpha = x[0] / scale;
  let ss = 0;
  for (let i = 1; i < len; i++) ss += (x[i] / scale) ** 2;
  const b = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, Math.sqrt(ss));
  const tau = (b - alpha) / b;
  // v = [1; x[1:] / (alpha - beta)]: no cancellation since alpha and beta differ in sign.
  const s = 1 / (alpha - b);
  for (let i = 1; i < len; i++) v[i] = (x[i] / scale) * s;
  const beta = b * scale;
  return { v, tau, beta };
}

/**
 * A ← H·A on the block rows [r0, r0 + len(v)), columns [c0, cols): with
 * w = vᵀ·A (a row vector) this is A -= τ·v·w (GVL §5.1.4, O(len·cols) work).
 */
export function applyLeft(A: Matrix, h: Reflector, r0: number, c0: number): void {
  const { v, tau } = h;
  if (tau === 0) return;
  const n = A.cols;
  const a = A.data;
  const w = new Float64Array(n - c0);
  for (let i = 0; i < v.length; i++) {
    const vi = v[i];
    const row = (r0 + i) * n;
    for (let j = c0; j < n; j++) w[j - c0] += vi * a[row + j];
  }
  for (let i = 0; i < v.length; i++) {
    const f = tau * v[i];
    const row = (r0 + i) * n;
    for (let j = c0; j < n; j++) a[row + j] -= f * w[j - c0];
  }
}

/**
 * A ← A·H on the block rows [r0, rows), columns [c0, c0 + len(v)): row by row,
 * a_i -= τ·(a_i·v)·vᵀ.
 */
export function applyRight(A: Matrix, h: Reflector, r0: number, c0: number): void {
  const { v, tau } = h;
  if (tau === 0) return;
  const n = A.cols;
  const a = A.data;
  for (let i = r0; i < A.rows; i++) {
    const row = i * n + c0;
    let dot = 0;
    for (let j = 0; j < v.length; j++) dot += a[row + j] * v[j];
    const f = tau * dot;
    if (f === 0) continue;
    for (let j = 0; j < v.length; j++) a[row + j] -= f * v[j];
  }
}
