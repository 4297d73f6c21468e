// STL against statsmodels 0.13.5 (tools/fixtures/timeseries_stl.py): both follow Cleveland
// et al.'s Fortran, so seasonal, trend, residual and robustness weights agree to 1e-10,
// robust and not, with default and custom windows, degrees, jumps and iteration counts.
import { describe, expect, it } from 'vitest';
import { STL, loadCo2 } from '../../src/timeseries/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx = loadFixture<any>('timeseries-stl.json');
const SERIES: Record<string, number[]> = { co2: loadCo2().values, quarterly: fx.series.quarterly };

describe('STL matches statsmodels', () => {
  for (const c of fx.cases) {
    it(`${c.series} ${JSON.stringify(c.options)} ${JSON.stringify(c.fitOptions)}`, () => {
      const r = new STL(SERIES[c.series], c.options).fit(c.fitOptions);
      expectNestedClose(r.seasonal, c.seasonal, 1e-10, 'seasonal', 1e-10);
      expectNestedClose(r.trend, c.trend, 1e-10, 'trend', 1e-10);
      expectNestedClose(r.resid, c.resid, 1e-10, 'resid', 1e-10);
      expectNestedClose(r.weights, c.weights, 1e-10, 'weights', 1e-10);
    });
  }

  it('the robust fit down-weights the planted outliers', () => {
    const r = new STL(fx.series.quarterly, { period: 4, robust: true }).fit();
    for (const i of [10, 41, 70]) expect(r.weights[i]).toBeLessThan(0.2);
  });

  it('names bad windows', () => {
    const y = loadCo2().values;
    expect(() => new STL(y, { period: 1 })).toThrow(/STL: period must be an integer >= 2/);
    expect(() => new STL(y, { period: 12, seasonal: 6 })).toThrow(/seasonal must be an odd integer >= 3/);
    expect(() => new STL(y, { period: 12, trend: 11 })).toThrow(/trend must be an odd integer >= 3 and > period/);
    expect(() => new STL(y.slice(0, 20), { period: 12 })).toThrow(/at least 25 observations/);
  });
});
