/**
 * The gamma distribution with shape `a`, SciPy's `gamma` (scale θ = `scale`):
 * pdf(y) = y^{a−1} e^{−y} / Γ(a), cdf P(a, y) = `gammainc`, ppf `gammaincinv`.
 * `fit` with `floc` fixed is SciPy's closed form: solve log a − ψ(a) = log x̄ − mean(log x)
 * (Choi & Wette 1969), then scale = x̄/a; without `floc`, numerical maximum likelihood.
 */
import type { Generator } from '../../random/index.js';
import { digamma, gammainc, gammaincc, gammainccinv, gammaincinv, gammaln } from '../special/index.js';
import { makeContinuous } from './continuous.js';

/**
 * A Gamma(a, 1) draw by Marsaglia & Tsang's squeeze method (ACM TOMS 26 (2000) 363–372),
 * with the boost Gamma(a) = Gamma(a + 1)·U^{1/a} for a < 1.
 */
export function gammaSample(a: number, g: Generator): number {
  if (a < 1) return gammaSample(a + 1, g) * (1 - g.random()) ** (1 / a);
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = g.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - g.random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** The a with log a − ψ(a) = s (s > 0), by Newton's method on log a from Minka's start. */
export function solveGammaShape(s: number): number {
  // Minka (2002), "Estimating a Gamma distribution": a ≈ (3 − s + √((s − 3)² + 24s)) / (12s)
  let a = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s);
  for (let i = 0; i < 100; i++) {
    const f = Math.log(a) - digamma(a) - s;
    // d/da (log a − ψ(a)) = 1/a − ψ′(a); ψ′ by a central difference of ψ is enough for Newton
    const h = 1e-5 * a;
    const trigamma = (digamma(a + h) - digamma(a - h)) / (2 * h);
    const next = a - f / (1 / a - trigamma);
    const safe = next > 0 ? next : a / 2;
    if (Math.abs(safe - a) <= 1e-15 * a) return safe;
    a = safe;
  }
  return a;
}

/**
 * ```ts
 * gamma.cdf(2, 3);               // P(3, 2) = 0.3233235838169366
 * gamma({ a: 2, scale: 3 }).mean(); // 6
 * ```
 */
export const gamma = makeContinuous<{ a: number; loc: number; scale: number }>({
  name: 'gamma',
  shapes: ['a'],
  check: (p) => (p.a > 0 ? null : `a must be > 0, got ${p.a}`),
  support: () => [0, Infinity],
  logpdf: (y, p) => (y === 0 ? (p.a === 1 ? 0 : p.a < 1 ? Infinity : -Infinity) : (p.a - 1) * Math.log(y) - y - gammaln(p.a)),
  cdf: (y, p) => gammainc(p.a, y),
  sf: (y, p) => gammaincc(p.a, y),
  ppf: (q, p) => gammaincinv(p.a, q),
  isf: (q, p) => gammainccinv(p.a, q),
  mean: (p) => p.a,
  var: (p) => p.a,
  sample: (p, g) => gammaSample(p.a, g),
  fit: (x, fixed) => {
    if (fixed.loc === undefined) return null;
    const loc = fixed.loc;
    let mean = 0;
    let meanLog = 0;
    for (const v of x) {
      mean += v - loc;
      meanLog += Math.log(v - loc);
    }
    mean /= x.length;
    meanLog /= x.length;
    if (fixed.a !== undefined) return { a: fixed.a, loc, scale: fixed.scale ?? mean / fixed.a };
    if (fixed.scale !== undefined) return null;
    const a = solveGammaShape(Math.log(mean) - meanLog);
    return { a, loc, scale: mean / a };
  },
  fitStart: (x) => {
    // SciPy's start: a from the sample skewness, a = 4/skew²
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let m2 = 0;
    let m3 = 0;
    for (const v of x) {
      m2 += (v - m) ** 2;
      m3 += (v - m) ** 3;
    }
    const skew = m3 / x.length / (m2 / x.length) ** 1.5;
    return { a: Number.isFinite(skew) && Math.abs(skew) > 1e-3 ? Math.min(1000, 4 / (skew * skew)) : 1 };
  },
});
