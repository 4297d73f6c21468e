/**
 * Walk-forward (rolling-origin) validation of a forecaster (Tashman, "Out-of-sample tests of
 * forecasting accuracy", Int. J. Forecasting 16 (2000) 437–450): train on the past, forecast
 * the next `horizon` points, move the origin on by `step`, repeat. With an expanding window
 * the training set always starts at 0; with a sliding window it keeps a fixed length, which
 * shows whether old data still helps. Unlike k-fold, no fold ever trains on its future.
 */
import { meanAbsoluteError, meanAbsolutePercentageError, meanAbsoluteScaledError, rootMeanSquaredError, symmetricMeanAbsolutePercentageError } from './metrics.js';
import { series } from './series.js';

/** Fits on `train` and returns `horizon` forecasts. */
export type Forecaster = (train: number[], horizon: number) => ArrayLike<number>;

export interface WalkForwardOptions {
  /** Length of the first training window (and of every window when sliding). */
  initial: number;
  /** Points forecast per fold (default 1). */
  horizon?: number;
  /** How far the origin moves between folds (default horizon). */
  step?: number;
  window?: 'expanding' | 'sliding';
  /** Season length for MASE's naive scale (default 1). */
  sp?: number;
}

export interface WalkForwardFold {
  /** Training indices [trainStart, trainEnd) and test indices [trainEnd, testEnd). */
  trainStart: number;
  trainEnd: number;
  testEnd: number;
  actual: number[];
  forecast: number[];
  mae: number;
  rmse: number;
  mape: number;
  smape: number;
  mase: number;
}

export interface WalkForwardResult {
  folds: WalkForwardFold[];
  /** Each metric averaged over the folds. */
  mean: { mae: number; rmse: number; mape: number; smape: number; mase: number };
}

/**
 * ```ts
 * import { walkForward, ARIMA, loadNile } from 'descent/timeseries';
 * const naive = (train: number[], h: number) => new Array(h).fill(train[train.length - 1]);
 * walkForward(loadNile().values, naive, { initial: 60, horizon: 5, window: 'sliding' }).mean.mae;
 * ```
 */
export function walkForward(y: ArrayLike<number>, forecaster: Forecaster, options: WalkForwardOptions): WalkForwardResult {
  const data = Array.from(series('walkForward', y, 3, 'y'));
  if (typeof forecaster !== 'function') throw new TypeError('walkForward: forecaster must be a function (train, horizon) => forecasts');
  const { initial, horizon = 1, window = 'expanding', sp = 1 } = options ?? ({} as WalkForwardOptions);
  const step = options?.step ?? horizon;
  if (!Number.isInteger(initial) || initial < sp + 1 || initial >= data.length) {
    throw new RangeError(`walkForward: initial must be an integer in [${sp + 1}, ${data.length - 1}] (the first training window), got ${initial}`);
  }
  for (const [name, v] of [['horizon', horizon], ['step', step], ['sp', sp]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`walkForward: ${name} must be a positive integer, got ${v}`);
  }
  if (window !== 'expanding' && window !== 'sliding') throw new RangeError(`walkForward: window must be 'expanding' or 'sliding', got '${window}'`);
  const folds: WalkForwardFold[] = [];
  for (let origin = initial; origin + horizon <= data.length; origin += step) {
    const trainStart = window === 'expanding' ? 0 : origin - initial;
    const train = data.slice(trainStart, origin);
    const actual = data.slice(origin, origin + horizon);
    const forecast = Array.from(forecaster(train, horizon));
    if (forecast.length !== horizon || !forecast.every(Number.isFinite)) {
      throw new RangeError(`walkForward: the forecaster returned ${forecast.length} values (${forecast.filter((v) => !Number.isFinite(v)).length} not finite) for the fold at ${origin}; it must return ${horizon} finite numbers`);
    }
    folds.push({
      trainStart,
      trainEnd: origin,
      testEnd: origin + horizon,
      actual,
      forecast,
      mae: meanAbsoluteError(actual, forecast),
      rmse: rootMeanSquaredError(actual, forecast),
      mape: meanAbsolutePercentageError(actual, forecast),
      smape: symmetricMeanAbsolutePercentageError(actual, forecast),
      mase: meanAbsoluteScaledError(actual, forecast, { yTrain: train, sp }),
    });
  }
  if (folds.length === 0) throw new RangeError(`walkForward: no fold fits: initial (${initial}) + horizon (${horizon}) exceeds the series length (${data.length})`);
  const avg = (k: 'mae' | 'rmse' | 'mape' | 'smape' | 'mase') => folds.reduce((s, f) => s + f[k], 0) / folds.length;
  return { folds, mean: { mae: avg('mae'), rmse: avg('rmse'), mape: avg('mape'), smape: avg('smape'), mase: avg('mase') } };
}
