/**
 * The numbers behind the forecasting playground, DOM-free so they are tested in Node: pick a
 * bundled series and a model, hold out the last `horizon` points, fit on the rest, forecast
 * with a 95% prediction interval, and score the forecast on the held-out points (MAE, RMSE,
 * MASE against the naive forecast). The ARIMA-family models give exact Gaussian intervals
 * from the Kalman filter; Holt–Winters gives a point forecast only (statsmodels' interval
 * for it is a simulation, not offered here), and the playground says so.
 */
import { ARIMA, ExponentialSmoothing, loadCo2, loadNile, loadSunspots, mae, mase, rmse } from 'descent/timeseries';

export const SERIES = {
  co2: { label: 'Mauna Loa CO₂, monthly, last 10 years', period: 12, load: () => loadCo2().values.slice(-120) },
  nile: { label: 'Nile flow, yearly, 1871–1970', period: 1, load: () => loadNile().values },
  sunspots: { label: 'Sunspots, yearly, last 120 years', period: 1, load: () => loadSunspots().values.slice(-120) },
} as const;
export type SeriesName = keyof typeof SERIES;

export const MODELS = {
  naive: { label: 'Naive (random walk, ARIMA(0,1,0))', seasonal: false },
  arima111: { label: 'ARIMA(1,1,1)', seasonal: false },
  ar2: { label: 'AR(2) with a mean', seasonal: false },
  airline: { label: 'Seasonal ARIMA(0,1,1)(0,1,1)₁₂', seasonal: true },
  holtwinters: { label: 'Holt–Winters (additive)', seasonal: true },
} as const;
export type ModelName = keyof typeof MODELS;

export interface ForecastView {
  history: number[];
  /** Held-out actual values, the forecast, and its interval (NaN where the model has none). */
  actual: number[];
  mean: number[];
  lower: number[];
  upper: number[];
  hasInterval: boolean;
  mae: number;
  rmse: number;
  mase: number;
  /** The fitted model's AIC (ARIMA family) or null. */
  aic: number | null;
}

/** Models that make sense for the series (seasonal ones need a period). */
export function modelsFor(series: SeriesName): ModelName[] {
  return (Object.keys(MODELS) as ModelName[]).filter((m) => !MODELS[m].seasonal || SERIES[series].period > 1);
}

export function forecastView(series: SeriesName, model: ModelName, horizon: number): ForecastView {
  if (!modelsFor(series).includes(model)) throw new RangeError(`forecastView: ${MODELS[model].label} needs a seasonal series; ${SERIES[series].label} has none`);
  const y = SERIES[series].load();
  const history = y.slice(0, y.length - horizon);
  const actual = y.slice(y.length - horizon);
  let mean: number[];
  let lower: number[];
  let upper: number[];
  let aic: number | null = null;
  if (model === 'holtwinters') {
    mean = new ExponentialSmoothing(history, { trend: 'add', seasonal: 'add', seasonalPeriods: SERIES[series].period }).fit().forecast(horizon);
    lower = mean.map(() => NaN);
    upper = mean.map(() => NaN);
  } else {
    const spec = {
      naive: { order: [0, 1, 0] as [number, number, number] },
      arima111: { order: [1, 1, 1] as [number, number, number] },
      ar2: { order: [2, 0, 0] as [number, number, number], trend: 'c' as const },
      airline: { order: [0, 1, 1] as [number, number, number], seasonalOrder: [0, 1, 1, 12] as [number, number, number, number] },
    }[model];
    const fit = new ARIMA(history, spec).fit();
    const fc = fit.getForecast(horizon);
    const ci = fc.confInt(0.05);
    mean = fc.predictedMean;
    lower = ci.lower;
    upper = ci.upper;
    aic = fit.aic;
  }
  return {
    history, actual, mean, lower, upper, hasInterval: model !== 'holtwinters', aic,
    mae: mae(actual, mean), rmse: rmse(actual, mean), mase: mase(actual, mean, { yTrain: history, sp: SERIES[series].period }),
  };
}
