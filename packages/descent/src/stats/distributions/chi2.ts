/**
 * The chi-squared distribution with `df` degrees of freedom, SciPy's `chi2`: Gamma(df/2)
 * with scale 2, so cdf(y) = P(df/2, y/2) and ppf(q) = 2·P⁻¹(df/2, q).
 */
import { gammainc, gammaincc, gammainccinv, gammaincinv, gammaln } from '../special/index.js';
import { makeContinuous } from './continuous.js';
import { gammaSample } from './gamma.js';

const LN2 = Math.LN2;

/**
 * ```ts
 * chi2.sf(3.84, 1);   // 0.05004352124870519
 * chi2.ppf(0.95, 2);  // 5.991464547107979
 * ```
 */
export const chi2 = makeContinuous<{ df: number; loc: number; scale: number }>({
  name: 'chi2',
  shapes: ['df'],
  check: (p) => (p.df > 0 ? null : `df must be > 0, got ${p.df}`),
  support: () => [0, Infinity],
  logpdf: (y, p) => {
    const k = p.df / 2;
    if (y === 0) return k === 1 ? -LN2 : k < 1 ? Infinity : -Infinity;
    return (k - 1) * Math.log(y) - y / 2 - k * LN2 - gammaln(k);
  },
  cdf: (y, p) => gammainc(p.df / 2, y / 2),
  sf: (y, p) => gammaincc(p.df / 2, y / 2),
  ppf: (q, p) => 2 * gammaincinv(p.df / 2, q),
  isf: (q, p) => 2 * gammainccinv(p.df / 2, q),
  mean: (p) => p.df,
  var: (p) => 2 * p.df,
  sample: (p, g) => 2 * gammaSample(p.df / 2, g),
  fitStart: (x) => {
    let m = 0;
    for (const v of x) m += v;
    return { df: Math.max(0.5, m / x.length) };
  },
});
