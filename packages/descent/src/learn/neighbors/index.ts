/** `descent/learn` neighbours: k-d tree and brute-force search, k-NN and radius classifiers and regressors. */
export { KDTree, type KDTreeOptions, type NeighborsResult } from './kd-tree.js';
export { resolveMetric, type Metric, type MetricName } from './distance.js';
export type { SearchParams, Weights } from './base.js';
export { NearestNeighbors, type NearestNeighborsParams } from './nearest-neighbors.js';
export {
  KNeighborsClassifier, RadiusNeighborsClassifier, type KNeighborsClassifierParams, type RadiusNeighborsClassifierParams,
} from './classification.js';
export {
  KNeighborsRegressor, RadiusNeighborsRegressor, type KNeighborsRegressorParams, type RadiusNeighborsRegressorParams,
} from './regression.js';
