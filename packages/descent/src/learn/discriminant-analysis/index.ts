/** Linear and quadratic discriminant analysis (sklearn.discriminant_analysis). */
export { empiricalCovariance, ledoitWolf, shrunkCovariance, type Shrinkage } from './covariance.js';
export { LinearDiscriminantAnalysis, type LinearDiscriminantAnalysisParams } from './lda.js';
export { QuadraticDiscriminantAnalysis, type QuadraticDiscriminantAnalysisParams } from './qda.js';
