/**
 * `learningCurve` and `validationCurve` (sklearn.model_selection): cross-validated scores
 * as the training set grows, or as one parameter varies. Both return (points, folds)
 * matrices of train and test scores, ready for a line chart of means with spread bands.
 */
import type { BaseEstimator } from '../base/base-estimator.js';
import type { LabelsLike, VectorLike } from '../base/validation.js';
import type { TableLike } from '../frame.js';
import { rngFor, type TrainTest } from './common.js';
import { resolveScoring, type Scorer } from './scoring.js';
import { checkCv, fitAndScore, readData, splitsOf, type CV, type ErrorScore } from './validation.js';

export interface ScoreCurveOptions {
  /** Folds, as in `crossValidate` (default 5; stratified for classifiers). */
  cv?: CV;
  /** One metric: a scoring name or a function; default the estimator's `score`. */
  scoring?: string | Scorer | null;
  groups?: LabelsLike | null;
  errorScore?: ErrorScore;
}

export interface LearningCurveOptions extends ScoreCurveOptions {
  /**
   * Training-set sizes. If every value is ≤ 1 they are fractions of the largest training
   * fold (1 = all of it); otherwise they are sample counts. Default [0.1, 0.325, 0.55, 0.775, 1].
   */
  trainSizes?: readonly number[];
  /** Shuffle each training fold before taking its first rows. Default false. */
  shuffle?: boolean;
  /** Seed for that shuffle. */
  randomState?: number | null;
}

export interface LearningCurveResult {
  /** The sizes used, as counts, ascending and without repeats. */
  trainSizesAbs: number[];
  /** (sizes, folds) */
  trainScores: number[][];
  /** (sizes, folds) */
  testScores: number[][];
}

/**
 * scikit-learn's `_translate_train_sizes`: fractions become ⌊f · nMax⌋ (at least 1),
 * counts are checked, and duplicates are dropped (sorted ascending).
 */
function absoluteSizes(sizes: readonly number[], nMax: number): number[] {
  if (sizes.length === 0) throw new Error('learningCurve: trainSizes must not be empty.');
  const fractions = sizes.every((s) => s <= 1);
  const abs = sizes.map((s) => {
    if (fractions) {
      if (!(s > 0)) throw new Error(`learningCurve: fractional trainSizes must be in (0, 1]; got ${s}.`);
      return Math.max(1, Math.floor(s * nMax));
    }
    if (!Number.isInteger(s) || s < 1 || s > nMax) {
      throw new Error(`learningCurve: trainSizes given as counts must be integers in [1, ${nMax}] (the smallest training fold); got ${s}.`);
    }
    return s;
  });
  return [...new Set(abs)].sort((a, b) => a - b);
}

/**
 * Train and test scores when training on the first n samples of each training fold, for
 * each n in `trainSizes` (sklearn.model_selection.learning_curve). The test folds stay whole.
 *
 * ```ts
 * const { data: X, target: y } = loadDiabetes();
 * const { trainSizesAbs, testScores } = learningCurve(new Ridge(), X, y, { cv: 5, trainSizes: [0.25, 0.5, 1] });
 * // trainSizesAbs [88, 176, 353]; testScores (3, 5)
 * ```
 */
export function learningCurve(estimator: BaseEstimator, X: TableLike, y?: LabelsLike | VectorLike | null, options: LearningCurveOptions = {}): LearningCurveResult {
  const { labels } = readData(X, y, 'learningCurve');
  let splits = splitsOf(checkCv(options.cv ?? null, labels, estimator.tags.estimatorType === 'classifier'), X, labels, options.groups);
  if (options.shuffle) {
    const rng = rngFor(options.randomState ?? null);
    splits = splits.map(([train, test]): TrainTest => [rng.shuffle([...train]), test]);
  }
  const sizes = absoluteSizes(options.trainSizes ?? [0.1, 0.325, 0.55, 0.775, 1], splits[0][0].length);
  const { scorers } = resolveScoring(options.scoring ?? null);
  const trainScores = sizes.map(() => [] as number[]);
  const testScores = sizes.map(() => [] as number[]);
  for (const [train, test] of splits) {
    sizes.forEach((n, t) => {
      const r = fitAndScore(estimator, X, labels, [train.slice(0, n), test], scorers, { returnTrain: true, errorScore: options.errorScore });
      trainScores[t].push(r.train!.score);
      testScores[t].push(r.test.score);
    });
  }
  return { trainSizesAbs: sizes, trainScores, testScores };
}

/**
 * Train and test scores for each value of one parameter
 * (sklearn.model_selection.validation_curve). `paramName` may be nested (`ridge__alpha`).
 *
 * ```ts
 * const { data: X, target: y } = loadDiabetes();
 * const { testScores } = validationCurve(new Ridge(), X, y, { paramName: 'alpha', paramRange: [0.01, 1, 100] });
 * // (3, 5): one row per alpha, one column per fold
 * ```
 */
export function validationCurve(
  estimator: BaseEstimator, X: TableLike, y: LabelsLike | VectorLike | null | undefined,
  options: ScoreCurveOptions & { paramName: string; paramRange: readonly unknown[] },
): { trainScores: number[][]; testScores: number[][] } {
  const { paramName, paramRange } = options;
  if (typeof paramName !== 'string' || !(paramName in estimator.getParams(true))) {
    throw new Error(`validationCurve: ${estimator.estimatorName} has no parameter ${JSON.stringify(paramName)}. Valid: ${Object.keys(estimator.getParams(true)).join(', ')}.`);
  }
  if (!Array.isArray(paramRange) || paramRange.length === 0) throw new Error('validationCurve: paramRange must be a non-empty array of values.');
  const { labels } = readData(X, y, 'validationCurve');
  const splits = splitsOf(checkCv(options.cv ?? null, labels, estimator.tags.estimatorType === 'classifier'), X, labels, options.groups);
  const { scorers } = resolveScoring(options.scoring ?? null);
  const trainScores: number[][] = [];
  const testScores: number[][] = [];
  for (const value of paramRange) {
    const results = splits.map((s) => fitAndScore(estimator, X, labels, s, scorers, { params: { [paramName]: value }, returnTrain: true, errorScore: options.errorScore }));
    trainScores.push(results.map((r) => r.train!.score));
    testScores.push(results.map((r) => r.test.score));
  }
  return { trainScores, testScores };
}
