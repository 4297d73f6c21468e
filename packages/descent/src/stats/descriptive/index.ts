/** Descriptive statistics of `descent/stats`, with NumPy's and SciPy's names. */
export { mean, moment, variance, std, sem, skew, kurtosis, zscore, describe, type DdofOptions, type SkewOptions, type KurtosisOptions, type DescribeResult } from './moments.js';
export { quantile, percentile, median, iqr, type QuantileMethod, type QuantileOptions, type IqrOptions } from './quantile.js';
export { rankdata, mode, type RankMethod } from './rank.js';
export { cov, corrcoef, type CovOptions } from './covariance.js';
export type { Alternative, TestResult } from './data.js';
