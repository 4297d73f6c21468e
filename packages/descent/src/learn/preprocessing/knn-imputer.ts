/**
 * KNNImputer: each missing value filled with the mean of that feature over the k nearest
 * training rows that have it (sklearn.impute.KNNImputer, Troyanskaya et al. 2001).
 *
 * Distances are NaN-euclidean, over the coordinates both rows have, scaled up for the
 * ones missing: d(x, y) = √(p / |present| · Σ_present (xⱼ − yⱼ)²), with p the number of
 * features; NaN when the rows share no coordinate. A value is imputed from the training rows
 * that have that feature ("donors"), nearest first; donors at NaN distance come last.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { encodeValue, type EstimatorJSON } from '../base/serialize.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { neighborWeights, WEIGHTS_CONSTRAINT, type Weights } from '../neighbors/base.js';

/**
 * The NaN-euclidean distance between row i of A and row j of B (sklearn's
 * `nan_euclidean_distances`): NaN coordinates in either row are left out and the squared
 * sum scaled by p / (coordinates used).
 *
 * ```ts
 * nanEuclidean(Float64Array.of(3, NaN, NaN, 6), 0, Float64Array.of(1, NaN, 4, 5), 0, 4); // √(4/2 · (4 + 1)) = 3.1623
 * ```
 */
export function nanEuclidean(A: Float64Array, i: number, B: Float64Array, j: number, d: number): number {
  let s = 0;
  let present = 0;
  for (let k = 0; k < d; k++) {
    const a = A[i * d + k];
    const b = B[j * d + k];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    s += (a - b) * (a - b);
    present++;
  }
  return present === 0 ? NaN : Math.sqrt((s / present) * d);
}

export interface KNNImputerParams {
  /** Donors averaged per missing value. Default 5. */
  nNeighbors: number;
  /** 'uniform' (default), 'distance' (1/d), or a function of the donors' distances. */
  weights: Weights;
  /** Keep features with no observed value in fit (filled with 0) instead of dropping them. Default false. */
  keepEmptyFeatures: boolean;
}

/**
 * ```ts
 * new KNNImputer({ nNeighbors: 2 }).fitTransform([[1, 2, NaN], [3, 4, 3], [NaN, 6, 5], [8, 8, 7]]);
 * // [[1, 2, 4], [3, 4, 3], [5.5, 6, 5], [8, 8, 7]]   (sklearn's documented example)
 * ```
 */
export class KNNImputer extends Transformer<KNNImputerParams> {
  static override readonly spec: EstimatorSpec<KNNImputerParams> = {
    name: 'KNNImputer',
    defaults: { nNeighbors: 5, weights: 'uniform', keepEmptyFeatures: false },
    constraints: { nNeighbors: [C.integer({ min: 1 })], weights: WEIGHTS_CONSTRAINT, keepEmptyFeatures: [C.boolean] },
    tags: { allowNaN: true },
  };

  /** Features with at least one observed training value (the others are dropped or zeroed). */
  declare validFeatures_: boolean[];

  /**
   * The training rows (donors), row-major with NaN for missing values: private, like
   * sklearn's `_fit_X` (it is the data, in the caller's order, not something learned), but
   * saved by `toJSON` under `trainingSet`.
   */
  private fitX: Float64Array | null = null;

  fit(X: MatrixLike): this {
    this.beginFit();
    this.fitX = null;
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    this.fitX = M.data;
    this.validFeatures_ = Array.from({ length: M.cols }, (_, j) => {
      for (let i = 0; i < M.rows; i++) if (!Number.isNaN(M.data[i * M.cols + j])) return true;
      return false;
    });
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  transform(X: MatrixLike): number[][] {
    this.checkIsFitted();
    const M: Matrix = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    this.checkNFeatures(M);
    const d = M.cols;
    const F = this.fitX!;
    const nFit = F.length / d;
    const out = Float64Array.from(M.data);
    for (let i = 0; i < M.rows; i++) {
      let anyMissing = false;
      for (let j = 0; j < d; j++) if (Number.isNaN(M.data[i * d + j])) anyMissing = true;
      if (!anyMissing) continue;
      // Distances from this row (as given, before any imputation) to every training row.
      const dist = Float64Array.from({ length: nFit }, (_, t) => nanEuclidean(M.data, i, F, t, d));
      for (let j = 0; j < d; j++) {
        if (!Number.isNaN(M.data[i * d + j]) || !this.validFeatures_[j]) continue;
        const donors: number[] = [];
        for (let t = 0; t < nFit; t++) if (!Number.isNaN(F[t * d + j])) donors.push(t);
        if (donors.every((t) => Number.isNaN(dist[t]))) {
          // No donor shares a coordinate with this row: the feature's training mean.
          out[i * d + j] = donors.reduce((s, t) => s + F[t * d + j], 0) / donors.length;
          continue;
        }
        // Nearest donors first; NaN distances last (NumPy's order); equal distances by index.
        donors.sort((a, b) => {
          const da = dist[a];
          const db = dist[b];
          if (Number.isNaN(da) || Number.isNaN(db)) return Number.isNaN(da) ? (Number.isNaN(db) ? a - b : 1) : -1;
          return da - db || a - b;
        });
        const chosen = donors.slice(0, Math.min(this.params.nNeighbors, donors.length));
        const dists = chosen.map((t) => dist[t]);
        const w = neighborWeights([dists], this.params.weights)?.[0].map((v) => (Number.isNaN(v) ? 0 : v)) ?? chosen.map(() => 1);
        let num = 0;
        let den = 0;
        chosen.forEach((t, k) => {
          num += w[k] * F[t * d + j];
          den += w[k];
        });
        out[i * d + j] = num / den;
      }
    }
    const keep = this.validFeatures_.map((v, j) => (v || this.params.keepEmptyFeatures ? j : -1)).filter((j) => j >= 0);
    return Array.from({ length: M.rows }, (_, i) => keep.map((j) => (this.validFeatures_[j] ? out[i * d + j] : 0)));
  }

  override toJSON(): EstimatorJSON {
    const json = super.toJSON();
    if (json.fitted && this.fitX) json.fitted.trainingSet = encodeValue(this.fitX, 'KNNImputer.trainingSet');
    return json;
  }

  override restoreFitted(fitted: Record<string, unknown>): this {
    const { trainingSet, ...rest } = fitted;
    if (!(trainingSet instanceof Float64Array)) throw new Error('This saved KNNImputer has no trainingSet: it was not written by toJSON.');
    super.restoreFitted(rest);
    this.fitX = Float64Array.from(trainingSet);
    return this;
  }
}
