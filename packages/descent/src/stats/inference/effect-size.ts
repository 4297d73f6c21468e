/**
 * Effect sizes: Cohen's d and Hedges' g for two means, Cramér's V for a contingency table
 * (SciPy's `contingency.association(table, method='cramer')`), and Cohen's h for two
 * proportions (statsmodels' `proportion_effectsize`).
 */
import { mean, sample } from '../descriptive/data.js';
import { gammaln } from '../special/index.js';
import { chi2Contingency } from '../tests/contingency.js';

function pooledSd(x: Float64Array, y: Float64Array): number {
  const mx = mean(x);
  const my = mean(y);
  let ss = 0;
  for (const v of x) ss += (v - mx) ** 2;
  for (const v of y) ss += (v - my) ** 2;
  return Math.sqrt(ss / (x.length + y.length - 2));
}

/**
 * Cohen's d = (x̄ − ȳ)/s_pooled, with the pooled standard deviation on n₁ + n₂ − 2 degrees
 * of freedom (Cohen, Statistical Power Analysis, 1988, §2.5).
 *
 * ```ts
 * cohensD([5, 6, 7, 8], [3, 4, 5, 6]); // 1.5491933384829668
 * ```
 */
export function cohensD(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const a = sample('cohensD', x, 2, 'x');
  const b = sample('cohensD', y, 2, 'y');
  return (mean(a) - mean(b)) / pooledSd(a, b);
}

/**
 * Hedges' g: Cohen's d times the exact small-sample bias correction
 * J(ν) = Γ(ν/2)/(√(ν/2)·Γ((ν − 1)/2)), ν = n₁ + n₂ − 2 (Hedges, J. Educ. Stat. 6 (1981) 107).
 *
 * ```ts
 * hedgesG([5, 6, 7, 8], [3, 4, 5, 6]); // 1.3367…
 * ```
 */
export function hedgesG(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const d = cohensD(x, y);
  const nu = x.length + y.length - 2;
  const j = Math.exp(gammaln(nu / 2) - gammaln((nu - 1) / 2)) / Math.sqrt(nu / 2);
  return d * j;
}

/**
 * Cramér's V = √(χ²/(n·(min(r, c) − 1))) of an r × c table, the chi-square statistic
 * without continuity correction (as SciPy's `association`).
 *
 * ```ts
 * cramersV([[10, 20], [20, 20]]); // 0.1690…
 * ```
 */
export function cramersV(table: ArrayLike<ArrayLike<number>>): number {
  const { statistic } = chi2Contingency(table, { correction: false });
  const rows = Array.from(table, (r) => Array.from(r));
  const n = rows.flat().reduce((a, b) => a + b, 0);
  const k = Math.min(rows.length, rows[0].length);
  return Math.sqrt(statistic / (n * (k - 1)));
}

/**
 * Cohen's h = 2·asin(√p₁) − 2·asin(√p₂), the effect size for two proportions used by
 * power calculations (statsmodels' `proportion_effectsize`).
 *
 * ```ts
 * proportionEffectsize(0.12, 0.1); // 0.0640…
 * ```
 */
export function proportionEffectsize(prop1: number, prop2: number): number {
  for (const [name, p] of [['prop1', prop1], ['prop2', prop2]] as const) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`proportionEffectsize: ${name} must be in [0, 1], got ${p}`);
  }
  return 2 * Math.asin(Math.sqrt(prop1)) - 2 * Math.asin(Math.sqrt(prop2));
}
