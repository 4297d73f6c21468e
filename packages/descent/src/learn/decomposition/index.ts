/** Matrix decompositions (sklearn.decomposition): PCA, TruncatedSVD, IncrementalPCA, KernelPCA, NMF. */
export { PCA, type PCAParams } from './pca.js';
export { TruncatedSVD, type TruncatedSVDParams } from './truncated-svd.js';
export { IncrementalPCA, type IncrementalPCAParams } from './incremental-pca.js';
export { KernelPCA, type KernelPCAParams } from './kernel-pca.js';
export { NMF, type NMFParams } from './nmf.js';
export { randomizedSvd, svdFlip, type RandomizedSvdOptions } from './svd-utils.js';
export { FactorAnalysis, type FactorAnalysisParams } from './factor-analysis.js';
export { FastICA, type FastICAParams } from './fast-ica.js';
