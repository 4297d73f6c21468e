/**
 * BIRCH (Zhang, Ramakrishnan & Livny, "BIRCH: an efficient data clustering method for very
 * large databases", SIGMOD 1996), as sklearn.cluster.Birch. One pass over the data builds a
 * clustering-feature tree (./birch-tree.ts) whose leaves hold small subclusters; their
 * centroids are then clustered globally (agglomerative ward into `nClusters`), and each
 * sample gets the label of its nearest leaf centroid. `partialFit` feeds more rows into the
 * same tree, as scikit-learn's partial_fit.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { encodeValue, type EstimatorJSON } from '../base/serialize.js';
import { C, validateParams } from '../base/constraints.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { AgglomerativeClustering } from './agglomerative.js';
import { Clusterer } from './base.js';
import { dot, insertSample, leafCentroids, newTree, rowNorm, treeFromJSON, treeToJSON, type CFTree, type CFTreeJSON } from './birch-tree.js';

export interface BirchParams {
  /** Largest radius of a leaf subcluster. Default 0.5. */
  threshold: number;
  /** Most subclusters in a node. Default 50. */
  branchingFactor: number;
  /** Clusters of the global step (agglomerative ward); null keeps the leaf subclusters as the clusters. Default 3. */
  nClusters: number | null;
  /** Label the training samples (labels_). Default true. */
  computeLabels: boolean;
}


/**
 * BIRCH clustering: a CF tree in one pass, then a global clustering of its leaves.
 *
 * ```ts
 * const X = [[0, 1], [0.3, 1], [-0.3, 1], [0, -1], [0.3, -1], [-0.3, -1]];
 * const brc = new Birch({ nClusters: null }).fit(X);
 * brc.subclusterCenters_;   // [[0, 1], [0, -1]]
 * brc.predict([[0.1, 0.9]]); // [0]
 * ```
 */
export class Birch extends Clusterer<BirchParams> {
  static override readonly spec: EstimatorSpec<BirchParams> = {
    name: 'Birch',
    defaults: { threshold: 0.5, branchingFactor: 50, nClusters: 3, computeLabels: true },
    constraints: {
      threshold: [C.number({ min: 0, minExclusive: true })],
      branchingFactor: [C.integer({ min: 2 })],
      nClusters: [C.null, C.integer({ min: 1 })],
      computeLabels: [C.boolean],
    },
    tags: { estimatorType: 'clusterer' },
  };

  /** (nSubclusters, d): the centroids of the leaf subclusters, leaf by leaf. */
  declare subclusterCenters_: number[][];
  /** The global cluster of each leaf subcluster. */
  declare subclusterLabels_: number[];

  /** The live CF tree that `partialFit` continues (saved as plain data by `toJSON`). */
  private tree: CFTree | null = null;

  fit(X: MatrixLike): this {
    this.beginFit();
    this.tree = null;
    return this.grow(checkArray(X, { caller: this.estimatorName }));
  }

  /**
   * Feeds more rows into the tree built so far (a new one on the first call), then redoes the
   * global step; `labels_` are this batch's labels. With no X, only the global step runs on
   * the current subclusters, e.g. after `setParams({ nClusters })` (scikit-learn's
   * `partial_fit()`). Rows fed in batches give the same tree as one `fit` on all of them.
   *
   * ```ts
   * const brc = new Birch({ nClusters: 3 });
   * for (const batch of batches) brc.partialFit(batch);
   * brc.setParams({ nClusters: 5 }).partialFit();   // regroup the same subclusters
   * ```
   */
  partialFit(X?: MatrixLike): this {
    validateParams(this.estimatorName, this.params, this.spec.constraints);
    if (X === undefined) {
      this.checkIsFitted();
      this.globalClustering();
      return this;
    }
    const M = checkArray(X, { caller: this.estimatorName });
    if (this.tree !== null) this.checkNFeatures(M);
    return this.grow(M);
  }

  /** Inserts M's rows into the tree (a new one when there is none), then the global step and labels. */
  private grow(M: Matrix): this {
    const { threshold, branchingFactor, computeLabels } = this.params;
    const o = { threshold, branchingFactor };
    const d = M.cols;
    this.tree ??= newTree(d, o);
    for (let i = 0; i < M.rows; i++) insertSample(this.tree, M.data.subarray(i * d, (i + 1) * d), o);
    this.subclusterCenters_ = leafCentroids(this.tree);
    this.nFeaturesIn_ = d;
    this.globalClustering();
    this.labels_ = computeLabels ? this.nearest(M).map((k) => this.subclusterLabels_[k]) : [];
    return this;
  }

  /** Agglomerative ward on the leaf centroids; with fewer subclusters than nClusters (or none asked) each is its own cluster. */
  private globalClustering(): void {
    const { nClusters } = this.params;
    const centers = this.subclusterCenters_;
    this.subclusterLabels_ = nClusters === null || centers.length < nClusters
      ? centers.map((_, k) => k)
      : new AgglomerativeClustering({ nClusters }).fitPredict(centers);
  }

  /** Also saves the CF tree, so a loaded model can go on with `partialFit`. */
  override toJSON(): EstimatorJSON {
    const json = super.toJSON();
    if (json.fitted && this.tree) json.fitted.cfTree_ = encodeValue(treeToJSON(this.tree), 'Birch.cfTree_');
    return json;
  }

  override restoreFitted(fitted: Record<string, unknown>): this {
    const { cfTree_: tree, ...rest } = fitted;
    super.restoreFitted(rest);
    this.tree = tree ? treeFromJSON(tree as CFTreeJSON) : null;
    return this;
  }

  /** The global cluster of each row: the label of its nearest leaf subcluster. */
  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return this.nearest(M).map((k) => this.subclusterLabels_[k]);
  }

  /** Euclidean distance from each row to each leaf subcluster centroid, (n, nSubclusters). */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const C = this.subclusterCenters_;
    return Array.from({ length: M.rows }, (_, i) => C.map((c) => {
      let s = 0;
      for (let j = 0; j < M.cols; j++) s += (M.data[i * M.cols + j] - c[j]) ** 2;
      return Math.sqrt(s);
    }));
  }

  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).transform(X);
  }

  /**
   * Index of the nearest subcluster centroid for each row, the first on ties, by
   * (‖x‖² − 2x·c) + ‖c‖² as scikit-learn's pairwise_distances_argmin sums it (‖x‖² by ddot,
   * ‖c‖² by row_norms).
   */
  private nearest(M: Matrix): number[] {
    const C = this.subclusterCenters_.map((c) => Float64Array.from(c));
    const norms = C.map(rowNorm);
    return Array.from({ length: M.rows }, (_, i) => {
      const x = M.data.subarray(i * M.cols, (i + 1) * M.cols);
      const xn = dot(x, x);
      let best = 0;
      let bestV = Infinity;
      C.forEach((c, k) => {
        const v = xn - 2 * dot(c, x) + norms[k];
        if (v < bestV) { bestV = v; best = k; }
      });
      return best;
    });
  }
}
