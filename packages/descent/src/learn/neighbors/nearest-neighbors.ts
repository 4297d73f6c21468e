/** NearestNeighbors: the unsupervised search behind every neighbours estimator (sklearn.neighbors.NearestNeighbors). */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import type { EstimatorJSON } from '../base/serialize.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import {
  SEARCH_CONSTRAINTS, SEARCH_DEFAULTS, fitNeighbors, kneighborsOf, neighborsGraph, radiusNeighborsOf, saveTrainingSet, takeTrainingSet,
  type NeighborsAttributes, type NeighborsFit, type NeighborsResult, type SearchParams,
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
export class NearestNeighbors extends BaseEstimator<NearestNeighborsParams> implements NeighborsAttributes {
  static override readonly spec: EstimatorSpec<NearestNeighborsParams> = {
    name: 'NearestNeighbors',
    defaults: { nNeighbors: 5, radius: 1, ...SEARCH_DEFAULTS },
    constraints: { nNeighbors: [C.integer({ min: 1 })], radius: [C.number({ min: 0 })], ...SEARCH_CONSTRAINTS },
  };

  declare nSamplesFit_: number;
  declare effectiveMetric_: NeighborsAttributes['effectiveMetric_'];
  declare effectiveP_: number;
  declare fitMethod_: 'kd_tree' | 'brute';
  /** The training rows and their search index (sklearn's private `_fit_X`, `_tree`). */
  private fitted: NeighborsFit | null = null;

  fit(X: MatrixLike): this {
    this.beginFit();
    this.fitted = null;
    const M = checkArray(X, { caller: this.estimatorName });
    this.fitted = fitNeighbors(this, M, null, this.params.nNeighbors);
    return this;
  }

  private state(): NeighborsFit {
    this.checkIsFitted();
    return this.fitted!;
  }

  /** The k nearest training points of each row of X; with no X, of each training point excluding itself. */
  kneighbors(X?: MatrixLike | null, nNeighbors = this.params.nNeighbors): NeighborsResult {
    return kneighborsOf(this, this.state(), X, nNeighbors);
  }

  /** Every training point within `radius` (inclusive): index order, or nearest first with `sortResults`. */
  radiusNeighbors(X?: MatrixLike | null, radius = this.params.radius, { sortResults = false } = {}): NeighborsResult {
    return radiusNeighborsOf(this, this.state(), X, radius, sortResults);
  }

  /** Dense (nQueries, nSamplesFit) k-neighbours graph: 1 per neighbour, or its distance with mode 'distance'. */
  kneighborsGraph(X?: MatrixLike | null, nNeighbors = this.params.nNeighbors, mode: 'connectivity' | 'distance' = 'connectivity'): number[][] {
    return neighborsGraph(this.kneighbors(X, nNeighbors), this.nSamplesFit_, mode);
  }

  /** Dense (nQueries, nSamplesFit) radius-neighbours graph. */
  radiusNeighborsGraph(X?: MatrixLike | null, radius = this.params.radius, mode: 'connectivity' | 'distance' = 'connectivity'): number[][] {
    return neighborsGraph(this.radiusNeighbors(X, radius), this.nSamplesFit_, mode);
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
