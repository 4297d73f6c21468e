/**
 * The F distribution with `dfn` and `dfd` degrees of freedom, SciPy's `f`.
 * With w = dfn·y/(dfn·y + dfd), cdf(y) = I_w(dfn/2, dfd/2) and
 * sf(y) = I_{1−w}(dfd/2, dfn/2) (A&S 26.6.2).
 */
import { betainc, betaincc, betaincinv, betaln } from '../special/index.js';
import { makeContinuous } from './continuous.js';
import type { Params } from './args.js';
import { gammaSample } from './gamma.js';

/** y from the upper-tail beta variate u = dfd/(dfd + dfn·y). */
const fromUpper = (u: number, p: Params) => (p.dfd * (1 - u)) / (p.dfn * u);
/** y from the lower-tail beta variate w = dfn·y/(dfn·y + dfd). */
const fromLower = (w: number, p: Params) => (p.dfd * w) / (p.dfn * (1 - w));

/**
 * [cdf, sf] from whichever of w = dfn·y/(dfn·y + dfd) and u = 1 − w is below ½, each formed
 * directly (never as 1 − the other), so both tails keep their digits.
 */
function tails(y: number, p: Params): [number, number] {
  const a = p.dfn / 2;
  const b = p.dfd / 2;
  const w = (p.dfn * y) / (p.dfn * y + p.dfd);
  if (w <= 0.5) return [betainc(a, b, w), betaincc(a, b, w)];
  const u = p.dfd / (p.dfd + p.dfn * y);
  return [betaincc(b, a, u), betainc(b, a, u)];
}

/**
 * ```ts
 * f.sf(4.26, 2, 9);      // 0.05 (about)
 * f({ dfn: 3, dfd: 20 }).ppf(0.95); // 3.0983912121407795
 * ```
 */
export const f = makeContinuous<{ dfn: number; dfd: number; loc: number; scale: number }>({
  name: 'f',
  shapes: ['dfn', 'dfd'],
  check: (p) => (p.dfn > 0 && p.dfd > 0 ? null : `dfn and dfd must be > 0, got dfn=${p.dfn}, dfd=${p.dfd}`),
  support: () => [0, Infinity],
  logpdf: (y, p) => {
    const { dfn: n, dfd: d } = p;
    if (y === 0) return n === 2 ? 0 : n < 2 ? Infinity : -Infinity;
    return (n / 2) * Math.log(n * y) + (d / 2) * Math.log(d) - ((n + d) / 2) * Math.log(n * y + d) - Math.log(y) - betaln(n / 2, d / 2);
  },
  cdf: (y, p) => tails(y, p)[0],
  sf: (y, p) => tails(y, p)[1],
  ppf: (q, p) => (q <= 0.5 ? fromLower(betaincinv(p.dfn / 2, p.dfd / 2, q), p) : fromUpper(betaincinv(p.dfd / 2, p.dfn / 2, 1 - q), p)),
  isf: (q, p) => (q <= 0.5 ? fromUpper(betaincinv(p.dfd / 2, p.dfn / 2, q), p) : fromLower(betaincinv(p.dfn / 2, p.dfd / 2, 1 - q), p)),
  mean: (p) => (p.dfd > 2 ? p.dfd / (p.dfd - 2) : Infinity),
  var: (p) =>
    p.dfd > 4 ? (2 * p.dfd * p.dfd * (p.dfn + p.dfd - 2)) / (p.dfn * (p.dfd - 2) ** 2 * (p.dfd - 4)) : Infinity,
  sample: (p, g) => (2 * gammaSample(p.dfn / 2, g)) / p.dfn / ((2 * gammaSample(p.dfd / 2, g)) / p.dfd),
  fitStart: () => ({ dfn: 5, dfd: 10 }),
});
