/**
 * Brute-force neighbour search: the reduced distance from every query row to every
 * training row, computed a block of query rows at a time so that each training row is
 * read once per block while it is still in cache, and the block of distances stays small
 * (at most ~1M values). Then the k best per row (`KBest`) or all within a radius.
 *
 * Euclidean searches (the common case) run on the matmul kernels: scikit-learn's expansion
 * ‖q − x‖² = ‖q‖² − 2q·x + ‖x‖² turns a block of distances into one product Q·Xᵀ
 * (`gemm`, float32). That expansion rounds differently from Σ(qⱼ − xⱼ)², so exact ties
 * could come apart and results could differ from the k-d tree. It is therefore used only
 * as a filter with a proven error bound E (`expansionError`): the k-th smallest expanded
 * distance A plus 2E bounds every distance that can be among the k best, and only the
 * training rows under it (usually about k) get their distance computed directly. The
 * answer is the direct computation's, bit for bit, ties broken by index as before; the
 * O(n·m·d) work is a matmul.
 */
import type { Metric } from './distance.js';
import { gemm } from '../../linalg/matrix.js';
import { KBest } from './heap.js';

const BLOCK_VALUES = 1 << 20;

/** Calls `each(i, D, offset)` for every query row with its distances at D[offset .. offset + rows). */
function forEachDistanceRow(
  X: Float64Array, rows: number, cols: number, Q: Float64Array, qRows: number, metric: Metric,
  each: (i: number, D: Float64Array, offset: number) => void,
): void {
  const chunk = Math.max(1, Math.min(qRows, Math.floor(BLOCK_VALUES / Math.max(rows, 1))));
  const D = new Float64Array(chunk * rows);
  for (let q0 = 0; q0 < qRows; q0 += chunk) {
    const q1 = Math.min(qRows, q0 + chunk);
    // (chunk, rows) block: the training row t is the outer loop, reused across the block.
    for (let t = 0; t < rows; t++) {
      for (let q = q0; q < q1; q++) D[(q - q0) * rows + t] = metric.rdist(Q, q, X, t, cols);
    }
    for (let q = q0; q < q1; q++) each(q, D, (q - q0) * rows);
  }
}

/** Float32 machine epsilon (unit roundoff 2⁻²⁴) and float64's (2⁻⁵³). */
const U32 = 2 ** -24;
const U64 = 2 ** -53;

/**
 * A bound on |expanded − exact| for the squared distance of rows with norms a and b in d
 * dimensions: rounding q and x to float32 and the float32 dot product (Higham, Accuracy and
 * Stability of Numerical Algorithms, §3.1: |fl(x·y) − x·y| ≤ γ_d·|x|·|y|, γ_d ≈ d·u) cost
 * 2(d + 4)·u₃₂·ab for the 2q·x term; the direct float64 sum and the float64 additions cost
 * (d + 8)·u₆₄·(a + b)²; the last term covers float32 underflow (2⁻¹⁴⁹ per product).
 */
function expansionError(a: number, b: number, d: number): number {
  return 2 * (d + 4) * U32 * a * b + (d + 8) * U64 * (a + b) ** 2 + (d + 4) * 2 ** -140 * (1 + a + b);
}

/** Squared norm of row i of a (rows, d) matrix. */
function rowNorm2(A: Float64Array, i: number, d: number): number {
  let s = 0;
  for (let j = i * d; j < (i + 1) * d; j++) s += A[j] * A[j];
  return s;
}

/**
 * The expansion filter for euclidean searches. For each query row, `each(q, approx, off,
 * slack)` receives the expanded squared distances to every training row at
 * approx[off .. off + rows) and the slack 2E: a training row can be among the nearest only
 * where approx ≤ (the k-th smallest approx) + slack. Returns false (nothing called) when the
 * data is too large for float32 (norms above 2⁶⁰), so the caller computes directly.
 */
function forEachExpandedRow(
  X: Float64Array, rows: number, cols: number, Q: Float64Array, qRows: number,
  each: (q: number, approx: Float64Array, off: number, slack: number) => void,
): boolean {
  const xNorm2 = new Float64Array(rows);
  let xMax = 0;
  for (let t = 0; t < rows; t++) xMax = Math.max(xMax, (xNorm2[t] = rowNorm2(X, t, cols)));
  const qNorm2 = new Float64Array(qRows);
  let qMax = 0;
  for (let q = 0; q < qRows; q++) qMax = Math.max(qMax, (qNorm2[q] = rowNorm2(Q, q, cols)));
  if (!(Math.max(xMax, qMax) < 2 ** 120)) return false;
  const bMax = Math.sqrt(xMax);
  // Xᵀ in float32, (cols, rows): the right operand of every block's product.
  const Xt = new Float32Array(cols * rows);
  for (let t = 0; t < rows; t++) for (let j = 0; j < cols; j++) Xt[j * rows + t] = X[t * cols + j];
  const chunk = Math.max(1, Math.min(qRows, Math.floor(BLOCK_VALUES / Math.max(rows, 1))));
  const Qb = new Float32Array(chunk * cols);
  const G = new Float32Array(chunk * rows);
  const approx = new Float64Array(rows); // one query's row at a time, so it stays in cache
  for (let q0 = 0; q0 < qRows; q0 += chunk) {
    const q1 = Math.min(qRows, q0 + chunk);
    const m = q1 - q0;
    Qb.set(Q.subarray(q0 * cols, q1 * cols));
    gemm(Qb.subarray(0, m * cols), Xt, G.subarray(0, m * rows), m, cols, rows); // (m, rows) = Q·Xᵀ
    for (let q = q0; q < q1; q++) {
      const off = (q - q0) * rows;
      const qn = qNorm2[q];
      for (let t = 0; t < rows; t++) approx[t] = qn - 2 * G[off + t] + xNorm2[t];
      each(q, approx, 0, 2 * expansionError(Math.sqrt(qn), bMax, cols));
    }
  }
  return true;
}

/** The k-th smallest of values[off .. off + n) (k ≤ n), by a max-heap of the k smallest. */
function kthSmallest(values: Float64Array, off: number, n: number, k: number, heap: Float64Array): number {
  let size = 0;
  for (let t = 0; t < n; t++) {
    const v = values[off + t];
    if (size < k) {
      let c = size++;
      heap[c] = v;
      while (c > 0 && heap[(c - 1) >> 1] < heap[c]) {
        const p = (c - 1) >> 1;
        const tmp = heap[p];
        heap[p] = heap[c];
        heap[c] = tmp;
        c = p;
      }
    } else if (v < heap[0]) {
      heap[0] = v;
      for (let c = 0; ;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let big = c;
        if (l < k && heap[l] > heap[big]) big = l;
        if (r < k && heap[r] > heap[big]) big = r;
        if (big === c) break;
        const tmp = heap[c];
        heap[c] = heap[big];
        heap[big] = tmp;
        c = big;
      }
    }
  }
  return heap[0];
}

/** The k nearest training rows of each query row: reduced distances and indices, nearest first. */
export function bruteKnn(
  X: Float64Array, rows: number, cols: number, Q: Float64Array, qRows: number, k: number, metric: Metric,
): { rdist: number[][]; index: number[][] } {
  const rdist: number[][] = [];
  const index: number[][] = [];
  if (metric.name === 'euclidean' && k <= rows) {
    const top = new Float64Array(k);
    const ok = forEachExpandedRow(X, rows, cols, Q, qRows, (q, approx, off, slack) => {
      const limit = kthSmallest(approx, off, rows, k, top) + slack;
      const heap = new KBest(k);
      for (let t = 0; t < rows; t++) {
        if (approx[off + t] <= limit) heap.push(metric.rdist(Q, q, X, t, cols), t);
      }
      const s = heap.sorted();
      rdist.push(s.rdist);
      index.push(s.index);
    });
    if (ok) return { rdist, index };
  }
  forEachDistanceRow(X, rows, cols, Q, qRows, metric, (_i, D, off) => {
    const heap = new KBest(k);
    for (let t = 0; t < rows; t++) if (D[off + t] <= heap.worst()) heap.push(D[off + t], t);
    const s = heap.sorted();
    rdist.push(s.rdist);
    index.push(s.index);
  });
  return { rdist, index };
}

/** Every training row within reduced distance `rr` of each query row, in index order. */
export function bruteRadius(
  X: Float64Array, rows: number, cols: number, Q: Float64Array, qRows: number, rr: number, metric: Metric,
): { rdist: number[][]; index: number[][] } {
  const rdist: number[][] = [];
  const index: number[][] = [];
  if (metric.name === 'euclidean') {
    // Only rows whose expanded distance is within the error bound of rr need the exact test.
    const ok = forEachExpandedRow(X, rows, cols, Q, qRows, (q, approx, off, slack) => {
      const ri: number[] = [];
      const ii: number[] = [];
      for (let t = 0; t < rows; t++) {
        if (approx[off + t] > rr + slack) continue;
        const r = metric.rdist(Q, q, X, t, cols);
        if (r <= rr) {
          ri.push(r);
          ii.push(t);
        }
      }
      rdist.push(ri);
      index.push(ii);
    });
    if (ok) return { rdist, index };
  }
  forEachDistanceRow(X, rows, cols, Q, qRows, metric, (_i, D, off) => {
    const ri: number[] = [];
    const ii: number[] = [];
    for (let t = 0; t < rows; t++) {
      if (D[off + t] <= rr) {
        ri.push(D[off + t]);
        ii.push(t);
      }
    }
    rdist.push(ri);
    index.push(ii);
  });
  return { rdist, index };
}
