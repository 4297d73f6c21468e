/**
 * Combining different models (scikit-learn's `VotingClassifier`/`VotingRegressor` and
 * `StackingClassifier`/`StackingRegressor`).
 *
 * Voting averages: the (weighted) majority of the predicted labels ('hard'), the weighted
 * mean of the class probabilities ('soft'), or of the regression predictions.
 * Stacking (Wolpert, "Stacked generalization", 1992) learns the combination: a final
 * estimator is fitted on the base models' cross-validated predictions (so it never sees
 * a prediction made on a model's own training rows), then the base models are refitted
 * on all the data.
 */
import { isEstimator, type BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import { checkXLabels, checkXy, namedError, toRows, uniqueLabels, type Label, type LabelsLike, type MatrixLike, type VectorLike } from '../base/validation.js';
import { LinearRegression } from '../linear-model/linear-regression.js';
import { LogisticRegression } from '../linear-model/logistic.js';
import { crossValPredict } from '../model-selection/validation.js';
import type { Splitter } from '../model-selection/common.js';
import { argmax } from '../tree/decision-tree.js';

type Named = [string, BaseEstimator];
type Any = BaseEstimator & Record<string, (...a: unknown[]) => unknown>;

const namedList = C.custom('an array of [name, estimator] pairs with unique names', (v) =>
  Array.isArray(v) && v.length > 0 && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && !e[0].includes('__') && isEstimator(e[1])) &&
  new Set(v.map((e) => (e as unknown[])[0])).size === v.length);
const weightList = C.custom('an array of numbers, one per estimator', (v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)));
const cvForm = C.custom('an integer >= 2 or a splitter', (v) => (Number.isInteger(v) && (v as number) >= 2) || (typeof v === 'object' && v !== null && typeof (v as Splitter).split === 'function'));

/** Nested estimators by name (for `name__param` in getParams/setParams). */
function namedNested(list: unknown): Named[] {
  return Array.isArray(list) ? (list.filter((e) => Array.isArray(e) && isEstimator(e[1])) as Named[]) : [];
}

/** `setParams({ name: estimator })`: replace the named base estimator; false if no such name. */
function setNamed(params: { estimators: Named[] }, key: string, value: unknown): boolean {
  const i = params.estimators.findIndex((e) => e[0] === key);
  if (i < 0 || !isEstimator(value)) return false;
  params.estimators = params.estimators.map((e, k) => (k === i ? [key, value] : e));
  return true;
}

function checkWeights(weights: number[] | null, n: number, caller: string): void {
  if (weights && weights.length !== n) throw new Error(`${caller}: weights has ${weights.length} numbers but there are ${n} estimators; pass one weight per estimator.`);
}

export interface VotingClassifierParams {
  estimators: Named[];
  /** 'hard': majority of labels; 'soft': argmax of the weighted mean probability. */
  voting: 'hard' | 'soft';
  weights: number[] | null;
}

/**
 * ```ts
 * const vote = new VotingClassifier({ estimators: [['lr', new LogisticRegression()], ['rf', new RandomForestClassifier()]], voting: 'soft' }).fit(X, y);
 * ```
 */
export class VotingClassifier extends Classifier<VotingClassifierParams> {
  static override readonly spec: EstimatorSpec<VotingClassifierParams> = {
    name: 'VotingClassifier',
    defaults: { estimators: [], voting: 'hard', weights: null },
    constraints: { estimators: [namedList], voting: [C.options('hard', 'soft')], weights: [weightList, C.null] },
    tags: { estimatorType: 'classifier', requiresY: true, requiredParams: ['estimators'] },
  };
  declare estimators_: BaseEstimator[];

  protected override nestedEstimators(): Named[] {
    return namedNested(this.params.estimators);
  }

  protected override setOwnParam(key: string, value: unknown): boolean {
    return key in this.params ? super.setOwnParam(key, value) : setNamed(this.params, key, value);
  }

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    checkWeights(this.params.weights, this.params.estimators.length, this.estimatorName);
    if (this.params.voting === 'soft') {
      const bad = this.params.estimators.find(([, e]) => !e.supports('predictProba'));
      if (bad) throw new Error(`${this.estimatorName}: voting 'soft' needs predictProba, which ${bad[0]} (${bad[1].estimatorName}) does not have. Use voting 'hard'.`);
    }
    const rows = toRows(M);
    this.estimators_ = this.params.estimators.map(([, e]) => (e.clone() as Any).fit(rows, labels) as BaseEstimator);
    this.classes_ = uniqueLabels(labels);
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** Weighted mean of the estimators' class probabilities (voting 'soft'). */
  predictProba(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    if (this.params.voting !== 'soft') throw new Error(`${this.estimatorName}: predictProba is only available with voting 'soft'.`);
    const rows = toRows(M);
    const w = this.params.weights ?? this.estimators_.map(() => 1);
    const W = w.reduce((a, b) => a + b, 0);
    const K = this.classes_.length;
    const sum = rows.map(() => new Array<number>(K).fill(0));
    this.estimators_.forEach((e, m) => ((e as Any).predictProba(rows) as number[][]).forEach((p, i) => p.forEach((v, k) => (sum[i][k] += (w[m] * v) / W))));
    return sum;
  }

  predict(X: MatrixLike): Label[] {
    if (this.params.voting === 'soft') return this.predictProba(X).map((r) => this.classes_[argmax(r)]);
    const M = this.checkPredictInput(X);
    const rows = toRows(M);
    const w = this.params.weights ?? this.estimators_.map(() => 1);
    const votes = rows.map(() => new Array<number>(this.classes_.length).fill(0));
    this.estimators_.forEach((e, m) => ((e as Any).predict(rows) as Label[]).forEach((l, i) => (votes[i][this.classes_.indexOf(l)] += w[m])));
    return votes.map((v) => this.classes_[argmax(v)]);
  }
}

export interface VotingRegressorParams {
  estimators: Named[];
  weights: number[] | null;
}

/** The weighted mean of the regressors' predictions. */
export class VotingRegressor extends Regressor<VotingRegressorParams> {
  static override readonly spec: EstimatorSpec<VotingRegressorParams> = {
    name: 'VotingRegressor',
    defaults: { estimators: [], weights: null },
    constraints: { estimators: [namedList], weights: [weightList, C.null] },
    tags: { estimatorType: 'regressor', requiresY: true, requiredParams: ['estimators'] },
  };
  declare estimators_: BaseEstimator[];

  protected override nestedEstimators(): Named[] {
    return namedNested(this.params.estimators);
  }

  protected override setOwnParam(key: string, value: unknown): boolean {
    return key in this.params ? super.setOwnParam(key, value) : setNamed(this.params, key, value);
  }

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: v } = checkXy(X, y, { caller: this.estimatorName });
    checkWeights(this.params.weights, this.params.estimators.length, this.estimatorName);
    const rows = toRows(M);
    this.estimators_ = this.params.estimators.map(([, e]) => (e.clone() as Any).fit(rows, Array.from(v)) as BaseEstimator);
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    const rows = toRows(M);
    const w = this.params.weights ?? this.estimators_.map(() => 1);
    const W = w.reduce((a, b) => a + b, 0);
    const out = new Array<number>(rows.length).fill(0);
    this.estimators_.forEach((e, m) => ((e as Any).predict(rows) as number[]).forEach((p, i) => (out[i] += (w[m] * p) / W)));
    return out;
  }
}

export interface StackingParams {
  estimators: Named[];
  /** The model fitted on the base predictions; null for LogisticRegression / LinearRegression. */
  finalEstimator: BaseEstimator | null;
  /** Folds for the out-of-fold predictions: a count (stratified for classifiers) or a splitter. */
  cv: number | Splitter;
  /** Also hand the original features to the final estimator. */
  passthrough: boolean;
}

const STACK_CONSTRAINTS = {
  estimators: [namedList], finalEstimator: [C.estimator, C.null], cv: [cvForm], passthrough: [C.boolean],
};

/** The base estimators plus the final one, by name (for `name__param` in getParams/setParams). */
function stackingNested(params: StackingParams): Named[] {
  const own = namedNested(params.estimators);
  return params.finalEstimator ? [...own, ['finalEstimator', params.finalEstimator]] : own;
}

/**
 * The base models' features for the final estimator: probabilities for classifiers that
 * have them (the first column dropped for two classes, as it is one minus the other),
 * else predictions. `proba` and `predict` say how each model's outputs are obtained
 * (fitted models on new rows, or cross-validated predictions on the training rows).
 */
function stackColumns(
  ests: BaseEstimator[], rows: number[][], classifier: boolean, passthrough: boolean, classes: Label[],
  proba: (e: BaseEstimator) => number[][], predict: (e: BaseEstimator) => (number | string)[],
): number[][] {
  const cols = ests.map((e) => {
    if (classifier && e.supports('predictProba')) {
      const P = proba(e);
      return classes.length === 2 ? P.map((p) => [p[1]]) : P;
    }
    return predict(e).map((v) => [classifier ? classes.indexOf(v) : (v as number)]);
  });
  return rows.map((r, i) => [...cols.flatMap((c) => c[i]), ...(passthrough ? r : [])]);
}

/** Meta-features from the fitted base estimators. */
function metaFeatures(ests: BaseEstimator[], rows: number[][], classifier: boolean, passthrough: boolean, classes: Label[]): number[][] {
  return stackColumns(ests, rows, classifier, passthrough, classes,
    (e) => (e as Any).predictProba(rows) as number[][],
    (e) => (e as Any).predict(rows) as (number | string)[]);
}

/** Out-of-fold predictions of every base estimator; an error inside names the stacking estimator (`caller`). */
function oofFeatures(caller: string, named: Named[], rows: number[][], y: (number | string)[], cv: number | Splitter, classifier: boolean, passthrough: boolean, classes: Label[]): number[][] {
  try {
    return stackColumns(named.map(([, e]) => e), rows, classifier, passthrough, classes,
      (e) => crossValPredict(e.clone(), rows, y as Label[], { cv, method: 'predictProba' }) as number[][],
      (e) => crossValPredict(e.clone(), rows, y as Label[], { cv }) as (number | string)[]);
  } catch (e) {
    throw namedError(e, caller);
  }
}

/**
 * ```ts
 * const stack = new StackingClassifier({ estimators: [['rf', new RandomForestClassifier()], ['knn', new KNeighborsClassifier()]] }).fit(X, y);
 * ```
 */
export class StackingClassifier extends Classifier<StackingParams> {
  static override readonly spec: EstimatorSpec<StackingParams> = {
    name: 'StackingClassifier',
    defaults: { estimators: [], finalEstimator: null, cv: 5, passthrough: false },
    constraints: STACK_CONSTRAINTS,
    tags: { estimatorType: 'classifier', requiresY: true, requiredParams: ['estimators'] },
  };
  declare estimators_: BaseEstimator[];
  declare finalEstimator_: BaseEstimator;

  protected override nestedEstimators(): Named[] {
    return stackingNested(this.params);
  }

  protected override setOwnParam(key: string, value: unknown): boolean {
    return key in this.params ? super.setOwnParam(key, value) : setNamed(this.params, key, value);
  }

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const rows = toRows(M);
    const classes = uniqueLabels(labels);
    const Z = oofFeatures(this.estimatorName, this.params.estimators, rows, labels, this.params.cv, true, this.params.passthrough, classes);
    this.estimators_ = this.params.estimators.map(([, e]) => (e.clone() as Any).fit(rows, labels) as BaseEstimator);
    this.finalEstimator_ = ((this.params.finalEstimator ?? new LogisticRegression()).clone() as Any).fit(Z, labels) as BaseEstimator;
    this.classes_ = classes;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** The meta-features the final estimator sees for X. */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return metaFeatures(this.estimators_, toRows(M), true, this.params.passthrough, this.classes_);
  }

  predictProba(X: MatrixLike): number[][] {
    const Z = this.transform(X);
    return (this.finalEstimator_ as Any).predictProba(Z) as number[][];
  }

  predict(X: MatrixLike): Label[] {
    const Z = this.transform(X);
    return (this.finalEstimator_ as Any).predict(Z) as Label[];
  }
}

/** Stacking for regression: a final regressor (LinearRegression by default) on out-of-fold predictions. */
export class StackingRegressor extends Regressor<StackingParams> {
  static override readonly spec: EstimatorSpec<StackingParams> = {
    name: 'StackingRegressor',
    defaults: { estimators: [], finalEstimator: null, cv: 5, passthrough: false },
    constraints: STACK_CONSTRAINTS,
    tags: { estimatorType: 'regressor', requiresY: true, requiredParams: ['estimators'] },
  };
  declare estimators_: BaseEstimator[];
  declare finalEstimator_: BaseEstimator;

  protected override nestedEstimators(): Named[] {
    return stackingNested(this.params);
  }

  protected override setOwnParam(key: string, value: unknown): boolean {
    return key in this.params ? super.setOwnParam(key, value) : setNamed(this.params, key, value);
  }

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: v } = checkXy(X, y, { caller: this.estimatorName });
    const rows = toRows(M);
    const target = Array.from(v);
    const Z = oofFeatures(this.estimatorName, this.params.estimators, rows, target, this.params.cv, false, this.params.passthrough, []);
    this.estimators_ = this.params.estimators.map(([, e]) => (e.clone() as Any).fit(rows, target) as BaseEstimator);
    this.finalEstimator_ = ((this.params.finalEstimator ?? new LinearRegression()).clone() as Any).fit(Z, target) as BaseEstimator;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return metaFeatures(this.estimators_, toRows(M), false, this.params.passthrough, []);
  }

  predict(X: MatrixLike): number[] {
    const Z = this.transform(X);
    return (this.finalEstimator_ as Any).predict(Z) as number[];
  }
}
