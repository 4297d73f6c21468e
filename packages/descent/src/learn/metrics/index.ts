/** `descent/learn` metrics, with scikit-learn's names (camelCase) and conventions. */
export { accuracyScore } from './accuracy.js';
export {
  explainedVarianceScore, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, median,
  medianAbsoluteError, r2Score, rootMeanSquaredError,
} from './regression.js';
