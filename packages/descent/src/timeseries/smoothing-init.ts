/**
 * Starting values for exponential smoothing, as statsmodels 0.13's `initialization.py`:
 * the "simple" method of Hyndman & Athanasopoulos (Forecasting: Principles and Practice,
 * §7.6: first observation, first difference, first season) and the "heuristic" of
 * Hyndman, Koehler, Ord & Snyder (Forecasting with Exponential Smoothing, 2008, §2.6.1):
 * a 2×m moving average over up to five seasons gives the trend; the mean detrended value
 * per season, normalized, gives the seasonals; a line through the first ten trend values
 * gives the level (its intercept one step before the data) and the slope.
 */
import { seasonalMeans } from './decompose.js';

export type Component = 'add' | 'mul' | null;

export interface InitialValues {
  initialLevel: number;
  initialTrend: number | null;
  initialSeasonal: number[] | null;
}

export function initializationSimple(y: Float64Array, trend: Component, seasonal: Component, m: number): InitialValues {
  if (!seasonal) {
    return {
      initialLevel: y[0],
      initialTrend: trend === 'add' ? y[1] - y[0] : trend === 'mul' ? y[1] / y[0] : null,
      initialSeasonal: null,
    };
  }
  if (y.length < 2 * m) throw new RangeError('ExponentialSmoothing: need at least two full seasonal cycles to initialize the seasonals');
  let level = 0;
  for (let i = 0; i < m; i++) level += y[i] / m;
  let tr: number | null = null;
  if (trend) {
    tr = 0;
    for (let i = m; i < 2 * m; i++) tr += (y[i] - y[i - m]) / m / m;
  }
  const seas = Array.from(y.subarray(0, m), (v) => (seasonal === 'add' ? v - level : v / level));
  return { initialLevel: level, initialTrend: tr, initialSeasonal: seas };
}

export function initializationHeuristic(y: Float64Array, trend: Component, seasonal: Component, m: number): InitialValues {
  const n = y.length;
  if (n < 10) throw new RangeError('ExponentialSmoothing: the heuristic initialization needs at least 10 observations');
  let base: number[] = Array.from(y);
  let initialSeasonal: number[] | null = null;
  if (seasonal) {
    if (n < 2 * m) throw new RangeError('ExponentialSmoothing: need at least two full seasonal cycles to initialize the seasonals');
    const minObs = 10 + 2 * Math.floor(m / 2);
    if (n < minObs) throw new RangeError(`ExponentialSmoothing: the heuristic initialization needs at least ${minObs} observations`);
    const k = Math.max(Math.min(5, Math.floor(n / m)), Math.ceil(minObs / m));
    const len = Math.min(n, m * k);
    const s = Array.from(y.subarray(0, len));
    // centred moving average (2×m for even m)
    const ma = new Array<number>(len).fill(NaN);
    const half = Math.floor(m / 2);
    for (let i = 0; i < len; i++) {
      if (m % 2 === 1) {
        if (i - half < 0 || i + half >= len) continue;
        let sum = 0;
        for (let j = i - half; j <= i + half; j++) sum += s[j];
        ma[i] = sum / m;
      } else {
        if (i - half < 0 || i + half >= len) continue;
        let sum = 0.5 * s[i - half] + 0.5 * s[i + half];
        for (let j = i - half + 1; j < i + half; j++) sum += s[j];
        ma[i] = sum / m;
      }
    }
    const detrended = s.map((v, i) => (seasonal === 'add' ? v - ma[i] : v / ma[i]));
    initialSeasonal = seasonalMeans(detrended, m, seasonal !== 'add');
    base = ma.filter((v) => !Number.isNaN(v));
  }
  // least-squares line through (1..10, base[0..9]): intercept = level one step before
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < 10; i++) {
    const x = i + 1;
    sx += x;
    sy += base[i];
    sxx += x * x;
    sxy += x * base[i];
  }
  const slope = (10 * sxy - sx * sy) / (10 * sxx - sx * sx);
  const intercept = (sy - slope * sx) / 10;
  return {
    initialLevel: intercept,
    initialTrend: trend === 'add' ? slope : trend === 'mul' ? 1 + slope / intercept : null,
    initialSeasonal,
  };
}
