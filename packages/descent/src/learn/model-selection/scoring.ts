/**
 * Scorers: scikit-learn's scoring names ('accuracy', 'f1_macro', 'r2',
 * 'neg_mean_squared_error', ...) mapped to Descent's metrics. A scorer takes a fitted
 * estimator and data and returns a number where greater is better, so errors and losses
 * are negated ('neg_...'), exactly as in `sklearn.metrics.get_scorer`.
 */
import type { BaseEstimator } from '../base/base-estimator.js';
import type { Label } from '../base/validation.js';
import type { TableLike } from '../frame.js';
import { accuracyScore } from '../metrics/accuracy.js';
import { balancedAccuracyScore, f1Score, matthewsCorrcoef, precisionScore, recallScore, type Average } from '../metrics/classification.js';
import { brierScoreLoss, logLoss } from '../metrics/probabilistic.js';
import { averagePrecisionScore, rocAucScore } from '../metrics/ranking.js';
import {
  explainedVarianceScore, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, medianAbsoluteError, r2Score,
  rootMeanSquaredError,
} from '../metrics/regression.js';

/**
 * A fitted estimator and data in, a score out (greater is better). X is the held-out rows
 * in the form the caller gave them (a DataFrame stays a DataFrame).
 */
export type Scorer = (estimator: BaseEstimator, X: TableLike, y: Label[]) => number;

/** What `scoring` accepts: null (the estimator's own `score`), a name, a function, or several (a list of names or a record of names or functions). */
export type Scoring = null | string | Scorer | readonly string[] | Readonly<Record<string, string | Scorer>>;

type Any = Record<string, (...args: unknown[]) => unknown>;
const call = <T>(est: BaseEstimator, method: string, X: TableLike): T => {
  const fn = (est as unknown as Any)[method];
  if (typeof fn !== 'function') throw new TypeError(`This scorer needs ${est.estimatorName}.${method}, which it does not have.`);
  return fn.call(est, X) as T;
};
const predict = (est: BaseEstimator, X: TableLike) => call<Label[]>(est, 'predict', X);
const proba = (est: BaseEstimator, X: TableLike) => call<number[][]>(est, 'predictProba', X);
const numbers = (y: Label[]) => y as number[];
const classesOf = (est: BaseEstimator) => (est as unknown as { classes_: Label[] }).classes_;

/** Probability of the positive (second) class, for binary ranking metrics. */
function positiveProba(est: BaseEstimator, X: TableLike): number[] {
  const P = proba(est, X);
  if (P[0]?.length !== 2) throw new Error(`This scorer is for binary classification, but ${est.estimatorName} predicts ${P[0]?.length} classes. Use 'roc_auc_ovr' or 'roc_auc_ovo'.`);
  return P.map((r) => r[1]);
}

function labelScorer(metric: (yTrue: Label[], yPred: Label[], o: { average: Average }) => number | number[], average: Average): Scorer {
  return (est, X, y) => metric(y, predict(est, X), { average }) as number;
}

const SCORERS: Record<string, Scorer> = {
  accuracy: (est, X, y) => accuracyScore(y, predict(est, X)),
  balanced_accuracy: (est, X, y) => balancedAccuracyScore(y, predict(est, X)),
  matthews_corrcoef: (est, X, y) => matthewsCorrcoef(y, predict(est, X)),
  roc_auc: (est, X, y) => rocAucScore(y, positiveProba(est, X)),
  roc_auc_ovr: (est, X, y) => rocAucScore(y, proba(est, X), { multiClass: 'ovr' }),
  roc_auc_ovo: (est, X, y) => rocAucScore(y, proba(est, X), { multiClass: 'ovo' }),
  roc_auc_ovr_weighted: (est, X, y) => rocAucScore(y, proba(est, X), { multiClass: 'ovr', average: 'weighted' }),
  roc_auc_ovo_weighted: (est, X, y) => rocAucScore(y, proba(est, X), { multiClass: 'ovo', average: 'weighted' }),
  average_precision: (est, X, y) => averagePrecisionScore(y, positiveProba(est, X), { posLabel: classesOf(est)[1] }) as number,
  neg_log_loss: (est, X, y) => -logLoss(y, proba(est, X), { labels: classesOf(est) }),
  neg_brier_score: (est, X, y) => -(brierScoreLoss(y, positiveProba(est, X), { posLabel: classesOf(est)[1] }) as number),
  r2: (est, X, y) => r2Score(numbers(y), predict(est, X) as number[]),
  explained_variance: (est, X, y) => explainedVarianceScore(numbers(y), predict(est, X) as number[]),
  neg_mean_squared_error: (est, X, y) => -meanSquaredError(numbers(y), predict(est, X) as number[]),
  neg_root_mean_squared_error: (est, X, y) => -rootMeanSquaredError(numbers(y), predict(est, X) as number[]),
  neg_mean_absolute_error: (est, X, y) => -meanAbsoluteError(numbers(y), predict(est, X) as number[]),
  neg_median_absolute_error: (est, X, y) => -medianAbsoluteError(numbers(y), predict(est, X) as number[]),
  neg_mean_absolute_percentage_error: (est, X, y) => -meanAbsolutePercentageError(numbers(y), predict(est, X) as number[]),
};
for (const [name, metric] of [['f1', f1Score], ['precision', precisionScore], ['recall', recallScore]] as const) {
  SCORERS[name] = labelScorer(metric, 'binary');
  for (const avg of ['macro', 'micro', 'weighted'] as const) SCORERS[`${name}_${avg}`] = labelScorer(metric, avg);
}

/** Every scoring name `getScorer` knows, sorted. */
export function scorerNames(): string[] {
  return Object.keys(SCORERS).sort();
}

/**
 * The scorer for a scikit-learn scoring name (or a scorer function, returned as is).
 *
 * ```ts
 * const model = new Ridge().fit(X, y);
 * getScorer('neg_mean_squared_error')(model, X, y); // −MSE: greater is better
 * ```
 */
export function getScorer(scoring: string | Scorer): Scorer {
  if (typeof scoring === 'function') return scoring;
  const s = SCORERS[scoring];
  if (!s) throw new Error(`'${scoring}' is not a valid scoring value. Use one of ${scorerNames().map((n) => `'${n}'`).join(', ')}, or pass a function (estimator, X, y) => number.`);
  return s;
}

/** The estimator's own `score` (accuracy for classifiers, R² for regressors). */
const passthrough: Scorer = (est, X, y) => {
  const fn = (est as unknown as Any).score;
  if (typeof fn !== 'function') throw new TypeError(`${est.estimatorName} has no score method: pass \`scoring\` (a name such as 'accuracy' or 'r2', or a function).`);
  return fn.call(est, X, y) as number;
};

/** Whether a `scoring` value is valid; the search estimators' parameter constraint. */
export function isScoring(v: unknown): boolean {
  if (v === null || typeof v === 'function') return true;
  if (typeof v === 'string') return v in SCORERS;
  const valid = (x: unknown) => typeof x === 'function' || (typeof x === 'string' && x in SCORERS);
  if (Array.isArray(v)) return v.length > 0 && v.every((x) => typeof x === 'string' && x in SCORERS) && new Set(v).size === v.length;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v).length > 0 && Object.values(v).every(valid);
  return false;
}

/**
 * `scoring` resolved to named scorers. A single metric (null, a name, a function) is
 * called 'score', as in scikit-learn's `test_score`; several keep their names.
 */
export function resolveScoring(scoring: Scoring): { multimetric: boolean; scorers: [string, Scorer][] } {
  if (scoring === null) return { multimetric: false, scorers: [['score', passthrough]] };
  if (typeof scoring === 'string' || typeof scoring === 'function') return { multimetric: false, scorers: [['score', getScorer(scoring)]] };
  if (Array.isArray(scoring)) return { multimetric: true, scorers: (scoring as string[]).map((n) => [n, getScorer(n)]) };
  return { multimetric: true, scorers: Object.entries(scoring as Record<string, string | Scorer>).map(([n, s]) => [n, getScorer(s)]) };
}

/** scikit-learn's result key in camelCase: 'mean_test_f1_macro' → 'meanTestF1Macro'. */
export function camelKey(key: string): string {
  return key.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}
