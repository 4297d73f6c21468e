/**
 * KBinsDiscretizer: each feature cut into bins, as sklearn.preprocessing.KBinsDiscretizer
 * (1.2) cuts it, with equal widths ('uniform'), equal counts ('quantile'), or at the
 * midpoints between 1-D k-means centres ('kmeans'), then encoded as bin numbers or one-hot.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { columnValues } from './common.js';
import { linspace, percentile } from '../base/quantiles.js';

export interface KBinsDiscretizerParams {
  /** Bins per feature: one integer ≥ 2 for all, or one per feature. Default 5. */
  nBins: number | number[];
  /**
   * 'onehot' (default) and 'onehot-dense': one 0/1 column per bin (both dense here; sklearn's
   * 'onehot' is a sparse matrix); 'ordinal': the bin number.
   */
  encode: 'onehot' | 'onehot-dense' | 'ordinal';
  /** 'quantile' (default: equal counts), 'uniform' (equal widths) or 'kmeans' (1-D k-means). */
  strategy: 'uniform' | 'quantile' | 'kmeans';
}

/**
 * Lloyd's k-means on one feature, started from the given centres, as sklearn's KMeans
 * (n_init=1, max_iter=300, tol=1e-4 scaled by the variance) runs it: assign each value to
 * its nearest centre (the lower one on ties), move centres to their means, stop when no
 * assignment changes or the squared centre shift is within tolerance. An empty cluster is
 * re-seeded with the value farthest from its centre, as sklearn relocates empty clusters.
 */
export function kmeans1d(x: readonly number[], init: readonly number[], maxIter = 300, tol = 1e-4): number[] {
  const n = x.length;
  const k = init.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const tolerance = (x.reduce((a, v) => a + (v - mean) ** 2, 0) / n) * tol;
  let centers = [...init];
  let labels: Int32Array = new Int32Array(n).fill(-1);
  const assign = (c: number[]): Int32Array => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (Math.abs(x[i] - c[j]) < Math.abs(x[i] - c[best])) best = j;
      out[i] = best;
    }
    return out;
  };
  for (let it = 0; it < maxIter; it++) {
    const next = assign(centers);
    const sums = new Array<number>(k).fill(0);
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      sums[next[i]] += x[i];
      counts[next[i]]++;
    }
    const empty = counts.flatMap((c, j) => (c === 0 ? [j] : []));
    if (empty.length > 0) {
      const far = Array.from({ length: n }, (_, i) => i).sort((a, b) => (x[b] - centers[next[b]]) ** 2 - (x[a] - centers[next[a]]) ** 2);
      empty.forEach((j, e) => {
        const i = far[e];
        sums[next[i]] -= x[i];
        counts[next[i]]--;
        sums[j] = x[i];
        counts[j] = 1;
      });
    }
    const moved = sums.map((s, j) => (counts[j] > 0 ? s / counts[j] : centers[j]));
    const shift = moved.reduce((a, c, j) => a + (c - centers[j]) ** 2, 0);
    centers = moved;
    const same = next.every((v, i) => v === labels[i]);
    labels = next;
    if (same || shift <= tolerance) break;
  }
  return centers;
}

/**
 * ```ts
 * const kb = new KBinsDiscretizer({ nBins: 3, encode: 'ordinal', strategy: 'uniform' }).fit([[0], [3], [6], [9]]);
 * kb.binEdges_;             // [[0, 3, 6, 9]]
 * kb.transform([[4], [9]]); // [[1], [2]]
 * ```
 */
export class KBinsDiscretizer extends Transformer<KBinsDiscretizerParams> {
  static override readonly spec: EstimatorSpec<KBinsDiscretizerParams> = {
    name: 'KBinsDiscretizer',
    defaults: { nBins: 5, encode: 'onehot', strategy: 'quantile' },
    constraints: {
      nBins: [C.integer({ min: 2 }), C.custom('an array of integers >= 2, one per feature', (v) => Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 2))],
      encode: [C.options('onehot', 'onehot-dense', 'ordinal')],
      strategy: [C.options('uniform', 'quantile', 'kmeans')],
    },
  };

  /** Per feature, the bin edges (nBins_[j] + 1 values; [−∞, ∞] for a constant feature). */
  declare binEdges_: number[][];
  /** Bins per feature after removing empty or too-narrow bins. */
  declare nBins_: number[];

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const { strategy } = this.params;
    const wanted = typeof this.params.nBins === 'number' ? new Array<number>(M.cols).fill(this.params.nBins) : this.params.nBins;
    if (wanted.length !== M.cols) throw new Error(`KBinsDiscretizer: nBins has ${wanted.length} entries but X has ${M.cols} features; give one per feature.`);
    this.binEdges_ = [];
    this.nBins_ = [];
    for (let j = 0; j < M.cols; j++) {
      const col = columnValues(M, j);
      const sorted = Float64Array.from(col).sort();
      const lo = sorted[0];
      const hi = sorted[sorted.length - 1];
      if (lo === hi) {
        // A constant feature gets one bin covering everything (sklearn warns and does this).
        this.binEdges_.push([-Infinity, Infinity]);
        this.nBins_.push(1);
        continue;
      }
      let edges: number[];
      if (strategy === 'uniform') edges = linspace(lo, hi, wanted[j]);
      else if (strategy === 'quantile') edges = linspace(0, 100, wanted[j]).map((q) => percentile(sorted, q));
      else {
        const uniform = linspace(lo, hi, wanted[j]);
        const init = uniform.slice(1).map((e, b) => (e + uniform[b]) * 0.5);
        const centers = kmeans1d(col, init).sort((a, b) => a - b);
        edges = [lo, ...centers.slice(1).map((c, b) => (c + centers[b]) * 0.5), hi];
      }
      if (strategy !== 'uniform') {
        // Bins narrower than 1e-8 (repeated quantiles, merged centres) are dropped, as in sklearn.
        edges = edges.filter((e, b) => b === 0 || e - edges[b - 1] > 1e-8);
      }
      this.binEdges_.push(edges);
      this.nBins_.push(edges.length - 1);
    }
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** Bin number of each value: the count of inner edges ≤ it (NumPy's searchsorted, side right). */
  private bins(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return Array.from({ length: M.rows }, (_, i) => this.binEdges_.map((edges, j) => {
      const v = M.data[i * M.cols + j];
      let b = 0;
      for (let e = 1; e < edges.length - 1; e++) if (v >= edges[e]) b = e;
      return b;
    }));
  }

  transform(X: MatrixLike): number[][] {
    const bins = this.bins(X);
    if (this.params.encode === 'ordinal') return bins;
    return bins.map((row) => row.flatMap((b, j) => Array.from({ length: this.nBins_[j] }, (_, c) => (c === b ? 1 : 0))));
  }

  /** Each bin back to its centre (the midpoint of its edges). */
  inverseTransform(X: MatrixLike): number[][] {
    this.checkIsFitted();
    const M = checkArray(X, { caller: this.estimatorName });
    const width = this.params.encode === 'ordinal' ? this.nFeaturesIn_ : this.nBins_.reduce((a, b) => a + b, 0);
    if (M.cols !== width) throw new Error(`KBinsDiscretizer.inverseTransform: expected ${width} columns, got ${M.cols}.`);
    return Array.from({ length: M.rows }, (_, i) => {
      let offset = 0;
      return this.binEdges_.map((edges, j) => {
        let b: number;
        if (this.params.encode === 'ordinal') b = M.data[i * M.cols + j];
        else {
          b = 0;
          for (let c = 1; c < this.nBins_[j]; c++) if (M.data[i * M.cols + offset + c] > M.data[i * M.cols + offset + b]) b = c;
          offset += this.nBins_[j];
        }
        if (!Number.isInteger(b) || b < 0 || b >= this.nBins_[j]) throw new Error(`KBinsDiscretizer.inverseTransform: ${b} is not a bin of feature ${j} (0..${this.nBins_[j] - 1}).`);
        return (edges[b] + edges[b + 1]) * 0.5;
      });
    });
  }

  /** Output names: the input names for 'ordinal', "x0_0", "x0_1", ... (feature_bin) for one-hot. */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    const names = inputFeatures ?? Array.from({ length: this.nFeaturesIn_ }, (_, j) => `x${j}`);
    if (this.params.encode === 'ordinal') return [...names];
    return this.nBins_.flatMap((n, j) => Array.from({ length: n }, (_, b) => `${names[j]}_${b}`));
  }
}
