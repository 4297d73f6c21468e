/**
 * The negative binomial distribution, SciPy's `nbinom`: the number of failures before the
 * n-th success, pmf(k) = C(k + n − 1, n − 1) pⁿ (1 − p)ᵏ, with C(k + n − 1, k) =
 * 1/((n + k) B(n, k + 1)) and P(X ≤ k) = I_p(n, k + 1). `n` may be real. `fit` needs n
 * fixed (`{ fn }`): then p = n/(n + mean).
 */
import { betainc, betaincc, betaln } from '../special/index.js';
import { makeDiscrete, sampleMean } from './discrete.js';

/**
 * ```ts
 * nbinom.pmf(2, 3, 0.5);            // 0.1875
 * nbinom({ n: 3, p: 0.5 }).mean();  // 3
 * ```
 */
export const nbinom = makeDiscrete<{ n: number; p: number; loc: number }>({
  name: 'nbinom',
  shapes: ['n', 'p'],
  check: (q) => (q.n > 0 && q.p > 0 && q.p <= 1 ? null : `n must be > 0 and p in (0, 1], got n=${q.n}, p=${q.p}`),
  support: () => [0, Infinity],
  logpmf: (k, q) => {
    if (q.p === 1) return k === 0 ? 0 : -Infinity;
    return -Math.log(q.n + k) - betaln(q.n, k + 1) + q.n * Math.log(q.p) + k * Math.log1p(-q.p);
  },
  cdf: (k, q) => betainc(q.n, k + 1, q.p),
  sf: (k, q) => betaincc(q.n, k + 1, q.p),
  mean: (q) => (q.n * (1 - q.p)) / q.p,
  var: (q) => (q.n * (1 - q.p)) / (q.p * q.p),
  fit: (x, fixed) => {
    if (fixed.n === undefined) throw new TypeError('nbinom.fit: n is not estimated in closed form; pass it as { fn: n }');
    return { n: fixed.n, p: fixed.p ?? fixed.n / (fixed.n + sampleMean(x)) };
  },
});
