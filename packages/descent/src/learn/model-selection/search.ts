/**
 * Hyper-parameter search by cross-validation (sklearn.model_selection.GridSearchCV and
 * RandomizedSearchCV). Each candidate is fitted and scored on every split; the results
 * land in `cvResults_`, the best candidate (highest mean test score, first on ties) in
 * `bestParams_`/`bestScore_`/`bestIndex_`, and with `refit` a clone fitted on all the data
 * in `bestEstimator_`, which `predict`, `predictProba`, `transform` and `score` use.
 *
 * `cvResults_` has scikit-learn's keys in camelCase (one rule: drop each underscore run
 * and capitalise the next letter): `meanFitTime`, `paramAlpha`, `paramRidgeAlpha` (for
 * `ridge__alpha`), `params`, `split0TestScore`, `meanTestScore`, `stdTestScore`,
 * `rankTestScore`, `meanTrainScore`, and with several metrics `meanTestAccuracy`,
 * `rankTestF1Macro`, ...
 */
import { BaseEstimator, isEstimator, type EstimatorSpec, type EstimatorTags } from '../base/base-estimator.js';
import { C, type Constraint } from '../base/constraints.js';
import type { EstimatorJSON, JSONValue } from '../base/serialize.js';
import { namedError, type Label, type LabelsLike, type VectorLike } from '../base/validation.js';
import type { TableLike } from '../frame.js';
import { BaseSplitter, numFeatures, rngFor, type SamplesLike, type Splitter } from './common.js';
import { GroupKFold, KFold, LeaveOneOut, RepeatedKFold, RepeatedStratifiedKFold, StratifiedKFold } from './k-fold.js';
import { isParamDistributions, isParamGrid, parameterGrid, parameterSampler, type ParamDistributions, type ParamGrid } from './param-grid.js';
import { camelKey, isScoring, resolveScoring, type Scoring } from './scoring.js';
import { ShuffleSplit, StratifiedShuffleSplit } from './shuffle-split.js';
import { TimeSeriesSplit } from './time-series-split.js';
import { checkCv, fitAndScore, isCv, readData, seconds, splitsOf, type CV, type ErrorScore } from './validation.js';

const SPLITTERS: Record<string, new (o: Record<string, unknown>) => Splitter> = Object.fromEntries(
  [KFold, StratifiedKFold, GroupKFold, LeaveOneOut, RepeatedKFold, RepeatedStratifiedKFold, ShuffleSplit, StratifiedShuffleSplit, TimeSeriesSplit]
    .map((S) => [S.splitterName, S as unknown as new (o: Record<string, unknown>) => Splitter]),
);

/** A built-in splitter saved as `{ splitter, options }` (by `toJSON`) becomes a splitter again. */
function reviveCv(cv: unknown): unknown {
  if (cv !== null && typeof cv === 'object' && !Array.isArray(cv) && Object.getPrototypeOf(cv) === Object.prototype) {
    const { splitter, options } = cv as { splitter?: unknown; options?: Record<string, unknown> };
    if (typeof splitter === 'string' && SPLITTERS[splitter]) return new SPLITTERS[splitter](options ?? {});
  }
  return cv;
}

/** Parameters every search shares. */
export interface SearchCVParams {
  /** The estimator to tune (cloned for every fit; never fitted itself). */
  estimator: BaseEstimator;
  /** Null (the estimator's `score`), a scoring name, a function, or several (a list or record). */
  scoring: Scoring;
  /** Folds: null (5), a number (stratified for classifiers), a splitter, or explicit [train, test] pairs. */
  cv: CV;
  /** Refit the best candidate on all the data. With several metrics, the metric name that picks it. Default true. */
  refit: boolean | string;
  /** Also score the training folds (`meanTrainScore`, ...). Default false. */
  returnTrainScore: boolean;
  /** 'raise', or the score recorded when a fit fails (default NaN, as in scikit-learn). */
  errorScore: ErrorScore;
  /**
   * Record fit and score times (`meanFitTime`, `stdFitTime`, `meanScoreTime`,
   * `stdScoreTime`, `refitTime_`), as scikit-learn does. Default true; false keeps the
   * fitted state identical from run to run, since timings never are.
   */
  recordTimes: boolean;
}

/** The results table; see the module comment for the key names. */
export interface CVResults {
  params: Record<string, unknown>[];
  meanTestScore?: number[];
  stdTestScore?: number[];
  rankTestScore?: number[];
  [key: string]: unknown[] | undefined;
}

const SEARCH_DEFAULTS = {
  estimator: null as unknown as BaseEstimator, scoring: null, cv: null, refit: true, returnTrainScore: false,
  errorScore: NaN, recordTimes: true,
} satisfies SearchCVParams;

const SEARCH_CONSTRAINTS: Record<keyof SearchCVParams, readonly Constraint[]> = {
  estimator: [C.estimator],
  scoring: [C.custom("null, a scoring name such as 'accuracy' or 'r2', a function, or a list or record of them", isScoring)],
  cv: [C.custom('null, an integer >= 2, a splitter or a list of [trainIdx, testIdx] pairs', isCv)],
  refit: [C.boolean, C.string],
  returnTrainScore: [C.boolean],
  errorScore: [C.options('raise'), C.custom('a number (NaN included)', (v) => typeof v === 'number')],
  recordTimes: [C.boolean],
};

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const std = (v: number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) * (x - m), 0) / v.length);
};

/**
 * Ranks, best first, ties sharing the smallest rank (scipy's rankdata(−x, 'min')); NaN
 * scores rank last, as in scikit-learn.
 */
function rankDescending(values: number[]): number[] {
  if (values.every(Number.isNaN)) return values.map(() => 1);
  const floor = Math.min(...values.filter((v) => !Number.isNaN(v))) - 1;
  const v = values.map((x) => (Number.isNaN(x) ? floor : x));
  return v.map((x) => 1 + v.filter((y) => y > x).length);
}

type Any = Record<string, (...args: unknown[]) => unknown>;

/** What GridSearchCV and RandomizedSearchCV share: the fitting loop, the results and delegation to the best estimator. */
export abstract class BaseSearchCV<P extends SearchCVParams> extends BaseEstimator<P> {
  declare cvResults_: CVResults;
  declare bestIndex_: number;
  declare bestScore_: number;
  declare bestParams_: Record<string, unknown>;
  declare bestEstimator_: BaseEstimator;
  declare refitTime_: number;
  declare nSplits_: number;
  declare multimetric_: boolean;
  declare classes_: Label[];

  constructor(params: Partial<P> = {}) {
    super(params);
    (this.params as SearchCVParams).cv = reviveCv(this.params.cv) as CV;
  }

  /** The candidates to try, in order. */
  protected abstract candidates(): Record<string, unknown>[];

  /** The tuned estimator's tags (a search is whatever it tunes). */
  override get tags(): EstimatorTags {
    const est = this.params.estimator;
    const base = isEstimator(est) ? est.tags : super.tags;
    return { ...base, stateless: false, requiredParams: this.spec.tags?.requiredParams ?? [] };
  }

  /** Before fitting, what the estimator offers; after, what the refitted best estimator offers. */
  override supports(method: string): boolean {
    if (['predict', 'predictProba', 'transform', 'decisionFunction', 'inverseTransform', 'score'].includes(method)) {
      const est = this.bestEstimator_ ?? this.params.estimator;
      return isEstimator(est) && est.supports(method);
    }
    return super.supports(method);
  }

  /** Fits every candidate on every split, then (with `refit`) the best one on all the data. */
  fit(X: TableLike, y?: LabelsLike | VectorLike | null, groups?: LabelsLike | null): this {
    try {
      return this.fitSearch(X, y, groups);
    } catch (e) {
      throw namedError(e, this.estimatorName); // errors from the splits and the data name the search
    }
  }

  private fitSearch(X: TableLike, y?: LabelsLike | VectorLike | null, groups?: LabelsLike | null): this {
    this.beginFit();
    const { estimator, scoring, cv, refit, returnTrainScore, errorScore, recordTimes } = this.params;
    const { multimetric, scorers } = resolveScoring(scoring);
    const names = scorers.map(([n]) => n);
    if (multimetric && (refit === true || (typeof refit === 'string' && !names.includes(refit)))) {
      throw new Error(`${this.estimatorName}: with several metrics, \`refit\` must be false or the name of the metric that picks the best candidate (${names.map((n) => `'${n}'`).join(', ')}); got ${JSON.stringify(refit)}.`);
    }
    if (!multimetric && typeof refit === 'string') {
      throw new Error(`${this.estimatorName}: with a single metric, \`refit\` is true or false; got ${JSON.stringify(refit)}.`);
    }
    const { labels } = readData(X, y, this.estimatorName);
    const splits = splitsOf(checkCv(cv, labels, estimator.tags.estimatorType === 'classifier'), X, labels, groups);
    const candidates = this.candidates();
    // results[c][s]: candidate c on split s (scikit-learn's product(candidates, splits)).
    const results = candidates.map((params) => splits.map((s) => fitAndScore(estimator, X, labels, s, scorers, { params, returnTrain: returnTrainScore, errorScore })));

    const table: CVResults = { params: candidates.map((c) => ({ ...c })) };
    if (recordTimes) {
      table.meanFitTime = results.map((r) => mean(r.map((x) => x.fitTime)));
      table.stdFitTime = results.map((r) => std(r.map((x) => x.fitTime)));
      table.meanScoreTime = results.map((r) => mean(r.map((x) => x.scoreTime)));
      table.stdScoreTime = results.map((r) => std(r.map((x) => x.scoreTime)));
    }
    const paramNames = [...new Set(candidates.flatMap((c) => Object.keys(c)))].sort();
    for (const p of paramNames) table[camelKey(`param_${p}`)] = candidates.map((c) => (p in c ? c[p] : null));
    for (const [name] of scorers) {
      for (const set of returnTrainScore ? (['test', 'train'] as const) : (['test'] as const)) {
        const scores = results.map((r) => r.map((x) => (set === 'test' ? x.test : x.train!)[name]));
        splits.forEach((_, s) => (table[camelKey(`split${s}_${set}_${name}`)] = scores.map((c) => c[s])));
        const means = scores.map(mean);
        table[camelKey(`mean_${set}_${name}`)] = means;
        table[camelKey(`std_${set}_${name}`)] = scores.map(std);
        if (set === 'test') table[camelKey(`rank_test_${name}`)] = rankDescending(means);
      }
    }
    this.cvResults_ = table;
    this.nSplits_ = splits.length;
    this.multimetric_ = multimetric;
    const d = numFeatures(X as SamplesLike);
    if (d !== undefined) this.nFeaturesIn_ = d;

    if (refit !== false || !multimetric) {
      const key = multimetric ? (refit as string) : 'score';
      const ranks = table[camelKey(`rank_test_${key}`)] as number[];
      this.bestIndex_ = ranks.indexOf(Math.min(...ranks));
      this.bestParams_ = { ...candidates[this.bestIndex_] };
      this.bestScore_ = (table[camelKey(`mean_test_${key}`)] as number[])[this.bestIndex_];
    }
    if (refit !== false) {
      const best = estimator.clone().setParams(this.bestParams_) as unknown as Any & BaseEstimator;
      const t0 = seconds();
      if (labels) best.fit(X, labels);
      else best.fit(X);
      if (recordTimes) this.refitTime_ = seconds() - t0;
      this.bestEstimator_ = best;
      const classes = (best as unknown as { classes_?: Label[] }).classes_;
      if (classes) this.classes_ = [...classes];
    }
    return this;
  }

  /** The refitted best estimator, or a clear error before fit or with refit: false. */
  private best(method: string): Any {
    this.checkIsFitted();
    if (!this.bestEstimator_) {
      throw new Error(`${this.estimatorName}.${method} is available only after refitting on the best parameters. Set refit to true (or to a metric name) and fit again.`);
    }
    return this.bestEstimator_ as unknown as Any;
  }

  predict(X: TableLike): Label[] | number[] {
    return this.best('predict').predict(X) as Label[] | number[];
  }

  predictProba(X: TableLike): number[][] {
    return this.best('predictProba').predictProba(X) as number[][];
  }

  decisionFunction(X: TableLike): unknown {
    return this.best('decisionFunction').decisionFunction(X);
  }

  transform(X: TableLike): number[][] {
    return this.best('transform').transform(X) as number[][];
  }

  inverseTransform(X: TableLike): unknown {
    return this.best('inverseTransform').inverseTransform(X);
  }

  /** The refit metric on (X, y) with the best estimator (its own `score` when scoring is null). */
  score(X: TableLike, y: LabelsLike | VectorLike): number {
    const best = this.best('score') as unknown as BaseEstimator;
    const { scorers } = resolveScoring(this.params.scoring);
    const scorer = this.multimetric_ ? scorers.find(([n]) => n === this.params.refit)![1] : scorers[0][1];
    const { labels } = readData(X, y, this.estimatorName);
    return scorer(best, X, labels!);
  }

  /** Built-in splitters in `cv` save as `{ splitter, options }` and load back as splitters. */
  override toJSON(): EstimatorJSON {
    const json = super.toJSON();
    const cv = this.params.cv;
    if (cv instanceof BaseSplitter) json.params.cv = cv.toJSON() as unknown as JSONValue;
    return json;
  }
}

/** GridSearchCV's parameters: the shared ones and the grid. */
export interface GridSearchCVParams extends SearchCVParams {
  /** Values to try per parameter (nested as `step__param`), or a list of such grids. */
  paramGrid: ParamGrid | ParamGrid[];
}

/**
 * Exhaustive search over a grid (sklearn.model_selection.GridSearchCV).
 *
 * ```ts
 * const { data: X, target: y } = loadDiabetes();
 * const search = new GridSearchCV({
 *   estimator: makePipeline(new StandardScaler(), new Ridge()),
 *   paramGrid: { ridge__alpha: [0.1, 1, 10, 100] },
 *   cv: 5,
 * }).fit(X, y);
 * search.bestParams_;               // { ridge__alpha: 0.1 }, mean R² 0.4823 (as scikit-learn)
 * search.cvResults_.meanTestScore;  // mean R² per alpha
 * ```
 */
export class GridSearchCV extends BaseSearchCV<GridSearchCVParams> {
  static override readonly spec: EstimatorSpec<GridSearchCVParams> = {
    name: 'GridSearchCV',
    defaults: { ...SEARCH_DEFAULTS, paramGrid: {} },
    constraints: {
      ...SEARCH_CONSTRAINTS,
      paramGrid: [C.custom('a record of non-empty arrays of values, or a list of such records', isParamGrid)],
    },
    tags: { requiredParams: ['estimator', 'paramGrid'] },
  };

  protected candidates(): Record<string, unknown>[] {
    return parameterGrid(this.params.paramGrid);
  }
}

/** RandomizedSearchCV's parameters: the shared ones, what to draw from, how many draws, and a seed. */
export interface RandomizedSearchCVParams extends SearchCVParams {
  /** Per parameter, a distribution (`uniform`, `loguniform`, `randint`) or a list to pick from; or a list of such records. */
  paramDistributions: ParamDistributions | ParamDistributions[];
  /** Number of candidates drawn. Default 10. */
  nIter: number;
  /** Seed for the draws; null draws new candidates each fit. */
  randomState: number | null;
}

/**
 * Search over `nIter` random candidates (sklearn.model_selection.RandomizedSearchCV). The
 * draws use Descent's seeded generator, so the candidates differ from scikit-learn's for
 * the same seed; see `parameterSampler`.
 *
 * ```ts
 * const search = new RandomizedSearchCV({
 *   estimator: new Ridge(),
 *   paramDistributions: { alpha: loguniform(1e-3, 1e3) },
 *   nIter: 20, randomState: 0,
 * }).fit(X, y);
 * search.bestParams_.alpha;
 * ```
 */
export class RandomizedSearchCV extends BaseSearchCV<RandomizedSearchCVParams> {
  static override readonly spec: EstimatorSpec<RandomizedSearchCVParams> = {
    name: 'RandomizedSearchCV',
    defaults: { ...SEARCH_DEFAULTS, paramDistributions: {}, nIter: 10, randomState: null },
    constraints: {
      ...SEARCH_CONSTRAINTS,
      paramDistributions: [C.custom('a record of distributions or non-empty arrays, or a list of such records', isParamDistributions)],
      nIter: [C.integer({ min: 1 })],
      randomState: [C.integer(), C.null],
    },
    tags: { requiredParams: ['estimator', 'paramDistributions'] },
  };

  protected candidates(): Record<string, unknown>[] {
    return parameterSampler(this.params.paramDistributions, this.params.nIter, rngFor(this.params.randomState));
  }
}
