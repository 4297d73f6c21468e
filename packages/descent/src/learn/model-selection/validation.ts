/**
 * Cross-validation (sklearn.model_selection): `crossValidate`, `crossValScore` and
 * `crossValPredict`, and the pieces the search estimators and curves share: resolving
 * `cv` into a splitter (`checkCv`), counting the samples (X itself is only indexed by
 * rows, never validated here), and fitting and scoring one clone on one split (`fitAndScore`).
 */
import type { BaseEstimator } from '../base/base-estimator.js';
import { checkLabels, namedError, type Label, type LabelsLike, type VectorLike } from '../base/validation.js';
import type { TableLike } from '../frame.js';
import { encodeLabels, isSplitter, numSamples, take, takeRows, type SamplesLike, type Splitter, type TrainTest } from './common.js';
import { KFold, StratifiedKFold } from './k-fold.js';
import { camelKey, resolveScoring, type Scorer, type Scoring } from './scoring.js';

/**
 * What `cv` accepts: null (5 folds), a number of folds (stratified for classifiers), a
 * splitter, or an explicit list of [trainIdx, testIdx] pairs.
 */
export type CV = number | null | Splitter | readonly TrainTest[];

/** Whether `v` is a valid `cv`; the search estimators' parameter constraint. */
export function isCv(v: unknown): boolean {
  if (v === null || isSplitter(v)) return true;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 2;
  return Array.isArray(v) && v.length > 0 && v.every((s) => Array.isArray(s) && s.length === 2 && Array.isArray(s[0]) && Array.isArray(s[1]));
}

/**
 * The splitter for `cv` (scikit-learn's `check_cv`): a number k gives `StratifiedKFold(k)`
 * for a classifier whose y is binary or multiclass labels, and `KFold(k)` otherwise,
 * both unshuffled.
 *
 * ```ts
 * checkCv(3, y, true); // StratifiedKFold({ nSplits: 3 })
 * ```
 */
export function checkCv(cv: CV, y: readonly Label[] | null, classifier: boolean): Splitter {
  if (cv === null || typeof cv === 'number') {
    const nSplits = cv ?? 5;
    if (!Number.isInteger(nSplits) || nSplits < 2) throw new Error(`cv must be an integer >= 2 (a number of folds); got ${cv}.`);
    return classifier && y !== null ? new StratifiedKFold({ nSplits }) : new KFold({ nSplits });
  }
  if (isSplitter(cv)) return cv;
  if (Array.isArray(cv)) {
    const splits = (cv as TrainTest[]).map(([tr, te]) => [[...tr], [...te]] as TrainTest);
    return { split: () => splits[Symbol.iterator](), getNSplits: () => splits.length };
  }
  throw new TypeError(`cv must be null, an integer >= 2, a splitter (with split and getNSplits) or a list of [trainIdx, testIdx] pairs; got ${typeof cv}.`);
}

/**
 * The data for cross-validation, as scikit-learn's `indexable` leaves it: X untouched (a
 * DataFrame, numeric rows, rows mixing numbers and strings, a Tensor, `{ data, shape }`),
 * only its number of samples read, and y as labels. Each fold's rows are taken with
 * `takeRows`, and the estimator validates them; so a pipeline that fits a table with text
 * columns cross-validates on it too.
 */
export function readData(X: TableLike, y: LabelsLike | VectorLike | null | undefined, caller: string): { X: TableLike; n: number; labels: Label[] | null } {
  const n = numSamples(X as SamplesLike);
  if (n === 0) throw new Error(`${caller}: Found array with 0 sample(s) while a minimum of 1 is required by ${caller}.`);
  let labels: Label[] | null;
  try {
    labels = y === null || y === undefined ? null : checkLabels(y as LabelsLike);
  } catch (e) {
    throw namedError(e, caller);
  }
  if (labels && labels.length !== n) throw new Error(`${caller}: Found input variables with inconsistent numbers of samples: [${n}, ${labels.length}]`);
  return { X, n, labels };
}

/** Every split of `cv`, materialised so all candidates share the same folds. */
export function splitsOf(splitter: Splitter, X: TableLike, labels: Label[] | null, groups?: LabelsLike | null): TrainTest[] {
  const splits = [...splitter.split(X as SamplesLike, labels, groups ?? null)];
  for (const [train, test] of splits) {
    if (train.length === 0 || test.length === 0) throw new Error('A cross-validation split has an empty train or test set; use fewer folds or more samples.');
  }
  return splits;
}

/** `errorScore`: 'raise' rethrows a failed fit; a number (default NaN) is recorded instead. */
export type ErrorScore = 'raise' | number;

export interface FitScoreResult {
  test: Record<string, number>;
  train: Record<string, number> | null;
  fitTime: number;
  scoreTime: number;
  estimator: BaseEstimator;
}

type Any = Record<string, (...args: unknown[]) => unknown>;

/** The rows `idx` of X, typed as a table again. */
const rows = (X: TableLike, idx: readonly number[]): TableLike => takeRows(X as SamplesLike, idx) as TableLike;

/** Seconds since an arbitrary origin (performance.now exists in Node and browsers). */
export const seconds = (): number => performance.now() / 1000;

/**
 * Clones `estimator`, sets `params`, fits it on the train rows and scores it on the test
 * rows (and the train rows when asked). A failed fit gives `errorScore` for every score
 * unless it is 'raise'.
 */
export function fitAndScore(
  estimator: BaseEstimator, X: TableLike, labels: Label[] | null, [train, test]: TrainTest,
  scorers: [string, Scorer][], options: { params?: Record<string, unknown>; returnTrain?: boolean; errorScore?: ErrorScore } = {},
): FitScoreResult {
  const est = estimator.clone();
  if (options.params) est.setParams(options.params);
  const yTrain = labels ? take(labels, train) : null;
  const t0 = seconds();
  try {
    if (yTrain) (est as unknown as Any).fit(rows(X, train), yTrain);
    else (est as unknown as Any).fit(rows(X, train));
  } catch (e) {
    const errorScore = options.errorScore ?? NaN;
    if (errorScore === 'raise') throw e;
    const fill = () => Object.fromEntries(scorers.map(([n]) => [n, errorScore]));
    return { test: fill(), train: options.returnTrain ? fill() : null, fitTime: seconds() - t0, scoreTime: 0, estimator: est };
  }
  const fitTime = seconds() - t0;
  const t1 = seconds();
  const scoreOn = (idx: number[]) => {
    const Xs = rows(X, idx);
    const ys = labels ? take(labels, idx) : (null as unknown as Label[]);
    return Object.fromEntries(scorers.map(([n, s]) => [n, s(est, Xs, ys)]));
  };
  const testScores = scoreOn(test);
  const scoreTime = seconds() - t1;
  return { test: testScores, train: options.returnTrain ? scoreOn(train) : null, fitTime, scoreTime, estimator: est };
}

export interface CrossValidateOptions {
  /** Folds: a number (default 5; stratified for classifiers), a splitter, or explicit splits. */
  cv?: CV;
  /** One metric or several; see `Scoring`. Default null: the estimator's own `score`. */
  scoring?: Scoring;
  /** Group labels, for group-aware splitters such as GroupKFold. */
  groups?: LabelsLike | null;
  /** Also score each fold's training set. Default false. */
  returnTrainScore?: boolean;
  /** Return the fitted estimator of every fold. Default false. */
  returnEstimator?: boolean;
  /** 'raise' or the score to record when a fit fails (default NaN). */
  errorScore?: ErrorScore;
}

/**
 * Per-fold results. Keys are scikit-learn's in camelCase: `fitTime`, `scoreTime` (seconds),
 * `testScore` (one metric) or `testAccuracy`, `testF1Macro`, `testNegMeanSquaredError`, ...
 * (several), with `train...` twins when `returnTrainScore`.
 */
export interface CrossValidateResult {
  fitTime: number[];
  scoreTime: number[];
  estimator?: BaseEstimator[];
  [key: string]: number[] | BaseEstimator[] | undefined;
}

/**
 * Fits and scores a fresh clone of `estimator` on every split (sklearn.model_selection.cross_validate).
 *
 * ```ts
 * const { data: X, target: y } = loadIris();
 * const res = crossValidate(new GaussianNB(), X, y, { cv: 5, scoring: ['accuracy', 'f1_macro'] });
 * res.testAccuracy; // five accuracies, one per fold
 * ```
 */
export function crossValidate(estimator: BaseEstimator, X: TableLike, y?: LabelsLike | VectorLike | null, options: CrossValidateOptions = {}): CrossValidateResult {
  const { labels } = readData(X, y, 'crossValidate');
  const splits = splitsOf(checkCv(options.cv ?? null, labels, estimator.tags.estimatorType === 'classifier'), X, labels, options.groups);
  const { scorers } = resolveScoring(options.scoring ?? null);
  const results = splits.map((s) => fitAndScore(estimator, X, labels, s, scorers, { returnTrain: options.returnTrainScore, errorScore: options.errorScore }));
  const out: CrossValidateResult = { fitTime: results.map((r) => r.fitTime), scoreTime: results.map((r) => r.scoreTime) };
  for (const [name] of scorers) {
    out[camelKey(`test_${name}`)] = results.map((r) => r.test[name]);
    if (options.returnTrainScore) out[camelKey(`train_${name}`)] = results.map((r) => r.train![name]);
  }
  if (options.returnEstimator) out.estimator = results.map((r) => r.estimator);
  return out;
}

/**
 * One score per fold (sklearn.model_selection.cross_val_score).
 *
 * ```ts
 * const { data: X, target: y } = loadDiabetes();
 * crossValScore(new Ridge({ alpha: 1 }), X, y, { cv: 5 }); // five R² values
 * ```
 */
export function crossValScore(
  estimator: BaseEstimator, X: TableLike, y?: LabelsLike | VectorLike | null,
  options: Omit<CrossValidateOptions, 'scoring' | 'returnTrainScore' | 'returnEstimator'> & { scoring?: string | Scorer | null } = {},
): number[] {
  return crossValidate(estimator, X, y, { ...options, scoring: options.scoring ?? null }).testScore as number[];
}

/**
 * Each sample's prediction from the model that did not train on it
 * (sklearn.model_selection.cross_val_predict). The splits must partition the samples (each
 * in exactly one test set). With method 'predictProba', columns follow the sorted classes
 * of the whole y; a class missing from a fold's training data gets probability 0 there.
 *
 * ```ts
 * const { data: X, target: y } = loadIris();
 * const pred = crossValPredict(new GaussianNB(), X, y, { cv: 5 }); // 150 out-of-fold labels
 * ```
 */
export function crossValPredict(
  estimator: BaseEstimator, X: TableLike, y?: LabelsLike | VectorLike | null,
  options: { cv?: CV; groups?: LabelsLike | null; method?: 'predict' | 'predictProba' } = {},
): Label[] | number[][] {
  const method = options.method ?? 'predict';
  if (method !== 'predict' && method !== 'predictProba') throw new Error(`crossValPredict: method must be 'predict' or 'predictProba'; got ${JSON.stringify(method)}.`);
  if (!estimator.supports(method)) throw new TypeError(`crossValPredict: ${estimator.estimatorName} has no ${method}.`);
  const { n, labels } = readData(X, y, 'crossValPredict');
  const splits = splitsOf(checkCv(options.cv ?? null, labels, estimator.tags.estimatorType === 'classifier'), X, labels, options.groups);
  const seen = new Array<number>(n).fill(0);
  for (const [, test] of splits) for (const i of test) seen[i]++;
  if (seen.some((c) => c !== 1)) throw new Error('crossValPredict only works for partitions: every sample must be in exactly one test set (KFold-like splitters, not ShuffleSplit).');
  const allClasses = method === 'predictProba' && labels ? encodeLabels(labels).classes : [];
  const out: (Label | number[])[] = new Array(n);
  for (const [train, test] of splits) {
    const est = estimator.clone() as unknown as Any & BaseEstimator;
    if (labels) est.fit(rows(X, train), take(labels, train));
    else est.fit(rows(X, train));
    const pred = est[method](rows(X, test)) as (Label | number[])[];
    if (method === 'predictProba') {
      const cols = ((est as unknown as { classes_: Label[] }).classes_ ?? allClasses).map((c) => allClasses.indexOf(c));
      test.forEach((i, r) => {
        const row = new Array<number>(allClasses.length).fill(0);
        (pred[r] as number[]).forEach((p, j) => (row[cols[j]] = p));
        out[i] = row;
      });
    } else {
      test.forEach((i, r) => (out[i] = pred[r]));
    }
  }
  return out as Label[] | number[][];
}
