/**
 * k-means++ seeding (Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding",
 * SODA 2007) in scikit-learn's greedy form: each new centre is the best of 2 + ⌊ln k⌋
 * candidates drawn with probability proportional to w·D(x)² (the squared distance to the
 * nearest centre chosen so far), "best" meaning the one that lowers the total potential most.
 */
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
  let closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(X, i, centers, 0, d);
    pot += w[i] * closest[i];
  }
  const cum = new Float64Array(n);
  let cand = new Float64Array(n);
  let best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    acc = 0;
    for (let i = 0; i < n; i++) cum[i] = acc += w[i] * closest[i];
    let bestPot = Infinity;
    let bestId = -1;
    for (let t = 0; t < trials; t++) {
      const id = searchSorted(cum, rng.random() * pot);
      // The potential if this candidate joined the centres.
      let p = 0;
      for (let i = 0; i < n; i++) {
        const dist = Math.min(closest[i], sqDist(X, i, X, id, d));
        cand[i] = dist;
        p += w[i] * dist;
      }
      if (p < bestPot) {
        bestPot = p;
        bestId = id;
        [best, cand] = [cand, best];
      }
    }
    [closest, best] = [best, closest];
    pot = bestPot;
    centers.set(X.subarray(bestId * d, bestId * d + d), c * d);
    indices.push(bestId);
  }
  return { centers, indices };
}
