/**
 * MacKinnon's response-surface approximations for the Dickey–Fuller distribution with one
 * variable (N = 1): p-values from MacKinnon (J. Bus. Econ. Stat. 12 (1994) 167–176,
 * Table 3 polynomial fits, p = Φ(Σ γᵢ τⁱ) on either side of τ*), and critical values from
 * MacKinnon (2010), "Critical values for cointegration tests", Queen's Economics
 * Department Working Paper 1227, Table 2: c₀ + c₁/T + c₂/T² + c₃/T³. These are the
 * published coefficients as statsmodels tabulates them (statsmodels/tsa/adfvalues.py).
 */
import { ndtr } from '../stats/special/index.js';

export type Trend = 'n' | 'c' | 'ct' | 'ctt';

const TABLES: Record<Trend, { max: number; min: number; star: number; small: number[]; large: number[]; crit: number[][] }> = {
  n: {
    max: Infinity, min: -19.04, star: -1.04,
    small: [0.6344, 1.2378, 0.032496000000000004],
    large: [0.4797, 0.9355700000000001, -0.06999, 0.033066],
    crit: [[-2.56574, -2.2358, -3.627, 0.0], [-1.941, -0.2686, -3.365, 31.223], [-1.61682, 0.2656, -2.714, 25.364]],
  },
  c: {
    max: 2.74, min: -18.83, star: -1.61,
    small: [2.1659, 1.4412, 0.038269000000000004],
    large: [1.7339, 0.9320200000000001, -0.12745, -0.010368],
    crit: [[-3.43035, -6.5393, -16.786, -79.433], [-2.86154, -2.8903, -4.234, -40.04], [-2.56677, -1.5384, -2.809, 0.0]],
  },
  ct: {
    max: 0.7, min: -16.18, star: -2.89,
    small: [3.2512, 1.6047, 0.049588],
    large: [2.5261, 0.6165400000000001, -0.37956, -0.060285000000000005],
    crit: [[-3.95877, -9.0531, -28.428, -134.155], [-3.41049, -4.3904, -9.036, -45.374], [-3.12705, -2.5856, -3.925, -22.38]],
  },
  ctt: {
    max: 0.54, min: -17.17, star: -3.21,
    small: [4.0003, 1.658, 0.048288000000000005],
    large: [3.0778, 0.49529, -0.4147700000000001, -0.059359],
    crit: [[-4.37113, -11.5882, -35.819, -334.047], [-3.83239, -5.9057, -12.49, -118.284], [-3.55326, -3.6596, -5.293, -63.559]],
  },
};

const polyval = (c: number[], x: number) => c.reduceRight((acc, ci) => acc * x + ci, 0);

/**
 * The approximate p-value of a Dickey–Fuller τ statistic (statsmodels' `mackinnonp`, N = 1).
 *
 * ```ts
 * mackinnonp(-2.86, 'c'); // ≈ 0.05
 * ```
 */
export function mackinnonp(teststat: number, regression: Trend = 'c'): number {
  const t = TABLES[regression];
  if (teststat > t.max) return 1;
  if (teststat < t.min) return 0;
  return ndtr(polyval(teststat <= t.star ? t.small : t.large, teststat));
}

/**
 * The 1%, 5% and 10% critical values for a sample of `nobs` (statsmodels' `mackinnoncrit`).
 *
 * ```ts
 * mackinnoncrit('c', 100); // [−3.4981…, −2.8912…, −2.5825…]
 * ```
 */
export function mackinnoncrit(regression: Trend = 'c', nobs = Infinity): [number, number, number] {
  const c = TABLES[regression].crit.map((row) => polyval(row, 1 / nobs));
  return [c[0], c[1], c[2]];
}
