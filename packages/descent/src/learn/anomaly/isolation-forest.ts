/**
 * Isolation forest (Liu, Ting & Zhou, "Isolation Forest", ICDM 2008): random axis-aligned
 * cuts isolate an outlier in few steps, so a short average path from the root to a
 * sample's leaf means anomalous. Scores follow scikit-learn's `IsolationForest`.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { CONTAMINATION_CONSTRAINT, OutlierDetector, percentile, type Contamination } from './common.js';

export interface IsolationForestParams {
  /** Number of isolation trees. Default 100. */
  nEstimators: number;
  /** Samples drawn (without replacement) per tree: 'auto' = min(256, n), a fraction in (0, 1] of n, or a count >= 2. */
  maxSamples: 'auto' | number;
  /** Expected fraction of outliers, setting `offset_`; 'auto' (default) uses −0.5 as in the paper. */
  contamination: Contamination;
  /**
   * Features drawn per tree: a fraction in (0, 1] of them or a count >= 2. Default 1, all of
   * them (scikit-learn's 1.0; JavaScript has one number type, so 1 means the fraction).
   */
  maxFeatures: number;
  /** Draw each tree's samples with replacement. Default false. */
  bootstrap: boolean;
  randomState: number | null;
}

/** One isolation tree in flat arrays: node i splits on feature[i] at threshold[i], or is a leaf (feature −1) holding size[i] samples. */
export interface IsolationTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  size: Int32Array;
  /** The features this tree was grown on (indices into X's columns). */
  features: Int32Array;
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n) = 2·H(n − 1) − 2(n − 1)/n, the average path length of an unsuccessful search in a
 * binary search tree of n points, with H(i) ≈ ln i + γ (Liu et al., eq. 1); c(1) = 0, c(2) = 1.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/**
 * Anomaly score s(x) = 2^(−E[h(x)] / c(ψ)), with h(x) the depth of x's leaf plus c(leaf
 * size) for the points a depth-limited leaf did not isolate, and ψ the subsample size.
 * `scoreSamples` returns −s (higher is more normal), as scikit-learn does.
 *
 * ```ts
 * const iso = new IsolationForest({ randomState: 0 }).fit(X);
 * iso.predict(X);        // +1 inliers, −1 outliers
 * iso.scoreSamples(X);   // around −0.5 for normal points, toward −1 for anomalies
 * ```
 */
export class IsolationForest extends OutlierDetector<IsolationForestParams> {
  static override readonly spec: EstimatorSpec<IsolationForestParams> = {
    name: 'IsolationForest',
    defaults: { nEstimators: 100, maxSamples: 'auto', contamination: 'auto', maxFeatures: 1, bootstrap: false, randomState: null },
    constraints: {
      nEstimators: [C.integer({ min: 1 })],
      maxSamples: [C.options('auto'), C.number({ min: 0, max: 1, minExclusive: true }), C.integer({ min: 2 })],
      contamination: CONTAMINATION_CONSTRAINT,
      maxFeatures: [C.number({ min: 0, max: 1, minExclusive: true }), C.integer({ min: 2 })],
      bootstrap: [C.boolean],
      randomState: [C.null, C.integer({ min: 0 })],
    },
    tags: { estimatorType: 'outlierDetector' },
  };

  declare estimators_: IsolationTree[];
  /** The subsample size ψ each tree saw. */
  declare maxSamples_: number;
  /** Threshold on `scoreSamples`: −0.5 for contamination 'auto', else its percentile on the training data. */
  declare offset_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const n = M.rows;
    const { maxSamples, maxFeatures, nEstimators, bootstrap, randomState } = this.params;
    let psi: number;
    if (maxSamples === 'auto') psi = Math.min(256, n);
    else if (maxSamples > 1) psi = Math.min(maxSamples, n); // more than n: scikit-learn warns and uses n
    else psi = Math.max(1, Math.trunc(maxSamples * n));
    const nf = maxFeatures > 1 ? Math.min(maxFeatures, M.cols) : Math.max(1, Math.trunc(maxFeatures * M.cols));
    const depthLimit = Math.ceil(Math.log2(Math.max(psi, 2)));
    const rng = new Generator(randomState ?? Math.floor(Math.random() * 2 ** 31));
    const trees: IsolationTree[] = [];
    for (let t = 0; t < nEstimators; t++) {
      const rows = bootstrap ? Array.from({ length: psi }, () => rng.integers(0, n)) : rng.permutation(n).slice(0, psi);
      const features = nf === M.cols ? Array.from({ length: M.cols }, (_, j) => j) : rng.permutation(M.cols).slice(0, nf).sort((a, b) => a - b);
      trees.push(growTree(M, rows, features, depthLimit, rng));
    }
    this.estimators_ = trees;
    this.maxSamples_ = psi;
    this.nFeaturesIn_ = M.cols;
    this.offset_ = -0.5;
    if (this.params.contamination !== 'auto') this.offset_ = percentile(this.scoreMatrix(M), 100 * this.params.contamination);
    return this;
  }

  /** −s(x): the opposite of the anomaly score, so that higher means more normal. */
  scoreSamples(X: MatrixLike): number[] {
    return this.scoreMatrix(this.checkPredictInput(X));
  }

  private scoreMatrix(M: Matrix): number[] {
    const cPsi = averagePathLength(this.maxSamples_);
    const out: number[] = [];
    for (let i = 0; i < M.rows; i++) {
      const row = M.data.subarray(i * M.cols, (i + 1) * M.cols);
      let depthSum = 0;
      for (const tree of this.estimators_) depthSum += pathLength(tree, row);
      out.push(-(2 ** (-depthSum / (this.estimators_.length * cPsi))));
    }
    return out;
  }
}

/**
 * Grows one tree on `rows`: each node picks a random feature that is not constant on its
 * samples and cuts uniformly between their min and max, until a node holds one sample,
 * all its features are constant, or the depth reaches ⌈log₂ ψ⌉ (the average height).
 */
function growTree(M: Matrix, rows: number[], features: number[], depthLimit: number, rng: Generator): IsolationTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const size: number[] = [];
  const d = M.cols;
  const build = (idx: number[], depth: number): number => {
    const node = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    size.push(idx.length);
    if (idx.length <= 1 || depth >= depthLimit) return node;
    // Draw features without replacement until one varies on this node (scikit-learn's random splitter).
    const order = rng.permutation(features.length);
    for (const f of order) {
      const j = features[f];
      let lo = Infinity;
      let hi = -Infinity;
      for (const i of idx) {
        const v = M.data[i * d + j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (!(hi > lo)) continue;
      let cut = lo + rng.random() * (hi - lo);
      if (cut >= hi) cut = lo; // rounding: keep both sides non-empty
      const l = idx.filter((i) => M.data[i * d + j] <= cut);
      const r = idx.filter((i) => M.data[i * d + j] > cut);
      feature[node] = j;
      threshold[node] = cut;
      const ln = build(l, depth + 1);
      const rn = build(r, depth + 1);
      left[node] = ln;
      right[node] = rn;
      return node;
    }
    return node;
  };
  build(rows, 0);
  return {
    feature: Int32Array.from(feature), threshold: Float64Array.from(threshold), left: Int32Array.from(left),
    right: Int32Array.from(right), size: Int32Array.from(size), features: Int32Array.from(features),
  };
}

/** Edges from the root to x's leaf, plus c(leaf size) for the samples that leaf left unseparated. */
function pathLength(tree: IsolationTree, x: Float64Array): number {
  let node = 0;
  let depth = 0;
  while (tree.feature[node] >= 0) {
    node = x[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    depth++;
  }
  return depth + averagePathLength(tree.size[node]);
}
