/**
 * KMeans (sklearn.cluster.KMeans): minimize the within-cluster sum of squares
 * Σᵢ wᵢ‖xᵢ − c_{label(i)}‖² by Lloyd's or Elkan's algorithm from `nInit` seedings, keeping
 * the run with the lowest inertia. As in scikit-learn, X is centred before the runs (less
 * rounding in ‖x‖² − 2x·c), tol is relative to the data's mean variance, and an explicit
 * `init` array is run once.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { Clusterer, readWeights, seedOf } from './base.js';
import { kmeansPlusPlus, sqDist } from './kmeans-init.js';
import { assignLabels, kmeansElkan, kmeansLloyd, type KMeansRun } from './kmeans-single.js';

export interface KMeansParams {
  /** Number of clusters k. Default 8. */
  nClusters: number;
  /** 'k-means++' (greedy, scikit-learn's), 'random' (k distinct samples), or a (k, d) array of starting centres. */
  init: 'k-means++' | 'random' | number[][];
  /** Seedings to run, keeping the best; 'auto' is 1 for k-means++ or an array, 10 for 'random'. Default 10 (scikit-learn 1.2's). */
  nInit: number | 'auto';
  maxIter: number;
  /** Stop when the summed squared centre shift is below tol × the mean feature variance. Default 1e-4. */
  tol: number;
  /** 'lloyd' or 'elkan' (same result, fewer distance computations on well-separated clusters). */
  algorithm: 'lloyd' | 'elkan';
  randomState: number | null;
}

/** Parameters shared with MiniBatchKMeans. */
export const KMEANS_INIT_CONSTRAINT = C.custom("'k-means++', 'random' or an array of nClusters centres (number[][])", (v) =>
  v === 'k-means++' || v === 'random' || (Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number'))));

/**
 * k-means clustering.
 *
 * ```ts
 * const km = new KMeans({ nClusters: 2, randomState: 0 }).fit([[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]]);
 * km.clusterCenters_;          // [[10, 2], [1, 2]] (in some order)
 * km.predict([[0, 0], [12, 3]]); // the two different clusters
 * km.inertia_;                 // 16
 * ```
 */
export class KMeans extends Clusterer<KMeansParams> {
  static override readonly spec: EstimatorSpec<KMeansParams> = {
    name: 'KMeans',
    defaults: { nClusters: 8, init: 'k-means++', nInit: 10, maxIter: 300, tol: 1e-4, algorithm: 'lloyd', randomState: null },
    constraints: {
      nClusters: [C.integer({ min: 1 })],
      init: [KMEANS_INIT_CONSTRAINT],
      nInit: [C.integer({ min: 1 }), C.options('auto')],
      maxIter: [C.integer({ min: 1 })],
      tol: [C.number({ min: 0 })],
      algorithm: [C.options('lloyd', 'elkan')],
      randomState: [C.integer(), C.null],
    },
    tags: { estimatorType: 'clusterer' },
  };

  /** (k, d) centres. */
  declare clusterCenters_: number[][];
  /** Σ w‖x − c‖² of the training data to its centres. */
  declare inertia_: number;
  /** Iterations of the best run. */
  declare nIter_: number;

  /** Clusters X; `sampleWeight` weights each sample in the means and the inertia. */
  fit(X: MatrixLike, _y?: unknown, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const k = this.params.nClusters;
    if (M.rows < k) throw new Error(`KMeans: nSamples=${M.rows} should be >= nClusters=${k}. Use fewer clusters.`);
    const w = readWeights(sampleWeight, M.rows, this.estimatorName);
    const prep = prepare(M, this.params, this.estimatorName);
    const rng = new Generator(seedOf(this.params.randomState));
    const problem = { X: prep.X, n: M.rows, d: M.cols, k, w };
    const run = this.params.algorithm === 'elkan' ? kmeansElkan : kmeansLloyd;
    let best: KMeansRun | null = null;
    for (let r = 0; r < prep.nInit; r++) {
      const init = initialCenters(prep.X, M.rows, M.cols, k, this.params.init, rng, w, prep.mean);
      const res = run(problem, init, this.params.maxIter, prep.tol);
      // scikit-learn keeps the first run unless a later one is strictly better and a different clustering.
      if (best === null || (res.inertia < best.inertia && !sameClustering(res.labels, best.labels, k))) best = res;
    }
    const b = best!;
    this.clusterCenters_ = Array.from({ length: k }, (_, j) => Array.from({ length: M.cols }, (_, f) => b.centers[j * M.cols + f] + prep.mean[f]));
    this.labels_ = Array.from(b.labels);
    this.inertia_ = b.inertia;
    this.nIter_ = b.nIter;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** The nearest centre of each row. */
  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return nearestCenters(M, this.clusterCenters_);
  }

  /** Euclidean distance from each row to each centre: (n, k). */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const C = Float64Array.from(this.clusterCenters_.flat());
    return Array.from({ length: M.rows }, (_, i) => this.clusterCenters_.map((_, j) => Math.sqrt(sqDist(M.data, i, C, j, M.cols))));
  }

  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).transform(X);
  }

  /** Minus the inertia of X to the fitted centres (higher is better, as scikit-learn's score). */
  score(X: MatrixLike): number {
    const M = this.checkPredictInput(X);
    const labels = nearestCenters(M, this.clusterCenters_);
    const C = Float64Array.from(this.clusterCenters_.flat());
    let s = 0;
    for (let i = 0; i < M.rows; i++) s += sqDist(M.data, i, C, labels[i], M.cols);
    return -s;
  }
}

/** The nearest of `centers` for each row of M. */
export function nearestCenters(M: Matrix, centers: readonly number[][]): number[] {
  const labels = new Int32Array(M.rows);
  assignLabels({ X: M.data, n: M.rows, d: M.cols, k: centers.length, w: new Float64Array(0) }, Float64Array.from(centers.flat()), labels);
  return Array.from(labels);
}

/** Centred data, the mean taken out, tol scaled to the data, and the number of runs. */
export function prepare(M: Matrix, p: Pick<KMeansParams, 'init' | 'nInit' | 'tol' | 'nClusters'>, caller: string): { X: Float64Array; mean: Float64Array; tol: number; nInit: number } {
  const { rows: n, cols: d } = M;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += M.data[i * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const X = new Float64Array(n * d);
  let meanVar = 0;
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) X[i * d + f] = M.data[i * d + f] - mean[f];
  for (let f = 0; f < d; f++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * d + f] ** 2;
    meanVar += s / n;
  }
  meanVar /= d;
  let nInit = p.nInit === 'auto' ? (p.init === 'random' ? 10 : 1) : p.nInit;
  if (Array.isArray(p.init)) {
    if (p.init.length !== p.nClusters || p.init.some((r) => r.length !== d)) {
      throw new Error(`${caller}: init has shape (${p.init.length}, ${p.init[0]?.length ?? 0}) but should be (nClusters=${p.nClusters}, nFeatures=${d}).`);
    }
    nInit = 1; // scikit-learn runs an explicit init once (with a warning if nInit != 1)
  }
  return { X, mean, tol: meanVar * p.tol, nInit };
}

/** Starting centres (in the centred coordinates) for one run. */
export function initialCenters(
  X: Float64Array, n: number, d: number, k: number, init: KMeansParams['init'], rng: Generator, w: Float64Array, mean: Float64Array,
): Float64Array {
  if (Array.isArray(init)) return Float64Array.from(init.flatMap((r) => r.map((v, f) => v - mean[f])));
  if (init === 'random') {
    const perm = rng.permutation(n).slice(0, k);
    const C = new Float64Array(k * d);
    perm.forEach((i, j) => C.set(X.subarray(i * d, i * d + d), j * d));
    return C;
  }
  return kmeansPlusPlus(X, n, d, k, rng, w).centers;
}

/** Whether two labelings are the same partition with renamed clusters (scikit-learn's _is_same_clustering). */
function sameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const map = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    if (map[a[i]] === -1) map[a[i]] = b[i];
    else if (map[a[i]] !== b[i]) return false;
  }
  return true;
}
