/**
 * The Bernoulli distribution with success probability `p`, SciPy's `bernoulli`.
 * `fit` is the closed form p = the sample mean.
 */
import { makeDiscrete, sampleMean } from './discrete.js';

/**
 * ```ts
 * bernoulli.pmf(1, 0.3);          // 0.3
 * bernoulli({ p: 0.3 }).var();    // 0.21
 * ```
 */
export const bernoulli = makeDiscrete<{ p: number; loc: number }>({
  name: 'bernoulli',
  shapes: ['p'],
  check: (q) => (q.p >= 0 && q.p <= 1 ? null : `p must be in [0, 1], got ${q.p}`),
  support: () => [0, 1],
  logpmf: (k, q) => (k === 1 ? Math.log(q.p) : Math.log1p(-q.p)),
  cdf: (_k, q) => 1 - q.p,
  sf: (_k, q) => q.p,
  mean: (q) => q.p,
  var: (q) => q.p * (1 - q.p),
  fit: (x, fixed) => ({ p: fixed.p ?? sampleMean(x) }),
});
