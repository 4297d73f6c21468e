/**
 * Moments and the summaries built on them, as SciPy and NumPy define them: `moment`,
 * `variance`/`std` (NumPy's ddof), `sem`, `skew`, `kurtosis`, `zscore`, `describe`.
 *
 * The bias-corrected skewness and kurtosis are the adjusted Fisher–Pearson coefficients
 * G₁ = g₁·√(n(n − 1))/(n − 2) and G₂ = ((n + 1)g₂ + 6)(n − 1)/((n − 2)(n − 3)) (Joanes &
 * Gill, The Statistician 47 (1998) 183–189), which is what `bias: false` gives in SciPy.
 */
import { centralSum, mean, sample } from './data.js';

export { mean } from './data.js';

/**
 * The k-th central moment Σ(x − x̄)^k / n, as SciPy's `moment(x, moment=k)` (1 gives 0).
 *
 * ```ts
 * moment([1, 2, 3, 4], 2); // 1.25
 * ```
 */
export function moment(x: ArrayLike<number>, order = 1): number {
  const a = sample('moment', x);
  if (order === 0) return 1;
  if (order === 1) return 0;
  return centralSum(a, mean(a), order) / a.length;
}

/** Options with NumPy's delta degrees of freedom: divisor n − ddof. */
export interface DdofOptions {
  ddof?: number;
}

/**
 * The variance with divisor n − ddof (NumPy's `var`; ddof = 0 by default as NumPy).
 *
 * ```ts
 * variance([1, 2, 3, 4]);              // 1.25
 * variance([1, 2, 3, 4], { ddof: 1 }); // 1.6666666666666667
 * ```
 */
export function variance(x: ArrayLike<number>, options: DdofOptions = {}): number {
  const { ddof = 0 } = options;
  const a = sample('variance', x);
  return centralSum(a, mean(a), 2) / (a.length - ddof);
}

/**
 * The standard deviation with divisor n − ddof (NumPy's `std`, ddof = 0 by default).
 *
 * ```ts
 * std([2, 4, 4, 4, 5, 5, 7, 9]); // 2
 * ```
 */
export function std(x: ArrayLike<number>, options: DdofOptions = {}): number {
  return Math.sqrt(variance(x, options));
}

/**
 * The standard error of the mean, std(x, ddof)/√n with ddof = 1 by default (SciPy's `sem`).
 *
 * ```ts
 * sem([1, 2, 3, 4]); // 0.6454972243679028
 * ```
 */
export function sem(x: ArrayLike<number>, options: DdofOptions = {}): number {
  const { ddof = 1 } = options;
  const a = sample('sem', x);
  return Math.sqrt(centralSum(a, mean(a), 2) / (a.length - ddof) / a.length);
}

/** SciPy's test for data constant up to rounding: m₂ ≤ (1e-15·mean)², where it returns NaN. */
const constant = (m2: number, m: number) => m2 <= (1e-15 * m) ** 2;

/** `bias: false` applies the small-sample correction (SciPy's default is `bias: true`). */
export interface SkewOptions {
  bias?: boolean;
}

/**
 * The sample skewness g₁ = m₃/m₂^{3/2} (SciPy's `skew`), or G₁ with `bias: false`.
 *
 * ```ts
 * skew([1, 2, 3, 10]); // 1.0978...
 * ```
 */
export function skew(x: ArrayLike<number>, options: SkewOptions = {}): number {
  const { bias = true } = options;
  const a = sample('skew', x);
  const n = a.length;
  const m = mean(a);
  const m2 = centralSum(a, m, 2) / n;
  const m3 = centralSum(a, m, 3) / n;
  if (constant(m2, m)) return NaN;
  const g1 = m3 / m2 ** 1.5;
  if (bias || n <= 2) return g1;
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** `fisher: true` (default) subtracts 3 so that a normal sample has kurtosis 0. */
export interface KurtosisOptions extends SkewOptions {
  fisher?: boolean;
}

/**
 * The sample kurtosis m₄/m₂² (− 3 by default, Fisher's definition), SciPy's `kurtosis`.
 *
 * ```ts
 * kurtosis([1, 2, 3, 4, 100]); // 0.2463...
 * ```
 */
export function kurtosis(x: ArrayLike<number>, options: KurtosisOptions = {}): number {
  const { fisher = true, bias = true } = options;
  const a = sample('kurtosis', x);
  const n = a.length;
  const m = mean(a);
  const m2 = centralSum(a, m, 2) / n;
  const m4 = centralSum(a, m, 4) / n;
  if (constant(m2, m)) return NaN;
  let k = m4 / (m2 * m2);
  if (!bias && n > 3) k = ((n + 1) * (k - 3) + 6) * ((n - 1) / ((n - 2) * (n - 3))) + 3;
  return fisher ? k - 3 : k;
}

/**
 * Standard scores (x − x̄)/std(x, ddof), SciPy's `zscore` (ddof = 0 by default).
 *
 * ```ts
 * zscore([1, 2, 3]); // [−1.2247…, 0, 1.2247…]
 * ```
 */
export function zscore(x: ArrayLike<number>, options: DdofOptions = {}): number[] {
  const { ddof = 0 } = options;
  const a = sample('zscore', x);
  const m = mean(a);
  const s = Math.sqrt(centralSum(a, m, 2) / (a.length - ddof));
  return Array.from(a, (v) => (v - m) / s);
}

/** SciPy's `DescribeResult`, camelCased. */
export interface DescribeResult {
  nobs: number;
  minmax: [number, number];
  mean: number;
  variance: number;
  skewness: number;
  kurtosis: number;
}

/**
 * Summary statistics with SciPy's defaults: variance with ddof = 1, biased skewness and
 * Fisher kurtosis (`describe(x, { ddof, bias })`).
 *
 * ```ts
 * describe([1, 2, 3, 4, 5]);
 * // { nobs: 5, minmax: [1, 5], mean: 3, variance: 2.5, skewness: 0, kurtosis: −1.3 }
 * ```
 */
export function describe(x: ArrayLike<number>, options: DdofOptions & SkewOptions = {}): DescribeResult {
  const { ddof = 1, bias = true } = options;
  const a = sample('describe', x);
  let min = Infinity;
  let max = -Infinity;
  for (const v of a) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return {
    nobs: a.length,
    minmax: [min, max],
    mean: mean(a),
    variance: variance(a, { ddof }),
    skewness: skew(a, { bias }),
    kurtosis: kurtosis(a, { bias }),
  };
}
