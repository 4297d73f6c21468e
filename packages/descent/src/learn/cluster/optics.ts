/**
 * OPTICS (Ankerst, Breunig, Kriegel & Sander, "OPTICS: ordering points to identify the
 * clustering structure", SIGMOD 1999), as sklearn.cluster.OPTICS. Instead of one DBSCAN
 * radius it orders the samples so that each comes after the dense region that reaches it,
 * and records for each its reachability distance
 *
 *   reach(o) = min over processed p of max(coreDist(p), d(p, o)),
 *
 * where coreDist(p) is the distance to p's minSamples-th nearest neighbour (itself
 * counted). Valleys in the reachability plot are clusters at every density at once; they are
 * cut out either at a fixed radius (`clusterMethod: 'dbscan'`, DBSCAN's labels for any eps
 * ≤ maxEps) or by steepness (`'xi'`, the paper's ξ-steep areas with the corrections of
 * Schubert & Gertz, LWDA 2018, as scikit-learn has them). The extraction is in
 * optics-extract.ts.
 *
 * Like scikit-learn's, the main loop is O(n²): each step takes the unprocessed sample with the
 * smallest reachability (the lowest index on ties) and relaxes its neighbours within maxEps.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { SEARCH_CONSTRAINTS, type SearchParams } from '../neighbors/base.js';
import { resolveMetric } from '../neighbors/distance.js';
import { Clusterer } from './base.js';
import { clusterOpticsDbscan, clusterOpticsXi } from './optics-extract.js';

export interface OPTICSParams extends SearchParams {
  /** Samples in a neighbourhood (itself included) for a core sample: an integer > 1, or a fraction of n in (0, 1]. Default 5. */
  minSamples: number;
  /** Largest neighbourhood radius considered; Infinity (default) finds clusters at every scale. */
  maxEps: number;
  /** 'xi' (default): clusters from steep areas of the reachability plot; 'dbscan': cut the plot at `eps`. */
  clusterMethod: 'xi' | 'dbscan';
  /** Radius for 'dbscan' extraction; null uses maxEps. */
  eps: number | null;
  /** Minimum relative steepness of a cluster boundary, in (0, 1). Default 0.05. */
  xi: number;
  /** Trim 'xi' clusters using the predecessors (Schubert & Gertz 2018). Default true. */
  predecessorCorrection: boolean;
  /** Fewest samples in a 'xi' cluster: an integer > 1, a fraction of n, or null for minSamples. */
  minClusterSize: number | null;
}

/** An integer > 1 or a fraction in (0, 1]. */
const countOrFraction = C.custom('an integer > 1 or a number in (0, 1]', (v) => typeof v === 'number' && ((Number.isInteger(v) && v > 1) || (v > 0 && v <= 1)));

/** scikit-learn resolves a fraction as max(2, ⌊f·n⌋). */
function resolveCount(v: number, n: number, name: string, caller: string): number {
  if (v > n) throw new Error(`${caller}: ${name} must be no greater than the number of samples (${n}). Got ${v}; lower ${name} or give more samples.`);
  return v <= 1 ? Math.max(2, Math.floor(v * n)) : v;
}

/** NumPy's `np.around(x, 15)`: scikit-learn rounds distances so that ties compare equal. */
function around15(x: number): number {
  if (!Number.isFinite(x)) return x;
  const y = x * 1e15;
  let r = Math.round(y);
  if (r - y === 0.5 && r % 2 !== 0) r -= 1; // round half to even, as np.rint
  return r / 1e15;
}

/**
 * Density-based clustering at every scale through an ordering of the samples.
 *
 * ```ts
 * const X = [[1, 2], [2, 5], [3, 6], [8, 7], [8, 8], [7, 3]];
 * const op = new OPTICS({ minSamples: 2 }).fit(X);
 * op.labels_;                         // [0, 0, 0, 1, 1, 1], as scikit-learn
 * op.ordering_;                       // [0, 1, 2, 5, 3, 4]
 * op.reachability_[op.ordering_[1]];  // 3.1623 = √10, the reachability plot's second bar
 * ```
 */
export class OPTICS extends Clusterer<OPTICSParams> {
  static override readonly spec: EstimatorSpec<OPTICSParams> = {
    name: 'OPTICS',
    defaults: {
      minSamples: 5, maxEps: Infinity, clusterMethod: 'xi', eps: null, xi: 0.05, predecessorCorrection: true, minClusterSize: null,
      metric: 'minkowski', algorithm: 'auto', leafSize: 30, p: 2,
    },
    constraints: {
      minSamples: [countOrFraction],
      maxEps: [C.number({ min: 0 })],
      clusterMethod: [C.options('xi', 'dbscan')],
      eps: [C.null, C.number({ min: 0 })],
      xi: [C.number({ min: 0, max: 1 })],
      predecessorCorrection: [C.boolean],
      minClusterSize: [C.null, countOrFraction],
      ...SEARCH_CONSTRAINTS,
    },
    tags: { estimatorType: 'clusterer' },
  };

  /** Sample indices in the order OPTICS visited them. */
  declare ordering_: number[];
  /** Reachability distance of each sample (by sample index; Infinity for each seed point). */
  declare reachability_: number[];
  /** Distance to each sample's minSamples-th neighbour (Infinity beyond maxEps). */
  declare coreDistances_: number[];
  /** The sample each was reached from (−1 for seeds). */
  declare predecessor_: number[];
  /** With 'xi': every cluster found, as [start, end] positions in `ordering_` (inclusive), nested ones first. */
  declare clusterHierarchy_: [number, number][];

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const p = this.params;
    const n = M.rows;
    const d = M.cols;
    const minSamples = resolveCount(p.minSamples, n, 'minSamples', this.estimatorName);
    const eps = p.eps ?? p.maxEps;
    if (p.clusterMethod === 'dbscan' && eps > p.maxEps) {
      throw new Error(`${this.estimatorName}: eps (${eps}) must not exceed maxEps (${p.maxEps}); lower eps or raise maxEps.`);
    }
    const metric = resolveMetric(p.metric, p.p);
    const data = metric.prepare(M.data, n, d);
    const dist = (i: number, j: number) => metric.toDist(metric.rdist(data, i, data, j, d));

    // Core distances: the minSamples-th smallest distance from each sample, itself (0) included.
    const core = new Float64Array(n);
    const row = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) row[j] = dist(i, j);
      const kth = quickselect(row, minSamples - 1);
      core[i] = around15(kth > p.maxEps ? Infinity : kth);
    }

    const reach = new Float64Array(n).fill(Infinity);
    const pred = new Int32Array(n).fill(-1);
    const processed = new Uint8Array(n);
    const ordering: number[] = [];
    for (let step = 0; step < n; step++) {
      // The unprocessed sample with the smallest reachability; the lowest index on ties (Infinity too).
      let point = -1;
      for (let j = 0; j < n; j++) if (!processed[j] && (point < 0 || reach[j] < reach[point])) point = j;
      processed[point] = 1;
      ordering.push(point);
      if (core[point] === Infinity) continue;
      // Relax the unprocessed neighbours within maxEps (inclusive, as a radius query).
      for (let j = 0; j < n; j++) {
        if (processed[j]) continue;
        const dj = dist(point, j);
        if (!(dj <= p.maxEps)) continue;
        const r = around15(Math.max(dj, core[point]));
        if (r < reach[j]) {
          reach[j] = r;
          pred[j] = point;
        }
      }
    }
    this.ordering_ = ordering;
    this.reachability_ = Array.from(reach);
    this.coreDistances_ = Array.from(core);
    this.predecessor_ = Array.from(pred);
    if (p.clusterMethod === 'xi') {
      const minClusterSize = resolveCount(p.minClusterSize ?? minSamples, n, 'minClusterSize', this.estimatorName);
      const { labels, clusters } = clusterOpticsXi(this.reachability_, this.predecessor_, ordering, minSamples, minClusterSize, p.xi, p.predecessorCorrection);
      this.labels_ = labels;
      this.clusterHierarchy_ = clusters;
    } else {
      this.labels_ = clusterOpticsDbscan(this.reachability_, this.coreDistances_, ordering, eps);
    }
    this.nFeaturesIn_ = d;
    return this;
  }
}

/** The k-th smallest entry (0-based) of a, reordering a (Hoare's selection, expected O(n)). */
function quickselect(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i]; a[i] = a[j]; a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
