/**
 * Trustworthiness (Venna & Kaski, "Neighborhood preservation in nonlinear projection
 * methods", ICANN 2001; sklearn.manifold.trustworthiness): how far an embedding keeps
 * strangers out of each point's neighbourhood. For each point i, U_i(k) are its k nearest
 * neighbours in the embedding that are not among its k nearest in the data, and r(i, j) is
 * j's rank among i's neighbours in the data (1 = nearest):
 *
 *   T(k) = 1 − 2 / (n·k·(2n − 3k − 1)) · Σ_i Σ_{j ∈ U_i(k)} (r(i, j) − k)
 *
 * 1 means every embedded neighbourhood holds only true neighbours; a random embedding
 * scores about 0.5.
 */
import { checkArray, checkConsistentLength, type MatrixLike } from '../base/validation.js';
import { bruteKnn } from '../neighbors/brute.js';
import { resolveMetric } from '../neighbors/distance.js';

/**
 * Trustworthiness of `XEmbedded` as a picture of `X`, with Euclidean distances in both.
 *
 * ```ts
 * trustworthiness(X, new TSNE({ randomState: 0 }).fitTransform(X), 5);   // e.g. 0.99
 * ```
 */
export function trustworthiness(X: MatrixLike, XEmbedded: MatrixLike, nNeighbors = 5): number {
  const M = checkArray(X, { caller: 'trustworthiness' });
  const E = checkArray(XEmbedded, { caller: 'trustworthiness' });
  checkConsistentLength(M.rows, E.rows);
  const n = M.rows;
  const k = nNeighbors;
  if (!Number.isInteger(k) || k < 1) throw new Error(`trustworthiness: nNeighbors must be a positive integer; got ${k}.`);
  if (k >= n / 2) throw new Error(`trustworthiness: nNeighbors (${k}) should be less than nSamples / 2 (${n / 2}). Use fewer neighbours or more samples.`);
  const metric = resolveMetric('euclidean');
  // The k nearest in the embedding (k + 1 found, the point itself dropped).
  const { index } = bruteKnn(E.data, n, E.cols, E.data, n, k + 1, metric);
  const d = M.cols;
  const dist = new Float64Array(n);
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    // Rank every point by its distance from i in the data (i itself last, as at +∞).
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (M.data[i * d + f] - M.data[j * d + f]) ** 2;
      dist[j] = j === i ? Infinity : s;
      order[j] = j;
    }
    order.sort((a, b) => dist[a] - dist[b] || a - b);
    for (let r = 0; r < n; r++) rank[order[r]] = r + 1;
    let taken = 0;
    for (const j of index[i]) {
      if (j === i || taken === k) continue;
      taken++;
      if (rank[j] > k) t += rank[j] - k;
    }
  }
  return 1 - t * (2 / (n * k * (2 * n - 3 * k - 1)));
}
