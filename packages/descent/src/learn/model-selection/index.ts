/**
 * `descent/learn` model selection (sklearn.model_selection): splitters, cross-validation,
 * hyper-parameter search, and learning and validation curves.
 */
export { BaseSplitter, isSplitter, takeRows, type SamplesLike, type Splitter, type SplitterJSON, type TrainTest } from './common.js';
export {
  GroupKFold, KFold, LeaveOneOut, RepeatedKFold, RepeatedStratifiedKFold, StratifiedKFold,
  type KFoldOptions, type RepeatedKFoldOptions,
} from './k-fold.js';
export {
  ShuffleSplit, StratifiedShuffleSplit, trainTestSplit,
  type ShuffleSplitOptions, type SplitOf, type SplitSize, type Splittable, type TrainTestSplitOptions,
} from './shuffle-split.js';
export { TimeSeriesSplit, type TimeSeriesSplitOptions } from './time-series-split.js';
export { getScorer, scorerNames, type Scorer, type Scoring } from './scoring.js';
export {
  checkCv, crossValPredict, crossValScore, crossValidate,
  type CV, type CrossValidateOptions, type CrossValidateResult, type ErrorScore,
} from './validation.js';
export { learningCurve, validationCurve, type ScoreCurveOptions, type LearningCurveOptions, type LearningCurveResult } from './curves.js';
export {
  loguniform, parameterGrid, parameterSampler, randint, uniform,
  type Distribution, type ParamDistributions, type ParamGrid,
} from './param-grid.js';
export {
  BaseSearchCV, GridSearchCV, RandomizedSearchCV,
  type CVResults, type GridSearchCVParams, type RandomizedSearchCVParams, type SearchCVParams,
} from './search.js';
