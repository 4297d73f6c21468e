/**
 * Recursive feature elimination (sklearn.feature_selection.RFE and RFECV): fit a model,
 * drop the features it finds least important, refit on the rest, and repeat (Guyon et al.,
 * "Gene selection for cancer classification using support vector machines", 2002).
 */
import type { BaseEstimator, EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkLabels, namedError, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { takeRows } from '../model-selection/common.js';
import { getScorer, type Scorer } from '../model-selection/scoring.js';
import { checkCv, isCv, splitsOf, type CV } from '../model-selection/validation.js';
import { argsortStable, featureImportances, selectColumns, Selector, type ImportanceGetter } from './base.js';
import { readMatrix, readMatrixWithY } from './univariate.js';

type Any = Record<string, (...args: unknown[]) => unknown>;
type Target = LabelsLike | VectorLike;

/** The number of features to remove per round: a count, or a fraction (0, 1) of all features. */
function stepSize(step: number, d: number): number {
  return step > 0 && step < 1 ? Math.max(1, Math.trunc(step * d)) : Math.trunc(step);
}

/** scikit-learn's own score or a named scorer, on the held-out rows. */
function scorerOf(scoring: string | Scorer | null): Scorer {
  if (scoring !== null) return getScorer(scoring);
  return (est, X, y) => (est as unknown as Any).score(X, y) as number;
}

interface Elimination { support: boolean[]; ranking: number[]; estimator: BaseEstimator; scores: number[] }

/**
 * The elimination loop: while more than `nSelect` features remain, fit on them, rank them
 * by importance (squared coefficients summed over classes), and drop the `step` least
 * important (never below `nSelect`). Every dropped feature's rank grows by one per round,
 * so `ranking` 1 means kept. `stepScore`, when given, scores each fitted model (RFECV).
 */
function eliminate(
  M: Matrix, y: Target, template: BaseEstimator, nSelect: number, step: number, getter: ImportanceGetter, caller: string,
  stepScore?: (est: BaseEstimator, features: number[]) => number,
): Elimination {
  const d = M.cols;
  const support = new Array<boolean>(d).fill(true);
  const ranking = new Array<number>(d).fill(1);
  const scores: number[] = [];
  const fitOn = (features: number[]) => (template.clone() as unknown as Any).fit(selectColumns(M, features), y) as unknown as BaseEstimator;
  let remaining = d;
  while (remaining > nSelect) {
    const features = support.flatMap((s, j) => (s ? [j] : []));
    const est = fitOn(features);
    const importances = featureImportances(est, getter, 'square', 1, caller);
    if (importances.length !== features.length) {
      throw new Error(`${caller}: ${est.estimatorName} gave ${importances.length} importances for ${features.length} features.`);
    }
    if (stepScore) scores.push(stepScore(est, features));
    const drop = argsortStable(importances).slice(0, Math.min(step, remaining - nSelect));
    for (const r of drop) support[features[r]] = false;
    for (let j = 0; j < d; j++) if (!support[j]) ranking[j]++;
    remaining -= drop.length;
  }
  const features = support.flatMap((s, j) => (s ? [j] : []));
  const estimator = fitOn(features);
  if (stepScore) scores.push(stepScore(estimator, features));
  return { support, ranking, estimator, scores };
}

/** Shared by RFE and RFECV: the fitted final model answers predict/score on the selected columns. */
abstract class EliminationSelector<P extends { estimator: BaseEstimator }> extends Selector<P> {
  declare support_: boolean[];
  declare ranking_: number[];
  declare nFeatures_: number;
  /** The model refitted on the selected features. */
  declare estimator_: BaseEstimator;

  protected supportMask(): boolean[] {
    return this.support_;
  }

  override supports(method: string): boolean {
    if (['predict', 'predictProba', 'decisionFunction', 'score'].includes(method)) return this.params.estimator.supports(method);
    return super.supports(method);
  }

  private delegate(method: string, ...args: unknown[]): unknown {
    const fn = (this.estimator_ as unknown as Any | undefined)?.[method];
    this.checkIsFitted();
    if (typeof fn !== 'function') throw new TypeError(`${this.estimatorName}: its estimator ${this.estimator_.estimatorName} has no ${method}.`);
    return fn.apply(this.estimator_, args);
  }

  /** The final model's predictions on the selected columns of X. */
  predict(X: MatrixLike): Label[] | number[] {
    return this.delegate('predict', this.transform(X)) as Label[] | number[];
  }

  predictProba(X: MatrixLike): number[][] {
    return this.delegate('predictProba', this.transform(X)) as number[][];
  }

  decisionFunction(X: MatrixLike): number[] | number[][] {
    return this.delegate('decisionFunction', this.transform(X)) as number[] | number[][];
  }

  score(X: MatrixLike, y: Target): number {
    return this.delegate('score', this.transform(X), y) as number;
  }
}

const getterConstraint = [C.options('auto', 'coef_', 'featureImportances_'), C.custom('a function (estimator) => importances', (v) => typeof v === 'function')];

export interface RFEParams {
  /** A model with `coef_` or `featureImportances_` after fitting. Required. */
  estimator: BaseEstimator;
  /** Features to keep: a count, a fraction (0, 1] of them, or null for half. Default null. */
  nFeaturesToSelect: number | null;
  /** Features removed per round: a count >= 1, or a fraction (0, 1) of all features. Default 1. */
  step: number;
  /** Where the importances come from. Default 'auto' (`coef_`, else `featureImportances_`). */
  importanceGetter: ImportanceGetter;
}

/**
 * Recursive feature elimination down to `nFeaturesToSelect` features. `ranking_[j]` is 1
 * for a kept feature and larger the earlier j was dropped.
 *
 * ```ts
 * const rfe = new RFE({ estimator: new LinearRegression(), nFeaturesToSelect: 2 }).fit(X, y);
 * rfe.ranking_;         // [1, 4, 1, 2, 5, 3]
 * rfe.predict(Xnew);    // the refitted model on the two kept columns
 * ```
 */
export class RFE extends EliminationSelector<RFEParams> {
  static override readonly spec: EstimatorSpec<RFEParams> = {
    name: 'RFE',
    defaults: { estimator: null as unknown as BaseEstimator, nFeaturesToSelect: null, step: 1, importanceGetter: 'auto' },
    constraints: {
      estimator: [C.estimator],
      nFeaturesToSelect: [C.null, C.integer({ min: 1 }), C.number({ min: 0, max: 1, minExclusive: true })],
      step: [C.integer({ min: 1 }), C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: true })],
      importanceGetter: getterConstraint,
    },
    tags: { requiresY: true, requiredParams: ['estimator'] },
  };

  fit(X: MatrixLike, y?: Target): this {
    this.beginFit();
    const M = readMatrixWithY(X, y, this.estimatorName);
    const d = M.cols;
    const k = this.params.nFeaturesToSelect;
    const nSelect = k === null ? Math.trunc(d / 2) : Number.isInteger(k) && k >= 1 ? k : Math.trunc(d * k);
    const r = eliminate(M, y as Target, this.params.estimator, nSelect, stepSize(this.params.step, d), this.params.importanceGetter, this.estimatorName);
    this.support_ = r.support;
    this.ranking_ = r.ranking;
    this.nFeatures_ = r.support.filter(Boolean).length;
    this.estimator_ = r.estimator;
    this.nFeaturesIn_ = d;
    return this;
  }
}

export interface RFECVParams {
  estimator: BaseEstimator;
  /** Features removed per round. Default 1. */
  step: number;
  /** Never keep fewer. Default 1. */
  minFeaturesToSelect: number;
  /** Folds: null (5; stratified for classifiers), a count, a splitter or explicit splits. */
  cv: CV;
  /** How a fold is scored: null (the model's `score`), a scorer name or function. */
  scoring: string | Scorer | null;
  importanceGetter: ImportanceGetter;
}

/** Cross-validated scores per number of features, from the fewest to all of them. */
export interface RFECVResults { meanTestScore: number[]; stdTestScore: number[]; splitTestScores: number[][] }

/**
 * RFE that picks the number of features by cross-validation: on each fold it eliminates
 * features one `step` at a time, scoring every intermediate model on the held-out rows;
 * the count with the best total score (the fewest features among ties) is then selected by
 * an RFE on all the data.
 *
 * ```ts
 * const sel = new RFECV({ estimator: new Ridge(), cv: 4 }).fit(X, y);
 * sel.nFeatures_; sel.cvResults_.meanTestScore; // R² for 1, 2, … features
 * ```
 */
export class RFECV extends EliminationSelector<RFECVParams> {
  static override readonly spec: EstimatorSpec<RFECVParams> = {
    name: 'RFECV',
    defaults: { estimator: null as unknown as BaseEstimator, step: 1, minFeaturesToSelect: 1, cv: null, scoring: null, importanceGetter: 'auto' },
    constraints: {
      estimator: [C.estimator],
      step: [C.integer({ min: 1 }), C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: true })],
      minFeaturesToSelect: [C.integer({ min: 1 })],
      cv: [C.custom('null, an integer >= 2, a splitter or a list of [train, test] index pairs', isCv)],
      scoring: [C.null, C.string, C.custom('a function (estimator, X, y) => number', (v) => typeof v === 'function')],
      importanceGetter: getterConstraint,
    },
    tags: { requiresY: true, requiredParams: ['estimator'] },
  };

  declare cvResults_: RFECVResults;

  fit(X: MatrixLike, y?: Target): this {
    this.beginFit();
    const M = readMatrixWithY(X, y, this.estimatorName);
    const d = M.cols;
    const yy = y as Target;
    let labels: Label[];
    try {
      labels = checkLabels(yy as LabelsLike);
    } catch (e) {
      throw namedError(e, this.estimatorName);
    }
    const est = this.params.estimator;
    const step = stepSize(this.params.step, d);
    const scorer = scorerOf(this.params.scoring);
    const splitter = checkCv(this.params.cv, labels, est.tags.estimatorType === 'classifier');
    const rows = selectColumns(M, Array.from({ length: d }, (_, j) => j));
    let foldScores: number[][];
    try {
      foldScores = this.foldScores(splitsOf(splitter, rows, labels), rows, labels, step, scorer);
    } catch (e) {
      throw namedError(e, this.estimatorName);
    }
    // Scores run from all features down; the last best total in that order has the fewest features.
    const m = foldScores[0].length;
    const sums = Array.from({ length: m }, (_, s) => foldScores.reduce((acc, f) => acc + f[s], 0));
    let best = m - 1;
    for (let s = m - 1; s >= 0; s--) if (sums[s] > sums[best]) best = s;
    const nSelect = Math.max(d - best * step, this.params.minFeaturesToSelect);
    const r = eliminate(M, yy, est, nSelect, step, this.params.importanceGetter, this.estimatorName);
    this.support_ = r.support;
    this.ranking_ = r.ranking;
    this.nFeatures_ = r.support.filter(Boolean).length;
    this.estimator_ = r.estimator;
    const reversed = foldScores.map((f) => [...f].reverse());
    const mean = reversed[0].map((_, s) => reversed.reduce((a, f) => a + f[s], 0) / reversed.length);
    const std = mean.map((mu, s) => Math.sqrt(reversed.reduce((a, f) => a + (f[s] - mu) ** 2, 0) / reversed.length));
    this.cvResults_ = { meanTestScore: mean, stdTestScore: std, splitTestScores: reversed };
    this.nFeaturesIn_ = d;
    return this;
  }

  /** Per fold: the held-out score of the model at each elimination step, from all features down. */
  private foldScores(splits: [number[], number[]][], rows: number[][], labels: Label[], step: number, scorer: Scorer): number[][] {
    const est = this.params.estimator;
    return splits.map(([train, test]) => {
      const Mt = readMatrix(takeRows(rows, train), this.estimatorName);
      const Xtest = takeRows(rows, test);
      const ytest = takeRows(labels, test);
      const score = (e: BaseEstimator, features: number[]) => scorer(e, Xtest.map((r) => features.map((j) => r[j])), ytest);
      return eliminate(Mt, takeRows(labels, train), est, this.params.minFeaturesToSelect, step, this.params.importanceGetter, this.estimatorName, score).scores;
    });
  }
}
