/**
 * The SVD helpers the decomposition estimators share: scikit-learn's sign convention
 * (`svd_flip`), its randomized SVD (Halko, Martinsson & Tropp, "Finding structure with
 * randomness", SIAM Review 53(2), 2011, Algorithms 4.4 and 5.1), and the small dense
 * products they need, all on linalg's row-major `Matrix`.
 */
import { matmul, transpose, zeros, type Matrix } from '../../linalg/matrix.js';
import { qrKernel } from '../../linalg/qr-kernel.js';
import { svdKernel } from '../../linalg/svd-kernel.js';
import { Generator } from '../../random/index.js';

export type { Matrix };

/**
 * Makes an SVD deterministic, as scikit-learn's `svd_flip`: with `uBased`, each column of
 * U is signed so its largest-magnitude entry is positive (the row of Vt flips with it);
 * otherwise each row of Vt is. Modifies U (m, k) and Vt (k, n) in place.
 */
export function svdFlip(U: Matrix, Vt: Matrix, uBased = true): void {
  const k = Vt.rows;
  for (let c = 0; c < k; c++) {
    let best = 0;
    let sign = 1;
    if (uBased) {
      for (let i = 0; i < U.rows; i++) {
        const v = U.data[i * U.cols + c];
        if (Math.abs(v) > best) { best = Math.abs(v); sign = Math.sign(v); }
      }
    } else {
      for (let j = 0; j < Vt.cols; j++) {
        const v = Vt.data[c * Vt.cols + j];
        if (Math.abs(v) > best) { best = Math.abs(v); sign = Math.sign(v); }
      }
    }
    if (sign >= 0) continue;
    for (let i = 0; i < U.rows; i++) U.data[i * U.cols + c] = -U.data[i * U.cols + c];
    for (let j = 0; j < Vt.cols; j++) Vt.data[c * Vt.cols + j] = -Vt.data[c * Vt.cols + j];
  }
}

/** Thin SVD X = U·diag(S)·Vt with svd_flip applied (numpy's `svd(full_matrices=False)` then `svd_flip`). */
export function thinSvd(X: Matrix, uBased = true): { U: Matrix; S: Float64Array; Vt: Matrix } {
  let res: { U: Matrix; S: Float64Array; Vt: Matrix };
  if (X.rows > 2 * X.cols) {
    // Tall data (n ≫ d): X = Q·R, then the SVD of the small R = U_R·S·Vt gives X = (Q·U_R)·S·Vt,
    // as LAPACK's dgesdd does. The Jacobi sweeps then touch d × d numbers instead of n × d.
    const { Q, R } = qrKernel(X);
    const r = svdKernel(R, false);
    res = { U: matmul(Q, r.U), S: r.S, Vt: r.Vt };
  } else {
    res = svdKernel(X, false);
  }
  svdFlip(res.U, res.Vt, uBased);
  return res;
}

/** Rows [0, k) of a matrix. */
export function firstRows(A: Matrix, k: number): Matrix {
  return { rows: k, cols: A.cols, data: A.data.slice(0, k * A.cols) };
}

/** Columns [0, k) of a matrix. */
export function firstCols(A: Matrix, k: number): Matrix {
  const out = zeros(A.rows, k);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < k; j++) out.data[i * k + j] = A.data[i * A.cols + j];
  return out;
}

/** A·Bᵀ without forming Bᵀ: (m, d)·(k, d)ᵀ -> (m, k). */
export function matmulT(A: Matrix, B: Matrix): Matrix {
  const C = zeros(A.rows, B.rows);
  const d = A.cols;
  for (let i = 0; i < A.rows; i++) {
    for (let k = 0; k < B.rows; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += A.data[i * d + j] * B.data[k * d + j];
      C.data[i * B.rows + k] = s;
    }
  }
  return C;
}

/** The matrix as nested rows. */
export function rowsOf(M: Matrix): number[][] {
  return Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
}

export interface RandomizedSvdOptions {
  nComponents: number;
  /** Extra random directions beyond nComponents (scikit-learn's default 10). */
  nOversamples: number;
  /** Power iterations; 'auto' is 7 when nComponents < 0.1·min(n, d), else 4 (scikit-learn). */
  nIter: number | 'auto';
  seed: number;
}

/**
 * Randomized truncated SVD (scikit-learn's `randomized_svd`, flip_sign=True): sketch the
 * range of M with a Gaussian test matrix, sharpen it with power iterations (each
 * re-orthonormalized by QR so the small directions are not lost to rounding), then take
 * the exact SVD of the small projected matrix B = Qᵀ·M. Wide inputs are handled through
 * Mᵀ, as scikit-learn's `transpose='auto'`.
 *
 * scikit-learn draws its test matrix from NumPy's generator and normalizes by LU for few
 * iterations; we draw from ours and always use QR, so the result agrees with scikit-learn's
 * to the accuracy of the method, not bit for bit.
 */
export function randomizedSvd(M: Matrix, o: RandomizedSvdOptions): { U: Matrix; S: Float64Array; Vt: Matrix } {
  const k = o.nComponents;
  const transposed = M.rows < M.cols;
  const A = transposed ? transpose(M) : M;
  const nIter = o.nIter === 'auto' ? (k < 0.1 * Math.min(M.rows, M.cols) ? 7 : 4) : o.nIter;
  const size = Math.min(k + o.nOversamples, A.cols);
  const rng = new Generator(o.seed);
  const omega = zeros(A.cols, size);
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = rng.normal();
  const At = transpose(A);
  let Q = qrKernel(matmul(A, omega)).Q; // (n, size)
  for (let it = 0; it < nIter; it++) {
    Q = qrKernel(matmul(At, Q)).Q; // (d, size)
    Q = qrKernel(matmul(A, Q)).Q; // (n, size)
  }
  const B = matmul(transpose(Q), A); // (size, d)
  const { U: Uhat, S, Vt } = svdKernel(B, false);
  const U = matmul(Q, Uhat); // (n, size)
  // svd_flip on the untransposed problem is U-based; through the transpose it is Vt-based.
  svdFlip(U, Vt, !transposed);
  const Uk = firstCols(U, k);
  const Vk = firstRows(Vt, k);
  const Sk = S.slice(0, k);
  return transposed ? { U: transpose(Vk), S: Sk, Vt: transpose(Uk) } : { U: Uk, S: Sk, Vt: Vk };
}

/** Column means of M. */
export function columnMeans(M: Matrix): Float64Array {
  const mean = new Float64Array(M.cols);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) mean[j] += M.data[i * M.cols + j];
  for (let j = 0; j < M.cols; j++) mean[j] /= M.rows;
  return mean;
}

/** M with `mean` subtracted from every row (a new matrix). */
export function centered(M: Matrix, mean: ArrayLike<number>): Matrix {
  const out = zeros(M.rows, M.cols);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out.data[i * M.cols + j] = M.data[i * M.cols + j] - mean[j];
  return out;
}
