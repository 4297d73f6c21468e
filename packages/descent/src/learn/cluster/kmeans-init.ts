/**
 * k-means++ seeding (Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding",
 * SODA 2007) in scikit-learn's greedy form: each new centre is the best of 2 + ⌊ln k⌋
 * candidates drawn with probability proportional to w·D(x)² (the squared distance to the
 * nearest centre chosen so far), "best" meaning the one that lowers the total potential most.
 */
import { gemm } from '../../linalg/matrix.js';
import { findKernel } from '../../tensor/backend.js';
import type { KMeansDotsKernel } from '../../tensor/backends/wasm/kmeans.js';
import { Generator } from '../../random/index.js';

/** Squared Euclidean distance between row i of X and row j of C (both with d columns). */
export function sqDist(X: Float64Array, i: number, C: Float64Array, j: number, d: number): number {
  let s = 0;
  const a = i * d;
  const b = j * d;
  for (let f = 0; f < d; f++) {
    const t = X[a + f] - C[b + f];
    s += t * t;
  }
  return s;
}

/** First index whose cumulative value is >= v (NumPy's searchsorted, side 'left'), clipped to n − 1. */
function searchSorted(cum: Float64Array, v: number): number {
  let lo = 0;
  let hi = cum.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, cum.length - 1);
}

/**
 * k centres chosen by greedy k-means++ from the rows of X (n, d); returns the (k, d) centres
 * and the indices of the rows chosen.
 *
 * ```ts
 * const { indices } = kmeansPlusPlus(Float64Array.from([0, 0, 0, 1, 10, 10]), 3, 2, 2, new Generator(0));
 * // one index from {0, 1}, the other 2 (the far point)
 * ```
 */
export function kmeansPlusPlus(
  X: Float64Array, n: number, d: number, k: number, rng: Generator, weights?: Float64Array, nLocalTrials?: number,
): { centers: Float64Array; indices: number[] } {
  const w = weights ?? new Float64Array(n).fill(1);
  const trials = nLocalTrials ?? 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  const indices: number[] = [];
  // The first centre: a sample drawn with probability proportional to its weight.
  const cumW = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) cumW[i] = acc += w[i];
  let first = searchSorted(cumW, rng.random() * acc);
  while (w[first] === 0 && first < n - 1) first++;
  centers.set(X.subarray(first * d, first * d + d), 0);
  indices.push(first);
  // Squared distances by the expansion ‖x‖² + ‖y‖² − 2x·y, the dot products of all samples with
  // a batch of candidates as one gemm (as scikit-learn's euclidean_distances), clipped at 0.
  const xNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = i * d; f < (i + 1) * d; f++) s += X[f] * X[f];
    xNorm[i] = s;
  }
  const Ct = new Float64Array(d * trials); // (d, trials): the candidates as columns
  const dots = new Float64Array(n * trials); // (n, trials)
  const kernel = findKernel<KMeansDotsKernel>('kmeansDots', 'float64');
  const distancesTo = (ids: number[]): void => {
    const m = ids.length;
    ids.forEach((id, t) => { for (let f = 0; f < d; f++) Ct[f * m + t] = X[id * d + f]; });
    // kmeans.c's product when registered (the same sums, without packing X for gemm).
    if (kernel) kernel(X, n, d, Ct.subarray(0, d * m), m, dots.subarray(0, n * m));
    else gemm(X, Ct.subarray(0, d * m), dots.subarray(0, n * m), n, d, m);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < m; t++) dots[i * m + t] = Math.max(0, xNorm[i] + xNorm[ids[t]] - 2 * dots[i * m + t]);
    }
  };
  let closest = new Float64Array(n);
  let pot = 0;
  distancesTo([first]);
  for (let i = 0; i < n; i++) {
    closest[i] = dots[i];
    pot += w[i] * closest[i];
  }
  const cum = new Float64Array(n);
  let best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    acc = 0;
    for (let i = 0; i < n; i++) cum[i] = acc += w[i] * closest[i];
    const ids = Array.from({ length: trials }, () => searchSorted(cum, rng.random() * pot));
    distancesTo(ids);
    // The potential if each candidate joined the centres; the lowest wins (the first among equals).
    let bestPot = Infinity;
    let bestT = 0;
    for (let t = 0; t < trials; t++) {
      let p = 0;
      for (let i = 0; i < n; i++) p += w[i] * Math.min(closest[i], dots[i * trials + t]);
      if (p < bestPot) { bestPot = p; bestT = t; }
    }
    for (let i = 0; i < n; i++) best[i] = Math.min(closest[i], dots[i * trials + bestT]);
    [closest, best] = [best, closest];
    pot = bestPot;
    const bestId = ids[bestT];
    centers.set(X.subarray(bestId * d, bestId * d + d), c * d);
    indices.push(bestId);
  }
  return { centers, indices };
}
