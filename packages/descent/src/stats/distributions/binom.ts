/**
 * The binomial distribution with `n` trials and success probability `p`, SciPy's `binom`.
 * log pmf(k) = log C(n, k) + k log p + (n − k) log(1 − p), with
 * log C(n, k) = −log(n + 1) − log B(n − k + 1, k + 1); the cdf and sf are incomplete beta
 * functions (A&S 26.5.24): P(X ≤ k) = I_{1−p}(n − k, k + 1).
 * `fit` needs n fixed (`{ fn }`), and then p = mean/n.
 */
import { betainc, betaln } from '../special/index.js';
import { makeDiscrete, sampleMean } from './discrete.js';

/** log C(n, k) for real n ≥ k ≥ 0. */
export function logComb(n: number, k: number): number {
  return -Math.log(n + 1) - betaln(n - k + 1, k + 1);
}

/**
 * ```ts
 * binom.pmf(3, 10, 0.5);              // 0.1171875
 * binom({ n: 10, p: 0.5 }).cdf(3);    // 0.171875
 * ```
 */
export const binom = makeDiscrete<{ n: number; p: number; loc: number }>({
  name: 'binom',
  shapes: ['n', 'p'],
  check: (q) =>
    Number.isInteger(q.n) && q.n >= 0 && q.p >= 0 && q.p <= 1 ? null : `n must be an integer >= 0 and p in [0, 1], got n=${q.n}, p=${q.p}`,
  support: (q) => [0, q.n],
  logpmf: (k, q) => {
    if (q.p === 0) return k === 0 ? 0 : -Infinity;
    if (q.p === 1) return k === q.n ? 0 : -Infinity;
    return logComb(q.n, k) + k * Math.log(q.p) + (q.n - k) * Math.log1p(-q.p);
  },
  cdf: (k, q) => (q.p === 0 ? 1 : q.p === 1 ? 0 : betainc(q.n - k, k + 1, 1 - q.p)),
  sf: (k, q) => (q.p === 0 ? 0 : q.p === 1 ? 1 : betainc(k + 1, q.n - k, q.p)),
  mean: (q) => q.n * q.p,
  var: (q) => q.n * q.p * (1 - q.p),
  fit: (x, fixed) => {
    if (fixed.n === undefined) throw new TypeError('binom.fit: the number of trials n is not estimated; pass it as { fn: n }');
    return { n: fixed.n, p: fixed.p ?? sampleMean(x) / fixed.n };
  },
});
