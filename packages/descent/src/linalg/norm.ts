// Vector and matrix norms with numpy.linalg.norm's `ord` conventions
// (Golub & Van Loan §2.2 for vector norms, §2.3 for matrix norms).

import { type MatrixLike, type VectorLike, toOperand } from './convert.js';
import type { Matrix } from './matrix.js';
import { svdKernel } from './svd-kernel.js';

/** The `ord` of `norm`: a number p (including ±Infinity), 'fro' or 'nuc'. */
export type NormOrder = number | 'fro' | 'nuc';

/**
 * The norm of a vector (1-D input) or a matrix (2-D input), as a number.
 *
 * Vectors, ‖x‖_p = (Σ|x_i|^p)^(1/p): `ord` 2 (default) is the Euclidean
 * length, 1 the sum of |x_i|, Infinity the largest |x_i|, -Infinity the
 * smallest, 0 the number of non-zeros, any other p the formula above.
 *
 * Matrices: 'fro' (default) is sqrt(Σ a_ij²); 'nuc' the sum of the singular
 * values; 2 and -2 the largest and smallest singular value; 1 and -1 the
 * largest and smallest column sum of |a_ij|; Infinity and -Infinity the largest
 * and smallest row sum. Same contract as `numpy.linalg.norm`; a NaN anywhere
 * gives NaN.
 *
 * @example
 * ```ts
 * import { norm } from 'descent/linalg';
 * norm([3, 4]); // 5
 * norm([3, 4], 1); // 7
 * norm([[1, 2], [3, 4]], Infinity); // 7
 * ```
 */
export function norm(x: MatrixLike | VectorLike, ord?: NormOrder): number {
  const { M, shape } = toOperand('norm', x, 'x');
  if (M.data.some(Number.isNaN)) return NaN;
  return shape.length === 1 ? vectorNorm(M.data, ord ?? 2) : matrixNorm(M, ord ?? 'fro');
}

function vectorNorm(x: Float64Array, ord: NormOrder): number {
  if (typeof ord !== 'number' || Number.isNaN(ord)) {
    throw new Error(`norm: invalid order ${fmtOrd(ord)} for a vector; use a number p such as 1, 2 or Infinity`);
  }
  const abs = x.map(Math.abs);
  if (ord === Infinity) return max(abs);
  if (ord === -Infinity) return min(abs);
  if (ord === 0) return abs.filter((v) => v !== 0).length;
  if (ord === 1) return abs.reduce((s, v) => s + v, 0);
  if (ord === 2) return euclidean(x);
  // General p: (Σ|x_i|^p)^(1/p). For p > 0, dividing by max|x_i| first keeps
  // |x_i|^p from overflowing; negative p is computed as written, like NumPy.
  const scale = ord > 0 ? Math.max(0, max(abs)) : 1;
  if (scale === 0 || scale === Infinity) return scale;
  let s = 0;
  for (const v of abs) s += (v / scale) ** ord;
  return scale * s ** (1 / ord);
}

/** sqrt(Σ x_i²), scaled by max|x_i| so squaring cannot overflow or underflow (like BLAS dnrm2). */
function euclidean(x: Float64Array): number {
  let scale = 0;
  for (const v of x) scale = Math.max(scale, Math.abs(v));
  if (scale === 0 || scale === Infinity) return scale;
  let s = 0;
  for (const v of x) s += (v / scale) ** 2;
  return scale * Math.sqrt(s);
}

function matrixNorm(A: Matrix, ord: NormOrder): number {
  const { rows: m, cols: n, data: a } = A;
  if (ord === 'fro') return euclidean(a);
  if (ord === 'nuc' || ord === 2 || ord === -2) {
    // Norms of the singular values. The 2-norm of a matrix with an infinite
    // entry is infinite (‖A‖₂ ≥ |a_ij|), and so is its nuclear norm.
    if (a.some((v) => !Number.isFinite(v))) {
      if (ord === -2) {
        throw new Error('norm: the -2 norm (smallest singular value) is undefined for a matrix with infinite entries');
      }
      return Infinity;
    }
    const { S } = svdKernel(A);
    if (S.length === 0) return 0;
    if (ord === 2) return S[0];
    if (ord === -2) return S[S.length - 1];
    return S.reduce((s, v) => s + v, 0);
  }
  if (ord === 1 || ord === -1) {
    // Column sums of |a_ij|: (m, n) -> (n).
    const sums = new Float64Array(n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sums[j] += Math.abs(a[i * n + j]);
    return ord === 1 ? max(sums) : min(sums);
  }
  if (ord === Infinity || ord === -Infinity) {
    // Row sums of |a_ij|: (m, n) -> (m).
    const sums = new Float64Array(m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sums[i] += Math.abs(a[i * n + j]);
    return ord === Infinity ? max(sums) : min(sums);
  }
  throw new Error(
    `norm: invalid order ${fmtOrd(ord)} for a matrix; use 'fro', 'nuc', 1, -1, 2, -2, Infinity or -Infinity`,
  );
}

/** Largest entry, -Infinity when empty (a loop: spreading a long array into Math.max overflows the stack). */
function max(x: Float64Array): number {
  let m = -Infinity;
  for (const v of x) if (v > m) m = v;
  return m;
}

/** Smallest entry, Infinity when empty. */
function min(x: Float64Array): number {
  let m = Infinity;
  for (const v of x) if (v < m) m = v;
  return m;
}

function fmtOrd(ord: unknown): string {
  return typeof ord === 'string' ? `'${ord}'` : String(ord);
}
