/** `descent/learn` outlier and novelty detection: LocalOutlierFactor and IsolationForest. */
export { LocalOutlierFactor, type LocalOutlierFactorParams } from './local-outlier-factor.js';
export { IsolationForest, averagePathLength, type IsolationForestParams, type IsolationTree } from './isolation-forest.js';
export type { Contamination } from './common.js';
