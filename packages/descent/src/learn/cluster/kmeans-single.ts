/**
 * One run of k-means from given centres, by Lloyd's algorithm or by Elkan's, as
 * scikit-learn's `_kmeans_single_lloyd` and `_kmeans_single_elkan`: the same stopping rule
 * (labels unchanged, or the squared centre shift summed over centres ≤ tol), the same
 * relocation of empty clusters (each takes the sample farthest from its centre), and a
 * final assignment so that labels match the returned centres.
 *
 * Lloyd (1957/1982): assign each sample to its nearest centre, move each centre to the
 * (weighted) mean of its samples, repeat. Elkan ("Using the triangle inequality to
 * accelerate k-means", ICML 2003) gives the same assignments but skips most distance
 * computations: an upper bound on each sample's distance to its centre and a lower bound
 * on its distance to every other centre, both kept valid by the triangle inequality as
 * centres move, rule most centres out without computing anything.
 */
import { gemm } from '../../linalg/matrix.js';
import { findKernel } from '../../tensor/backend.js';
import type { KMeansAssignKernel, KMeansElkanKernel, KMeansSumsKernel } from '../../tensor/backends/wasm/kmeans.js';
import { sqDist } from './kmeans-init.js';

export interface KMeansRun {
  labels: Int32Array;
  centers: Float64Array;
  inertia: number;
  nIter: number;
}

interface Problem { X: Float64Array; n: number; d: number; k: number; w: Float64Array }

/** The sum over samples of w·‖x − c_label‖². */
export function inertiaOf(p: Problem, centers: Float64Array, labels: Int32Array): number {
  let s = 0;
  for (let i = 0; i < p.n; i++) s += p.w[i] * sqDist(p.X, i, centers, labels[i], p.d);
  return s;
}

/**
 * Nearest centre of every sample (ties to the lower index), written into `labels`.
 *
 * ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖², and ‖x‖² is the same for every c, so the argmin is that of
 * ‖c‖² − 2x·c: all the dot products at once are one matrix product X·Cᵀ (n, k), run by `gemm`
 * (the blocked kernel, or WebAssembly when registered) as scikit-learn runs BLAS in
 * _update_chunk_dense. The loop it replaces: dist[i][j] = ‖c_j‖² − 2·Σ_f x[i][f]·c[j][f].
 */
export function assignLabels(p: Problem, centers: Float64Array, labels: Int32Array, sums?: ClusterSums): void {
  // The registered kernel (kmeans.c under WebAssembly SIMD: the same numbers without the
  // (n, k) product in between) when there is one.
  const kernel = findKernel<KMeansAssignKernel>('kmeansAssign', 'float64');
  if (kernel) kernel(p.X, p.w, p.n, p.d, p.k, centers, labels, sums);
  else assignLabelsGemm(p, centers, labels, sums);
}

/** assignLabels in JavaScript around `gemm`: the reference the registered kernels must equal. */
export function assignLabelsGemm(p: Problem, centers: Float64Array, labels: Int32Array, sums?: ClusterSums): void {
  const { X, n, d, k } = p;
  const cNorm = new Float64Array(k);
  const Ct = new Float64Array(d * k); // (d, k)
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      const v = centers[j * d + f];
      s += v * v;
      Ct[f * k + j] = v;
    }
    cNorm[j] = s;
  }
  // Blocks of 256 rows (as scikit-learn's chunks): the (rows, k) product stays small, and
  // when the cluster sums are wanted too they are added while the block is still in cache.
  const block = Math.max(1, Math.min(n, 256));
  if (sums) { sums.out.fill(0); sums.weight.fill(0); }
  const dots = new Float64Array(block * k);
  for (let i0 = 0; i0 < n; i0 += block) {
    const rows = Math.min(block, n - i0);
    gemm(X.subarray(i0 * d, (i0 + rows) * d), Ct, dots.subarray(0, rows * k), rows, d, k);
    for (let r = 0; r < rows; r++) {
      let best = 0;
      let bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const dist = cNorm[j] - 2 * dots[r * k + j];
        if (dist < bestD) { bestD = dist; best = j; }
      }
      labels[i0 + r] = best;
    }
    if (sums) {
      const { out, weight } = sums;
      for (let i = i0; i < i0 + rows; i++) {
        const o = labels[i] * d;
        const a = i * d;
        const wi = p.w[i];
        weight[labels[i]] += wi;
        for (let f = 0; f < d; f++) out[o + f] += wi * X[a + f];
      }
    }
  }
}

/** Per-cluster Σ w·x (k, d) and Σ w (k), filled by assignLabels in the same pass as the labels. */
export interface ClusterSums { out: Float64Array; weight: Float64Array }

/**
 * The M-step: weighted means of each cluster into `out`, empty clusters relocated to the
 * samples farthest from their centres (scikit-learn's _relocate_empty_clusters_dense).
 * Returns the shift ‖new − old‖ of each centre.
 */
export function updateCenters(p: Problem, old: Float64Array, labels: Int32Array, out: Float64Array, summed?: ClusterSums): Float64Array {
  const { X, n, d, k, w } = p;
  // Sums already taken by assignLabels (then `out` is summed.out), or taken here (by
  // kmeans.c when registered: the same loop, the same sums).
  const weight = summed ? summed.weight : new Float64Array(k);
  const kernel = summed ? undefined : findKernel<KMeansSumsKernel>('kmeansSums', 'float64');
  if (kernel) kernel(X, w, labels, n, d, k, out, weight);
  else if (!summed) {
    out.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      const wi = w[i];
      weight[l] += wi;
      const o = l * d;
      const a = i * d;
      for (let f = 0; f < d; f++) out[o + f] += wi * X[a + f];
    }
  }
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (weight[j] === 0) empty.push(j);
  if (empty.length > 0) {
    const dist = Array.from({ length: n }, (_, i) => sqDist(X, i, old, labels[i], d));
    // The farthest samples first; among equals the later index first, as argpartition then reversal tends to give.
    const far = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b] - dist[a] || b - a).slice(0, empty.length);
    empty.forEach((j, e) => {
      const i = far[e];
      const from = labels[i];
      for (let f = 0; f < d; f++) {
        out[from * d + f] -= w[i] * X[i * d + f];
        out[j * d + f] = w[i] * X[i * d + f];
      }
      weight[j] = w[i];
      weight[from] -= w[i];
    });
  }
  const shift = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      if (weight[j] > 0) out[j * d + f] /= weight[j];
      s += (out[j * d + f] - old[j * d + f]) ** 2;
    }
    shift[j] = Math.sqrt(s);
  }
  return shift;
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lloyd's algorithm from `init` (k, d). */
export function kmeansLloyd(p: Problem, init: Float64Array, maxIter: number, tol: number): KMeansRun {
  let centers = init.slice();
  let next = new Float64Array(init.length);
  const labels = new Int32Array(p.n).fill(-1);
  const old = new Int32Array(p.n).fill(-1);
  let strict = false;
  let it = 0;
  const weight = new Float64Array(p.k);
  for (; it < maxIter; it++) {
    assignLabels(p, centers, labels, { out: next, weight });
    const shift = updateCenters(p, centers, labels, next, { out: next, weight });
    [centers, next] = [next, centers];
    if (sameLabels(labels, old)) { strict = true; break; }
    let total = 0;
    for (const s of shift) total += s * s;
    if (total <= tol) break;
    old.set(labels);
  }
  if (!strict) assignLabels(p, centers, labels);
  return { labels, centers, inertia: inertiaOf(p, centers, labels), nIter: Math.min(it + 1, maxIter) };
}

/** Half the distance between every pair of centres, and for each centre half the distance to its nearest other. */
function centerHalfDistances(c: Float64Array, k: number, d: number): { half: Float64Array; next: Float64Array } {
  const half = new Float64Array(k * k);
  const next = new Float64Array(k).fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const h = Math.sqrt(sqDist(c, a, c, b, d)) / 2;
      half[a * k + b] = half[b * k + a] = h;
      if (h < next[a]) next[a] = h;
      if (h < next[b]) next[b] = h;
    }
  }
  if (k === 1) next[0] = 0;
  return { half, next };
}

/** Elkan's algorithm from `init` (k, d): Lloyd's iterations with most distances skipped by bounds. */
export function kmeansElkan(p: Problem, init: Float64Array, maxIter: number, tol: number): KMeansRun {
  const { X, n, d, k } = p;
  let centers = init.slice();
  let nextCenters = new Float64Array(init.length);
  const labels = new Int32Array(n).fill(-1);
  const old = new Int32Array(n).fill(-1);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  const dist = (i: number, j: number) => Math.sqrt(sqDist(X, i, centers, j, d));
  let { half, next } = centerHalfDistances(centers, k, d);
  // Initial bounds: skip centre j when the current best is within half the distance between them.
  for (let i = 0; i < n; i++) {
    let best = 0;
    let min = dist(i, 0);
    lower[i * k] = min;
    for (let j = 1; j < k; j++) {
      if (min > half[best * k + j]) {
        const dj = dist(i, j);
        lower[i * k + j] = dj;
        if (dj < min) { min = dj; best = j; }
      }
    }
    labels[i] = best;
    upper[i] = min;
  }
  // The pass in kmeans.c when registered (the same tests and distances), which also takes
  // the M-step's cluster sums while each sample is at hand.
  const kernel = findKernel<KMeansElkanKernel>('kmeansElkan', 'float64');
  const weight = new Float64Array(k);
  const assign = (sums?: ClusterSums) => {
    if (kernel) return kernel(X, p.w, n, d, k, centers, half, next, labels, upper, lower, sums);
    for (let i = 0; i < n; i++) {
      let label = labels[i];
      let ub = upper[i];
      if (next[label] >= ub) continue; // no other centre can be nearer
      let tight = false;
      for (let j = 0; j < k; j++) {
        if (j === label || ub <= lower[i * k + j] || ub <= half[j * k + label]) continue;
        if (!tight) {
          ub = dist(i, label);
          lower[i * k + label] = ub;
          tight = true;
        }
        if (ub > lower[i * k + j] || ub > half[label * k + j]) {
          const dj = dist(i, j);
          lower[i * k + j] = dj;
          if (dj < ub) { label = j; ub = dj; }
        }
      }
      labels[i] = label;
      upper[i] = ub;
    }
  };
  let strict = false;
  let it = 0;
  for (; it < maxIter; it++) {
    let shift: Float64Array;
    if (kernel) {
      assign({ out: nextCenters, weight });
      shift = updateCenters(p, centers, labels, nextCenters, { out: nextCenters, weight });
    } else {
      assign();
      shift = updateCenters(p, centers, labels, nextCenters);
    }
    // Centres moved by shift[j]: the bounds stay valid if loosened by as much.
    for (let i = 0; i < n; i++) {
      upper[i] += shift[labels[i]];
      for (let j = 0; j < k; j++) lower[i * k + j] = Math.max(0, lower[i * k + j] - shift[j]);
    }
    [centers, nextCenters] = [nextCenters, centers];
    ({ half, next } = centerHalfDistances(centers, k, d));
    if (sameLabels(labels, old)) { strict = true; break; }
    let total = 0;
    for (const s of shift) total += s * s;
    if (total <= tol) break;
    old.set(labels);
  }
  if (!strict) assign();
  return { labels, centers, inertia: inertiaOf(p, centers, labels), nIter: Math.min(it + 1, maxIter) };
}
