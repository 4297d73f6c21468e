/** Ensembles of trees and of any estimator: forests, bagging, boosting, voting, stacking. */
export {
  ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor,
  type ForestClassifierParams, type ForestRegressorParams,
} from './forest.js';
export { BaggingClassifier, BaggingRegressor, type BaggingParams } from './bagging.js';
export {
  GradientBoostingClassifier, GradientBoostingRegressor, type GradientBoostingClassifierParams, type GradientBoostingRegressorParams,
} from './gradient-boosting.js';
