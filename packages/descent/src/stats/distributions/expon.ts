/**
 * The exponential distribution, SciPy's `expon` (rate 1/scale, shifted by loc):
 * pdf(y) = e^{−y}, cdf 1 − e^{−y} = −expm1(−y). `fit` is SciPy's closed form:
 * loc = min(x), scale = mean(x) − loc.
 */
import { makeContinuous } from './continuous.js';

/**
 * ```ts
 * expon.cdf(1);                   // 1 − 1/e
 * expon({ scale: 2 }).mean();     // 2
 * ```
 */
export const expon = makeContinuous<{ loc: number; scale: number }>({
  name: 'expon',
  shapes: [],
  check: () => null,
  support: () => [0, Infinity],
  logpdf: (y) => -y,
  cdf: (y) => -Math.expm1(-y),
  sf: (y) => Math.exp(-y),
  ppf: (q) => -Math.log1p(-q),
  isf: (q) => -Math.log(q),
  mean: () => 1,
  var: () => 1,
  sample: (_p, g) => -Math.log(1 - g.random()),
  fit: (x, fixed) => {
    let min = Infinity;
    let mean = 0;
    for (const v of x) {
      min = Math.min(min, v);
      mean += v;
    }
    mean /= x.length;
    const loc = fixed.loc ?? min;
    return { loc, scale: fixed.scale ?? mean - loc };
  },
});
