/**
 * Turning a statistic into a p-value for each alternative, as SciPy's `_ttest_finish` and
 * `_normtest_finish` do: 'less' is the lower tail, 'greater' the upper tail, and
 * 'two-sided' twice the tail beyond |statistic| (for distributions symmetric about 0).
 */
import { ndtr } from '../special/index.js';
import { t as studentT } from '../distributions/student-t.js';
import type { Alternative } from '../descriptive/data.js';

/** p-value of a t statistic with df degrees of freedom. */
export function tPvalue(t: number, df: number, alternative: Alternative): number {
  if (Number.isNaN(t)) return NaN;
  if (alternative === 'less') return studentT.cdf(t, df);
  if (alternative === 'greater') return studentT.sf(t, df);
  return Math.min(1, 2 * studentT.sf(Math.abs(t), df));
}

/** p-value of a standard normal statistic z. */
export function zPvalue(z: number, alternative: Alternative): number {
  if (Number.isNaN(z)) return NaN;
  if (alternative === 'less') return ndtr(z);
  if (alternative === 'greater') return ndtr(-z);
  return Math.min(1, 2 * ndtr(-Math.abs(z)));
}
