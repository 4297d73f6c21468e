/**
 * The Poisson distribution with mean `mu`, SciPy's `poisson`: pmf(k) = μᵏe^{−μ}/k!,
 * P(X ≤ k) = Q(k + 1, μ) (the regularized upper incomplete gamma function).
 * `fit` is the closed form μ = the sample mean.
 */
import { gammainc, gammaincc, gammaln } from '../special/index.js';
import { makeDiscrete, sampleMean } from './discrete.js';

/**
 * ```ts
 * poisson.pmf(2, 3);            // 9e^{−3}/2 = 0.22404180765538775
 * poisson({ mu: 3 }).cdf(2);    // 0.42319008112684353
 * ```
 */
export const poisson = makeDiscrete<{ mu: number; loc: number }>({
  name: 'poisson',
  shapes: ['mu'],
  check: (q) => (q.mu >= 0 ? null : `mu must be >= 0, got ${q.mu}`),
  support: () => [0, Infinity],
  logpmf: (k, q) => (q.mu === 0 ? (k === 0 ? 0 : -Infinity) : k * Math.log(q.mu) - q.mu - gammaln(k + 1)),
  cdf: (k, q) => (q.mu === 0 ? 1 : gammaincc(k + 1, q.mu)),
  sf: (k, q) => (q.mu === 0 ? 0 : gammainc(k + 1, q.mu)),
  mean: (q) => q.mu,
  var: (q) => q.mu,
  fit: (x, fixed) => ({ mu: fixed.mu ?? sampleMean(x) }),
});
