/**
 * The normal distribution N(loc, scale²), SciPy's `norm`.
 * pdf(y) = e^{−y²/2}/√(2π), cdf Φ = `ndtr`, ppf Φ⁻¹ = `ndtri`; `fit` is the closed-form MLE
 * (sample mean, and the root mean square deviation with divisor n).
 */
import { ndtr, ndtri } from '../special/index.js';
import { makeContinuous } from './continuous.js';

const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ```ts
 * norm.cdf(1.96);                       // 0.9750021048517795
 * norm.ppf(0.975, { loc: 10, scale: 2 }); // 13.919927969080108
 * norm({ loc: 10, scale: 2 }).pdf(10);  // 0.19947114020071635
 * ```
 */
export const norm = makeContinuous<{ loc: number; scale: number }>({
  name: 'norm',
  shapes: [],
  check: () => null,
  support: () => [-Infinity, Infinity],
  logpdf: (y) => -0.5 * y * y - HALF_LOG_2PI,
  cdf: (y) => ndtr(y),
  sf: (y) => ndtr(-y),
  ppf: (q) => ndtri(q),
  isf: (q) => -ndtri(q),
  mean: () => 0,
  var: () => 1,
  sample: (_p, g) => g.normal(),
  fit: (x, fixed) => {
    let loc = fixed.loc;
    if (loc === undefined) {
      loc = 0;
      for (const v of x) loc += v;
      loc /= x.length;
    }
    let scale = fixed.scale;
    if (scale === undefined) {
      let ss = 0;
      for (const v of x) ss += (v - loc) ** 2;
      scale = Math.sqrt(ss / x.length);
    }
    return { loc, scale };
  },
});
