/** `descent/learn` neural-network estimators: MLPClassifier and MLPRegressor. */
export { MLPClassifier, MLPRegressor, type MLPParams } from './mlp.js';
