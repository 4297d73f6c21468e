/**
 * `descent/learn`: classical machine learning with scikit-learn's concepts, names and
 * defaults, written from scratch in TypeScript and checked against scikit-learn.
 *
 * ```ts
 * import { StandardScaler, makePipeline, DummyClassifier, accuracyScore } from 'descent/learn';
 * const model = makePipeline(new StandardScaler(), new DummyClassifier()).fit(X, y);
 * accuracyScore(y, model.predict(X));
 * ```
 */
export { BaseEstimator, DEFAULT_TAGS, isEstimator, type EstimatorClass, type EstimatorSpec, type EstimatorTags } from './base/base-estimator.js';
export { C, describeConstraint, validateParams, type Constraint, type ParamConstraints } from './base/constraints.js';
export { InvalidParameterError, NotFittedError } from './base/errors.js';
export { Classifier, Regressor, Transformer } from './base/mixins.js';
export type { EstimatorJSON, JSONValue } from './base/serialize.js';
export {
  assertAllFinite, checkArray, checkConsistentLength, checkLabels, checkVector, checkXLabels, checkXy, uniqueLabels,
  type CheckArrayOptions, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike,
} from './base/validation.js';
export { getEstimatorClass, listEstimators, loadEstimator, registerEstimator } from './registry.js';
export { COST_SYMBOLS, ESTIMATOR_COSTS, estimatorCost, measuredExponent, type EstimatorCost } from './complexity.js';
export { DummyClassifier, type DummyClassifierParams } from './dummy/dummy-classifier.js';
export { DummyRegressor, type DummyRegressorParams } from './dummy/dummy-regressor.js';
export * from './metrics/index.js';
export * from './preprocessing/index.js';
export { LinearRegression, type LinearRegressionParams } from './linear-model/linear-regression.js';
export { Ridge, type RidgeParams } from './linear-model/ridge.js';
export { ElasticNet, Lasso, type ElasticNetParams, type LassoParams } from './linear-model/elastic-net.js';
export { alphaGrid, enetPath, lassoPath, type EnetPath, type EnetPathOptions } from './linear-model/enet-path.js';
export { LogisticRegression, type LogisticRegressionParams } from './linear-model/logistic.js';
export { SGDClassifier, SGDRegressor, type SGDBaseParams, type SGDClassifierParams, type SGDRegressorParams } from './linear-model/sgd.js';
export { Perceptron, type PerceptronParams } from './linear-model/perceptron.js';
export { BayesianRidge, type BayesianRidgeParams } from './linear-model/bayesian-ridge.js';
export { HuberRegressor, type HuberRegressorParams } from './linear-model/huber.js';
export { QuantileRegressor, type QuantileRegressorParams } from './linear-model/quantile.js';
export { linprog, type LinprogProblem, type LinprogResult } from './optimize/linprog.js';
export { lbfgs, type LbfgsOptions, type LbfgsResult } from './optimize/lbfgs.js';
export { wolfeLineSearch, type LineSearchOptions, type LineSearchResult, type ValueAndGrad } from './optimize/line-search.js';
export { newtonCg, type HessianAt, type NewtonCgOptions, type NewtonCgResult } from './optimize/newton-cg.js';
export { Pipeline, makePipeline, type PipelineParams, type Step } from './pipeline.js';
export * from './model-selection/index.js';
export * from './naive-bayes/index.js';
export * from './discriminant-analysis/index.js';
export * from './neighbors/index.js';
export * from './compose/index.js';
// Decomposition, clustering and SVMs (issue 11).
export * from './decomposition/index.js';
export * from './cluster/index.js';
export * from './svm/index.js';
export * from './manifold/index.js';
export { DataFrame, isDataFrame, type Cell, type FrameDType, type TableLike } from './frame.js';
// Trees and ensembles.
export * from './tree/index.js';
export * from './ensemble/index.js';
// Feature selection (issue 11).
export * from './feature-selection/index.js';
// Outlier detection (issue 11).
export * from './anomaly/index.js';
// Neural-network estimators (issue 11).
export * from './neural-network/index.js';
