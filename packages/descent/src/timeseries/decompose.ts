/**
 * Classical seasonal decomposition by moving averages, as statsmodels'
 * `seasonal_decompose`: the trend is a centred moving average over one period (a 2×p MA,
 * with half weights at the ends, when the period is even), the seasonal component is the
 * per-season mean of the detrended series normalized to sum to 0 (additive) or average 1
 * (multiplicative), and the residual is what is left. Ends where the moving average is
 * undefined are NaN, as in statsmodels.
 */
import { series } from './series.js';

export interface DecomposeResult {
  observed: number[];
  trend: number[];
  seasonal: number[];
  resid: number[];
}

/**
 * The seasonal pattern of a detrended series: the mean at each position of the cycle over
 * the points where the detrended value exists (the moving average's NaN ends are skipped),
 * normalized to sum to 0 (additive) or to average 1 (multiplicative). Shared with the
 * "heuristic" start of exponential smoothing, which statsmodels builds the same way.
 */
export function seasonalMeans(detrended: ArrayLike<number>, period: number, multiplicative: boolean): number[] {
  const averages = Array.from({ length: period }, (_, s) => {
    let sum = 0;
    let count = 0;
    for (let i = s; i < detrended.length; i += period) {
      if (!Number.isNaN(detrended[i])) {
        sum += detrended[i];
        count++;
      }
    }
    return sum / count;
  });
  const centre = averages.reduce((p, v) => p + v, 0) / period;
  return averages.map((v) => (multiplicative ? v / centre : v - centre));
}

/**
 * ```ts
 * const { trend, seasonal, resid } = seasonalDecompose(monthly, { period: 12 });
 * ```
 */
export function seasonalDecompose(
  x: ArrayLike<number>,
  options: { period: number; model?: 'additive' | 'multiplicative'; twoSided?: boolean },
): DecomposeResult {
  const { period, model = 'additive', twoSided = true } = options ?? ({} as never);
  if (!Number.isInteger(period) || period < 2) throw new RangeError(`seasonalDecompose: period must be an integer >= 2, got ${period}`);
  if (model !== 'additive' && model !== 'multiplicative') throw new RangeError(`seasonalDecompose: model must be 'additive' or 'multiplicative', got '${model}'`);
  const a = series('seasonalDecompose', x, 2 * period);
  const n = a.length;
  if (model === 'multiplicative' && a.some((v) => v <= 0)) throw new RangeError('seasonalDecompose: a multiplicative model needs strictly positive data');
  const filt = period % 2 === 0 ? [0.5, ...new Array<number>(period - 1).fill(1), 0.5].map((w) => w / period) : new Array<number>(period).fill(1 / period);
  const L = filt.length;
  const trend = new Array<number>(n).fill(NaN);
  // the filter's first output sits at index `head`: centred (two-sided) or trailing (one-sided)
  const head = twoSided ? Math.ceil(L / 2) - 1 : L - 1;
  for (let i = 0; i + L <= n; i++) {
    let s = 0;
    for (let j = 0; j < L; j++) s += filt[j] * a[i + L - 1 - j];
    trend[i + head] = s;
  }
  const multiplicative = model === 'multiplicative';
  const detrended = Array.from(a, (v, i) => (multiplicative ? v / trend[i] : v - trend[i]));
  const normalized = seasonalMeans(detrended, period, multiplicative);
  const seasonal = Array.from({ length: n }, (_, i) => normalized[i % period]);
  const resid = Array.from(a, (v, i) => (multiplicative ? v / seasonal[i] / trend[i] : detrended[i] - seasonal[i]));
  return { observed: Array.from(a), trend, seasonal, resid };
}
