/**
 * Tests of normality, as SciPy 1.10: D'Agostino's skewness test (`skewtest`), Anscombe &
 * Glynn's kurtosis test (`kurtosistest`), their omnibus combination (`normaltest`,
 * D'Agostino & Pearson 1973), the Jarque–Bera test, and Shapiro–Wilk (`shapiro`).
 *
 * `shapiro` follows Royston's algorithm AS R94 (Applied Statistics 44 (1995) 547–551):
 * approximate expected normal order statistics mᵢ = Φ⁻¹((i − 3/8)/(n + 1/4)), polynomial
 * corrections for the two extreme coefficients, W as the squared correlation of the sorted
 * data with the coefficients, and a normalizing transform of log(1 − W) for the p-value.
 * SciPy runs that Fortran in single precision with a 7-digit Φ⁻¹, so W and p agree with
 * SciPy to about 1e-6 rather than to machine precision.
 */
import { chi2 } from '../distributions/chi2.js';
import { checkAlternative, sample, sorted, type Alternative, type TestResult } from '../descriptive/data.js';
import { kurtosis, skew } from '../descriptive/moments.js';
import { ndtr, ndtri } from '../special/index.js';
import { zPvalue } from './p-values.js';

/**
 * D'Agostino's test that the skewness is that of a normal sample (n ≥ 8).
 *
 * ```ts
 * skewtest([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]);
 * ```
 */
export function skewtest(a: ArrayLike<number>, options: { alternative?: Alternative } = {}): TestResult {
  const alternative = checkAlternative('skewtest', options.alternative ?? 'two-sided');
  const x = sample('skewtest', a, 8, 'a');
  const n = x.length;
  const b2 = skew(x);
  let y = b2 * Math.sqrt(((n + 1) * (n + 3)) / (6 * (n - 2)));
  const beta2 = (3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3)) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
  const w2 = -1 + Math.sqrt(2 * (beta2 - 1));
  const delta = 1 / Math.sqrt(0.5 * Math.log(w2));
  const alpha = Math.sqrt(2 / (w2 - 1));
  if (y === 0) y = 1;
  const z = delta * Math.log(y / alpha + Math.sqrt((y / alpha) ** 2 + 1));
  return { statistic: z, pvalue: zPvalue(z, alternative) };
}

/**
 * Anscombe & Glynn's test that the kurtosis is that of a normal sample (n ≥ 5).
 *
 * ```ts
 * kurtosistest([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]);
 * ```
 */
export function kurtosistest(a: ArrayLike<number>, options: { alternative?: Alternative } = {}): TestResult {
  const alternative = checkAlternative('kurtosistest', options.alternative ?? 'two-sided');
  const x = sample('kurtosistest', a, 5, 'a');
  const n = x.length;
  const b2 = kurtosis(x, { fisher: false });
  const E = (3 * (n - 1)) / (n + 1);
  const varb2 = (24 * n * (n - 2) * (n - 3)) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
  const xs = (b2 - E) / Math.sqrt(varb2);
  const sqrtbeta1 = ((6 * (n * n - 5 * n + 2)) / ((n + 7) * (n + 9))) * Math.sqrt((6 * (n + 3) * (n + 5)) / (n * (n - 2) * (n - 3)));
  const A = 6 + (8 / sqrtbeta1) * (2 / sqrtbeta1 + Math.sqrt(1 + 4 / (sqrtbeta1 * sqrtbeta1)));
  const term1 = 1 - 2 / (9 * A);
  const denom = 1 + xs * Math.sqrt(2 / (A - 4));
  const term2 = denom === 0 ? NaN : Math.sign(denom) * ((1 - 2 / A) / Math.abs(denom)) ** (1 / 3);
  const z = (term1 - term2) / Math.sqrt(2 / (9 * A));
  return { statistic: z, pvalue: zPvalue(z, alternative) };
}

/**
 * D'Agostino & Pearson's omnibus test: s² + k² of the two tests above, against χ²(2).
 *
 * ```ts
 * normaltest([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]);
 * ```
 */
export function normaltest(a: ArrayLike<number>): TestResult {
  const s = skewtest(a).statistic;
  const k = kurtosistest(a).statistic;
  const statistic = s * s + k * k;
  return { statistic, pvalue: chi2.sf(statistic, 2) };
}

/**
 * The Jarque–Bera test: n/6 · (g₁² + (g₂)²/4) against χ²(2).
 *
 * ```ts
 * jarqueBera([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]);
 * ```
 */
export function jarqueBera(a: ArrayLike<number>): TestResult {
  const x = sample('jarqueBera', a, 2, 'a');
  const n = x.length;
  const s = skew(x);
  const k = kurtosis(x);
  const statistic = (n / 6) * (s * s + (k * k) / 4);
  return { statistic, pvalue: chi2.sf(statistic, 2) };
}

const poly = (c: readonly number[], x: number) => c.reduceRight((acc, ci) => acc * x + ci, 0);
// AS R94's polynomial coefficients
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const G = [-2.273, 0.459];

/**
 * The Shapiro–Wilk test of normality (3 ≤ n ≤ 5000 for a reliable p-value).
 *
 * ```ts
 * shapiro([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]); // W ≈ 0.79, p ≈ 0.007
 * ```
 */
export function shapiro(x: ArrayLike<number>): TestResult {
  const raw = sample('shapiro', x, 3, 'x');
  const n = raw.length;
  // SciPy subtracts a middle value before sorting into the Fortran routine (gh-15777)
  const shift = raw[Math.floor(n / 2)];
  const s = sorted(raw).map((v) => v - shift);
  const range = s[n - 1] - s[0];
  if (range === 0) throw new RangeError('shapiro: all values are identical, so W is undefined');
  const half = Math.floor(n / 2);
  const a = new Float64Array(half + 1); // 1-based: a[1..half]
  if (n === 3) {
    a[1] = Math.SQRT1_2;
  } else {
    const m = new Float64Array(half + 1);
    let summ2 = 0;
    for (let i = 1; i <= half; i++) {
      m[i] = ndtri((i - 0.375) / (n + 0.25));
      summ2 += m[i] * m[i];
    }
    summ2 *= 2;
    const ssumm2 = Math.sqrt(summ2);
    const rsn = 1 / Math.sqrt(n);
    const a1 = poly(C1, rsn) - m[1] / ssumm2;
    let i1: number;
    let fac: number;
    if (n > 5) {
      i1 = 3;
      const a2 = -m[2] / ssumm2 + poly(C2, rsn);
      fac = Math.sqrt((summ2 - 2 * m[1] ** 2 - 2 * m[2] ** 2) / (1 - 2 * a1 ** 2 - 2 * a2 ** 2));
      a[2] = a2;
    } else {
      i1 = 2;
      fac = Math.sqrt((summ2 - 2 * m[1] ** 2) / (1 - 2 * a1 ** 2));
    }
    a[1] = a1;
    for (let i = i1; i <= half; i++) a[i] = -m[i] / fac;
  }
  // the coefficient paired with sorted position i (1-based): −a[i] in the lower half, +a[n+1−i] in the upper
  const coef = (i: number) => (i <= half ? -a[i] : n + 1 - i <= half ? a[n + 1 - i] : 0);
  let sa = 0;
  let sx = 0;
  for (let i = 1; i <= n; i++) {
    sa += coef(i);
    sx += s[i - 1] / range;
  }
  sa /= n;
  sx /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  for (let i = 1; i <= n; i++) {
    const asa = coef(i) - sa;
    const xsx = s[i - 1] / range - sx;
    ssa += asa * asa;
    ssx += xsx * xsx;
    sax += asa * xsx;
  }
  // 1 − W computed directly, as AS R94 does, to keep digits when W is near 1
  const ssassx = Math.sqrt(ssa * ssx);
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
  const w = 1 - w1;
  if (n === 3) {
    const pw = (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3);
    return { statistic: w, pvalue: Math.max(0, pw) };
  }
  let y = Math.log(w1);
  const xx = Math.log(n);
  let mu: number;
  let sigma: number;
  if (n <= 11) {
    const gamma = poly(G, n);
    if (y >= gamma) return { statistic: w, pvalue: 1e-99 };
    y = -Math.log(gamma - y);
    mu = poly(C3, n);
    sigma = Math.exp(poly(C4, n));
  } else {
    mu = poly(C5, xx);
    sigma = Math.exp(poly(C6, xx));
  }
  return { statistic: w, pvalue: ndtr(-(y - mu) / sigma) };
}
