/**
 * Comparing several groups: one-way ANOVA (`fOneway`) and the equal-variance tests of
 * Levene (with Brown & Forsythe's median and trimmed-mean centres) and Bartlett, as SciPy.
 */
import { chi2 } from '../distributions/chi2.js';
import { f as fDist } from '../distributions/f.js';
import { groups, mean, sorted, type TestResult } from '../descriptive/data.js';
import { median } from '../descriptive/quantile.js';

/**
 * One-way ANOVA: F = (between-group mean square)/(within-group mean square), p from
 * F(k − 1, N − k).
 *
 * ```ts
 * fOneway([1, 2, 3], [2, 3, 4], [5, 6, 7]); // { statistic: 13, pvalue: 0.0066… }
 * ```
 */
export function fOneway(...samples: ArrayLike<number>[]): TestResult {
  const g = groups('fOneway', samples, 1);
  const k = g.length;
  const all = g.flatMap((x) => Array.from(x));
  const N = all.length;
  const grand = mean(all);
  let ssb = 0;
  let ssw = 0;
  for (const x of g) {
    const m = mean(x);
    ssb += x.length * (m - grand) ** 2;
    for (const v of x) ssw += (v - m) ** 2;
  }
  const dfb = k - 1;
  const dfw = N - k;
  const statistic = ssb / dfb / (ssw / dfw);
  return { statistic, pvalue: fDist.sf(statistic, dfb, dfw) };
}

export interface LeveneOptions {
  /** The centre each group's deviations are taken from; 'median' (default) is Brown–Forsythe. */
  center?: 'median' | 'mean' | 'trimmed';
  /** For center 'trimmed': the fraction cut from each end (SciPy's default 0.05). */
  proportiontocut?: number;
}

/** SciPy's `trimboth` on the sorted sample: ⌊p·n⌋ values cut from each end. */
function trimmed(x: Float64Array, p: number): Float64Array {
  const s = sorted(x);
  const cut = Math.floor(p * s.length);
  return s.slice(cut, s.length - cut);
}

/**
 * Levene's test for equal variances (`levene(g1, g2, …, { center })`), as SciPy.
 *
 * ```ts
 * levene([1, 2, 3, 4], [1, 3, 5, 9]);
 * levene([1, 2, 3, 4], [1, 3, 5, 9], { center: 'mean' });
 * ```
 */
export function levene(...args: (ArrayLike<number> | LeveneOptions)[]): TestResult {
  const last = args[args.length - 1];
  const options: LeveneOptions = last !== undefined && !('length' in last) ? (args.pop() as LeveneOptions) : {};
  const { center = 'median', proportiontocut = 0.05 } = options;
  if (!['median', 'mean', 'trimmed'].includes(center)) throw new RangeError(`levene: center must be 'median', 'mean' or 'trimmed', got '${center}'`);
  let g = groups('levene', args as ArrayLike<number>[], 1);
  // SciPy trims the groups themselves for center 'trimmed' (Brown & Forsythe's 10% trimmed variant)
  if (center === 'trimmed') g = g.map((x) => trimmed(x, proportiontocut));
  const k = g.length;
  const z = g.map((x) => {
    const c = center === 'median' ? median(x) : mean(x);
    return x.map((v) => Math.abs(v - c));
  });
  const N = z.reduce((s, x) => s + x.length, 0);
  const zbar = z.map((x) => mean(x));
  const grand = z.reduce((s, x, i) => s + x.length * zbar[i], 0) / N;
  let num = 0;
  let den = 0;
  z.forEach((x, i) => {
    num += x.length * (zbar[i] - grand) ** 2;
    for (const v of x) den += (v - zbar[i]) ** 2;
  });
  const statistic = ((N - k) * num) / ((k - 1) * den);
  return { statistic, pvalue: fDist.sf(statistic, k - 1, N - k) };
}

/**
 * Bartlett's test for equal variances (sensitive to non-normality; Levene's is robust).
 *
 * ```ts
 * bartlett([1, 2, 3, 4], [1, 3, 5, 9]);
 * ```
 */
export function bartlett(...samples: ArrayLike<number>[]): TestResult {
  const g = groups('bartlett', samples, 2);
  const k = g.length;
  const n = g.map((x) => x.length);
  const N = n.reduce((a, b) => a + b, 0);
  const v = g.map((x) => {
    const m = mean(x);
    let ss = 0;
    for (const val of x) ss += (val - m) ** 2;
    return ss / (x.length - 1);
  });
  const pooled = v.reduce((s, vi, i) => s + (n[i] - 1) * vi, 0) / (N - k);
  const num = (N - k) * Math.log(pooled) - v.reduce((s, vi, i) => s + (n[i] - 1) * Math.log(vi), 0);
  const den = 1 + (n.reduce((s, ni) => s + 1 / (ni - 1), 0) - 1 / (N - k)) / (3 * (k - 1));
  const statistic = num / den;
  return { statistic, pvalue: chi2.sf(statistic, k - 1) };
}
