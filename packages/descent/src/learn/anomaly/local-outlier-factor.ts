/**
 * Local outlier factor (Breunig, Kriegel, Ng & Sander, "LOF: identifying density-based local
 * outliers", SIGMOD 2000): a point is an outlier when its neighbourhood is much sparser than
 * its neighbours' neighbourhoods.
 */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { NearestNeighbors } from '../neighbors/nearest-neighbors.js';
import { SEARCH_CONSTRAINTS, SEARCH_DEFAULTS, type SearchParams } from '../neighbors/base.js';
import { CONTAMINATION_CONSTRAINT, labelsFrom, percentile, type Contamination } from './common.js';

export interface LocalOutlierFactorParams extends SearchParams {
  /** k: the neighbourhood size (capped at n − 1). Default 20. */
  nNeighbors: number;
  /** Expected fraction of outliers, setting `offset_`; 'auto' (default) uses offset −1.5 (LOF 1.5). */
  contamination: Contamination;
  /**
   * false (default): outlier detection on the training data only (`fitPredict`,
   * `negativeOutlierFactor_`). true: novelty detection, scoring new rows with
   * `scoreSamples`, `decisionFunction` and `predict`.
   */
  novelty: boolean;
}

/**
 * With k-distance d_k(o) the distance from o to its k-th neighbour,
 * reach-dist(p, o) = max(d(p, o), d_k(o)), lrd(p) = 1 / mean_{o ∈ N_k(p)} reach-dist(p, o),
 * and LOF(p) = mean_{o ∈ N_k(p)} lrd(o) / lrd(p): about 1 inside a cluster, large for
 * outliers. As in scikit-learn, `negativeOutlierFactor_` is −LOF (higher is more normal).
 *
 * ```ts
 * const lof = new LocalOutlierFactor({ nNeighbors: 2 });
 * lof.fitPredict([[0], [0.1], [0.2], [5]]);  // [1, 1, 1, -1]
 * lof.negativeOutlierFactor_;                // the last is far below −1
 * ```
 */
export class LocalOutlierFactor extends BaseEstimator<LocalOutlierFactorParams> {
  static override readonly spec: EstimatorSpec<LocalOutlierFactorParams> = {
    name: 'LocalOutlierFactor',
    defaults: { nNeighbors: 20, contamination: 'auto', novelty: false, ...SEARCH_DEFAULTS },
    constraints: { nNeighbors: [C.integer({ min: 1 })], contamination: CONTAMINATION_CONSTRAINT, novelty: [C.boolean], ...SEARCH_CONSTRAINTS },
    tags: { estimatorType: 'outlierDetector' },
  };

  /** −LOF of each training sample. */
  declare negativeOutlierFactor_: Float64Array;
  /** Decision threshold on −LOF: −1.5 for contamination 'auto', else its percentile. */
  declare offset_: number;
  /** The neighbourhood size used: min(nNeighbors, n − 1). */
  declare nNeighbors_: number;
  /** Local reachability density of each training sample. */
  declare lrd_: Float64Array;
  /** Each training sample's k-distance (distance to its k-th neighbour, itself excluded). */
  declare kDistance_: Float64Array;
  /** The neighbour index over the training data. */
  declare neighbors_: NearestNeighbors;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const { nNeighbors, contamination, algorithm, leafSize, p, metric } = this.params;
    const n = M.rows;
    if (n < 2) throw new Error(`${this.estimatorName}: needs at least 2 samples; got ${n}.`);
    const k = Math.max(1, Math.min(nNeighbors, n - 1));
    const nn = new NearestNeighbors({ algorithm, leafSize, p, metric, nNeighbors: k }).fit(rowsOf(M.data, n, M.cols));
    const { distances, indices } = nn.kneighbors(null, k);
    const kDistance = Float64Array.from(distances, (d) => d[k - 1]);
    const lrd = reachDensity(distances, indices, kDistance);
    this.neighbors_ = nn;
    this.nNeighbors_ = k;
    this.kDistance_ = kDistance;
    this.lrd_ = lrd;
    this.negativeOutlierFactor_ = Float64Array.from(indices, (idx, i) => -mean(idx.map((j) => lrd[j] / lrd[i])));
    this.offset_ = contamination === 'auto' ? -1.5 : percentile(this.negativeOutlierFactor_, 100 * contamination);
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** Fits and labels the training samples: +1 inlier, −1 outlier (−LOF below `offset_`). Outlier detection only (novelty false). */
  fitPredict(X: MatrixLike): number[] {
    if (this.params.novelty) throw new Error(`${this.estimatorName}: fitPredict is not available with novelty: true; use fit(X).predict(Xnew) to score new data.`);
    this.fit(X);
    return Array.from(this.negativeOutlierFactor_, (s) => (s < this.offset_ ? -1 : 1));
  }

  override supports(method: string): boolean {
    if (['predict', 'decisionFunction', 'scoreSamples'].includes(method)) return this.params.novelty;
    if (method === 'fitPredict') return !this.params.novelty;
    return super.supports(method);
  }

  private checkNovelty(method: string): void {
    if (!this.params.novelty) {
      throw new Error(`${this.estimatorName}: ${method} is only available for novelty detection (novelty: true). For outliers in the training data use fitPredict and negativeOutlierFactor_.`);
    }
  }

  /** −LOF of new rows against the training data (higher is more normal). Novelty mode. */
  scoreSamples(X: MatrixLike): number[] {
    this.checkNovelty('scoreSamples');
    const M = this.checkPredictInput(X);
    const { distances, indices } = this.neighbors_.kneighbors(rowsOf(M.data, M.rows, M.cols), this.nNeighbors_);
    const lrdX = reachDensity(distances, indices, this.kDistance_);
    return indices.map((idx, i) => -mean(idx.map((j) => this.lrd_[j] / lrdX[i])));
  }

  /** `scoreSamples(X) − offset_`: negative for outliers. Novelty mode. */
  decisionFunction(X: MatrixLike): number[] {
    this.checkNovelty('decisionFunction');
    return this.scoreSamples(X).map((s) => s - this.offset_);
  }

  /** +1 inlier, −1 outlier for new rows. Novelty mode. */
  predict(X: MatrixLike): number[] {
    this.checkNovelty('predict');
    return labelsFrom(this.decisionFunction(X));
  }
}

function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

function rowsOf(data: Float64Array, n: number, d: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d)));
}

/** lrd(p) = 1 / (mean_o max(d(p, o), d_k(o)) + 1e-10); the 1e-10 (scikit-learn's) keeps duplicates finite. */
function reachDensity(distances: number[][], indices: number[][], kDistance: Float64Array): Float64Array {
  return Float64Array.from(indices, (idx, i) => 1 / (mean(idx.map((j, r) => Math.max(distances[i][r], kDistance[j]))) + 1e-10));
}
