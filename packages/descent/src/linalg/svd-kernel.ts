// Singular value decomposition A = U·diag(S)·Vᵀ by one-sided Jacobi.
//
// One-sided (Hestenes) Jacobi rotates pairs of columns of A until all columns
// are mutually orthogonal: A·V = W with WᵀW diagonal. Then S_j = ‖w_j‖ and
// U[:, j] = w_j / S_j. Each rotation is the 2×2 Jacobi rotation that
// diagonalizes [[‖a_p‖², a_p·a_q], [a_p·a_q, ‖a_q‖²]], i.e. the two-sided
// Jacobi method applied implicitly to AᵀA without ever forming it, which is why
// it computes even tiny singular values to high relative accuracy.
//
// References: Hestenes, "Inversion of matrices by biorthogonalization" (1958);
// Demmel & Veselić, "Jacobi's method is more accurate than QR", SIAM J. Matrix
// Anal. Appl. 13(4), 1992, §4; Golub & Van Loan, Matrix Computations (4th ed.),
// §8.5.2 (the symmetric Schur decomposition) and §8.6.3.

import { EPS, type Matrix, identity, powerOfTwoScale, sliceCols, transpose, zeros } from './matrix.js';
import { qrKernel } from './qr-kernel.js';

/**
 * Thin or full SVD of A (m, n), k = min(m, n): S (k) descending; U (m, k) and
 * Vt (k, n), or U (m, m) and Vt (n, n) when `fullMatrices` is true.
 */
export function svdKernel(
  A: Matrix,
  fullMatrices = false,
): { U: Matrix; S: Float64Array; Vt: Matrix } {
  if (A.rows < A.cols) {
    // A wide matrix is the transpose of a tall one: Aᵀ = U'·S·V'ᵀ gives A = V'·S·U'ᵀ.
    const { U, S, Vt } = svdKernel(transpose(A), fullMatrices);
    return { U: transpose(Vt), S, Vt: transpose(U) };
  }
  const m = A.rows;
  const n = A.cols;

  // Work on scaled columns: W (n, m) holds the columns of A / 2^⌊log2 max|a_ij|⌋
  // as rows, so a rotation of two columns touches two contiguous rows, and
  // squared norms can neither overflow nor underflow. Vt (n, n) accumulates
  // the rotations.
  const scale = powerOfTwoScale(A);
  const W = transpose(A);
  for (let i = 0; i < W.data.length; i++) W.data[i] /= scale;
  const Vt = identity(n);
  jacobiSweeps(W, Vt);

  // S_j = ‖w_j‖; sort descending like LAPACK (numpy.linalg.svd), negligible
  // columns last (they are also the smallest).
  const norms = new Float64Array(n);
  const negligible = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    norms[j] = rowNorm(W, j);
    negligible[j] = isNegligible(W, j) ? 1 : 0;
  }
  const order = Array.from({ length: n }, (_, j) => j).sort(
    (p, q) => negligible[p] - negligible[q] || norms[q] - norms[p],
  );

  const S = new Float64Array(n);
  const U = zeros(m, n);
  const VtSorted = zeros(n, n);
  let rank = 0; // columns that Jacobi orthogonalized get U[:, c] = w_j / S_j
  for (let c = 0; c < n; c++) {
    const j = order[c];
    S[c] = norms[j] * scale;
    VtSorted.data.set(Vt.data.subarray(j * n, (j + 1) * n), c * n);
    if (!negligible[j]) {
      rank = c + 1;
      for (let i = 0; i < m; i++) U.data[i * n + c] = W.data[j * m + i] / norms[j];
    }
  }

  // The left singular vectors of negligible columns (and, for full matrices,
  // the extra m - n columns) are any orthonormal basis of the complement of
  // the others.
  const cols = fullMatrices ? m : n;
  const Ufull = rank === cols ? U : completeBasis(sliceCols(U, 0, rank), cols);
  return { U: Ufull, S, Vt: VtSorted };
}

/**
 * A column of the scaled matrix (max |a_ij| ≈ 1) whose squared norm is below
 * 2^-900, i.e. whose norm is below ~1e-135·max|a_ij|, is "negligible": it is
 * far below the rounding level eps·‖A‖, and with squares this small, products
 * underflow and the orthogonality test becomes meaningless. Such columns are
 * never rotated; their singular value is still reported, but their left
 * singular vector is completed like that of a zero column.
 */
const TINY = 2 ** -900;

function isNegligible(W: Matrix, j: number): boolean {
  let ss = 0;
  for (let i = 0; i < W.cols; i++) ss += W.data[j * W.cols + i] ** 2;
  return ss < TINY;
}

/**
 * Rotate pairs of rows of W (n, m) until they are mutually orthogonal, applying
 * each rotation to the rows of Vt (n, n) too, which keeps A·V = Wᵀ true
 * throughout. Pairs are visited in cyclic-by-row order (GVL §8.5.3).
 */
function jacobiSweeps(W: Matrix, Vt: Matrix): void {
  const n = W.rows;
  const m = W.cols;
  const w = W.data;
  // Jacobi converges quadratically once the off-diagonal mass is small; ~6–10
  // sweeps is typical. 60 sweeps without converging means the input is bad.
  const maxSweeps = 60;
  // Orthogonal "to working precision" means |cos θ| ≤ √m·ε, LAPACK's dgesvj tolerance: the
  // computed dot product of two length-m columns carries a rounding error of about √m·ε·‖x‖‖y‖,
  // so a stricter test can chase rounding noise forever. That happens with rank-deficient input
  // (a centred one-hot block): a column that is pure rounding noise keeps a relative overlap of
  // a few ε with the others after every sweep.
  const tol = Math.sqrt(m) * EPS;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        // The 2×2 Gram matrix [[alpha, gamma], [gamma, beta]] of columns p and q.
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = w[p * m + i];
          const y = w[q * m + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        // Negligible columns are left alone, and pairs already orthogonal to
        // working precision too (Demmel & Veselić's test, with dgesvj's √m·ε).
        if (alpha < TINY || beta < TINY) continue;
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        // Rotation [[c, s], [-s, c]] that zeroes gamma: t = tan θ is the smaller
        // root of t² + 2ζt - 1 = 0, ζ = (beta - alpha) / (2·gamma) (GVL Alg. 8.5.1).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const c = 1 / Math.hypot(1, t);
        const s = c * t;
        if (s === 0) continue; // the rotation would be the identity (only with subnormal gamma)
        rotated = true;
        rotateRows(W, p, q, c, s);
        rotateRows(Vt, p, q, c, s);
      }
    }
    if (!rotated) return;
  }
  throw new Error(
    `svd: one-sided Jacobi did not converge after ${maxSweeps} sweeps; ` +
      'this happens only with NaN or Infinity in the input — check it for non-finite entries',
  );
}

/** Rows p, q of M ← [c·row_p - s·row_q, s·row_p + c·row_q]. */
function rotateRows(M: Matrix, p: number, q: number, c: number, s: number): void {
  const n = M.cols;
  const a = M.data;
  for (let i = 0; i < n; i++) {
    const x = a[p * n + i];
    const y = a[q * n + i];
    a[p * n + i] = c * x - s * y;
    a[q * n + i] = s * x + c * y;
  }
}

/**
 * ‖row j of M‖₂, computed as max·sqrt(Σ (x_i / max)²) (like BLAS dnrm2):
 * a column far below the largest one would otherwise have a subnormal,
 * imprecise sum of squares.
 */
function rowNorm(M: Matrix, j: number): number {
  const row = M.data.subarray(j * M.cols, (j + 1) * M.cols);
  let max = 0;
  for (const x of row) max = Math.max(max, Math.abs(x));
  if (max === 0) return 0;
  let ss = 0;
  for (const x of row) ss += (x / max) ** 2;
  return max * Math.sqrt(ss);
}

/**
 * Extend the orthonormal columns of B (m, r) to `cols` orthonormal columns.
 * The complete QR of B, B = Q·R, has Q (m, m) whose first r columns span B's
 * range and whose last m - r columns span its orthogonal complement; we keep
 * B's own columns and append as many of those as needed.
 */
export function completeBasis(B: Matrix, cols: number): Matrix {
  const m = B.rows;
  const r = B.cols;
  const { Q } = qrKernel(B, 'complete');
  const out = zeros(m, cols);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < r; j++) out.data[i * cols + j] = B.data[i * r + j];
    for (let j = r; j < cols; j++) out.data[i * cols + j] = Q.data[i * m + j];
  }
  return out;
}
