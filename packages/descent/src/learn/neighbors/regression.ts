/**
 * Neighbours regressors: the (weighted) mean target of the k nearest training points
 * (KNeighborsRegressor) or of all within a radius (RadiusNeighborsRegressor).
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import {
  KNeighborsMixin, NeighborsBase, RadiusNeighborsMixin, SEARCH_CONSTRAINTS, SEARCH_DEFAULTS, WEIGHTS_CONSTRAINT, neighborWeights,
  type NeighborsResult, type SearchParams, type Weights,
} from './base.js';

/** Σ wₖ yₖ / Σ wₖ per query (plain mean without weights); NaN for a query with no neighbours. */
function weightedMeans(result: NeighborsResult, y: Float64Array, weights: number[][] | null): number[] {
  return result.indices.map((ind, i) => {
    if (ind.length === 0) return NaN;
    let num = 0;
    let den = 0;
    ind.forEach((j, k) => {
      const w = weights ? weights[i][k] : 1;
      num += y[j] * w;
      den += w;
    });
    return num / den;
  });
}

export interface KNeighborsRegressorParams extends SearchParams {
  /** k, the number of neighbours averaged. Default 5. */
  nNeighbors: number;
  /** 'uniform' (default), 'distance' (1/d), or a function mapping distances to weights. */
  weights: Weights;
}

/**
 * Predicts the mean target of the k nearest training points (weighted by 1/distance with
 * `weights: 'distance'`, where an exact match predicts its own target).
 *
 * ```ts
 * new KNeighborsRegressor({ nNeighbors: 2 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]).predict([[1.6]]); // [0.5]
 * ```
 */
export class KNeighborsRegressor extends KNeighborsMixin(NeighborsBase(Regressor<KNeighborsRegressorParams>)) {
  static override readonly spec: EstimatorSpec<KNeighborsRegressorParams> = {
    name: 'KNeighborsRegressor',
    defaults: { nNeighbors: 5, weights: 'uniform', ...SEARCH_DEFAULTS },
    constraints: { nNeighbors: [C.integer({ min: 1 })], weights: WEIGHTS_CONSTRAINT, ...SEARCH_CONSTRAINTS },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    this.fitSearch(M, t, this.params.nNeighbors);
    return this;
  }

  predict(X: MatrixLike): number[] {
    const fit = this.search();
    const result = this.kneighbors(X);
    return weightedMeans(result, fit.y!, neighborWeights(result.distances, this.params.weights));
  }
}

export interface RadiusNeighborsRegressorParams extends SearchParams {
  /** Neighbours are the training points within this distance (inclusive). Default 1. */
  radius: number;
  weights: Weights;
}

/**
 * Predicts the mean target of the training points within `radius`; NaN for a query with
 * none (sklearn warns and does the same).
 *
 * ```ts
 * new RadiusNeighborsRegressor({ radius: 1 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]).predict([[1.5], [9]]); // [0.5, NaN]
 * ```
 */
export class RadiusNeighborsRegressor extends RadiusNeighborsMixin(NeighborsBase(Regressor<RadiusNeighborsRegressorParams>)) {
  static override readonly spec: EstimatorSpec<RadiusNeighborsRegressorParams> = {
    name: 'RadiusNeighborsRegressor',
    defaults: { radius: 1, weights: 'uniform', ...SEARCH_DEFAULTS },
    constraints: { radius: [C.number({ min: 0 })], weights: WEIGHTS_CONSTRAINT, ...SEARCH_CONSTRAINTS },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    this.fitSearch(M, t, null);
    return this;
  }

  predict(X: MatrixLike): number[] {
    const fit = this.search();
    const result = this.radiusNeighbors(X);
    return weightedMeans(result, fit.y!, neighborWeights(result.distances, this.params.weights));
  }
}
