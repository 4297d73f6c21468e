/**
 * MeanShift (sklearn.cluster.MeanShift; Comaniciu & Meer, "Mean shift: a robust approach
 * toward feature space analysis", IEEE PAMI 24(5), 2002): every seed climbs to a mode of
 * the data's density by moving, again and again, to the mean of the samples within
 * `bandwidth` of it (a flat kernel). Modes reached from many seeds are the cluster
 * centres; near-duplicates (closer than the bandwidth) are merged, keeping the one with
 * more samples around it, and each sample joins its nearest centre.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { NearestNeighbors } from '../neighbors/nearest-neighbors.js';
import { Clusterer } from './base.js';
import { sqDist } from './kmeans-init.js';
import { nearestCenters } from './kmeans.js';

export interface MeanShiftParams {
  /** Radius of the flat kernel; null estimates it with `estimateBandwidth` (quantile 0.3). Default null. */
  bandwidth: number | null;
  /** Starting points; null starts from every sample (or the bins with `binSeeding`). Default null. */
  seeds: number[][] | null;
  /** Start from one point per occupied grid cell of side `bandwidth` instead of every sample. Default false. */
  binSeeding: boolean;
  /** With binSeeding, cells need at least this many samples. Default 1. */
  minBinFreq: number;
  /** Label every sample (true) or mark those farther than the bandwidth from every centre −1. Default true. */
  clusterAll: boolean;
  maxIter: number;
}

/**
 * The bandwidth scikit-learn's MeanShift uses when none is given: the mean, over samples,
 * of the distance to the ⌊quantile·n⌋-th nearest sample (the sample itself counting as the first).
 *
 * ```ts
 * estimateBandwidth([[0], [1], [2], [3]], { quantile: 0.5 });   // 1: each point's 2nd nearest (itself first) is 1 away
 * ```
 */
export function estimateBandwidth(X: MatrixLike, options: { quantile?: number } = {}): number {
  const M = checkArray(X, { caller: 'estimateBandwidth' });
  const k = Math.max(1, Math.floor(M.rows * (options.quantile ?? 0.3)));
  const shaped = { data: M.data, shape: [M.rows, M.cols] };
  const { distances } = new NearestNeighbors({ nNeighbors: k, algorithm: 'brute' }).fit(shaped).kneighbors(shaped);
  return distances.reduce((s, row) => s + Math.max(...row), 0) / M.rows;
}

/** NumPy's round: halves go to the even neighbour. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Mean-shift clustering with a flat kernel.
 *
 * ```ts
 * const ms = new MeanShift({ bandwidth: 2 }).fit([[1, 1], [2, 1], [1, 0], [4, 7], [3, 5], [3, 6]]);
 * ms.clusterCenters_;   // [[3.33, 6], [1.33, 0.67]]
 * ms.labels_;           // [1, 1, 1, 0, 0, 0]
 * ```
 */
export class MeanShift extends Clusterer<MeanShiftParams> {
  static override readonly spec: EstimatorSpec<MeanShiftParams> = {
    name: 'MeanShift',
    defaults: { bandwidth: null, seeds: null, binSeeding: false, minBinFreq: 1, clusterAll: true, maxIter: 300 },
    constraints: {
      bandwidth: [C.number({ min: 0, minExclusive: true }), C.null],
      seeds: [C.null, C.custom('an array of points (number[][])', (v) => Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number')))],
      binSeeding: [C.boolean],
      minBinFreq: [C.integer({ min: 1 })],
      clusterAll: [C.boolean],
      maxIter: [C.integer({ min: 0 })],
    },
    tags: { estimatorType: 'clusterer' },
  };

  declare clusterCenters_: number[][];
  /** Most iterations any seed took. */
  declare nIter_: number;
  declare bandwidth_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const { rows: n, cols: d } = M;
    const bandwidth = this.params.bandwidth ?? estimateBandwidth({ data: M.data, shape: [n, d] });
    if (!(bandwidth > 0)) throw new Error('MeanShift: the estimated bandwidth is 0 (many identical samples). Give a bandwidth > 0.');
    const seeds = this.seedsFor(M, bandwidth);
    const nn = new NearestNeighbors({ radius: bandwidth, algorithm: 'brute' }).fit({ data: M.data, shape: [n, d] });
    // Climb from every seed; identical modes from different seeds collapse into one entry.
    const modes = new Map<string, { center: number[]; count: number }>();
    let maxIter = 0;
    for (const seed of seeds) {
      let mean = seed;
      let count = 0;
      let it = 0;
      for (;;) {
        const idx = nn.radiusNeighbors([mean], bandwidth).indices[0];
        if (idx.length === 0) break;
        const old = mean;
        mean = new Array<number>(d).fill(0);
        for (const i of idx) for (let f = 0; f < d; f++) mean[f] += M.data[i * d + f];
        for (let f = 0; f < d; f++) mean[f] /= idx.length;
        count = idx.length;
        const shift = Math.sqrt(old.reduce((s, v, f) => s + (v - mean[f]) ** 2, 0));
        if (shift < 1e-3 * bandwidth || it === this.params.maxIter) break;
        it++;
      }
      maxIter = Math.max(maxIter, it);
      if (count > 0) modes.set(mean.join(','), { center: mean, count });
    }
    if (modes.size === 0) {
      throw new Error(`MeanShift: no point was within bandwidth=${bandwidth} of any seed. Increase the bandwidth or start from the samples (seeds: null).`);
    }
    // Most-visited modes first (ties: larger coordinates first, as Python's tuple order); drop modes within a bandwidth of a kept one.
    const sorted = [...modes.values()].sort((a, b) => b.count - a.count || compareTuples(b.center, a.center));
    const flat = Float64Array.from(sorted.flatMap((m) => m.center));
    const unique = sorted.map(() => true);
    for (let i = 0; i < sorted.length; i++) {
      if (!unique[i]) continue;
      for (let j = 0; j < sorted.length; j++) if (Math.sqrt(sqDist(flat, i, flat, j, d)) <= bandwidth) unique[j] = false;
      unique[i] = true;
    }
    const centers = sorted.filter((_, i) => unique[i]).map((m) => m.center);
    const labels = nearestCenters(M, centers);
    if (!this.params.clusterAll) {
      const C = Float64Array.from(centers.flat());
      labels.forEach((l, i) => { if (Math.sqrt(sqDist(M.data, i, C, l, d)) > bandwidth) labels[i] = -1; });
    }
    this.clusterCenters_ = centers;
    this.labels_ = labels;
    this.nIter_ = maxIter;
    this.bandwidth_ = bandwidth;
    this.nFeaturesIn_ = d;
    return this;
  }

  private seedsFor(M: Matrix, bandwidth: number): number[][] {
    const d = M.cols;
    const rows = () => Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * d, (i + 1) * d)));
    if (this.params.seeds) {
      if (this.params.seeds.some((s) => s.length !== d)) throw new Error(`MeanShift: every seed needs ${d} coordinates, as X has.`);
      return this.params.seeds;
    }
    if (!this.params.binSeeding) return rows();
    // One seed per grid cell of side `bandwidth` holding at least minBinFreq samples (scikit-learn's get_bin_seeds, float32 and all).
    const bins = new Map<string, { cell: number[]; count: number }>();
    for (let i = 0; i < M.rows; i++) {
      const cell = Array.from(M.data.subarray(i * d, (i + 1) * d), (v) => roundHalfEven(v / bandwidth));
      const key = cell.join(',');
      const b = bins.get(key);
      if (b) b.count++;
      else bins.set(key, { cell, count: 1 });
    }
    const kept = [...bins.values()].filter((b) => b.count >= this.params.minBinFreq);
    if (kept.length === M.rows) return rows();
    return kept.map((b) => b.cell.map((c) => Math.fround(Math.fround(c) * Math.fround(bandwidth))));
  }

  /** The nearest centre of each row. */
  predict(X: MatrixLike): number[] {
    return nearestCenters(this.checkPredictInput(X), this.clusterCenters_);
  }
}

function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
