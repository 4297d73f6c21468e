/**
 * `descent/learn` feature selection (sklearn.feature_selection): filters on univariate
 * statistics, a variance filter, and wrappers that consult a model (recursive elimination,
 * importance thresholds, greedy sequential search).
 */
export { Selector, featureImportances, type ImportanceGetter } from './base.js';
export { chi2, fClassif, fRegression, rRegression, type ScoresPvalues } from './univariate.js';
export { mutualInfoClassif, mutualInfoRegression, type MutualInfoOptions } from './mutual-info.js';
export { VarianceThreshold, type VarianceThresholdParams } from './variance-threshold.js';
export { SelectKBest, SelectPercentile, type ScoreFunc, type SelectKBestParams, type SelectPercentileParams } from './univariate-selectors.js';
export { RFE, RFECV, type RFECVParams, type RFECVResults, type RFEParams } from './rfe.js';
export { SelectFromModel, type SelectFromModelParams } from './from-model.js';
export { SequentialFeatureSelector, type SequentialFeatureSelectorParams } from './sequential.js';
