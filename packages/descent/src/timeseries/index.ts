/**
 * `descent/timeseries`: time-series analysis with statsmodels' names (camelCased) and
 * results: autocorrelation, unit-root and stationarity tests, decomposition, forecast
 * accuracy measures.
 *
 * ```ts
 * import { acf, adfuller, seasonalDecompose } from 'descent/timeseries';
 * adfuller([1, 3, 2, 5, 4, 6, 5, 8, 7, 9, 8, 11], { maxlag: 1 }).pvalue;
 * ```
 */
export { acovf, acf, acorrLjungbox, type AcfOptions, type AcfResult, type LjungboxOptions } from './acf.js';
export { pacf, levinsonDurbin, type PacfMethod, type PacfOptions } from './pacf.js';
export { adfuller, type AdfullerOptions, type AdfullerResult } from './adfuller.js';
export { mackinnonp, mackinnoncrit, type Trend } from './mackinnon.js';
export { kpss, type KpssResult } from './kpss.js';
export { seasonalDecompose, type DecomposeResult } from './decompose.js';
export {
  meanAbsoluteError, rootMeanSquaredError, meanAbsolutePercentageError, symmetricMeanAbsolutePercentageError, meanAbsoluteScaledError,
  mae, rmse, mape, smape, mase,
} from './metrics.js';
export { ARIMA, type ArimaOptions, type ArimaResult, type ForecastResult } from './arima.js';
export { ExponentialSmoothing, SimpleExpSmoothing, Holt, type ExponentialSmoothingOptions, type SmoothingParams, type SmoothingResult, type FitOptions as SmoothingFitOptions } from './exponential-smoothing.js';
export { diff, type DiffOptions } from './diff.js';
export { loadNile, loadSunspots, loadCo2, makeAirline, type AirlineOptions, type TimeSeriesDataset } from './datasets.js';
export { STL, type StlOptions, type StlFitOptions, type StlResult } from './stl.js';
export { autoArima, ndiffs, type AutoArimaOptions, type AutoArimaResult, type AutoArimaCandidate } from './auto-arima.js';
export { walkForward, type Forecaster, type WalkForwardOptions, type WalkForwardFold, type WalkForwardResult } from './walk-forward.js';
