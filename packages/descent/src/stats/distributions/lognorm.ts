/**
 * The log-normal distribution, SciPy's `lognorm` with shape `s` (σ of log y) and
 * scale = e^μ: pdf(y) = exp(−(log y)²/(2s²)) / (s·y·√(2π)), cdf Φ(log y / s).
 * `fit` with `floc` fixed is the closed form (mean and RMS deviation of log(x − loc)).
 */
import { ndtr, ndtri } from '../special/index.js';
import { makeContinuous } from './continuous.js';

const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ```ts
 * lognorm.cdf(1, 0.5);                 // 0.5
 * lognorm({ s: 0.5, scale: Math.E }).median(); // e
 * ```
 */
export const lognorm = makeContinuous<{ s: number; loc: number; scale: number }>({
  name: 'lognorm',
  shapes: ['s'],
  check: (p) => (p.s > 0 ? null : `s must be > 0, got ${p.s}`),
  support: () => [0, Infinity],
  logpdf: (y, p) => {
    if (y === 0) return -Infinity;
    const l = Math.log(y);
    return (-l * l) / (2 * p.s * p.s) - Math.log(p.s * y) - HALF_LOG_2PI;
  },
  cdf: (y, p) => ndtr(Math.log(y) / p.s),
  sf: (y, p) => ndtr(-Math.log(y) / p.s),
  ppf: (q, p) => Math.exp(p.s * ndtri(q)),
  isf: (q, p) => Math.exp(-p.s * ndtri(q)),
  mean: (p) => Math.exp((p.s * p.s) / 2),
  var: (p) => Math.expm1(p.s * p.s) * Math.exp(p.s * p.s),
  sample: (p, g) => Math.exp(p.s * g.normal()),
  fit: (x, fixed) => {
    if (fixed.loc === undefined) return null;
    const loc = fixed.loc;
    let mu = 0;
    for (const v of x) mu += Math.log(v - loc);
    mu /= x.length;
    if (fixed.scale !== undefined) mu = Math.log(fixed.scale);
    let ss = 0;
    for (const v of x) ss += (Math.log(v - loc) - mu) ** 2;
    return { s: fixed.s ?? Math.sqrt(ss / x.length), loc, scale: Math.exp(mu) };
  },
  fitStart: () => ({ s: 1 }),
});
