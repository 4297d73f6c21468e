/** `descent/learn` metrics, with scikit-learn's names (camelCase) and conventions. */
export { accuracyScore } from './accuracy.js';
export {
  balancedAccuracyScore, cohenKappaScore, confusionMatrix, f1Score, fbetaScore, matthewsCorrcoef,
  precisionRecallFscoreSupport, precisionScore, recallScore, type Average, type PRFOptions, type PRFResult,
} from './classification.js';
export { classificationReport, classificationReportDict, type ReportDict, type ReportOptions, type ReportRow } from './report.js';
export { brierScoreLoss, logLoss, type Probabilities } from './probabilistic.js';
export { calibrationCurve, type CalibrationCurveOptions } from './calibration.js';
export {
  auc, averagePrecisionScore, precisionRecallCurve, rocAucScore, rocCurve, topKAccuracyScore, type CurveOptions, type Scores,
} from './ranking.js';
export {
  adjustedMutualInfoScore, adjustedRandScore, completenessScore, contingencyMatrix, expectedMutualInformation, gammaln,
  homogeneityCompletenessVMeasure, homogeneityScore, labelEntropy, mutualInfoScore, normalizedMutualInfoScore,
  pairConfusionMatrix, vMeasureScore, type AverageMethod,
} from './clustering.js';
export { calinskiHarabaszScore, daviesBouldinScore, silhouetteSamples, silhouetteScore } from './cluster-internal.js';
export { dcgScore, meanAveragePrecision, ndcgScore, precisionAtK } from './retrieval.js';
export {
  explainedVarianceScore, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, median,
  medianAbsoluteError, r2Score, rootMeanSquaredError,
} from './regression.js';
// Added in issue 11.
export { hammingLoss, hingeLoss, jaccardScore, zeroOneLoss, type JaccardOptions } from './classification-losses.js';
export {
  d2AbsoluteErrorScore, d2PinballScore, d2TweedieScore, maxError, meanGammaDeviance, meanPinballLoss, meanPoissonDeviance,
  meanSquaredLogError, meanTweedieDeviance,
} from './regression-extra.js';
export { fowlkesMallowsScore, randScore } from './pair-counting.js';
export { detCurve } from './ranking.js';
