// descent/timeseries against statsmodels 0.13.5 and scikit-learn 1.2
// (tools/fixtures/timeseries.py) on the bundled Nile, sunspot and CO₂ series and seeded
// AR(2) and random-walk series: ACF/PACF/ADF/KPSS statistics to 1e-8 relative.
import { describe, expect, it } from 'vitest';
import * as ts from '../../src/timeseries/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx = loadFixture<any>('timeseries.json');
const SERIES: Record<string, number[]> = {
  nile: ts.loadNile().values,
  sunspots: ts.loadSunspots().values,
  co2: ts.loadCo2().values,
  'sunspots+1': ts.loadSunspots().values.map((v) => v + 1),
  ...fx.series,
};

const compare = (got: unknown, want: unknown, rtol: number, label: string) => expectNestedClose(got, want, rtol, label, 1e-12);

describe('bundled datasets are statsmodels’ series', () => {
  for (const [name, d] of Object.entries<any>(fx.datasets)) {
    it(name, () => {
      const v = SERIES[name];
      expect(v.length).toBe(d.n);
      compare(v.slice(0, 3), d.first, 0, `${name} first`);
      compare(v.slice(-3), d.last, 0, `${name} last`);
    });
  }
  it('dates', () => {
    expect(ts.loadNile().index[0]).toBe('1871');
    expect(ts.loadCo2().index.slice(0, 2)).toEqual(['1958-03', '1958-04']);
    expect(ts.loadCo2().index.at(-1)).toBe('2001-12');
  });
});

describe('acf, pacf, Ljung–Box', () => {
  fx.acf.forEach((c: any, i: number) => {
    it(`acf ${c.series} #${i}`, () => {
      const r = ts.acf(SERIES[c.series], c.options);
      compare(r.acf, c.acf, 1e-10, 'acf');
      if (c.confint) compare(r.confint, c.confint, 1e-10, 'confint');
      if (c.qstat) compare(r.qstat, c.qstat, 1e-10, 'qstat');
      if (c.pvalues) compare(r.pvalues, c.pvalues, 1e-8, 'pvalues');
    });
  });
  fx.pacf.forEach((c: any) => {
    it(`pacf ${c.series} ${c.options.method}`, () => {
      const r = ts.pacf(SERIES[c.series], c.options);
      compare(r.pacf, c.pacf, 1e-8, 'pacf');
      compare(r.confint, c.confint, 1e-8, 'confint');
    });
  });
  fx.ljungbox.forEach((c: any, i: number) => {
    it(`acorrLjungbox ${c.series} #${i}`, () => {
      const r = ts.acorrLjungbox(SERIES[c.series], c.options);
      compare(r.lbStat, c.lbStat, 1e-10, 'lbStat');
      compare(r.lbPvalue, c.lbPvalue, 1e-8, 'lbPvalue');
      if (c.bpStat) {
        compare(r.bpStat, c.bpStat, 1e-10, 'bpStat');
        compare(r.bpPvalue, c.bpPvalue, 1e-8, 'bpPvalue');
      }
    });
  });
});

describe('unit-root and stationarity tests', () => {
  fx.adf.forEach((c: any) => {
    it(`adfuller ${c.series} ${JSON.stringify(c.options)}`, () => {
      const opts = { ...c.options, autolag: c.options.autolag ?? null };
      compare(ts.adfuller(SERIES[c.series], opts), c.expected, 1e-8, 'adfuller');
    });
  });
  fx.kpss.forEach((c: any) => {
    it(`kpss ${c.series} ${JSON.stringify(c.options)}`, () => {
      compare(ts.kpss(SERIES[c.series], c.options), c.expected, 1e-8, 'kpss');
    });
  });
  it('mackinnonp and mackinnoncrit', () => {
    for (const c of fx.mackinnon) {
      compare(ts.mackinnonp(c.stat, c.regression), c.p, 1e-12, `mackinnonp(${c.stat}, ${c.regression})`);
      compare(ts.mackinnoncrit(c.regression, 100), c.crit100, 1e-12, 'mackinnoncrit');
    }
  });
});

describe('seasonalDecompose', () => {
  fx.decompose.forEach((c: any) => {
    it(`${c.series} ${JSON.stringify(c.options)}`, () => {
      const r = ts.seasonalDecompose(SERIES[c.series], c.options);
      compare(r.trend, c.trend, 1e-10, 'trend');
      compare(r.seasonal, c.seasonal, 1e-9, 'seasonal');
      compare(r.resid, c.resid, 1e-8, 'resid');
    });
  });
});

describe('diff matches statsmodels.tsa.statespace.tools.diff', () => {
  fx.diff.forEach((c: any) => {
    it(JSON.stringify(c.options), () => compare(ts.diff(SERIES[c.series], c.options), c.expected, 1e-12, 'diff'));
  });
});

describe('forecast metrics', () => {
  it('MAE, RMSE, MAPE (scikit-learn), sMAPE and MASE (definitions)', () => {
    const m = fx.metrics;
    compare(ts.mae(m.yTrue, m.yPred), m.mae, 1e-12, 'mae');
    compare(ts.rmse(m.yTrue, m.yPred), m.rmse, 1e-12, 'rmse');
    compare(ts.mape(m.yTrue, m.yPred), m.mape, 1e-12, 'mape');
    compare(ts.smape(m.yTrue, m.yPred), m.smape, 1e-12, 'smape');
    compare(ts.mase(m.yTrue, m.yPred, { yTrain: m.yTrain }), m.mase1, 1e-12, 'mase sp=1');
    compare(ts.mase(m.yTrue, m.yPred, { yTrain: m.yTrain, sp: 12 }), m.mase12, 1e-12, 'mase sp=12');
  });
});
