/** NearestNeighbors: the unsupervised search behind every neighbours estimator (sklearn.neighbors.NearestNeighbors). */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import {
  KNeighborsMixin, NeighborsBase, RadiusNeighborsMixin, SEARCH_CONSTRAINTS, SEARCH_DEFAULTS, type SearchParams,
} from './base.js';

export interface NearestNeighborsParams extends SearchParams {
  /** k for `kneighbors` when not given. Default 5. */
  nNeighbors: number;
  /** Radius for `radiusNeighbors` when not given. Default 1. */
  radius: number;
}

/**
 * Finds the training points nearest to each query point: the k nearest (`kneighbors`) or
 * all within a radius (`radiusNeighbors`), and the same as dense graphs. Distances ascend;
 * equally distant points come in index order.
 *
 * ```ts
 * const nn = new NearestNeighbors({ nNeighbors: 2 }).fit([[0, 0], [1, 0], [0, 2], [5, 5]]);
 * nn.kneighbors([[0.9, 0.1]]);   // { distances: [[0.1414…, 0.9055…]], indices: [[1, 0]] }
 * nn.radiusNeighbors([[0, 0]], 1.5).indices;   // [[0, 1]]
 * ```
 */
export class NearestNeighbors extends RadiusNeighborsMixin(KNeighborsMixin(NeighborsBase(BaseEstimator<NearestNeighborsParams>))) {
  static override readonly spec: EstimatorSpec<NearestNeighborsParams> = {
    name: 'NearestNeighbors',
    defaults: { nNeighbors: 5, radius: 1, ...SEARCH_DEFAULTS },
    constraints: { nNeighbors: [C.integer({ min: 1 })], radius: [C.number({ min: 0 })], ...SEARCH_CONSTRAINTS },
  };

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    this.fitSearch(M, null, this.params.nNeighbors);
    return this;
  }
}
