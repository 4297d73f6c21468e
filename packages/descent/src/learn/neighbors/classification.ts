/**
 * Neighbours classifiers: vote among the k nearest training points (KNeighborsClassifier)
 * or among all within a radius (RadiusNeighborsClassifier), as sklearn.neighbors does.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier } from '../base/mixins.js';
import { checkXLabels, uniqueLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import {
  KNeighborsMixin, NeighborsBase, RadiusNeighborsMixin, SEARCH_CONSTRAINTS, SEARCH_DEFAULTS, WEIGHTS_CONSTRAINT, neighborWeights,
  type NeighborsResult, type SearchParams, type Weights,
} from './base.js';

/**
 * Per query, the summed weight of each class among its neighbours, normalised to sum 1
 * (rows with no weight stay all zero). Sums run in neighbour order, as sklearn's do.
 */
function classVotes(result: NeighborsResult, y: Float64Array, nClasses: number, weights: number[][] | null): number[][] {
  return result.indices.map((ind, i) => {
    const votes = new Array<number>(nClasses).fill(0);
    ind.forEach((j, k) => (votes[y[j]] += weights ? weights[i][k] : 1));
    const total = votes.reduce((a, b) => a + b, 0);
    return total === 0 ? votes : votes.map((v) => v / total);
  });
}

/** Index of the largest entry, the first on ties (so the smallest class wins, like scipy's mode). */
function argmax(v: number[]): number {
  let best = 0;
  for (let c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
  return best;
}

/** Labels to class codes 0..k−1 in sorted order. */
function encodeLabels(labels: Label[]): { classes: Label[]; codes: Float64Array } {
  const classes = uniqueLabels(labels);
  const code = new Map(classes.map((c, i) => [c, i]));
  return { classes, codes: Float64Array.from(labels, (l) => code.get(l)!) };
}

export interface KNeighborsClassifierParams extends SearchParams {
  /** k, the number of neighbours that vote. Default 5. */
  nNeighbors: number;
  /** 'uniform' (default), 'distance' (1/d), or a function mapping distances to weights. */
  weights: Weights;
}

/**
 * Predicts the class with the largest (weighted) vote among the k nearest training points;
 * `predictProba` is each class's share of the vote. On a tied vote the smallest class wins.
 * Among equally distant candidates for the last places, the lower training indices are
 * taken (sklearn's pick there depends on its search internals).
 *
 * ```ts
 * const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit([[0], [1], [2], [3]], ['a', 'a', 'b', 'b']);
 * knn.predict([[1.1]]);       // ['a']
 * knn.predictProba([[1.1]]);  // [[2/3, 1/3]]
 * ```
 */
export class KNeighborsClassifier extends KNeighborsMixin(NeighborsBase(Classifier<KNeighborsClassifierParams>)) {
  static override readonly spec: EstimatorSpec<KNeighborsClassifierParams> = {
    name: 'KNeighborsClassifier',
    defaults: { nNeighbors: 5, weights: 'uniform', ...SEARCH_DEFAULTS },
    constraints: { nNeighbors: [C.integer({ min: 1 })], weights: WEIGHTS_CONSTRAINT, ...SEARCH_CONSTRAINTS },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const { classes, codes } = encodeLabels(labels);
    this.classes_ = classes;
    this.fitSearch(M, codes, this.params.nNeighbors);
    return this;
  }

  /** (nQueries, nClasses): each class's share of the neighbours' (weighted) vote, columns in `classes_` order. */
  predictProba(X: MatrixLike): number[][] {
    const fit = this.search();
    const result = this.kneighbors(X);
    return classVotes(result, fit.y!, this.classes_.length, neighborWeights(result.distances, this.params.weights));
  }

  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((p) => this.classes_[argmax(p)]);
  }
}

export interface RadiusNeighborsClassifierParams extends SearchParams {
  /** Neighbours are the training points within this distance (inclusive). Default 1. */
  radius: number;
  weights: Weights;
  /**
   * The label for a query with no neighbour in the radius: null (default) throws,
   * 'most_frequent' uses the most frequent training class, or give a label.
   */
  outlierLabel: Label | 'most_frequent' | null;
}

/**
 * Predicts the class with the largest (weighted) vote among all training points within
 * `radius`. Queries with no neighbour get `outlierLabel` (and probability 1 on it if it is
 * a training class, all zeros otherwise).
 *
 * ```ts
 * const clf = new RadiusNeighborsClassifier({ radius: 1.5, outlierLabel: 'most_frequent' })
 *   .fit([[0], [1], [2], [10]], ['a', 'a', 'b', 'b']);
 * clf.predict([[0.5], [20]]);    // ['a', 'a'] (nothing within 1.5 of 20: the most frequent class, 'a' on the tie)
 * ```
 */
export class RadiusNeighborsClassifier extends RadiusNeighborsMixin(NeighborsBase(Classifier<RadiusNeighborsClassifierParams>)) {
  static override readonly spec: EstimatorSpec<RadiusNeighborsClassifierParams> = {
    name: 'RadiusNeighborsClassifier',
    defaults: { radius: 1, weights: 'uniform', ...SEARCH_DEFAULTS, outlierLabel: null },
    constraints: {
      radius: [C.number({ min: 0 })], weights: WEIGHTS_CONSTRAINT, ...SEARCH_CONSTRAINTS,
      outlierLabel: [C.options('most_frequent'), C.number(), C.string, C.null],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** The label given to queries without neighbours (null: they raise). */
  declare outlierLabel_: Label | null;

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const { classes, codes } = encodeLabels(labels);
    this.classes_ = classes;
    const { outlierLabel } = this.params;
    if (outlierLabel === 'most_frequent') {
      const counts = new Array<number>(classes.length).fill(0);
      for (const c of codes) counts[c]++;
      this.outlierLabel_ = classes[argmax(counts)];
    } else {
      if (outlierLabel !== null && typeof outlierLabel !== typeof classes[0]) {
        throw new TypeError(`RadiusNeighborsClassifier: the outlierLabel ${JSON.stringify(outlierLabel)} is a ${typeof outlierLabel} but the classes are ${typeof classes[0]}s; give a label of the same type.`);
      }
      this.outlierLabel_ = outlierLabel;
    }
    this.fitSearch(M, codes, null);
    return this;
  }

  predictProba(X: MatrixLike): number[][] {
    const fit = this.search();
    const result = this.radiusNeighbors(X);
    const outliers = result.indices.flatMap((ind, i) => (ind.length === 0 ? [i] : []));
    if (outliers.length > 0 && this.outlierLabel_ === null) {
      throw new Error(
        `No neighbors found for test samples [${outliers.join(', ')}], you can try using larger radius, ` +
          "giving a label for outliers (outlierLabel: 'most_frequent' or a class), or considering removing them from your dataset.",
      );
    }
    const proba = classVotes(result, fit.y!, this.classes_.length, neighborWeights(result.distances, this.params.weights));
    const at = this.classes_.indexOf(this.outlierLabel_ as Label);
    if (at >= 0) for (const i of outliers) proba[i][at] = 1;
    return proba;
  }

  predict(X: MatrixLike): Label[] {
    // All-zero rows are outliers whose label is not a training class.
    return this.predictProba(X).map((p) => (p.every((v) => v === 0) ? this.outlierLabel_! : this.classes_[argmax(p)]));
  }
}
