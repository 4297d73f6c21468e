/**
 * Data drift: is production data still distributed like the training data? Three standard
 * checks, each comparing a reference sample (training or a healthy week) with a current one:
 *
 * - KS (numeric features): the two-sample Kolmogorov–Smirnov test, D = sup |F_ref − F_cur|.
 * - PSI (numeric features or scores): `populationStabilityIndex` from `descent/stats`, over
 *   the reference's decile bins, PSI = Σ (a_i − e_i) ln(a_i / e_i), read with the
 *   credit-scoring rule of thumb (Siddiqi, "Credit Risk Scorecards", 2006): < 0.1 stable,
 *   0.1–0.25 a moderate shift worth a look, ≥ 0.25 a major shift.
 * - Chi-square (categorical features): Pearson's test of independence on the 2 × k table of
 *   category counts (reference row, current row).
 *
 * With a large sample every test finds *some* difference; PSI measures how much, so reports
 * show both a p-value and an effect size.
 */
import { populationStabilityIndex, type PsiResult } from '../stats/drift/psi.js';
import { chi2Contingency } from '../stats/tests/contingency.js';
import { ks2samp } from '../stats/tests/ks.js';

function numbers(fn: string, name: string, x: ArrayLike<number>): Float64Array {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') throw new TypeError(`${fn}: ${name} must be an array of numbers.`);
  const out = Float64Array.from(x);
  if (out.length === 0) throw new RangeError(`${fn}: ${name} is empty; drift needs at least one value on each side.`);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]!)) throw new RangeError(`${fn}: ${name}[${i}] is ${out[i]}; remove or impute missing values before testing for drift.`);
  }
  return out;
}

export interface DriftTest {
  test: 'ks' | 'chi2';
  statistic: number;
  pvalue: number;
  /** True when pvalue < alpha. */
  drift: boolean;
}

/**
 * KS drift test of a numeric feature (SciPy's `ks_2samp`, exact p-value for small samples).
 *
 * ```ts
 * ksDrift(train.age, today.age).drift;   // true if p < 0.05
 * ```
 */
export function ksDrift(reference: ArrayLike<number>, current: ArrayLike<number>, options: { alpha?: number } = {}): DriftTest {
  const alpha = checkAlpha('ksDrift', options.alpha);
  const r = ks2samp(numbers('ksDrift', 'reference', reference), numbers('ksDrift', 'current', current));
  return { test: 'ks', statistic: r.statistic, pvalue: r.pvalue, drift: r.pvalue < alpha };
}

/**
 * Chi-square drift test of a categorical feature: the 2 × k table of counts per category
 * (categories seen on either side), tested with `chi2Contingency` (Yates's correction
 * applies only when k = 2, as in SciPy's `chi2_contingency`).
 *
 * ```ts
 * chiSquareDrift(['a', 'b', 'a'], ['b', 'b', 'c']).pvalue;
 * ```
 */
export function chiSquareDrift(reference: ArrayLike<string | number>, current: ArrayLike<string | number>, options: { alpha?: number } = {}): DriftTest & { categories: (string | number)[]; table: number[][] } {
  const alpha = checkAlpha('chiSquareDrift', options.alpha);
  if (reference?.length === 0 || current?.length === 0) throw new RangeError('chiSquareDrift: both samples need at least one value.');
  const ref = Array.from(reference);
  const cur = Array.from(current);
  const categories = [...new Set([...ref, ...cur])].sort((x, y) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0));
  if (categories.length < 2) throw new RangeError('chiSquareDrift: both samples hold one and the same category; there is nothing to test.');
  const index = new Map(categories.map((c, i) => [c, i]));
  const table = [new Array<number>(categories.length).fill(0), new Array<number>(categories.length).fill(0)];
  for (const v of ref) table[0]![index.get(v)!]! += 1;
  for (const v of cur) table[1]![index.get(v)!]! += 1;
  const r = chi2Contingency(table);
  return { test: 'chi2', statistic: r.statistic, pvalue: r.pvalue, drift: r.pvalue < alpha, categories, table };
}

function checkAlpha(fn: string, alpha = 0.05): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${fn}: alpha must be in (0, 1), got ${alpha}.`);
  return alpha;
}

export interface FeatureDrift {
  feature: string;
  test: DriftTest;
  /** PSI for numeric features; null for categorical ones. */
  psi: number | null;
  psiLevel: PsiResult['level'] | null;
  drift: boolean;
}

/**
 * Drift of every column of a current batch against a reference batch (rows × features):
 * KS and PSI for numeric columns, chi-square for the `categorical` ones. A column counts as
 * drifted when its test rejects at `alpha` (Bonferroni-corrected over the columns) and,
 * for numeric columns, its PSI is at least moderate — a tiny but significant shift in a huge
 * sample is not an alarm.
 *
 * ```ts
 * driftReport(XTrain, XToday, { featureNames: ['age', 'income'] }).filter((f) => f.drift);
 * ```
 */
export function driftReport(
  reference: ArrayLike<ArrayLike<number | string>>,
  current: ArrayLike<ArrayLike<number | string>>,
  options: { featureNames?: string[]; categorical?: number[]; alpha?: number } = {},
): FeatureDrift[] {
  const nFeatures = reference[0]?.length ?? 0;
  if (nFeatures === 0 || (current[0]?.length ?? 0) !== nFeatures) {
    throw new RangeError(`driftReport: reference and current must be non-empty rows × features with the same number of features (got ${nFeatures} and ${current[0]?.length ?? 0}).`);
  }
  const alpha = checkAlpha('driftReport', options.alpha) / nFeatures;
  const names = options.featureNames ?? Array.from({ length: nFeatures }, (_, j) => `x${j}`);
  const categorical = new Set(options.categorical ?? []);
  const column = (rows: ArrayLike<ArrayLike<number | string>>, j: number) => Array.from(rows, (r) => r[j]!);
  return names.map((feature, j) => {
    const ref = column(reference, j);
    const cur = column(current, j);
    if (categorical.has(j)) {
      const t = chiSquareDrift(ref, cur, { alpha });
      return { feature, test: { test: t.test, statistic: t.statistic, pvalue: t.pvalue, drift: t.drift }, psi: null, psiLevel: null, drift: t.drift };
    }
    const t = ksDrift(ref as number[], cur as number[], { alpha });
    const p = populationStabilityIndex(ref as number[], cur as number[]);
    return { feature, test: t, psi: p.psi, psiLevel: p.level, drift: t.drift && p.level !== 'stable' };
  });
}
