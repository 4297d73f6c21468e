/**
 * Forecast accuracy measures (Hyndman & Koehler, Int. J. Forecasting 22 (2006) 679–688):
 * MAE, RMSE, MAPE and sMAPE (as fractions, like scikit-learn's
 * `mean_absolute_percentage_error`; multiply by 100 for percent), and MASE, the MAE scaled
 * by the in-sample MAE of the seasonal naive forecast on the training series.
 */
import { series } from './series.js';

function pair(fn: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): [Float64Array, Float64Array] {
  const a = series(fn, yTrue, 1, 'yTrue');
  const b = series(fn, yPred, 1, 'yPred');
  if (a.length !== b.length) throw new RangeError(`${fn}: yTrue and yPred must have the same length, got ${a.length} and ${b.length}`);
  return [a, b];
}

/** Mean absolute error. ```ts meanAbsoluteError([1, 2], [2, 4]); // 1.5 ``` */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [a, b] = pair('meanAbsoluteError', yTrue, yPred);
  return a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
}

/** Root mean squared error. ```ts rootMeanSquaredError([1, 2], [2, 4]); // √2.5 ``` */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [a, b] = pair('rootMeanSquaredError', yTrue, yPred);
  return Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);
}

/**
 * Mean absolute percentage error |y − ŷ|/max(|y|, ε) as a fraction (scikit-learn's
 * definition, ε = 2.220446049250313e-16 guarding y = 0).
 *
 * ```ts
 * meanAbsolutePercentageError([100, 200], [110, 180]); // 0.1
 * ```
 */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [a, b] = pair('meanAbsolutePercentageError', yTrue, yPred);
  return a.reduce((s, v, i) => s + Math.abs(v - b[i]) / Math.max(Math.abs(v), Number.EPSILON), 0) / a.length;
}

/**
 * Symmetric MAPE, mean of 2|y − ŷ|/(|y| + |ŷ|), as a fraction in [0, 2] (terms with
 * y = ŷ = 0 count as 0).
 *
 * ```ts
 * symmetricMeanAbsolutePercentageError([100, 200], [110, 180]);
 * ```
 */
export function symmetricMeanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [a, b] = pair('symmetricMeanAbsolutePercentageError', yTrue, yPred);
  return a.reduce((s, v, i) => {
    const d = Math.abs(v) + Math.abs(b[i]);
    return s + (d === 0 ? 0 : (2 * Math.abs(v - b[i])) / d);
  }, 0) / a.length;
}

/**
 * Mean absolute scaled error: MAE / mean |y_t − y_{t−sp}| over the training series
 * (sp = 1: the naive forecast; sp = season length: the seasonal naive forecast).
 *
 * ```ts
 * meanAbsoluteScaledError([5, 6], [5.5, 5.5], { yTrain: [1, 2, 3, 4], sp: 1 }); // 0.5
 * ```
 */
export function meanAbsoluteScaledError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: { yTrain: ArrayLike<number>; sp?: number }): number {
  const { sp = 1 } = options;
  const train = series('meanAbsoluteScaledError', options.yTrain, sp + 1, 'yTrain');
  let scale = 0;
  for (let t = sp; t < train.length; t++) scale += Math.abs(train[t] - train[t - sp]);
  scale /= train.length - sp;
  if (scale === 0) throw new RangeError('meanAbsoluteScaledError: the training series is constant at lag sp, so the scale is 0');
  return meanAbsoluteError(yTrue, yPred) / scale;
}

export {
  meanAbsoluteError as mae,
  rootMeanSquaredError as rmse,
  meanAbsolutePercentageError as mape,
  symmetricMeanAbsolutePercentageError as smape,
  meanAbsoluteScaledError as mase,
};
