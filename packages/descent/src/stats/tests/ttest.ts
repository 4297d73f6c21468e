/**
 * Student's t-tests, as SciPy's `ttest_1samp`, `ttest_ind` (Student's pooled-variance test,
 * or Welch's with `equalVar: false` and the Welch–Satterthwaite degrees of freedom) and
 * `ttest_rel` (the one-sample test on paired differences). Each returns
 * `{ statistic, pvalue, df }` and, like SciPy's result object, a `confidenceInterval`.
 */
import { t as studentT } from '../distributions/student-t.js';
import { checkAlternative, mean, sample, type Alternative, type TestResult } from '../descriptive/data.js';
import { tPvalue } from './p-values.js';

export interface TtestOptions {
  alternative?: Alternative;
}

export interface TtestResult extends TestResult {
  df: number;
  /**
   * The confidence interval (default 95%) for the quantity tested: the mean (one-sample),
   * the difference in means (independent), or the mean difference (paired). One-sided
   * alternatives give a half-infinite interval, as SciPy.
   */
  confidenceInterval(confidenceLevel?: number): { low: number; high: number };
}

/** The result for t = estimate/se with df degrees of freedom, and its interval around `estimate`. */
function finish(estimate: number, se: number, df: number, alternative: Alternative, shift = 0): TtestResult {
  const statistic = (estimate - shift) / se;
  return {
    statistic,
    pvalue: tPvalue(statistic, df, alternative),
    df,
    confidenceInterval(confidenceLevel = 0.95) {
      if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new RangeError(`confidenceInterval: confidenceLevel must be in (0, 1), got ${confidenceLevel}`);
      if (alternative === 'less') return { low: -Infinity, high: estimate + studentT.ppf(confidenceLevel, df) * se };
      if (alternative === 'greater') return { low: estimate - studentT.ppf(confidenceLevel, df) * se, high: Infinity };
      const q = studentT.ppf((1 + confidenceLevel) / 2, df);
      return { low: estimate - q * se, high: estimate + q * se };
    },
  };
}

function meanVar(a: Float64Array): [number, number] {
  const m = mean(a);
  let ss = 0;
  for (const v of a) ss += (v - m) ** 2;
  return [m, ss / (a.length - 1)];
}

/**
 * The one-sample t-test of H₀: mean = popmean.
 *
 * ```ts
 * ttest1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5); // { statistic: 2.07…, pvalue: 0.107…, df: 4 }
 * ```
 */
export function ttest1samp(a: ArrayLike<number>, popmean: number, options: TtestOptions = {}): TtestResult {
  const alternative = checkAlternative('ttest1samp', options.alternative ?? 'two-sided');
  const x = sample('ttest1samp', a, 2, 'a');
  const [m, v] = meanVar(x);
  return finish(m, Math.sqrt(v / x.length), x.length - 1, alternative, popmean);
}

export interface TtestIndOptions extends TtestOptions {
  /** true (default): Student's pooled test; false: Welch's test. */
  equalVar?: boolean;
}

/**
 * The independent two-sample t-test of H₀: equal means.
 *
 * ```ts
 * ttestInd([1, 2, 3, 4], [3, 4, 5, 6, 7]);                    // Student
 * ttestInd([1, 2, 3, 4], [3, 4, 5, 6, 7], { equalVar: false }); // Welch
 * ```
 */
export function ttestInd(a: ArrayLike<number>, b: ArrayLike<number>, options: TtestIndOptions = {}): TtestResult {
  const alternative = checkAlternative('ttestInd', options.alternative ?? 'two-sided');
  const { equalVar = true } = options;
  const x = sample('ttestInd', a, 2, 'a');
  const y = sample('ttestInd', b, 2, 'b');
  const n1 = x.length;
  const n2 = y.length;
  const [m1, v1] = meanVar(x);
  const [m2, v2] = meanVar(y);
  if (equalVar) {
    const df = n1 + n2 - 2;
    const pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
    return finish(m1 - m2, Math.sqrt(pooled * (1 / n1 + 1 / n2)), df, alternative);
  }
  // Welch (1947); degrees of freedom by Satterthwaite (1946)
  const vn1 = v1 / n1;
  const vn2 = v2 / n2;
  const df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (n1 - 1) + vn2 ** 2 / (n2 - 1));
  return finish(m1 - m2, Math.sqrt(vn1 + vn2), df, alternative);
}

/**
 * The paired t-test of H₀: mean(a − b) = 0.
 *
 * ```ts
 * ttestRel([10, 12, 9, 11], [9, 11, 9, 10]); // { statistic: 3, pvalue: 0.0577…, df: 3 }
 * ```
 */
export function ttestRel(a: ArrayLike<number>, b: ArrayLike<number>, options: TtestOptions = {}): TtestResult {
  const alternative = checkAlternative('ttestRel', options.alternative ?? 'two-sided');
  const x = sample('ttestRel', a, 2, 'a');
  const y = sample('ttestRel', b, 2, 'b');
  if (x.length !== y.length) throw new RangeError(`ttestRel: a and b must be paired (the same length), got ${x.length} and ${y.length}`);
  const d = x.map((v, i) => v - y[i]);
  const [m, v] = meanVar(d);
  return finish(m, Math.sqrt(v / d.length), d.length - 1, alternative);
}
