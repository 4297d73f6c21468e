/**
 * Metrics sliced by group, for finding where a model does worse (fairlearn's `MetricFrame`
 * idea): the same metric on the whole data and on the rows of each value of a sensitive
 * feature, with the largest gap and ratio between groups.
 */
import { checkLabels, type Label, type LabelsLike } from '../learn/base/validation.js';

export interface GroupMetricsResult {
  overall: number;
  /** The metric on each group's rows, groups in sorted order. */
  byGroup: Record<string, number>;
  /** Rows per group. */
  counts: Record<string, number>;
  /** max − min over the groups. */
  difference: number;
  /** min / max over the groups (1 is parity). */
  ratio: number;
}

/**
 * ```ts
 * groupMetrics(recallScore, yTrue, yPred, sex);
 * // { overall: 0.81, byGroup: { F: 0.72, M: 0.86 }, difference: 0.14, ratio: 0.84, ... }
 * ```
 */
export function groupMetrics<T extends LabelsLike>(
  metric: (yTrue: T, yPred: T) => number, yTrue: T, yPred: T, groups: LabelsLike,
): GroupMetricsResult {
  const t = checkLabels(yTrue, 'yTrue');
  const p = checkLabels(yPred, 'yPred');
  const g = checkLabels(groups, 'groups');
  if (t.length !== p.length || t.length !== g.length) {
    throw new Error(`groupMetrics: yTrue, yPred and groups need one value per sample; got ${t.length}, ${p.length} and ${g.length}.`);
  }
  const keys = [...new Set(g)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const byGroup: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const k of keys) {
    const idx = g.flatMap((v, i) => (v === k ? [i] : []));
    byGroup[String(k)] = metric(idx.map((i) => t[i]) as Label[] as unknown as T, idx.map((i) => p[i]) as Label[] as unknown as T);
    counts[String(k)] = idx.length;
  }
  const vals = Object.values(byGroup);
  const max = Math.max(...vals);
  const min = Math.min(...vals);
  return { overall: metric(t as unknown as T, p as unknown as T), byGroup, counts, difference: max - min, ratio: max === 0 ? NaN : min / max };
}
