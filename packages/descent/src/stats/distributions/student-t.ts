/**
 * Student's t distribution with `df` degrees of freedom, SciPy's `t`.
 *
 * log pdf(y) = −log B(df/2, ½) − ½ log df − (df + 1)/2 · log(1 + y²/df)
 * and, with the regularized incomplete beta function (A&S 26.7.1),
 * P(T ≤ −|y|) = ½ I_{df/(df+y²)}(df/2, ½), while near the centre
 * P(|T| ≤ |y|) = I_{y²/(df+y²)}(½, df/2) keeps the digits of small |y|.
 */
import { betainc, betaincc, betaincinv, betaln } from '../special/index.js';
import { makeContinuous } from './continuous.js';
import type { Params } from './args.js';
import { gammaSample } from './gamma.js';

/** P(T ≤ −|y|), the lower tail at −|y|. */
function lowerTail(y: number, df: number): number {
  const y2 = y * y;
  if (y2 > df) return 0.5 * betainc(df / 2, 0.5, df / (df + y2));
  return 0.5 * betaincc(0.5, df / 2, y2 / (df + y2));
}

/** The y > 0 with P(T ≤ −y) = tail, tail ≤ ½. */
function tailQuantile(tail: number, df: number): number {
  if (tail > 0.25) {
    // central: I_z(½, df/2) = 1 − 2·tail with z = y²/(df + y²)
    const z = betaincinv(0.5, df / 2, 1 - 2 * tail);
    return Math.sqrt((df * z) / (1 - z));
  }
  const w = betaincinv(df / 2, 0.5, 2 * tail); // w = df/(df + y²)
  return Math.sqrt((df * (1 - w)) / w);
}

const cdf = (y: number, p: Params) => (y < 0 ? lowerTail(y, p.df) : 1 - lowerTail(y, p.df));

/**
 * ```ts
 * t.ppf(0.975, 10);        // 2.2281388519649385
 * t({ df: 10 }).cdf(2);    // 0.9633059826146297
 * ```
 */
export const t = makeContinuous<{ df: number; loc: number; scale: number }>({
  name: 't',
  shapes: ['df'],
  check: (p) => (p.df > 0 ? null : `df must be > 0, got ${p.df}`),
  support: () => [-Infinity, Infinity],
  logpdf: (y, p) => -betaln(p.df / 2, 0.5) - 0.5 * Math.log(p.df) - ((p.df + 1) / 2) * Math.log1p((y * y) / p.df),
  cdf,
  sf: (y, p) => cdf(-y, p),
  ppf: (q, p) => (q === 0.5 ? 0 : q < 0.5 ? -tailQuantile(q, p.df) : tailQuantile(1 - q, p.df)),
  isf: (q, p) => (q === 0.5 ? 0 : q < 0.5 ? tailQuantile(q, p.df) : -tailQuantile(1 - q, p.df)),
  mean: (p) => (p.df > 1 ? 0 : Infinity),
  var: (p) => (p.df > 2 ? p.df / (p.df - 2) : p.df > 1 ? Infinity : NaN),
  sample: (p, g) => {
    // Z / √(χ²_df / df), the χ² as 2·Gamma(df/2) by inversion
    const chi = 2 * gammaSample(p.df / 2, g);
    return g.normal() / Math.sqrt(chi / p.df);
  },
  fitStart: () => ({ df: 5 }),
});
