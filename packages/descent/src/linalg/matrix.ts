// The internal matrix type every linalg kernel works on.
//
// Decompositions are written as plain loops over a dense, row-major Float64Array:
// entry (i, j) of an (rows, cols) matrix lives at data[i * cols + j]. Keeping the
// kernels on this tiny type (rather than on Tensor) makes each algorithm readable
// next to its textbook pseudo-code and lets the kernels be tested on their own.
// The public functions convert Tensors and nested arrays to and from it (see
// convert.ts).

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

/** C = A·B: (m, k) · (k, n) -> (m, n), in the cache-friendly i-k-j loop order. */
export function matmul(A: Matrix, B: Matrix): Matrix {
  if (A.cols !== B.rows) {
    throw new Error(`matmul: inner dimensions differ, (${A.rows},${A.cols}) · (${B.rows},${B.cols})`);
  }
  const C = zeros(A.rows, B.cols);
  const n = B.cols;
  for (let i = 0; i < A.rows; i++) {
    for (let k = 0; k < A.cols; k++) {
      const aik = A.data[i * A.cols + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) C.data[i * n + j] += aik * B.data[k * n + j];
    }
  }
  return C;
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
