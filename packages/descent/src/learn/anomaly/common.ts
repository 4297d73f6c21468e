/** What the outlier detectors share: the contamination parameter and the offset it sets. */
import { C } from '../base/constraints.js';

export type Contamination = 'auto' | number;

export const CONTAMINATION_CONSTRAINT = [C.options('auto'), C.number({ min: 0, max: 0.5, minExclusive: true })];

/** NumPy's default (linear) percentile, q in [0, 100]. */
export function percentile(values: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(values).sort();
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** +1 (inlier) where the decision value is >= 0, −1 (outlier) below: scikit-learn's convention. */
export function labelsFrom(decision: ArrayLike<number>): number[] {
  return Array.from(decision, (d) => (d < 0 ? -1 : 1));
}
