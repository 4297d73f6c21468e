/** `descent/learn` outlier and novelty detection: LocalOutlierFactor, IsolationForest and EllipticEnvelope. */
export { LocalOutlierFactor, type LocalOutlierFactorParams } from './local-outlier-factor.js';
export { IsolationForest, averagePathLength, type IsolationForestParams, type IsolationTree } from './isolation-forest.js';
export type { Contamination } from './common.js';
export { EllipticEnvelope, type EllipticEnvelopeParams } from './elliptic-envelope.js';
export { fastMcd, minCovDet, type McdEstimate } from './min-cov-det.js';
