/**
 * Automatic ARIMA order selection by an exhaustive grid: every (p, q) — and (P, Q) when a
 * seasonal period is given — up to the stated maxima is fitted by exact maximum likelihood
 * and the order with the smallest information criterion wins. This is a plain grid, not
 * the stepwise search of Hyndman & Khandakar (J. Stat. Software 27(3), 2008, as in R's
 * `auto.arima` and pmdarima): it costs more fits but cannot stop at a local minimum of the
 * criterion, and on small grids the cost is seconds. When d is not given it is the
 * smallest d ≤ maxD whose differenced series the KPSS test (5%) does not call
 * non-stationary, as pmdarima's `ndiffs` does.
 */
import { ARIMA, type ArimaResult } from './arima.js';
import { kpss } from './kpss.js';
import { series } from './series.js';

export interface AutoArimaOptions {
  /** Order of differencing; chosen by repeated KPSS tests when omitted. */
  d?: number;
  maxD?: number;
  maxP?: number;
  maxQ?: number;
  /** Seasonal search: period s, seasonal differencing D (fixed), and the maxima of P and Q. */
  seasonal?: { period: number; D?: number; maxP?: number; maxQ?: number };
  criterion?: 'aic' | 'bic' | 'aicc';
  /** 'c' adds a constant when the model has no differencing. */
  trend?: 'n' | 'c';
}

export interface AutoArimaCandidate {
  order: [number, number, number];
  seasonalOrder: [number, number, number, number];
  aic: number;
  bic: number;
  aicc: number;
  llf: number;
}

export interface AutoArimaResult {
  order: [number, number, number];
  seasonalOrder: [number, number, number, number];
  /** The fitted best model. */
  result: ArimaResult;
  /** Every order tried, best first by the chosen criterion. */
  candidates: AutoArimaCandidate[];
}

/** The smallest d ≤ maxD at which KPSS (level stationarity, 5%) no longer rejects. ```ts ndiffs(loadNile().values); ``` */
export function ndiffs(x: ArrayLike<number>, options: { maxD?: number; alpha?: number } = {}): number {
  const { maxD = 2, alpha = 0.05 } = options;
  let w = Array.from(series('ndiffs', x, 4));
  for (let d = 0; d < maxD; d++) {
    if (kpss(w, { regression: 'c', nlags: 'auto' }).pvalue >= alpha) return d;
    w = w.slice(1).map((v, i) => v - w[i]);
    if (w.length < 4) return d + 1;
  }
  return maxD;
}

/**
 * ```ts
 * import { autoArima, loadNile } from 'descent/timeseries';
 * const best = autoArima(loadNile().values, { maxP: 2, maxQ: 2, criterion: 'aic' });
 * best.order;              // e.g. [1, 1, 1]
 * best.result.forecast(5);
 * ```
 */
export function autoArima(y: ArrayLike<number>, options: AutoArimaOptions = {}): AutoArimaResult {
  const { maxP = 3, maxQ = 3, maxD = 2, criterion = 'aic', trend = 'n', seasonal } = options;
  const data = series('autoArima', y, 8, 'y');
  for (const [name, v] of [['maxP', maxP], ['maxQ', maxQ], ['maxD', maxD]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`autoArima: ${name} must be a non-negative integer, got ${v}`);
  }
  if (criterion !== 'aic' && criterion !== 'bic' && criterion !== 'aicc') throw new RangeError(`autoArima: criterion must be 'aic', 'bic' or 'aicc', got '${criterion}'`);
  const d = options.d ?? ndiffs(data, { maxD });
  const s = seasonal?.period ?? 0;
  const D = seasonal?.D ?? 0;
  const maxSP = seasonal ? (seasonal.maxP ?? 1) : 0;
  const maxSQ = seasonal ? (seasonal.maxQ ?? 1) : 0;
  const useConst = trend === 'c' && d + D === 0;
  const candidates: (AutoArimaCandidate & { result: ArimaResult })[] = [];
  for (let p = 0; p <= maxP; p++) {
    for (let q = 0; q <= maxQ; q++) {
      for (let P = 0; P <= maxSP; P++) {
        for (let Q = 0; Q <= maxSQ; Q++) {
          const order: [number, number, number] = [p, d, q];
          const seasonalOrder: [number, number, number, number] = seasonal ? [P, D, Q, s] : [0, 0, 0, 0];
          // a model with nothing to estimate but σ² (white noise after differencing) is
          // still a candidate: it is the baseline the others must beat
          const result = new ARIMA(data, { order, seasonalOrder, trend: useConst ? 'c' : 'n' }).fit();
          candidates.push({ order, seasonalOrder, aic: result.aic, bic: result.bic, aicc: result.aicc, llf: result.llf, result });
        }
      }
    }
  }
  candidates.sort((a, b) => a[criterion] - b[criterion]);
  const best = candidates[0];
  return {
    order: best.order,
    seasonalOrder: best.seasonalOrder,
    result: best.result,
    candidates: candidates.map(({ result: _unused, ...rest }) => rest),
  };
}
