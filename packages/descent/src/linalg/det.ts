// det(A) and slogdet(A) from the LU factorization P·A = L·U:
//   det(A) = det(P)⁻¹ · det(L) · det(U) = ±1 · 1 · Π u_ii     (GVL §3.4.1)
// The product of n pivots overflows or underflows easily (det(0.1·I₃₂₀) =
// 1e-320), so slogdet sums log|u_ii| instead.

import { type MatrixLike, toMatrix } from './convert.js';
import { luFactor } from './lu.js';
import { assertFinite, assertSquare } from './matrix.js';

/**
 * The determinant of a square matrix, as a number.
 *
 * det(A) = sign(P)·Π u_ii for the LU factorization P·A = L·U (Golub & Van Loan
 * §3.4). A singular matrix gives 0. For large matrices the product can overflow
 * to ±Infinity or underflow to 0; `slogdet` avoids that. Like NumPy, the
 * result is a plain number.
 *
 * @example
 * ```ts
 * import { det } from 'descent/linalg';
 * det([[1, 2], [3, 4]]); // -2 (up to rounding)
 * ```
 */
export function det(A: MatrixLike): number {
  const M = toMatrix('det', A);
  assertSquare('det', M);
  assertFinite('det', M);
  const { lu, sign, zeroPivot } = luFactor(M);
  if (zeroPivot >= 0) return 0;
  let d: number = sign;
  for (let i = 0; i < M.rows; i++) d *= lu.data[i * M.rows + i];
  return d;
}

/**
 * Sign and natural log of |det(A)|, so det(A) = sign · exp(logabsdet).
 *
 * Sums log|u_ii| over the pivots of P·A = L·U instead of multiplying them, so
 * it neither overflows nor underflows (`numpy.linalg.slogdet`). A singular
 * matrix gives `{ sign: 0, logabsdet: -Infinity }`.
 *
 * @example
 * ```ts
 * import { slogdet } from 'descent/linalg';
 * const { sign, logabsdet } = slogdet([[1, 2], [3, 4]]); // sign -1, logabsdet ln 2
 * sign * Math.exp(logabsdet); // -2 (up to rounding)
 * ```
 */
export function slogdet(A: MatrixLike): { sign: number; logabsdet: number } {
  const M = toMatrix('slogdet', A);
  assertSquare('slogdet', M);
  assertFinite('slogdet', M);
  const { lu, sign: permSign, zeroPivot } = luFactor(M);
  if (zeroPivot >= 0) return { sign: 0, logabsdet: -Infinity };
  let sign: number = permSign;
  let logabsdet = 0;
  for (let i = 0; i < M.rows; i++) {
    const u = lu.data[i * M.rows + i];
    if (u < 0) sign = -sign;
    logabsdet += Math.log(Math.abs(u));
  }
  return { sign, logabsdet };
}
