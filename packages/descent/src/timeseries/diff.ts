/**
 * Differencing, as statsmodels' `tsa.statespace.tools.diff`: `kSeasonalDiff` seasonal
 * differences y_t − y_{t−m} first, then `kDiff` ordinary differences y_t − y_{t−1}. Each
 * difference shortens the series (by m or by 1).
 */
import { series } from './series.js';

export interface DiffOptions {
  kDiff?: number;
  kSeasonalDiff?: number;
  seasonalPeriods?: number;
}

/**
 * ```ts
 * diff([1, 4, 9, 16, 25]);                 // [3, 5, 7, 9]
 * diff(monthly, { kDiff: 1, kSeasonalDiff: 1, seasonalPeriods: 12 });
 * ```
 */
export function diff(x: ArrayLike<number>, options: DiffOptions = {}): number[] {
  const { kDiff = 1, kSeasonalDiff = 0, seasonalPeriods = 1 } = options;
  for (const [name, v] of [['kDiff', kDiff], ['kSeasonalDiff', kSeasonalDiff]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`diff: ${name} must be a non-negative integer, got ${v}`);
  }
  if (kSeasonalDiff > 0 && (!Number.isInteger(seasonalPeriods) || seasonalPeriods < 1)) {
    throw new RangeError(`diff: seasonalPeriods must be a positive integer with seasonal differencing, got ${seasonalPeriods}`);
  }
  let y = Array.from(series('diff', x, 1));
  const lagDiff = (v: number[], lag: number) => {
    if (v.length <= lag) throw new RangeError(`diff: the series is too short for a lag-${lag} difference (${v.length} values left)`);
    return v.slice(lag).map((w, i) => w - v[i]);
  };
  for (let k = 0; k < kSeasonalDiff; k++) y = lagDiff(y, seasonalPeriods);
  for (let k = 0; k < kDiff; k++) y = lagDiff(y, 1);
  return y;
}
