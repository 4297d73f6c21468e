/**
 * Brute-force neighbour search: the reduced distance from every query row to every
 * training row, computed a block of query rows at a time so that each training row is
 * read once per block while it is still in cache, and the block of distances stays small
 * (at most ~1M doubles). Then the k best per row (`KBest`) or all within a radius.
 *
 * Distances are computed directly, Σ(aⱼ − bⱼ)², not by sklearn's ‖a‖² − 2a·b + ‖b‖²
 * expansion: slower for many features, but exact ties stay ties and results match the k-d
 * tree bit for bit.
 */
import type { Metric } from './distance.js';
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

/** The k nearest training rows of each query row: reduced distances and indices, nearest first. */
export function bruteKnn(
  X: Float64Array, rows: number, cols: number, Q: Float64Array, qRows: number, k: number, metric: Metric,
): { rdist: number[][]; index: number[][] } {
  const rdist: number[][] = [];
  const index: number[][] = [];
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
