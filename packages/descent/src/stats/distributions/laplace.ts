/**
 * The Laplace (double exponential) distribution, SciPy's `laplace`: pdf(y) = e^{−|y|}/2.
 * `fit` is the closed form: loc = the sample median, scale = mean |x − loc|.
 */
import { makeContinuous } from './continuous.js';

/**
 * ```ts
 * laplace.cdf(0);                 // 0.5
 * laplace({ scale: 2 }).var();    // 8
 * ```
 */
export const laplace = makeContinuous<{ loc: number; scale: number }>({
  name: 'laplace',
  shapes: [],
  check: () => null,
  support: () => [-Infinity, Infinity],
  logpdf: (y) => -Math.abs(y) - Math.LN2,
  cdf: (y) => (y < 0 ? 0.5 * Math.exp(y) : 1 - 0.5 * Math.exp(-y)),
  sf: (y) => (y > 0 ? 0.5 * Math.exp(-y) : 1 - 0.5 * Math.exp(y)),
  ppf: (q) => (q <= 0.5 ? Math.log(2 * q) : -Math.log(2 * (1 - q))),
  isf: (q) => (q <= 0.5 ? -Math.log(2 * q) : Math.log(2 * (1 - q))),
  mean: () => 0,
  var: () => 2,
  sample: (_p, g) => {
    const u = g.random() - 0.5;
    return -Math.sign(u) * Math.log1p(-2 * Math.abs(u));
  },
  fit: (x, fixed) => {
    const sorted = Float64Array.from(x).sort();
    const n = sorted.length;
    const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    const loc = fixed.loc ?? median;
    let dev = 0;
    for (const v of x) dev += Math.abs(v - loc);
    return { loc, scale: fixed.scale ?? dev / n };
  },
});
