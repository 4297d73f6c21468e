import { describe, expect, it } from 'vitest';
import { ARIMA, loadNile, mae } from 'descent/timeseries';
import { forecastView, modelsFor } from '../../src/client/playgrounds/forecasting/logic.js';

describe('forecasting playground logic', () => {
  it('holds out the horizon and forecasts it with the library model and interval', () => {
    const v = forecastView('nile', 'arima111', 10);
    const y = loadNile().values;
    expect(v.history).toEqual(y.slice(0, 90));
    expect(v.actual).toEqual(y.slice(90));
    const fc = new ARIMA(y.slice(0, 90), { order: [1, 1, 1] }).fit().getForecast(10);
    expect(v.mean).toEqual(fc.predictedMean);
    expect(v.lower).toEqual(fc.confInt(0.05).lower);
    expect(v.mae).toBe(mae(v.actual, v.mean));
    v.mean.forEach((m, i) => expect(v.lower[i]).toBeLessThan(m));
  });

  it('seasonal models only for the seasonal series; Holt–Winters has no interval', () => {
    expect(modelsFor('nile')).not.toContain('airline');
    expect(modelsFor('co2')).toContain('holtwinters');
    expect(() => forecastView('nile', 'holtwinters', 5)).toThrow(/needs a seasonal series/);
    const hw = forecastView('co2', 'holtwinters', 12);
    expect(hw.hasInterval).toBe(false);
    expect(hw.mase).toBeLessThan(1); // beats the seasonal naive forecast on CO₂
  });
});
