/**
 * The logistic distribution, SciPy's `logistic`: cdf(y) = 1/(1 + e^{−y}) = `expit`,
 * pdf(y) = e^{−|y|}/(1 + e^{−|y|})², variance π²/3.
 */
import { expit, logit } from '../special/index.js';
import { makeContinuous } from './continuous.js';

/**
 * ```ts
 * logistic.cdf(0);  // 0.5
 * logistic.ppf(0.75); // log 3
 * ```
 */
export const logistic = makeContinuous<{ loc: number; scale: number }>({
  name: 'logistic',
  shapes: [],
  check: () => null,
  support: () => [-Infinity, Infinity],
  logpdf: (y) => {
    const a = Math.abs(y);
    return -a - 2 * Math.log1p(Math.exp(-a));
  },
  cdf: (y) => expit(y),
  sf: (y) => expit(-y),
  ppf: (q) => logit(q),
  isf: (q) => -logit(q),
  mean: () => 0,
  var: () => (Math.PI * Math.PI) / 3,
  fitStart: () => ({}),
});
