/** Hypothesis tests of `descent/stats`, with SciPy's names, arguments and result fields. */
export { ttest1samp, ttestInd, ttestRel, type TtestOptions, type TtestIndOptions, type TtestResult } from './ttest.js';
export { fOneway, levene, bartlett, type LeveneOptions } from './variance-tests.js';
export { chisquare, chi2Contingency, fisherExact, mcnemar, type ChisquareOptions, type Chi2ContingencyResult } from './contingency.js';
export { mannwhitneyu, wilcoxon, kruskal, type MannwhitneyuOptions, type WilcoxonOptions } from './rank-tests.js';
export { ks1samp, ks2samp, kstest, type KstestResult, type Ks1sampOptions, type Ks2sampOptions } from './ks.js';
export { skewtest, kurtosistest, normaltest, jarqueBera, shapiro } from './normality.js';
export { pearsonr, spearmanr, kendalltau, type KendalltauOptions } from './correlation.js';
