/**
 * What every neighbours estimator shares: the search parameters, fitting the search index
 * (brute force or a k-d tree), `kneighbors`/`radiusNeighbors`/graph queries with
 * scikit-learn's conventions, the vote weights, and saving the training set. The estimators
 * take these through sklearn's three mixins: `NeighborsBase` (fitted state and saving),
 * `KNeighborsMixin` (`kneighbors`, `kneighborsGraph`) and `RadiusNeighborsMixin`
 * (`radiusNeighbors`, `radiusNeighborsGraph`).
 *
 * As in scikit-learn, the training set is private state (sklearn's `_fit_X`, `_y`,
 * `_tree`): it is not a `_` fitted attribute, because it is the data rather than something
 * learned from it, and its row order is the caller's. It is still saved by `toJSON`, under
 * `trainingSet`, and the index is rebuilt on load.
 */
import type { BaseEstimator } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { NotFittedError } from '../base/errors.js';
import { decodeValue, encodeValue, type EstimatorJSON, type JSONValue } from '../base/serialize.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { bruteKnn, bruteRadius } from './brute.js';
import { resolveMetric, type Metric, type MetricName } from './distance.js';
import { KBest } from './heap.js';
import { KDTree, orderResults, type NeighborsResult } from './kd-tree.js';

export type { NeighborsResult } from './kd-tree.js';

/** How neighbours' votes are weighted: equally, by 1/distance, or by your function of the distances. */
export type Weights = 'uniform' | 'distance' | ((distances: number[][]) => number[][]);

/** The parameters of the search itself, shared by every neighbours estimator. */
export interface SearchParams {
  /** 'auto' (a k-d tree for few features and small k, else brute force), 'kd_tree' or 'brute'. */
  algorithm: 'auto' | 'kd_tree' | 'brute';
  /** Most points in a k-d tree leaf (speed only; results do not change). Default 30. */
  leafSize: number;
  /** Minkowski power for metric 'minkowski': 1 manhattan, 2 euclidean (default), Infinity chebyshev. */
  p: number;
  /** 'minkowski' (default), 'euclidean', 'manhattan', 'chebyshev' or 'cosine' (brute force only). */
  metric: MetricName;
}

export const SEARCH_DEFAULTS: SearchParams = { algorithm: 'auto', leafSize: 30, p: 2, metric: 'minkowski' };

export const SEARCH_CONSTRAINTS = {
  algorithm: [C.options('auto', 'kd_tree', 'brute')],
  leafSize: [C.integer({ min: 1 })],
  p: [C.number({ min: 1 })],
  metric: [C.options('minkowski', 'euclidean', 'manhattan', 'chebyshev', 'cosine')],
} as const;

export const WEIGHTS_CONSTRAINT = [C.options('uniform', 'distance'), C.custom('a function of the distances', (v) => typeof v === 'function')];

/** A search index over the training rows: brute force or a k-d tree, same answers either way. */
export class NeighborsIndex {
  /** The rows as the metric compares them (unit rows for cosine; otherwise `X` itself). */
  private readonly prepared: Float64Array;
  private readonly tree: KDTree | null;

  constructor(
    readonly X: Float64Array, readonly rows: number, readonly cols: number,
    readonly metric: Metric, readonly method: 'kd_tree' | 'brute', leafSize: number,
  ) {
    this.prepared = metric.prepare(X, rows, cols);
    this.tree = method === 'kd_tree'
      ? new KDTree({ data: X, rows, cols }, { leafSize, metric: metric.name === 'cosine' ? 'euclidean' : metric.name, p: metric.p })
      : null;
  }

  /** The k nearest training rows of each query row (reduced distances), or of each training row when Q is null. */
  private knnRaw(Q: Float64Array, qRows: number, k: number): { rdist: number[][]; index: number[][] } {
    if (!this.tree) return bruteKnn(this.prepared, this.rows, this.cols, Q, qRows, k, this.metric);
    const rdist: number[][] = [];
    const index: number[][] = [];
    for (let i = 0; i < qRows; i++) {
      const heap = new KBest(k);
      this.tree.searchKnn(Q, i, heap);
      const s = heap.sorted();
      rdist.push(s.rdist);
      index.push(s.index);
    }
    return { rdist, index };
  }

  /**
   * The k nearest training rows of each row of Q, nearest first. With Q null, each training
   * row's neighbours among the others: sklearn queries k + 1 and drops the row itself, or
   * the first neighbour when duplicates pushed the row itself out.
   */
  kneighbors(Q: Matrix | null, k: number): NeighborsResult {
    const self = Q === null;
    const data = self ? this.prepared : this.metric.prepare(Q.data, Q.rows, Q.cols);
    const qRows = self ? this.rows : Q.rows;
    const { rdist, index } = this.knnRaw(data, qRows, self ? k + 1 : k);
    if (self) {
      for (let i = 0; i < qRows; i++) {
        let at = index[i].indexOf(i);
        if (at < 0) at = 0;
        index[i].splice(at, 1);
        rdist[i].splice(at, 1);
      }
    }
    return { distances: rdist.map((r) => r.map((v) => this.metric.toDist(v))), indices: index };
  }

  /** Training rows within `radius` (inclusive) of each row of Q (or of each training row, excluding itself). */
  radius(Q: Matrix | null, radius: number, sortResults: boolean): NeighborsResult {
    const self = Q === null;
    const data = self ? this.prepared : this.metric.prepare(Q.data, Q.rows, Q.cols);
    const qRows = self ? this.rows : Q.rows;
    const rr = this.metric.toRdist(radius);
    let found: { rdist: number[][]; index: number[][] };
    if (this.tree) {
      found = { rdist: [], index: [] };
      for (let i = 0; i < qRows; i++) {
        const out = { index: [] as number[], rdist: [] as number[] };
        this.tree.searchRadius(data, i, rr, out);
        found.index.push(out.index);
        found.rdist.push(out.rdist);
      }
    } else {
      found = bruteRadius(this.prepared, this.rows, this.cols, data, qRows, rr, this.metric);
    }
    const distances: number[][] = [];
    const indices: number[][] = [];
    for (let i = 0; i < qRows; i++) {
      const order = orderResults(found.index[i], found.rdist[i], sortResults).filter((k) => !self || found.index[i][k] !== i);
      indices.push(order.map((k) => found.index[i][k]));
      distances.push(order.map((k) => this.metric.toDist(found.rdist[i][k])));
    }
    return { distances, indices };
  }
}

/** The fitted attributes every neighbours estimator sets. */
export interface NeighborsAttributes {
  nFeaturesIn_: number;
  /** Number of training rows. */
  nSamplesFit_: number;
  /** The metric in use after resolving minkowski p = 1, 2, ∞ ('euclidean', ...). */
  effectiveMetric_: Metric['name'];
  /** The Minkowski power in use (NaN for cosine). */
  effectiveP_: number;
  /** The search the estimator chose: 'kd_tree' or 'brute'. */
  fitMethod_: 'kd_tree' | 'brute';
}

/** The private fitted state: the search index over the training rows and their targets. */
export interface NeighborsFit {
  index: NeighborsIndex;
  /** Class codes (classifiers) or target values (regressors); null for NearestNeighbors. */
  y: Float64Array | null;
}

type Estimator = BaseEstimator<SearchParams> & NeighborsAttributes;

/**
 * sklearn's algorithm choice for 'auto': brute force for more than 15 features or when
 * k ≥ n/2 (a tree would visit most leaves anyway) and for metrics without a box bound;
 * otherwise a k-d tree.
 */
function chooseMethod(params: SearchParams, metric: Metric, M: Matrix, nNeighbors: number | null): 'kd_tree' | 'brute' {
  if (params.algorithm === 'kd_tree' && !metric.treeable) {
    throw new Error(`Metric '${metric.name}' not valid for algorithm 'kd_tree': a k-d tree needs a Minkowski metric. Use algorithm 'brute' or 'auto'.`);
  }
  if (params.algorithm !== 'auto') return params.algorithm;
  if (M.cols > 15 || (nNeighbors !== null && nNeighbors >= Math.floor(M.rows / 2)) || !metric.treeable) return 'brute';
  return 'kd_tree';
}

/** Builds the search index over validated training rows and sets the fitted attributes on `est`. */
function fitNeighbors(est: Estimator, M: Matrix, y: Float64Array | null, nNeighbors: number | null): NeighborsFit {
  const metric = resolveMetric(est.params.metric, est.params.p);
  est.fitMethod_ = chooseMethod(est.params, metric, M, nNeighbors);
  est.effectiveMetric_ = metric.name;
  est.effectiveP_ = metric.p;
  est.nSamplesFit_ = M.rows;
  est.nFeaturesIn_ = M.cols;
  return { index: new NeighborsIndex(M.data, M.rows, M.cols, metric, est.fitMethod_, est.params.leafSize), y };
}

/** Query rows, checked against the fit (null or undefined: the training rows themselves). */
function queryMatrix(est: Estimator, X: MatrixLike | null | undefined): Matrix | null {
  if (X === null || X === undefined) return null;
  const M = checkArray(X, { caller: est.estimatorName });
  if (M.cols !== est.nFeaturesIn_) {
    throw new Error(`X has ${M.cols} features, but ${est.estimatorName} is expecting ${est.nFeaturesIn_} features as input.`);
  }
  return M;
}

/** `kneighbors` for any neighbours estimator, with sklearn's checks on k. */
function kneighborsOf(est: Estimator, fit: NeighborsFit, X: MatrixLike | null | undefined, k: number): NeighborsResult {
  const Q = queryMatrix(est, X);
  if (!Number.isInteger(k) || k < 1) throw new Error(`Expected n_neighbors > 0 and an integer, got ${k}.`);
  const available = est.nSamplesFit_ - (Q === null ? 1 : 0);
  if (k > available) {
    throw new Error(
      `Expected n_neighbors <= n_samples_fit${Q === null ? ' - 1 (a training row is not its own neighbour)' : ''}, but n_neighbors = ${k}, ` +
        `n_samples_fit = ${est.nSamplesFit_}, n_samples = ${Q?.rows ?? est.nSamplesFit_}. Use fewer neighbours or more training data.`,
    );
  }
  return fit.index.kneighbors(Q, k);
}

/** `radiusNeighbors` for any neighbours estimator. */
function radiusNeighborsOf(est: Estimator, fit: NeighborsFit, X: MatrixLike | null | undefined, radius: number, sortResults: boolean): NeighborsResult {
  const Q = queryMatrix(est, X);
  if (!(radius >= 0)) throw new Error(`radius must be a number >= 0, got ${radius}.`);
  return fit.index.radius(Q, radius, sortResults);
}

/**
 * A dense (nQueries, nSamplesFit) graph of neighbour results: 1 for each neighbour
 * ('connectivity') or its distance ('distance'), 0 elsewhere. (sklearn returns a sparse
 * CSR matrix; the values are the same.)
 */
function neighborsGraph(result: NeighborsResult, nSamplesFit: number, mode: 'connectivity' | 'distance'): number[][] {
  if (mode !== 'connectivity' && mode !== 'distance') throw new Error(`Unsupported mode, must be one of 'connectivity' or 'distance' but got '${String(mode)}' instead.`);
  return result.indices.map((ind, i) => {
    const row = new Array<number>(nSamplesFit).fill(0);
    ind.forEach((j, k) => (row[j] = mode === 'connectivity' ? 1 : result.distances[i][k]));
    return row;
  });
}

/**
 * Vote weights per neighbour (sklearn's `_get_weights`): null for 'uniform'; for
 * 'distance', 1/d, except that a query with any neighbour at distance 0 gives weight 1 to
 * those neighbours and 0 to the rest (an exact match decides alone).
 */
export function neighborWeights(distances: number[][], weights: Weights): number[][] | null {
  if (weights === 'uniform') return null;
  if (weights === 'distance') {
    return distances.map((row) => (row.includes(0) ? row.map((d) => (d === 0 ? 1 : 0)) : row.map((d) => 1 / d)));
  }
  const w = weights(distances.map((r) => [...r]));
  if (!Array.isArray(w) || w.length !== distances.length || w.some((r, i) => !Array.isArray(r) || r.length !== distances[i].length)) {
    throw new Error('The weights function must return an array of the same shape as the distances it was given (one weight per neighbour).');
  }
  return w;
}

/** `toJSON` with the private training set added under `trainingSet`. */
function saveTrainingSet(json: EstimatorJSON, fit: NeighborsFit | null): EstimatorJSON {
  if (json.fitted && fit) {
    const { X, rows, cols } = fit.index;
    json.fitted.trainingSet = encodeValue({ X, rows, cols, y: fit.y }, `${json.estimator}.trainingSet`) as JSONValue;
  }
  return json;
}

/** The inverse of `saveTrainingSet`: the other fitted attributes, and a function that rebuilds the fit once they are restored. */
function takeTrainingSet(fitted: Record<string, unknown>): { rest: Record<string, unknown>; rebuild: (est: Estimator) => NeighborsFit } {
  const { trainingSet, ...rest } = fitted;
  if (trainingSet === undefined) throw new Error('This saved neighbours estimator has no trainingSet: it was not written by toJSON.');
  const ts = (typeof trainingSet === 'object' && trainingSet !== null && !(trainingSet instanceof Float64Array) && 'rows' in trainingSet
    ? trainingSet : decodeValue(trainingSet as JSONValue, () => null)) as { X: Float64Array; rows: number; cols: number; y: Float64Array | null };
  return {
    rest,
    rebuild: (est) => ({
      index: new NeighborsIndex(Float64Array.from(ts.X), ts.rows, ts.cols, resolveMetric(est.effectiveMetric_, est.effectiveP_), est.fitMethod_, est.params.leafSize),
      y: ts.y === null ? null : Float64Array.from(ts.y),
    }),
  };
}

// A mixin's base must be constructible with any arguments (TypeScript's rule for mixins).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EstimatorClass<T> = abstract new (...args: any[]) => T;

/**
 * What every neighbours estimator adds to its base class (sklearn's `NeighborsBase`): the
 * fitted attributes, the private training set with its search index, forgetting it on refit,
 * and saving it in `toJSON` (the index is rebuilt on load).
 *
 * ```ts
 * class KNeighborsRegressor extends KNeighborsMixin(NeighborsBase(Regressor<KNeighborsRegressorParams>)) { ... }
 * ```
 */
/**
 * A mixin's added members, spelled out: the declaration files cannot describe a class
 * expression over a base with protected members (TS4094), so each mixin states its result
 * as the base's type plus these members.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Mixin<M> = abstract new (...args: any[]) => M;

/** What `NeighborsBase` adds; `fitSearch` and `search` are for the subclasses (sklearn's private `_fit`, `_tree`). */
export interface NeighborsMembers extends NeighborsAttributes {
  /** @internal The end of `fit`: builds the search index. */
  fitSearch(M: Matrix, y: Float64Array | null, nNeighbors: number | null): void;
  /** @internal The fitted search (throws NotFittedError before `fit`). */
  search(): NeighborsFit;
}

export function NeighborsBase<B extends EstimatorClass<BaseEstimator<SearchParams>>>(Base: B): B & Mixin<NeighborsMembers> {
  abstract class Neighbors extends Base implements NeighborsAttributes {
    declare nSamplesFit_: number;
    declare effectiveMetric_: NeighborsAttributes['effectiveMetric_'];
    declare effectiveP_: number;
    declare fitMethod_: 'kd_tree' | 'brute';
    /** Training rows, their targets (class codes, values or null) and the search index (sklearn's private `_fit_X`, `_y`, `_tree`). */
    private fitted: NeighborsFit | null = null;

    protected override beginFit(): void {
      super.beginFit();
      this.fitted = null;
    }

    /** The end of `fit`: builds the search index over validated rows (nNeighbors: the k it will serve, for 'auto'). */
    fitSearch(M: Matrix, y: Float64Array | null, nNeighbors: number | null): void {
      this.fitted = fitNeighbors(this, M, y, nNeighbors);
    }

    /** The fitted search (throws NotFittedError before `fit`). */
    search(): NeighborsFit {
      this.checkIsFitted();
      if (this.fitted === null) throw new NotFittedError(this.estimatorName);
      return this.fitted;
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
  return Neighbors as unknown as B & Mixin<NeighborsMembers>;
}

/** A class made by `NeighborsBase`, with parameters P. */
type NeighborsClass<P extends object> = EstimatorClass<InstanceType<ReturnType<typeof NeighborsBase>> & BaseEstimator<P>>;

/** sklearn's `KNeighborsMixin`: `kneighbors` and `kneighborsGraph`, with k defaulting to the `nNeighbors` parameter. */
/** What `KNeighborsMixin` adds. */
export interface KNeighborsMembers {
  kneighbors(X?: MatrixLike | null, nNeighbors?: number): NeighborsResult;
  kneighborsGraph(X?: MatrixLike | null, nNeighbors?: number, mode?: 'connectivity' | 'distance'): number[][];
}

export function KNeighborsMixin<B extends NeighborsClass<SearchParams & { nNeighbors: number }>>(Base: B): B & Mixin<KNeighborsMembers> {
  abstract class KNeighbors extends Base {
    /** The k nearest training points of each row of X (with no X: of each training point, excluding itself), nearest first. */
    kneighbors(X?: MatrixLike | null, nNeighbors = this.params.nNeighbors): NeighborsResult {
      return kneighborsOf(this, this.search(), X, nNeighbors);
    }

    /** Dense (nQueries, nSamplesFit) k-neighbours graph: 1 per neighbour, or its distance with mode 'distance'. */
    kneighborsGraph(X?: MatrixLike | null, nNeighbors = this.params.nNeighbors, mode: 'connectivity' | 'distance' = 'connectivity'): number[][] {
      return neighborsGraph(this.kneighbors(X, nNeighbors), this.nSamplesFit_, mode);
    }
  }
  return KNeighbors as unknown as B & Mixin<KNeighborsMembers>;
}

/** sklearn's `RadiusNeighborsMixin`: `radiusNeighbors` and `radiusNeighborsGraph`, with the radius defaulting to the `radius` parameter. */
/** What `RadiusNeighborsMixin` adds. */
export interface RadiusNeighborsMembers {
  radiusNeighbors(X?: MatrixLike | null, radius?: number, options?: { sortResults?: boolean }): NeighborsResult;
  radiusNeighborsGraph(X?: MatrixLike | null, radius?: number, mode?: 'connectivity' | 'distance'): number[][];
}

export function RadiusNeighborsMixin<B extends NeighborsClass<SearchParams & { radius: number }>>(Base: B): B & Mixin<RadiusNeighborsMembers> {
  abstract class RadiusNeighbors extends Base {
    /** Every training point within `radius` (inclusive) of each row of X (with no X: of each training point, excluding itself): index order, or nearest first with `sortResults`. */
    radiusNeighbors(X?: MatrixLike | null, radius = this.params.radius, { sortResults = false } = {}): NeighborsResult {
      return radiusNeighborsOf(this, this.search(), X, radius, sortResults);
    }

    /** Dense (nQueries, nSamplesFit) radius-neighbours graph: 1 per neighbour, or its distance with mode 'distance'. */
    radiusNeighborsGraph(X?: MatrixLike | null, radius = this.params.radius, mode: 'connectivity' | 'distance' = 'connectivity'): number[][] {
      return neighborsGraph(this.radiusNeighbors(X, radius), this.nSamplesFit_, mode);
    }
  }
  return RadiusNeighbors as unknown as B & Mixin<RadiusNeighborsMembers>;
}
