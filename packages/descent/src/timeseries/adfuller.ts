/**
 * The augmented Dickey–Fuller unit-root test, as statsmodels' `adfuller`: regress Δx_t on
 * x_{t−1}, p lagged differences and the deterministic terms, and compare the t-value of
 * x_{t−1} with MacKinnon's distribution (Said & Dickey, Biometrika 71 (1984) 599–607).
 * The lag p is chosen by AIC, BIC or the last significant t-value over 0..maxlag on a
 * common sample, then the regression is refitted on all usable observations.
 */
import { mackinnoncrit, mackinnonp, type Trend } from './mackinnon.js';
import { ols } from './ols.js';
import { series } from './series.js';

export interface AdfullerOptions {
  maxlag?: number;
  regression?: Trend;
  autolag?: 'AIC' | 'BIC' | 't-stat' | null;
}

export interface AdfullerResult {
  statistic: number;
  pvalue: number;
  usedlag: number;
  nobs: number;
  criticalValues: { '1%': number; '5%': number; '10%': number };
  icbest?: number;
}

/** Rows [x_{t−1}, Δx_{t−1}, …, Δx_{t−lags}] and targets Δx_t for t using `lags` lags, trimmed to the last `rows`. */
function design(x: Float64Array, dx: Float64Array, lags: number, rows: number, trend: Trend, trendFirst: boolean): { X: number[][]; y: number[] } {
  const X: number[][] = [];
  const y: number[] = [];
  const start = dx.length - rows;
  for (let r = 0; r < rows; r++) {
    const t = start + r; // index into dx
    const row = [x[t]];
    for (let l = 1; l <= lags; l++) row.push(dx[t - l]);
    const det: number[] = [];
    if (trend !== 'n') det.push(1);
    if (trend === 'ct' || trend === 'ctt') det.push(r + 1);
    if (trend === 'ctt') det.push((r + 1) ** 2);
    X.push(trendFirst ? [...det, ...row] : [...row, ...det]);
    y.push(dx[t]);
  }
  return { X, y };
}

/**
 * ```ts
 * adfuller(series, { regression: 'c', autolag: 'AIC' });
 * // { statistic, pvalue, usedlag, nobs, criticalValues: { '1%', '5%', '10%' }, icbest }
 * ```
 */
export function adfuller(x: ArrayLike<number>, options: AdfullerOptions = {}): AdfullerResult {
  const { regression = 'c' } = options;
  const autolag = options.autolag === undefined ? 'AIC' : options.autolag;
  if (!['n', 'c', 'ct', 'ctt'].includes(regression)) throw new RangeError(`adfuller: regression must be 'n', 'c', 'ct' or 'ctt', got '${regression}'`);
  if (autolag !== null && !['AIC', 'BIC', 't-stat'].includes(autolag)) throw new RangeError(`adfuller: autolag must be 'AIC', 'BIC', 't-stat' or null, got '${autolag}'`);
  const a = series('adfuller', x, 4);
  const n = a.length;
  const ntrend = regression === 'n' ? 0 : regression.length;
  let maxlag = options.maxlag;
  if (maxlag === undefined) {
    maxlag = Math.min(Math.floor(n / 2) - ntrend - 1, Math.ceil(12 * (n / 100) ** 0.25));
    if (maxlag < 0) throw new RangeError('adfuller: the series is too short for this regression');
  } else if (!Number.isInteger(maxlag) || maxlag < 0 || maxlag > Math.floor(n / 2) - ntrend - 1) {
    throw new RangeError(`adfuller: maxlag must be an integer in [0, ${Math.floor(n / 2) - ntrend - 1}] (n/2 − 1 − number of trend terms), got ${maxlag}`);
  }
  const dx = new Float64Array(n - 1);
  for (let t = 1; t < n; t++) dx[t - 1] = a[t] - a[t - 1];
  let usedlag = maxlag;
  let icbest: number | undefined;
  if (autolag !== null) {
    // every candidate on the same maxlag-trimmed sample, trend columns first (statsmodels' order)
    const rows = dx.length - maxlag;
    const { X, y } = design(a, dx, maxlag, rows, regression, true);
    const startlag = ntrend + 1;
    let best = Infinity;
    let bestLag = maxlag;
    if (autolag === 't-stat') {
      for (let lag = maxlag; lag >= 0; lag--) {
        const fit = ols(X.map((r) => r.slice(0, startlag + lag)), y);
        best = Math.abs(fit.tvalues[startlag + lag - 1]);
        bestLag = lag;
        if (best >= 1.6448536269514722) break;
      }
    } else {
      for (let lag = 0; lag <= maxlag; lag++) {
        const fit = ols(X.map((r) => r.slice(0, startlag + lag)), y);
        const ic = autolag === 'AIC' ? fit.aic : fit.bic;
        if (ic < best) {
          best = ic;
          bestLag = lag;
        }
      }
    }
    usedlag = bestLag;
    icbest = best;
  }
  const rows = dx.length - usedlag;
  const { X, y } = design(a, dx, usedlag, rows, regression, false);
  const fit = ols(X, y);
  const [c1, c5, c10] = mackinnoncrit(regression, rows);
  const result: AdfullerResult = {
    statistic: fit.tvalues[0],
    pvalue: mackinnonp(fit.tvalues[0], regression),
    usedlag,
    nobs: rows,
    criticalValues: { '1%': c1, '5%': c5, '10%': c10 },
  };
  if (icbest !== undefined) result.icbest = icbest;
  return result;
}
