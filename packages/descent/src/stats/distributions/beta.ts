/**
 * The beta distribution on [0, 1] with shapes `a` and `b`, SciPy's `beta`:
 * pdf(y) = y^{a−1}(1 − y)^{b−1}/B(a, b), cdf I_y(a, b), ppf its inverse.
 */
import { betainc, betaincc, betainccinv, betaincinv, betaln } from '../special/index.js';
import { makeContinuous } from './continuous.js';
import { gammaSample } from './gamma.js';

/**
 * ```ts
 * beta.cdf(0.4, 2, 3);          // 0.5248
 * beta({ a: 2, b: 3 }).mean();  // 0.4
 * ```
 */
export const beta = makeContinuous<{ a: number; b: number; loc: number; scale: number }>({
  name: 'beta',
  shapes: ['a', 'b'],
  check: (p) => (p.a > 0 && p.b > 0 ? null : `a and b must be > 0, got a=${p.a}, b=${p.b}`),
  support: () => [0, 1],
  logpdf: (y, p) => {
    const { a, b } = p;
    if (y === 0) return a === 1 ? -betaln(a, b) : a < 1 ? Infinity : -Infinity;
    if (y === 1) return b === 1 ? -betaln(a, b) : b < 1 ? Infinity : -Infinity;
    return (a - 1) * Math.log(y) + (b - 1) * Math.log1p(-y) - betaln(a, b);
  },
  cdf: (y, p) => betainc(p.a, p.b, y),
  sf: (y, p) => betaincc(p.a, p.b, y),
  ppf: (q, p) => betaincinv(p.a, p.b, q),
  isf: (q, p) => betainccinv(p.a, p.b, q),
  mean: (p) => p.a / (p.a + p.b),
  var: (p) => (p.a * p.b) / ((p.a + p.b) ** 2 * (p.a + p.b + 1)),
  sample: (p, g) => {
    // X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b)
    const x = gammaSample(p.a, g);
    return x / (x + gammaSample(p.b, g));
  },
  fitStart: (x) => {
    // method of moments on [0, 1]
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let s2 = 0;
    for (const v of x) s2 += (v - m) ** 2;
    s2 /= x.length;
    const k = (m * (1 - m)) / s2 - 1;
    return k > 0 && m > 0 && m < 1 ? { a: m * k, b: (1 - m) * k } : { a: 1, b: 1 };
  },
});
