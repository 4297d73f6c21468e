/**
 * Neighbours regressors: the (weighted) mean target of the k nearest training points
 * (KNeighborsRegressor) or of all within a radius (RadiusNeighborsRegressor).
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import type { EstimatorJSON } from '../base/serialize.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import {
  SEARCH_CONSTRAINTS, SEARCH_DEFAULTS, WEIGHTS_CONSTRAINT, fitNeighbors, kneighborsOf, neighborWeights, neighborsGraph, radiusNeighborsOf,
  saveTrainingSet, takeTrainingSet, type NeighborsAttributes, type NeighborsFit, type NeighborsResult, type SearchParams, type Weights,
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
export class KNeighborsRegressor extends Regressor<KNeighborsRegressorParams> implements NeighborsAttributes {
  static override readonly spec: EstimatorSpec<KNeighborsRegressorParams> = {
    name: 'KNeighborsRegressor',
    defaults: { nNeighbors: 5, weights: 'uniform', ...SEARCH_DEFAULTS },
    constraints: { nNeighbors: [C.integer({ min: 1 })], weights: WEIGHTS_CONSTRAINT, ...SEARCH_CONSTRAINTS },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare nSamplesFit_: number;
  declare effectiveMetric_: NeighborsAttributes['effectiveMetric_'];
  declare effectiveP_: number;
  declare fitMethod_: 'kd_tree' | 'brute';
  /** Training rows, their targets and the search index (sklearn's private `_fit_X`, `_y`, `_tree`). */
  private fitted: NeighborsFit | null = null;

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    this.fitted = null;
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    this.fitted = fitNeighbors(this, M, t, this.params.nNeighbors);
    return this;
  }

  private state(): NeighborsFit {
    this.checkIsFitted();
    return this.fitted!;
  }

  kneighbors(X?: MatrixLike | null, nNeighbors = this.params.nNeighbors): NeighborsResult {
    return kneighborsOf(this, this.state(), X, nNeighbors);
  }

  kneighborsGraph(X?: MatrixLike | null, nNeighbors = this.params.nNeighbors, mode: 'connectivity' | 'distance' = 'connectivity'): number[][] {
    return neighborsGraph(this.kneighbors(X, nNeighbors), this.nSamplesFit_, mode);
  }

  predict(X: MatrixLike): number[] {
    const fit = this.state();
    const result = kneighborsOf(this, fit, X, this.params.nNeighbors);
    return weightedMeans(result, fit.y!, neighborWeights(result.distances, this.params.weights));
  }

  override toJSON(): EstimatorJSON {
    return saveTrainingSet(super.toJSON(), this.fitted);
  }

  override restoreFitted(fitted: Record<string, unknown>): this {
    const { rest, rebuild } = takeTrainingSet(fitted);
    super.restoreFitted(rest);
    this.fitted = rebuild(this);
    return this;
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
export class RadiusNeighborsRegressor extends Regressor<RadiusNeighborsRegressorParams> implements NeighborsAttributes {
  static override readonly spec: EstimatorSpec<RadiusNeighborsRegressorParams> = {
    name: 'RadiusNeighborsRegressor',
    defaults: { radius: 1, weights: 'uniform', ...SEARCH_DEFAULTS },
    constraints: { radius: [C.number({ min: 0 })], weights: WEIGHTS_CONSTRAINT, ...SEARCH_CONSTRAINTS },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare nSamplesFit_: number;
  declare effectiveMetric_: NeighborsAttributes['effectiveMetric_'];
  declare effectiveP_: number;
  declare fitMethod_: 'kd_tree' | 'brute';
  private fitted: NeighborsFit | null = null;

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    this.fitted = null;
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    this.fitted = fitNeighbors(this, M, t, null);
    return this;
  }

  private state(): NeighborsFit {
    this.checkIsFitted();
    return this.fitted!;
  }

  radiusNeighbors(X?: MatrixLike | null, radius = this.params.radius, { sortResults = false } = {}): NeighborsResult {
    return radiusNeighborsOf(this, this.state(), X, radius, sortResults);
  }

  predict(X: MatrixLike): number[] {
    const fit = this.state();
    const result = radiusNeighborsOf(this, fit, X, this.params.radius, false);
    return weightedMeans(result, fit.y!, neighborWeights(result.distances, this.params.weights));
  }

  override toJSON(): EstimatorJSON {
    return saveTrainingSet(super.toJSON(), this.fitted);
  }

  override restoreFitted(fitted: Record<string, unknown>): this {
    const { rest, rebuild } = takeTrainingSet(fitted);
    super.restoreFitted(rest);
    this.fitted = rebuild(this);
    return this;
  }
}
