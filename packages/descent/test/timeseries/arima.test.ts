// ARIMA against statsmodels 0.13.5 (tools/fixtures/timeseries_arima.py).
// Exact checks: at statsmodels' own fitted parameters our Kalman-filter log-likelihood,
// AIC/BIC, forecasts and intervals equal statsmodels' to 1e-9. Optimizer checks: our fit
// reaches at least statsmodels' likelihood, and its parameters and forecasts agree within
// optimizer tolerance (1e-3 relative for parameters on flat likelihoods, 1e-4 forecasts).
import { describe, expect, it } from 'vitest';
import { ARIMA, loadCo2, loadNile, loadSunspots } from '../../src/timeseries/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx = loadFixture<any[]>('timeseries-arima.json');
const SERIES: Record<string, number[]> = { nile: loadNile().values, sunspots: loadSunspots().values, co2: loadCo2().values };

const close = (got: number[] | number, want: number[] | number, rtol: number, label: string) => expectNestedClose(got, want, rtol, label, 1e-9);

describe('ARIMA matches statsmodels', () => {
  for (const c of fx) {
    const label = `${c.series} ARIMA(${c.order}) trend ${c.trend}`;
    const model = new ARIMA(SERIES[c.series], { order: c.order, trend: c.trend });
    it(`${label}: likelihood and forecasts at statsmodels' parameters`, () => {
      expect(model.paramNames).toEqual(c.paramNames);
      const r = model.results(c.params);
      close(r.llf, c.llf, 1e-9, 'llf');
      close(r.aic, c.aic, 1e-9, 'aic');
      close(r.bic, c.bic, 1e-9, 'bic');
      const f = r.getForecast(5);
      close(f.predictedMean, c.forecast, 1e-9, 'forecast');
      close(f.varPredMean, c.var, 1e-8, 'variance');
      close(f.confInt(0.05).lower, c.lower, 1e-9, 'lower');
      close(f.confInt(0.05).upper, c.upper, 1e-9, 'upper');
    });
    it(`${label}: fit`, () => {
      const r = model.fit();
      expect(r.llf).toBeGreaterThanOrEqual(c.llf - 1e-6 * Math.abs(c.llf));
      close(r.params, c.params, 1e-4, 'params');
      close(r.forecast(5), c.forecast, 1e-4, 'forecast');
    });
  }

  it('names bad orders and trends', () => {
    expect(() => new ARIMA([1, 2, 3, 4, 5, 6], { order: [1, -1, 0] })).toThrow(/order must be \[p, d, q\]/);
    expect(() => new ARIMA([1, 2, 3, 4, 5, 6], { order: [1, 1, 0], trend: 'c' })).toThrow(/not identified/);
  });
});
