/**
 * The estimator registry: every built-in estimator by name, so any saved estimator loads
 * back with `loadEstimator`, and the common checks can run over all of them. The built-ins
 * are listed here once (no registration by import side effect); your own estimators join
 * with `registerEstimator`.
 */
import type { BaseEstimator, EstimatorClass } from './base/base-estimator.js';
import { decodeValue, type EstimatorJSON } from './base/serialize.js';
import { DummyClassifier } from './dummy/dummy-classifier.js';
import { DummyRegressor } from './dummy/dummy-regressor.js';
import { LinearRegression } from './linear-model/linear-regression.js';
import { Ridge } from './linear-model/ridge.js';
import { ElasticNet, Lasso } from './linear-model/elastic-net.js';
import { LogisticRegression } from './linear-model/logistic.js';
import { Perceptron } from './linear-model/perceptron.js';
import { SGDClassifier, SGDRegressor } from './linear-model/sgd.js';
import { BayesianRidge } from './linear-model/bayesian-ridge.js';
import { HuberRegressor } from './linear-model/huber.js';
import { QuantileRegressor } from './linear-model/quantile.js';
import { KNeighborsClassifier, RadiusNeighborsClassifier } from './neighbors/classification.js';
import { KNeighborsRegressor, RadiusNeighborsRegressor } from './neighbors/regression.js';
import { NearestNeighbors } from './neighbors/nearest-neighbors.js';
import { ColumnTransformer } from './compose/column-transformer.js';
import { FeatureUnion } from './compose/feature-union.js';
import { Pipeline } from './pipeline.js';
import { GridSearchCV, RandomizedSearchCV } from './model-selection/search.js';
import { GaussianNB } from './naive-bayes/gaussian.js';
import { BernoulliNB, ComplementNB, MultinomialNB } from './naive-bayes/discrete.js';
import { LinearDiscriminantAnalysis } from './discriminant-analysis/lda.js';
import { QuadraticDiscriminantAnalysis } from './discriminant-analysis/qda.js';
import { LabelEncoder, OneHotEncoder, OrdinalEncoder } from './preprocessing/encoders.js';
import { KBinsDiscretizer } from './preprocessing/discretization.js';
import { FunctionTransformer } from './preprocessing/function-transformer.js';
import { SimpleImputer } from './preprocessing/imputer.js';
import { IterativeImputer } from './preprocessing/iterative-imputer.js';
import { KNNImputer } from './preprocessing/knn-imputer.js';
import { TargetEncoder } from './preprocessing/target-encoder.js';
import { PolynomialFeatures } from './preprocessing/polynomial.js';
import { Normalizer, RobustScaler } from './preprocessing/robust-normalizer.js';
import { MaxAbsScaler, MinMaxScaler, StandardScaler } from './preprocessing/scalers.js';
// Trees and ensembles.
import { DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreeClassifier, ExtraTreeRegressor } from './tree/decision-tree.js';
import { ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor } from './ensemble/forest.js';
import { BaggingClassifier, BaggingRegressor } from './ensemble/bagging.js';
import { GradientBoostingClassifier, GradientBoostingRegressor } from './ensemble/gradient-boosting.js';
// Decomposition, clustering and SVMs (issue 11).
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from './ensemble/hist-gradient-boosting.js';
import { AdaBoostClassifier, AdaBoostRegressor } from './ensemble/adaboost.js';
import { StackingClassifier, StackingRegressor, VotingClassifier, VotingRegressor } from './ensemble/voting-stacking.js';
import { IncrementalPCA, KernelPCA, NMF, PCA, TruncatedSVD } from './decomposition/index.js';
import { AgglomerativeClustering, DBSCAN, GaussianMixture, KMeans, MeanShift, MiniBatchKMeans, SpectralClustering } from './cluster/index.js';
import { LinearSVC, LinearSVR, NuSVC, OneClassSVM, SVC, SVR } from './svm/index.js';
import { Isomap, TSNE, UMAP } from './manifold/index.js';
// Feature selection (issue 11).
import { EllipticEnvelope, IsolationForest, LocalOutlierFactor } from './anomaly/index.js';
import { MLPClassifier, MLPRegressor } from './neural-network/index.js';
import { RFE, RFECV, SelectFromModel, SelectKBest, SelectPercentile, SequentialFeatureSelector, VarianceThreshold } from './feature-selection/index.js';
// More clustering and decomposition (issue 11, part 3).
import { Birch, OPTICS } from './cluster/index.js';
import { FactorAnalysis, FastICA } from './decomposition/index.js';

const BUILT_IN: EstimatorClass[] = [
  DummyClassifier,
  DummyRegressor,
  StandardScaler,
  MinMaxScaler,
  MaxAbsScaler,
  RobustScaler,
  Normalizer,
  OneHotEncoder,
  OrdinalEncoder,
  LabelEncoder,
  PolynomialFeatures,
  SimpleImputer,
  LinearRegression,
  Ridge,
  Lasso,
  ElasticNet,
  LogisticRegression,
  SGDClassifier,
  SGDRegressor,
  Perceptron,
  BayesianRidge,
  HuberRegressor,
  QuantileRegressor,
  Pipeline,
  GridSearchCV,
  RandomizedSearchCV,
  GaussianNB,
  MultinomialNB,
  BernoulliNB,
  ComplementNB,
  LinearDiscriminantAnalysis,
  QuadraticDiscriminantAnalysis,
  KNeighborsClassifier,
  KNeighborsRegressor,
  NearestNeighbors,
  RadiusNeighborsClassifier,
  RadiusNeighborsRegressor,
  KBinsDiscretizer,
  FunctionTransformer,
  TargetEncoder,
  KNNImputer,
  IterativeImputer,
  ColumnTransformer,
  FeatureUnion,
  // Trees and ensembles.
  DecisionTreeClassifier,
  DecisionTreeRegressor,
  ExtraTreeClassifier,
  ExtraTreeRegressor,
  RandomForestClassifier,
  RandomForestRegressor,
  ExtraTreesClassifier,
  ExtraTreesRegressor,
  BaggingClassifier,
  BaggingRegressor,
  GradientBoostingClassifier,
  GradientBoostingRegressor,
  // Decomposition, clustering and SVMs (issue 11).
  PCA,
  TruncatedSVD,
  IncrementalPCA,
  KernelPCA,
  NMF,
  KMeans,
  MiniBatchKMeans,
  DBSCAN,
  AgglomerativeClustering,
  GaussianMixture,
  MeanShift,
  SpectralClustering,
  SVC,
  NuSVC,
  SVR,
  LinearSVC,
  LinearSVR,
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
  AdaBoostClassifier,
  AdaBoostRegressor,
  VotingClassifier,
  VotingRegressor,
  StackingClassifier,
  StackingRegressor,
  OneClassSVM,
  TSNE,
  Isomap,
  UMAP,
  // Feature selection (issue 11).
  VarianceThreshold,
  SelectKBest,
  SelectPercentile,
  RFE,
  RFECV,
  SelectFromModel,
  SequentialFeatureSelector,
  LocalOutlierFactor,
  IsolationForest,
  EllipticEnvelope,
  MLPClassifier,
  MLPRegressor,
  // More clustering and decomposition (issue 11, part 3).
  OPTICS,
  Birch,
  FactorAnalysis,
  FastICA,
] as unknown as EstimatorClass[];

const registry = new Map<string, EstimatorClass>(BUILT_IN.map((c) => [c.spec.name, c]));

/**
 * Adds an estimator class so `loadEstimator` can rebuild it by name. Names are unique.
 *
 * ```ts
 * class MyScaler extends Transformer<{ factor: number }> { static override readonly spec = { name: 'MyScaler', ... }; ... }
 * registerEstimator(MyScaler);
 * ```
 */
export function registerEstimator(cls: { spec: { name: string } }): void {
  const c = cls as unknown as EstimatorClass;
  const existing = registry.get(c.spec.name);
  if (existing && existing !== c) throw new Error(`An estimator named '${c.spec.name}' is already registered.`);
  registry.set(c.spec.name, c);
}

/** Every registered estimator class, built-ins first. */
export function listEstimators(): EstimatorClass[] {
  return [...registry.values()];
}

/** The class registered under `name`. */
export function getEstimatorClass(name: string): EstimatorClass {
  const c = registry.get(name);
  if (!c) {
    throw new Error(`No estimator named '${name}' is registered. Known: ${[...registry.keys()].join(', ')}. Call registerEstimator for your own classes.`);
  }
  return c;
}

/**
 * Rebuilds an estimator saved with `toJSON` (or `JSON.stringify`), fitted state included.
 *
 * ```ts
 * const saved = JSON.stringify(new StandardScaler().fit(X));
 * const scaler = loadEstimator(saved); // predicts exactly as the original
 * ```
 */
export function loadEstimator<E extends BaseEstimator = BaseEstimator>(json: EstimatorJSON | string): E {
  const obj = (typeof json === 'string' ? JSON.parse(json) : json) as EstimatorJSON;
  if (obj === null || typeof obj !== 'object' || typeof obj.estimator !== 'string' || obj.format !== 1) {
    throw new Error('loadEstimator: expected the object written by an estimator\'s toJSON ({ estimator, format: 1, params, fitted }).');
  }
  const Cls = getEstimatorClass(obj.estimator);
  const params = decodeValue(obj.params, (nested) => loadEstimator(nested)) as Record<string, unknown>;
  const est = new Cls(params);
  if (obj.fitted) est.restoreFitted(decodeValue(obj.fitted, (nested) => loadEstimator(nested)) as Record<string, unknown>);
  return est as E;
}
