/**
 * IterativeImputer: each feature with missing values modelled as a regression on the
 * others, round-robin, for several rounds (sklearn.impute.IterativeImputer, 1.2; after
 * van Buuren's MICE, without posterior sampling).
 *
 * 1. Fill every gap with a simple statistic (`initialStrategy`, SimpleImputer).
 * 2. For each feature in `imputationOrder` ('ascending': fewest missing first), fit a clone of
 *    `estimator` predicting it from all other features on the rows where it is observed, and
 *    overwrite its missing entries with the predictions (clipped to [minValue, maxValue]).
 * 3. Repeat up to `maxIter` rounds; stop early when the largest row-sum of absolute changes
 *    (‖ΔX‖∞, NumPy's matrix ∞-norm) falls below tol · max|observed value|.
 *
 * `transform` replays the fitted sequence of (feature, estimator) steps on new data.
 * The default regressor is BayesianRidge, as in sklearn; pass any other (`new Ridge()`,
 * `new LinearRegression()`, ...).
 */
import type { BaseEstimator, EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { BayesianRidge } from '../linear-model/bayesian-ridge.js';
import { SimpleImputer } from './imputer.js';

type Regressor = BaseEstimator & { fit(X: number[][], y: number[]): unknown; predict(X: number[][]): number[] };

export interface IterativeImputerParams {
  /** The regressor cloned for each feature; null means BayesianRidge(). */
  estimator: BaseEstimator | null;
  /** Most rounds over the features. Default 10. */
  maxIter: number;
  /** Early-stopping tolerance, relative to the largest observed |value|. Default 1e-3. */
  tol: number;
  /** The first fill: 'mean' (default), 'median', 'most_frequent' or 'constant'. */
  initialStrategy: 'mean' | 'median' | 'most_frequent' | 'constant';
  /** 'ascending' (default: fewest missing first), 'descending', 'roman' (left to right) or 'arabic' (right to left). */
  imputationOrder: 'ascending' | 'descending' | 'roman' | 'arabic';
  /** Skip features with no missing value in fit. Default false (sklearn's default). */
  skipComplete: boolean;
  /** Clip imputed values to [minValue, maxValue]. Defaults −∞ and ∞. */
  minValue: number;
  maxValue: number;
}

/** One fitted step: the feature imputed, the features it is predicted from, the fitted model. */
export interface ImputationStep {
  featIdx: number;
  neighborFeatIdx: number[];
  estimator: BaseEstimator;
}

/**
 * ```ts
 * import { LinearRegression } from 'descent/learn';
 * const imp = new IterativeImputer({ estimator: new LinearRegression() });
 * imp.fitTransform([[1, 2], [2, 4], [3, 6], [4, NaN]]); // [[1, 2], [2, 4], [3, 6], [4, 8]]
 * ```
 */
export class IterativeImputer extends Transformer<IterativeImputerParams> {
  static override readonly spec: EstimatorSpec<IterativeImputerParams> = {
    name: 'IterativeImputer',
    defaults: {
      estimator: null, maxIter: 10, tol: 1e-3, initialStrategy: 'mean', imputationOrder: 'ascending',
      skipComplete: false, minValue: -Infinity, maxValue: Infinity,
    },
    constraints: {
      estimator: [C.estimator, C.null],
      maxIter: [C.integer({ min: 0 })],
      tol: [C.number({ min: 0 })],
      initialStrategy: [C.options('mean', 'median', 'most_frequent', 'constant')],
      imputationOrder: [C.options('ascending', 'descending', 'roman', 'arabic')],
      skipComplete: [C.boolean],
      minValue: [C.number()],
      maxValue: [C.number()],
    },
    tags: { allowNaN: true },
  };

  declare initialImputer_: SimpleImputer;
  declare imputationSequence_: ImputationStep[];
  /** Rounds run. */
  declare nIter_: number;
  declare nFeaturesWithMissing_: number;

  /** The initial fill and the missing mask, over the features kept (those observed in fit). */
  private initial(X: MatrixLike, fitting: boolean): { Xt: number[][]; observed: number[][]; missing: boolean[][] } {
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    if (fitting) {
      this.initialImputer_ = new SimpleImputer({ strategy: this.params.initialStrategy });
      this.initialImputer_.fit({ data: M.data, shape: [M.rows, M.cols] });
      this.nFeaturesIn_ = M.cols;
    } else {
      this.checkNFeatures(M);
    }
    const shaped = { data: M.data, shape: [M.rows, M.cols] };
    const Xt = this.initialImputer_.transform(shaped);
    const keep = this.initialImputer_.statistics_.flatMap((s, j) => (Number.isNaN(s) ? [] : [j]));
    const observed = Array.from({ length: M.rows }, (_, i) => keep.map((j) => M.data[i * M.cols + j]));
    const missing = observed.map((r) => r.map(Number.isNaN));
    return { Xt, observed, missing };
  }

  /** Fits `est` on the rows where feature f is observed, then fills its missing rows in place. */
  private imputeOne(Xt: number[][], missing: boolean[][], f: number, others: number[], est: Regressor, fit: boolean): void {
    if (fit) {
      const rows = Xt.filter((_, i) => !missing[i][f]);
      est.fit(rows.map((r) => others.map((j) => r[j])), rows.map((r) => r[f]));
    }
    const todo = Xt.flatMap((_, i) => (missing[i][f] ? [i] : []));
    if (todo.length === 0) return;
    const pred = est.predict(todo.map((i) => others.map((j) => Xt[i][j])));
    todo.forEach((i, k) => (Xt[i][f] = Math.min(Math.max(pred[k], this.params.minValue), this.params.maxValue)));
  }

  override fitTransform(X: MatrixLike): number[][] {
    this.beginFit();
    const { minValue, maxValue, maxIter, tol, imputationOrder, skipComplete } = this.params;
    if (!(maxValue > minValue)) throw new Error(`IterativeImputer: minValue (${minValue}) must be below maxValue (${maxValue}).`);
    const { Xt, observed, missing } = this.initial(X, true);
    this.imputationSequence_ = [];
    const p = Xt[0]?.length ?? 0;
    const anyObserved = missing.some((r) => r.some((m) => !m));
    if (maxIter === 0 || !anyObserved || p === 1) {
      this.nIter_ = 0;
      this.nFeaturesWithMissing_ = 0;
      return Xt;
    }
    // Feature order: stable sort by the fraction missing (sklearn's mergesort argsort).
    const frac = Array.from({ length: p }, (_, j) => missing.reduce((s, r) => s + (r[j] ? 1 : 0), 0) / missing.length);
    let order = Array.from({ length: p }, (_, j) => j).filter((j) => !skipComplete || frac[j] > 0);
    if (imputationOrder === 'ascending') order = [...order].sort((a, b) => frac[a] - frac[b]);
    else if (imputationOrder === 'descending') order = [...order].sort((a, b) => frac[a] - frac[b]).reverse();
    else if (imputationOrder === 'arabic') order = [...order].reverse();
    this.nFeaturesWithMissing_ = order.length;
    let maxAbs = 0;
    observed.forEach((r) => r.forEach((v) => { if (!Number.isNaN(v)) maxAbs = Math.max(maxAbs, Math.abs(v)); }));
    const normalizedTol = tol * maxAbs;
    const template = (this.params.estimator ?? new BayesianRidge()) as BaseEstimator;
    let previous = Xt.map((r) => [...r]);
    for (let round = 1; round <= maxIter; round++) {
      this.nIter_ = round;
      for (const f of order) {
        const others = Array.from({ length: p }, (_, j) => j).filter((j) => j !== f);
        const est = template.clone() as Regressor;
        this.imputeOne(Xt, missing, f, others, est, true);
        this.imputationSequence_.push({ featIdx: f, neighborFeatIdx: others, estimator: est });
      }
      // NumPy's matrix ∞-norm: the largest row sum of absolute changes.
      let norm = 0;
      Xt.forEach((r, i) => (norm = Math.max(norm, r.reduce((s, v, j) => s + Math.abs(v - previous[i][j]), 0))));
      if (norm < normalizedTol) break;
      previous = Xt.map((r) => [...r]);
    }
    return Xt.map((r, i) => r.map((v, j) => (missing[i][j] ? v : observed[i][j])));
  }

  fit(X: MatrixLike): this {
    this.fitTransform(X);
    return this;
  }

  transform(X: MatrixLike): number[][] {
    this.checkIsFitted();
    const { Xt, observed, missing } = this.initial(X, false);
    if (this.nIter_ === 0) return Xt;
    for (const step of this.imputationSequence_) {
      this.imputeOne(Xt, missing, step.featIdx, step.neighborFeatIdx, step.estimator as Regressor, false);
    }
    return Xt.map((r, i) => r.map((v, j) => (missing[i][j] ? v : observed[i][j])));
  }
}
