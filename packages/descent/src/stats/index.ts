/**
 * `descent/stats`: probability distributions, descriptive statistics and hypothesis tests
 * with SciPy's names (camelCased), argument orders and result fields.
 *
 * ```ts
 * import { norm, t, special } from 'descent/stats';
 * norm.cdf(1.96);              // 0.9750021048517795
 * t({ df: 10 }).ppf(0.975);    // 2.2281388519649385
 * special.gammaln(10);         // log 9!
 * ```
 */
export * from './distributions/index.js';
export * as special from './special/index.js';
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from './optimize/nelder-mead.js';
export * from './descriptive/index.js';
export * from './tests/index.js';
export * from './inference/index.js';
export { bfgs, type BfgsOptions, type BfgsResult } from './optimize/bfgs.js';
export * from './bayes/index.js';
export { populationStabilityIndex, type PsiOptions, type PsiResult } from './drift/psi.js';
export * from './experiments/index.js';
