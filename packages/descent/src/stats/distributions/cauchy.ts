/**
 * The Cauchy distribution, SciPy's `cauchy`: pdf(y) = 1/(π(1 + y²)). The cdf is written
 * as atan(−1/y)/π in the left tail, where ½ + atan(y)/π would cancel.
 * Mean and variance do not exist (NaN, as SciPy).
 */
import { makeContinuous } from './continuous.js';

const cdf = (y: number) => (y < -1 ? Math.atan(-1 / y) / Math.PI : 0.5 + Math.atan(y) / Math.PI);

/**
 * ```ts
 * cauchy.cdf(1);  // 0.75
 * cauchy.ppf(0.75, { loc: 1, scale: 2 }); // 3
 * ```
 */
export const cauchy = makeContinuous<{ loc: number; scale: number }>({
  name: 'cauchy',
  shapes: [],
  check: () => null,
  support: () => [-Infinity, Infinity],
  logpdf: (y) => -Math.log(Math.PI * (1 + y * y)),
  cdf,
  sf: (y) => cdf(-y),
  // tan(π(q − ½)) = −1/tan(πq); for q > ½ use 1 − q, which is exact, so πq does not round
  ppf: (q) => (q === 0.5 ? 0 : q < 0.5 ? -1 / Math.tan(Math.PI * q) : 1 / Math.tan(Math.PI * (1 - q))),
  isf: (q) => (q === 0.5 ? 0 : q < 0.5 ? 1 / Math.tan(Math.PI * q) : -1 / Math.tan(Math.PI * (1 - q))),
  mean: () => NaN,
  var: () => NaN,
  fitStart: () => ({}),
});
