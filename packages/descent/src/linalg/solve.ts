// solve(A, b) and inv(A): both are one LU factorization P·A = L·U followed by
// triangular solves (GVL §3.4). `inv` solves A·X = I column by column.

import type { Tensor } from '../tensor/index.js';
import { type MatrixLike, type VectorLike, matrixToTensor, reshapeToTensor, toMatrix, toOperand } from './convert.js';
import { luFactor, luSolve } from './lu.js';
import { assertFinite, assertSquare, identity, shapeStr } from './matrix.js';

/**
 * Solve the square linear system A·x = b for x.
 *
 * Factors P·A = L·U with partial pivoting (Golub & Van Loan, Algorithm 3.4.1),
 * then solves L·y = P·b and U·x = y. Same contract as `numpy.linalg.solve`:
 * A is (n, n); b is (n,) for one right-hand side or (n, k) for k of them, and x
 * has b's shape. Throws if A is exactly singular (a zero pivot); for
 * non-square or singular systems use `lstsq`.
 *
 * @example
 * ```ts
 * import { solve } from 'descent/linalg';
 * solve([[3, 1], [1, 2]], [9, 8]).toArray(); // [2, 3]
 * ```
 */
export function solve(A: MatrixLike, b: MatrixLike | VectorLike): Tensor {
  const M = toMatrix('solve', A);
  assertSquare('solve', M);
  const rhs = toOperand('solve', b, 'b');
  if (rhs.M.rows !== M.rows) {
    throw new Error(
      `solve: a has shape (${M.rows},${M.cols}) but b has shape ${shapeStr(rhs.shape)}; ` +
        `b must have ${M.rows} rows, one per equation`,
    );
  }
  assertFinite('solve', M, 'a');
  assertFinite('solve', rhs.M, 'b');
  const f = luFactor(M);
  if (f.zeroPivot >= 0) {
    throw new Error(
      `solve: matrix is singular (pivot U[${f.zeroPivot},${f.zeroPivot}] is 0 after partial pivoting); ` +
        'the system has no unique solution — use lstsq for a least-squares solution',
    );
  }
  // x has b's shape: (n,) stays (n,), (n, k) stays (n, k).
  return reshapeToTensor(luSolve(f, rhs.M), rhs.shape);
}

/**
 * The inverse A⁻¹ of a square matrix, so that A·A⁻¹ = A⁻¹·A = I.
 *
 * Computed as solve(A, I) from one LU factorization, like `numpy.linalg.inv`.
 * To solve a system prefer `solve(A, b)`: it is cheaper and more accurate than
 * inv(A)·b (Golub & Van Loan §3.4.9). Throws for a singular matrix; `pinv`
 * gives the Moore–Penrose pseudo-inverse instead.
 *
 * @example
 * ```ts
 * import { inv } from 'descent/linalg';
 * inv([[4, 7], [2, 6]]).toArray(); // [[0.6, -0.7], [-0.2, 0.4]]
 * ```
 */
export function inv(A: MatrixLike): Tensor {
  const M = toMatrix('inv', A);
  assertSquare('inv', M);
  assertFinite('inv', M);
  const f = luFactor(M);
  if (f.zeroPivot >= 0) {
    throw new Error(
      `inv: matrix is singular (pivot U[${f.zeroPivot},${f.zeroPivot}] is 0 after partial pivoting); ` +
        'a singular matrix has no inverse — use pinv for a least-squares pseudo-inverse',
    );
  }
  return matrixToTensor(luSolve(f, identity(M.rows)));
}
