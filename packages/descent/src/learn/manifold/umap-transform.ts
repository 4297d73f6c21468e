/**
 * Placing new points into a fitted UMAP embedding, as umap-learn's `UMAP.transform` does
 * (umap/umap_.py, version 0.5):
 *
 * 1. each new point's k nearest neighbours among the training rows;
 * 2. one-sided memberships w_qj = exp(−d_qj/σ_q) with ρ_q = 0 (umap-learn passes
 *    local_connectivity − 1 = 0 to smooth_knn_dist here, so no neighbour is at weight 1
 *    unless it is an exact duplicate) and σ_q solving the same log₂ k equation as in fit;
 * 3. the start: the membership-weighted mean of the neighbours' embeddings, or the
 *    duplicate's own embedding when a weight is exactly 1 (init_graph_transform);
 * 4. a third of fit's epochs (100 by default, 30 above 10,000 new points) of the same SGD at a
 *    quarter of the learning rate, moving only the new points: the training embedding stays
 *    fixed and supplies the negative samples (optimize_layout_euclidean, move_other=False).
 */
import type { Generator } from '../../random/index.js';
import { bruteKnn } from '../neighbors/brute.js';
import { resolveMetric } from '../neighbors/distance.js';
import { smoothKnnDist } from './umap-graph.js';

export interface UMAPTransformOptions {
  k: number;
  a: number;
  b: number;
  /** umap-learn: null → 100 (30 above 10,000 new points), else ⌊nEpochs/3⌋. */
  nEpochs: number | null;
  learningRate: number;
  repulsionStrength: number;
  negativeSampleRate: number;
}

const clip = (v: number): number => (v > 4 ? 4 : v < -4 ? -4 : v);

/**
 * The (m, dim) embedding of m new rows Q (row-major, `cols` features) given the training rows
 * X (n, cols) and their embedding Y (n, dim).
 *
 * ```ts
 * const Z = umapTransform(X, n, cols, Y, dim, Q, m, { k: 15, a, b, nEpochs: null, learningRate: 1, repulsionStrength: 1, negativeSampleRate: 5 }, rng);
 * ```
 */
export function umapTransform(
  X: Float64Array, n: number, cols: number, Y: Float64Array, dim: number, Q: Float64Array, m: number,
  o: UMAPTransformOptions, rng: Generator,
): Float64Array {
  const k = Math.min(o.k, n);
  const { rdist, index } = bruteKnn(X, n, cols, Q, m, k, resolveMetric('euclidean'));
  const dists = new Float64Array(m * k);
  for (let q = 0; q < m; q++) for (let t = 0; t < k; t++) dists[q * k + t] = Math.sqrt(rdist[q][t]);
  const { sigma } = smoothKnnDist(dists, m, k, 0);
  // The bipartite graph (m new rows × n training rows), k edges per new row, nearest first.
  const head: number[] = [];
  const tail: number[] = [];
  const weight: number[] = [];
  const Z = new Float64Array(m * dim);
  for (let q = 0; q < m; q++) {
    let rowSum = 0;
    const start = head.length;
    for (let t = 0; t < k; t++) {
      const d = dists[q * k + t];
      const w = d <= 0 || sigma[q] === 0 ? 1 : Math.exp(-(d / sigma[q]));
      if (w === 0) continue; // umap-learn's eliminate_zeros
      head.push(q);
      tail.push(index[q][t]);
      weight.push(w);
      rowSum += w;
    }
    const z = Z.subarray(q * dim, (q + 1) * dim);
    const dup = weight.indexOf(1, start);
    if (dup >= 0) {
      z.set(Y.subarray(tail[dup] * dim, (tail[dup] + 1) * dim));
    } else if (rowSum > 0) {
      for (let e = start; e < head.length; e++) {
        for (let c = 0; c < dim; c++) z[c] += (weight[e] / rowSum) * Y[tail[e] * dim + c];
      }
    } else {
      // Every membership underflowed (umap-learn would return NaN here): start at the nearest.
      z.set(Y.subarray(index[q][0] * dim, (index[q][0] + 1) * dim));
    }
  }
  const nEpochs = o.nEpochs === null ? (m <= 10000 ? 100 : 30) : Math.floor(o.nEpochs / 3);
  if (nEpochs > 0 && head.length > 0) {
    optimizeNewPoints(Z, Y, n, dim, head, tail, weight, nEpochs, o, rng);
  }
  return Z;
}

/**
 * The fit's SGD (see ./umap.ts) with only the head end moving: edges lighter than max/nEpochs
 * are dropped, an edge of weight v is sampled every max/v epochs, and each sample pulls the new
 * point towards its training neighbour and pushes it from a few random training points.
 */
function optimizeNewPoints(
  Z: Float64Array, Y: Float64Array, n: number, dim: number, head0: number[], tail0: number[], weight0: number[],
  nEpochs: number, o: UMAPTransformOptions, rng: Generator,
): void {
  let wMax = 0;
  for (const w of weight0) wMax = Math.max(wMax, w);
  const keep = weight0.map((w) => w >= wMax / nEpochs);
  const head = head0.filter((_, e) => keep[e]);
  const tail = tail0.filter((_, e) => keep[e]);
  const epochsPerSample = Float64Array.from(weight0.filter((_, e) => keep[e]), (w) => wMax / w);
  const epochsPerNeg = epochsPerSample.map((e) => e / Math.max(o.negativeSampleRate, 1e-300));
  const nextSample = epochsPerSample.slice();
  const nextNeg = epochsPerNeg.slice();
  const { a, b } = o;
  const gamma = o.repulsionStrength;
  const alpha0 = o.learningRate / 4;
  const diff = new Float64Array(dim);
  let alpha = alpha0;
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    for (let e = 0; e < head.length; e++) {
      if (nextSample[e] > epoch) continue;
      const j = head[e];
      const t = tail[e];
      let d2 = 0;
      for (let c = 0; c < dim; c++) { diff[c] = Z[j * dim + c] - Y[t * dim + c]; d2 += diff[c] * diff[c]; }
      const attract = d2 > 0 ? (-2 * a * b * d2 ** (b - 1)) / (a * d2 ** b + 1) : 0;
      for (let c = 0; c < dim; c++) Z[j * dim + c] += clip(attract * diff[c]) * alpha;
      nextSample[e] += epochsPerSample[e];
      const nNeg = o.negativeSampleRate > 0 ? Math.floor((epoch - nextNeg[e]) / epochsPerNeg[e]) : 0;
      for (let s = 0; s < nNeg; s++) {
        const r = Math.floor(rng.random() * n);
        let dr = 0;
        for (let c = 0; c < dim; c++) { diff[c] = Z[j * dim + c] - Y[r * dim + c]; dr += diff[c] * diff[c]; }
        // A new point sitting exactly on a training point is not pushed off it (umap-learn 0.5's grad 0).
        if (dr === 0) continue;
        const repel = (2 * gamma * b) / ((0.001 + dr) * (a * dr ** b + 1));
        for (let c = 0; c < dim; c++) Z[j * dim + c] += clip(repel * diff[c]) * alpha;
      }
      if (nNeg > 0) nextNeg[e] += nNeg * epochsPerNeg[e];
    }
    alpha = alpha0 * (1 - epoch / nEpochs);
  }
}
