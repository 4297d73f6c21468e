/**
 * The k-means assignment passes (learn/cluster/kmeans-single.ts `assignLabels`, and Elkan's
 * in `kmeansElkan`), the cluster sums of the M-step (`updateCenters`) and k-means++'s
 * candidate dot products (kmeans-init.ts) through kmeans.c: the samples, and the
 * centres as zero-padded columns with their squared norms, copied into WebAssembly memory,
 * one call, the labels and cluster sums copied out. They equal the JavaScript loops' (on
 * the wasm matmul) bit for bit (kmeans.c says why), so a fit gives the same clustering
 * whichever runs.
 */
import type { Kernel } from '../../backend.js';
import { copyIn, heapViews, slots, type WasmContext } from './context.js';

/**
 * Writes into `labels` (n) the nearest of the k centres (k, d) to each row of X (n, d), ties
 * to the lower index. With `sums`, also each cluster's Σ w·x into `sums.out` (k, d) and Σ w
 * into `sums.weight` (k), w the sample weights (read only then).
 */
export type KMeansAssignKernel = (
  X: Float64Array, w: Float64Array, n: number, d: number, k: number, centers: Float64Array, labels: Int32Array,
  sums?: { out: Float64Array; weight: Float64Array },
) => void;

/** Each cluster's Σ w·x into `out` (k, d) and Σ w into `weight` (k), from the labels (n) of X (n, d), samples in order. */
export type KMeansSumsKernel = (X: Float64Array, w: Float64Array, labels: Int32Array, n: number, d: number, k: number, out: Float64Array, weight: Float64Array) => void;

/**
 * One assignment pass of Elkan's algorithm: `labels`, `upper` (n) and `lower` (n, k) updated
 * in place from the centres (k, d), `half` (k, k: half the distance between each two
 * centres) and `next` (k: half the distance of each to its nearest other). With `sums`, also
 * each cluster's Σ w·x and Σ w for the new labels.
 */
export type KMeansElkanKernel = (
  X: Float64Array, w: Float64Array, n: number, d: number, k: number, centers: Float64Array, half: Float64Array, next: Float64Array,
  labels: Int32Array, upper: Float64Array, lower: Float64Array, sums?: { out: Float64Array; weight: Float64Array },
) => void;

/** out (n, m) = X (n, d) · Ct (d, m), each element summed as the wasm matmul sums it (k-means++'s candidate distances). */
export type KMeansDotsKernel = (X: Float64Array, n: number, d: number, Ct: Float64Array, m: number, out: Float64Array) => void;

interface KMeansExports {
  kmeans_dots_f64(X: number, n: number, d: number, Ct: number, kp: number, m: number, out: number, dot: number): void;
  kmeans_elkan_f64(X: number, w: number, n: number, d: number, k: number, C: number, half: number, next: number, labels: number, upper: number, lower: number, sums: number, weight: number): void;
  kmeans_sums_f64(X: number, w: number, labels: number, n: number, d: number, k: number, sums: number, weight: number): void;
  kmeans_assign_f64(X: number, w: number, n: number, d: number, k: number, kp: number, Ct: number, cnorm: number, dot: number, labels: number, sums: number, weight: number): void;
}

export function kmeansKernels(ctx: WasmContext, backend: string, priority: number): Kernel[] {
  const c = ctx.exports as unknown as KMeansExports;
  const assign: KMeansAssignKernel = (X, w, n, d, k, centers, labels, sums) => {
    const kp = (k + 1) & ~1; // centres in pairs, an odd k padded with a zero column
    const s = sums ? 1 : 0;
    const { at: [px, pw, pct, pcn, pdot, pl, ps, pwt], buffer } = slots(ctx, [8 * n * d, 8 * n * s, 8 * d * kp, 8 * k, 16 * kp, 4 * n, 8 * k * d * s, 8 * k * s]);
    const { f64, i32 } = heapViews(buffer);
    copyIn(f64, px / 8, X, 0, n * d);
    if (sums) copyIn(f64, pw / 8, w, 0, n);
    const ct = pct / 8, cn = pcn / 8;
    f64.fill(0, ct, ct + d * kp);
    for (let j = 0; j < k; j++) {
      let sq = 0;
      for (let f = 0; f < d; f++) {
        const v = centers[j * d + f];
        sq += v * v;
        f64[ct + f * kp + j] = v;
      }
      f64[cn + j] = sq;
    }
    c.kmeans_assign_f64(px, pw, n, d, k, kp, pct, pcn, pdot, pl, sums ? ps : 0, pwt);
    labels.set(i32.subarray(pl / 4, pl / 4 + n));
    if (sums) {
      sums.out.set(f64.subarray(ps / 8, ps / 8 + k * d));
      sums.weight.set(f64.subarray(pwt / 8, pwt / 8 + k));
    }
  };
  const sums: KMeansSumsKernel = (X, w, labels, n, d, k, out, weight) => {
    const { at: [px, pw, pl, ps, pwt], buffer } = slots(ctx, [8 * n * d, 8 * n, 4 * n, 8 * k * d, 8 * k]);
    const { f64, i32 } = heapViews(buffer);
    copyIn(f64, px / 8, X, 0, n * d);
    copyIn(f64, pw / 8, w, 0, n);
    i32.set(labels, pl / 4);
    c.kmeans_sums_f64(px, pw, pl, n, d, k, ps, pwt);
    out.set(f64.subarray(ps / 8, ps / 8 + k * d));
    weight.set(f64.subarray(pwt / 8, pwt / 8 + k));
  };
  const elkan: KMeansElkanKernel = (X, w, n, d, k, centers, half, next, labels, upper, lower, sums) => {
    const s = sums ? 1 : 0;
    const { at: [px, pw, pc, ph, pn, pl, pu, plo, ps, pwt], buffer } = slots(ctx, [8 * n * d, 8 * n * s, 8 * k * d, 8 * k * k, 8 * k, 4 * n, 8 * n, 8 * n * k, 8 * k * d * s, 8 * k * s]);
    const { f64, i32 } = heapViews(buffer);
    copyIn(f64, px / 8, X, 0, n * d);
    if (sums) copyIn(f64, pw / 8, w, 0, n);
    copyIn(f64, pc / 8, centers, 0, k * d);
    copyIn(f64, ph / 8, half, 0, k * k);
    copyIn(f64, pn / 8, next, 0, k);
    i32.set(labels, pl / 4);
    copyIn(f64, pu / 8, upper, 0, n);
    copyIn(f64, plo / 8, lower, 0, n * k);
    c.kmeans_elkan_f64(px, pw, n, d, k, pc, ph, pn, pl, pu, plo, sums ? ps : 0, pwt);
    labels.set(i32.subarray(pl / 4, pl / 4 + n));
    upper.set(f64.subarray(pu / 8, pu / 8 + n));
    lower.set(f64.subarray(plo / 8, plo / 8 + n * k));
    if (sums) {
      sums.out.set(f64.subarray(ps / 8, ps / 8 + k * d));
      sums.weight.set(f64.subarray(pwt / 8, pwt / 8 + k));
    }
  };
  const dots: KMeansDotsKernel = (X, n, d, Ct, m, out) => {
    const kp = (m + 1) & ~1;
    const { at: [px, pct, po, pdot], buffer } = slots(ctx, [8 * n * d, 8 * d * kp, 8 * n * m, 16 * kp]);
    const { f64 } = heapViews(buffer);
    copyIn(f64, px / 8, X, 0, n * d);
    const ct = pct / 8;
    if (kp === m) copyIn(f64, ct, Ct, 0, d * m);
    else for (let f = 0; f < d; f++) { for (let j = 0; j < m; j++) f64[ct + f * kp + j] = Ct[f * m + j]; f64[ct + f * kp + m] = 0; }
    c.kmeans_dots_f64(px, n, d, pct, kp, m, po, pdot);
    out.set(f64.subarray(po / 8, po / 8 + n * m));
  };
  return [
    { op: 'kmeansDots', backend, dtypes: ['float64'], priority, fn: dots },
    { op: 'kmeansAssign', backend, dtypes: ['float64'], priority, fn: assign },
    { op: 'kmeansElkan', backend, dtypes: ['float64'], priority, fn: elkan },
    { op: 'kmeansSums', backend, dtypes: ['float64'], priority, fn: sums },
  ];
}
