/**
 * The Weibull distribution with shape `c`, SciPy's `weibull_min`:
 * pdf(y) = c·y^{c−1}·e^{−y^c}, cdf 1 − e^{−y^c}, mean Γ(1 + 1/c).
 */
import { gamma as gammaFn } from '../special/index.js';
import { makeContinuous } from './continuous.js';

/**
 * ```ts
 * weibullMin.cdf(1, 2);                 // 1 − 1/e
 * weibullMin({ c: 1.5, scale: 3 }).mean(); // 3·Γ(5/3)
 * ```
 */
export const weibullMin = makeContinuous<{ c: number; loc: number; scale: number }>({
  name: 'weibullMin',
  shapes: ['c'],
  check: (p) => (p.c > 0 ? null : `c must be > 0, got ${p.c}`),
  support: () => [0, Infinity],
  logpdf: (y, p) => (y === 0 ? (p.c === 1 ? 0 : p.c < 1 ? Infinity : -Infinity) : Math.log(p.c) + (p.c - 1) * Math.log(y) - y ** p.c),
  cdf: (y, p) => -Math.expm1(-(y ** p.c)),
  sf: (y, p) => Math.exp(-(y ** p.c)),
  ppf: (q, p) => (-Math.log1p(-q)) ** (1 / p.c),
  isf: (q, p) => (-Math.log(q)) ** (1 / p.c),
  mean: (p) => gammaFn(1 + 1 / p.c),
  var: (p) => gammaFn(1 + 2 / p.c) - gammaFn(1 + 1 / p.c) ** 2,
  fitStart: () => ({ c: 1.5 }),
});
