/** EllipticEnvelope: outliers are far, in robust Mahalanobis distance, from a Gaussian fitted by MCD. */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { OutlierDetector, percentile } from './common.js';
import { mahalanobis, minCovDet } from './min-cov-det.js';

export interface EllipticEnvelopeParams {
  /** Fraction of samples in the raw MCD support; null (default) for ⌈(n + d + 1)/2⌉, the most robust. */
  supportFraction: number | null;
  /** Expected fraction of outliers; sets `offset_`. Default 0.1. */
  contamination: number;
  randomState: number | null;
}

/**
 * Fits a robust location and covariance by the minimum covariance determinant (FAST-MCD,
 * corrected and reweighted as scikit-learn's `MinCovDet`), and flags the points whose squared
 * Mahalanobis distance is in the top `contamination` fraction of the training data. Suits
 * roughly Gaussian, unimodal inliers.
 *
 * ```ts
 * const env = new EllipticEnvelope({ contamination: 0.05, randomState: 0 }).fit(X);
 * env.predict(X);           // +1 inliers, −1 the 5% farthest from the robust centre
 * env.mahalanobis(Xnew);    // squared robust distances
 * ```
 */
export class EllipticEnvelope extends OutlierDetector<EllipticEnvelopeParams> {
  static override readonly spec: EstimatorSpec<EllipticEnvelopeParams> = {
    name: 'EllipticEnvelope',
    defaults: { supportFraction: null, contamination: 0.1, randomState: null },
    constraints: {
      supportFraction: [C.null, C.number({ min: 0, max: 1, minExclusive: true })],
      contamination: [C.number({ min: 0, max: 0.5, minExclusive: true })],
      randomState: [C.null, C.integer({ min: 0 })],
    },
    tags: { estimatorType: 'outlierDetector' },
  };

  /** Robust (reweighted MCD) location and covariance, and the covariance's pseudo-inverse. */
  declare location_: Float64Array;
  declare covariance_: number[][];
  declare precision_: number[][];
  /** The samples used for the reweighted estimate. */
  declare support_: boolean[];
  /** The raw FAST-MCD estimate before correction and reweighting. */
  declare rawLocation_: Float64Array;
  declare rawCovariance_: number[][];
  declare rawSupport_: boolean[];
  /** Squared Mahalanobis distances of the training samples. */
  declare dist_: Float64Array;
  /** Threshold on `scoreSamples` (−distance): its `contamination` percentile on the training data. */
  declare offset_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    if (M.rows < 2) throw new Error(`${this.estimatorName}: needs at least 2 samples; got ${M.rows}.`);
    const rng = new Generator(this.params.randomState ?? Math.floor(Math.random() * 2 ** 31));
    const r = minCovDet(M, this.params.supportFraction, rng, this.estimatorName);
    this.rawLocation_ = r.raw.location;
    this.rawCovariance_ = r.raw.covariance;
    this.rawSupport_ = r.raw.support;
    this.location_ = r.location;
    this.covariance_ = r.covariance;
    this.precision_ = r.precision;
    this.support_ = r.support;
    this.dist_ = r.dist;
    this.offset_ = percentile(Array.from(r.dist, (v) => -v), 100 * this.params.contamination);
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** Squared Mahalanobis distance of each row to the robust location. */
  mahalanobis(X: MatrixLike): number[] {
    return Array.from(mahalanobis(this.checkPredictInput(X), this.location_, this.precision_));
  }

  /** −(squared Mahalanobis distance): higher is more normal. */
  scoreSamples(X: MatrixLike): number[] {
    return this.mahalanobis(X).map((v) => -v);
  }
}
