/**
 * `descent/stats/special`: the special functions behind the distributions, tests and
 * models, with SciPy's names and argument orders (`scipy.special`).
 *
 * ```ts
 * import { erf, gammaln, betainc, ndtri } from 'descent/stats/special';
 * betainc(2, 3, 0.4); // I_0.4(2, 3) = 0.5248
 * ndtri(0.975);       // 1.959963984540054
 * ```
 */
export { gamma, gammaln, digamma } from './gamma.js';
export { erf, erfc, erfinv, erfcinv, ndtr, ndtri } from './error-function.js';
export { gammainc, gammaincc, gammaincinv, gammainccinv } from './incomplete-gamma.js';
export { beta, betaln, betainc, betaincc, betaincinv, betainccinv } from './beta.js';
export { expit, logit, logsumexp, type LogsumexpOptions } from './logistic.js';
