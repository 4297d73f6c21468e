/** Ensembles of trees and of any estimator: forests, bagging, boosting, voting, stacking. */
export {
  ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor,
  type ForestClassifierParams, type ForestRegressorParams,
} from './forest.js';
export { BaggingClassifier, BaggingRegressor, type BaggingParams } from './bagging.js';
export {
  GradientBoostingClassifier, GradientBoostingRegressor, type GradientBoostingClassifierParams, type GradientBoostingRegressorParams,
} from './gradient-boosting.js';
export {
  HistGradientBoostingClassifier, HistGradientBoostingRegressor,
  type HistGradientBoostingClassifierParams, type HistGradientBoostingRegressorParams,
} from './hist-gradient-boosting.js';
export type { HistTree } from './hist-grower.js';
export { AdaBoostClassifier, AdaBoostRegressor, type AdaBoostClassifierParams, type AdaBoostRegressorParams } from './adaboost.js';
export {
  StackingClassifier, StackingRegressor, VotingClassifier, VotingRegressor,
  type StackingParams, type VotingClassifierParams, type VotingRegressorParams,
} from './voting-stacking.js';
