/**
 * The geometric distribution on 1, 2, 3, … (the trial of the first success), SciPy's
 * `geom`: pmf(k) = (1 − p)^{k−1} p, sf(k) = (1 − p)^k. `fit` is the closed form
 * p = 1/mean.
 */
import { makeDiscrete, sampleMean } from './discrete.js';

/**
 * ```ts
 * geom.pmf(2, 0.5);          // 0.25
 * geom({ p: 0.2 }).mean();   // 5
 * ```
 */
export const geom = makeDiscrete<{ p: number; loc: number }>({
  name: 'geom',
  shapes: ['p'],
  check: (q) => (q.p > 0 && q.p <= 1 ? null : `p must be in (0, 1], got ${q.p}`),
  support: () => [1, Infinity],
  logpmf: (k, q) => (q.p === 1 ? (k === 1 ? 0 : -Infinity) : (k - 1) * Math.log1p(-q.p) + Math.log(q.p)),
  cdf: (k, q) => -Math.expm1(k * Math.log1p(-q.p)),
  sf: (k, q) => Math.exp(k * Math.log1p(-q.p)),
  mean: (q) => 1 / q.p,
  var: (q) => (1 - q.p) / (q.p * q.p),
  fit: (x, fixed) => ({ p: fixed.p ?? 1 / sampleMean(x) }),
});
