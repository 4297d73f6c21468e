// The one matrix type the numeric code shares: linalg's kernels, and every estimator in
// `descent/learn` (its input checks return it, its fitted state and hot loops use it).
//
// Decompositions are written as plain loops over a dense, row-major Float64Array:
// entry (i, j) of an (rows, cols) matrix lives at data[i * cols + j]. Keeping the
// kernels on this tiny type (rather than on Tensor) makes each algorithm readable
// next to its textbook pseudo-code and lets the kernels be tested on their own.
// The public functions convert Tensors and nested arrays to and from it (see
// convert.ts).
//
// Products go through the tensor kernel registry (`gemm` below): whichever `matmul`
// kernel is fastest on this machine (packed JavaScript, WebAssembly SIMD, ...) serves
// linalg and learn as well as tensors, so a faster backend speeds all of them at once.
// Write a product as `matmul`, `matmulTransA` or `matmulTransB` rather than as a loop.
import { findKernel } from '../tensor/backend.js';
import { matmulBlocked } from '../tensor/backends/js-blocked/matmul.js';
import type { MatmulKernel } from '../tensor/ops/matmul.js';

/** A dense row-major float64 matrix of shape (rows, cols). */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Machine epsilon for float64 (2^-52), NumPy's `np.finfo(np.float64).eps`. */
export const EPS = 2 ** -52;

/** A (rows, cols) matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** The (rows, cols) matrix with ones on the main diagonal; square by default. */
export function identity(rows: number, cols: number = rows): Matrix {
  const I = zeros(rows, cols);
  for (let i = 0; i < Math.min(rows, cols); i++) I.data[i * cols + i] = 1;
  return I;
}

/** Build a matrix from nested rows; all rows must have the same length. */
export function fromRows(rowsIn: readonly (readonly number[])[]): Matrix {
  const rows = rowsIn.length;
  const cols = rows === 0 ? 0 : rowsIn[0].length;
  const M = zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) M.data[i * cols + j] = rowsIn[i][j];
  }
  return M;
}

/** The nested-array form of a matrix, row by row. */
export function toRows(M: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < M.rows; i++) {
    out.push(Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
  }
  return out;
}

/** A deep copy (kernels factor in place, so they copy their input first). */
export function clone(M: Matrix): Matrix {
  return { rows: M.rows, cols: M.cols, data: M.data.slice() };
}

/** Aᵀ: (m, n) -> (n, m). */
export function transpose(A: Matrix): Matrix {
  const T = zeros(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j];
  }
  return T;
}

/**
 * out = a·b for row-major typed arrays, a (M, K), b (K, N), out (M, N), overwritten; all
 * three Float64Array or all three Float32Array. It runs the fastest `matmul` kernel in
 * the tensor registry for that dtype, else the packed JavaScript kernel (`js-blocked`),
 * so every backend's speed-up reaches it. Returns `out`.
 *
 * ```ts
 * gemm(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), new Float64Array(4), 2, 2, 2);
 * // Float64Array [19, 22, 43, 50]
 * ```
 */
export function gemm<T extends Float32Array | Float64Array>(a: T, b: T, out: T, M: number, K: number, N: number): T {
  if (M * N === 0) return out;
  if (K === 0) return out.fill(0, 0, M * N) as T;
  const kernel = findKernel<MatmulKernel>('matmul', a instanceof Float32Array ? 'float32' : 'float64') ?? (matmulBlocked as MatmulKernel);
  kernel(a, 0, b, 0, out, 0, M, K, N);
  return out;
}

/** C = A·B: (m, k) · (k, n) -> (m, n), through `gemm`. */
export function matmul(A: Matrix, B: Matrix): Matrix {
  if (A.cols !== B.rows) {
    throw new Error(`matmul: inner dimensions differ, (${A.rows},${A.cols}) · (${B.rows},${B.cols})`);
  }
  const C = zeros(A.rows, B.cols);
  gemm(A.data, B.data, C.data, A.rows, A.cols, B.cols);
  return C;
}

/**
 * C = Aᵀ·B: (k, m)ᵀ · (k, n) -> (m, n), e.g. the Gram matrix XᵀX or Xᵀy. Aᵀ is formed
 * first (O(km), against the product's O(kmn)).
 */
export function matmulTransA(A: Matrix, B: Matrix): Matrix {
  if (A.rows !== B.rows) {
    throw new Error(`matmulTransA: Aᵀ·B needs A and B with the same number of rows, got (${A.rows},${A.cols}) and (${B.rows},${B.cols})`);
  }
  return matmul(transpose(A), B);
}

/** C = A·Bᵀ: (m, k) · (n, k)ᵀ -> (m, n), e.g. scores X·Wᵀ or the kernel matrix XXᵀ. */
export function matmulTransB(A: Matrix, B: Matrix): Matrix {
  if (A.cols !== B.cols) {
    throw new Error(`matmulTransB: A·Bᵀ needs A and B with the same number of columns, got (${A.rows},${A.cols}) and (${B.rows},${B.cols})`);
  }
  return matmul(A, transpose(B));
}

/** y = A·x: (m, n) · (n,) -> (m,). */
export function matvec(A: Matrix, x: ArrayLike<number>): Float64Array {
  if (x.length !== A.cols) throw new Error(`matvec: A has ${A.cols} columns but x has ${x.length} entries`);
  const y = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    const row = i * A.cols;
    for (let j = 0; j < A.cols; j++) s += A.data[row + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** The matrix with the given row-major data (not copied). */
export function fromData(data: Float64Array, rows: number, cols: number): Matrix {
  if (data.length !== rows * cols) throw new Error(`fromData: ${data.length} values cannot fill a (${rows},${cols}) matrix`);
  return { rows, cols, data };
}

/** The columns [c0, c1) of A, as a new (rows, c1 - c0) matrix. */
export function sliceCols(A: Matrix, c0: number, c1: number): Matrix {
  const S = zeros(A.rows, c1 - c0);
  for (let i = 0; i < A.rows; i++) {
    for (let j = c0; j < c1; j++) S.data[i * S.cols + (j - c0)] = A.data[i * A.cols + j];
  }
  return S;
}

/** The rows [r0, r1) of A, as a new (r1 - r0, cols) matrix. */
export function sliceRows(A: Matrix, r0: number, r1: number): Matrix {
  return { rows: r1 - r0, cols: A.cols, data: A.data.slice(r0 * A.cols, r1 * A.cols) };
}

/** max |a_ij| (0 for an empty matrix). */
export function maxAbs(A: Matrix): number {
  let m = 0;
  for (let i = 0; i < A.data.length; i++) m = Math.max(m, Math.abs(A.data[i]));
  return m;
}

/**
 * The power of two 2^⌊log2 max|a_ij|⌋ (1 for a zero matrix). Kernels divide
 * by it so that max|a_ij| is about 1, where squares neither overflow nor
 * underflow; dividing by a power of two is exact, so scaling adds no error.
 * (Rounding up instead could give 2^1024 = Infinity near the float64 maximum.)
 */
export function powerOfTwoScale(A: Matrix): number {
  const m = maxAbs(A);
  // Math.log2 may round up to 1024 for the very largest doubles: clamp.
  return m === 0 ? 1 : 2 ** Math.min(1023, Math.floor(Math.log2(m)));
}

/** True when every entry is a finite number (no NaN, no ±Infinity). */
export function allFinite(A: Matrix): boolean {
  for (let i = 0; i < A.data.length; i++) if (!Number.isFinite(A.data[i])) return false;
  return true;
}

/** "(3,4)": shapes in messages are written the way NumPy prints them. */
export function shapeStr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/** Throw `fn: input contains NaN or Infinity …` unless every entry of A is finite. */
export function assertFinite(fn: string, A: Matrix, what = 'a'): void {
  if (!allFinite(A)) {
    throw new Error(
      `${fn}: ${what} contains NaN or Infinity; linear algebra needs finite entries — ` +
        'check for NaNs upstream (e.g. a division by zero) before calling it',
    );
  }
}

/** Throw `fn: expected a square matrix, got shape (m,n)` unless A is square. */
export function assertSquare(fn: string, A: Matrix): void {
  if (A.rows !== A.cols) {
    throw new Error(`${fn}: expected a square matrix, got shape (${A.rows},${A.cols})`);
  }
}
