/**
 * ARIMA(p, d, q) and seasonal ARIMA(p, d, q)×(P, D, Q)ₛ fitted by exact Gaussian maximum likelihood, as statsmodels'
 * `tsa.arima.model.ARIMA`: the ARMA part in Harvey's state-space form with its
 * stationary initial covariance, d integration states in front of it with statsmodels'
 * approximate-diffuse prior (variance 1e6, their first d likelihood terms skipped), and
 * the Kalman filter for the likelihood (see kalman.ts). A `trend: 'c'` constant is the
 * process mean (regression with ARMA errors), as in statsmodels. With `seasonalOrder`
 * the state space is statsmodels' SARIMAX layout (sarima-state-space.ts).
 *
 * Parameters are optimized (Nelder–Mead, then BFGS) over an unconstrained space in which every
 * point is a stationary AR and invertible MA polynomial: partial autocorrelations
 * r = u/√(1 + u²) mapped to coefficients by the Durbin–Levinson recursion (Barndorff-
 * Nielsen & Schou, J. Multivar. Anal. 3 (1973) 408; Jones, Technometrics 22 (1980) 389).
 */
import { ndtri } from '../stats/special/index.js';
import { nelderMead } from '../stats/optimize/nelder-mead.js';
import { bfgs } from '../stats/optimize/bfgs.js';
import { kalmanFilter, predictCov, predictMean, type StateSpace } from './kalman.js';
import { reducedPolynomials, sarimaStateSpace } from './sarima-state-space.js';
import { levinsonDurbin } from './pacf.js';
import { acovf } from './acf.js';
import { meanOf, series } from './series.js';

/** PACF values in (−1, 1) → coefficients of a stationary AR polynomial (Durbin–Levinson). */
function pacfToAr(r: number[]): number[] {
  let phi: number[] = [];
  for (let k = 0; k < r.length; k++) {
    const next = phi.map((p, j) => p - r[k] * phi[k - 1 - j]);
    next.push(r[k]);
    phi = next;
  }
  return phi;
}

const toUnit = (u: number) => u / Math.sqrt(1 + u * u);
const fromUnit = (r: number) => r / Math.sqrt(1 - r * r);

export interface ArimaOptions {
  order?: [number, number, number];
  /** [P, D, Q, s]: seasonal AR, differencing and MA orders and the period (default none). */
  seasonalOrder?: [number, number, number, number];
  /** 'n' (no constant, default) or 'c' (a mean; only with d = 0, as statsmodels). */
  trend?: 'n' | 'c';
}

export interface ForecastResult {
  predictedMean: number[];
  /** Forecast error variances. */
  varPredMean: number[];
  /** The (1 − alpha) prediction intervals. */
  confInt(alpha?: number): { lower: number[]; upper: number[] };
}

export interface ArimaResult {
  params: number[];
  /** statsmodels' names: 'const', 'ar.L1', …, 'ma.L1', …, 'sigma2'. */
  paramNames: string[];
  llf: number;
  aic: number;
  bic: number;
  aicc: number;
  nobs: number;
  /** One-step prediction errors (the first d are the diffuse start-up). */
  resid: number[];
  forecast(steps?: number): number[];
  getForecast(steps?: number): ForecastResult;
}

/**
 * ```ts
 * import { ARIMA, loadNile } from 'descent/timeseries';
 * const fit = new ARIMA(loadNile().values, { order: [1, 1, 1] }).fit();
 * fit.paramNames;            // ['ar.L1', 'ma.L1', 'sigma2']
 * fit.getForecast(5).confInt(0.05);
 * ```
 */
export class ARIMA {
  readonly endog: Float64Array;
  readonly order: [number, number, number];
  /** [P, D, Q, s]; [0, 0, 0, 0] when the model has no seasonal part. */
  readonly seasonalOrder: [number, number, number, number];
  readonly trend: 'n' | 'c';

  constructor(endog: ArrayLike<number>, options: ArimaOptions = {}) {
    const { order = [1, 0, 0], seasonalOrder = [0, 0, 0, 0], trend = 'n' } = options;
    if (!Array.isArray(order) || order.length !== 3 || !order.every((v) => Number.isInteger(v) && v >= 0)) throw new RangeError(`ARIMA: order must be [p, d, q] of non-negative integers, got [${order}]`);
    const okSeasonal = Array.isArray(seasonalOrder) && seasonalOrder.length === 4 && seasonalOrder.every((v) => Number.isInteger(v) && v >= 0);
    if (!okSeasonal) throw new RangeError(`ARIMA: seasonalOrder must be [P, D, Q, s] of non-negative integers, got [${seasonalOrder}]`);
    const [P, D, Q, s] = seasonalOrder;
    if (P + D + Q > 0 && s < 2) throw new RangeError(`ARIMA: seasonalOrder [${seasonalOrder}] needs a period s >= 2`);
    if (D > 2) throw new RangeError(`ARIMA: seasonal differencing D = ${D} is not supported (statsmodels' state layout covers D <= 2); difference the series first`);
    if (trend !== 'n' && trend !== 'c') throw new RangeError(`ARIMA: trend must be 'n' or 'c', got '${trend}'`);
    if (trend === 'c' && order[1] + D > 0) throw new RangeError("ARIMA: trend 'c' with d > 0 or D > 0 is not identified (the constant differences away); use trend 'n'");
    this.order = [order[0], order[1], order[2]];
    this.seasonalOrder = P + D + Q > 0 ? [P, D, Q, s] : [0, 0, 0, 0];
    this.trend = trend;
    const minLength = order[0] + order[1] + order[2] + (P + D + Q) * Math.max(s, 1) + 3;
    this.endog = series('ARIMA', endog, minLength, 'endog');
  }

  /** statsmodels' parameter names, in its order. */
  get paramNames(): string[] {
    const [p, , q] = this.order;
    const [P, , Q, s] = this.seasonalOrder;
    return [
      ...(this.trend === 'c' ? ['const'] : []),
      ...Array.from({ length: p }, (_, i) => `ar.L${i + 1}`),
      ...Array.from({ length: q }, (_, i) => `ma.L${i + 1}`),
      ...Array.from({ length: P }, (_, i) => `ar.S.L${(i + 1) * s}`),
      ...Array.from({ length: Q }, (_, i) => `ma.S.L${(i + 1) * s}`),
      'sigma2',
    ];
  }

  /** The state space for given constant, AR, MA (and seasonal AR, MA) coefficients and σ². */
  stateSpace(c: number, ar: number[], ma: number[], sigma2: number, sar: number[] = [], sma: number[] = []): StateSpace {
    const [, d] = this.order;
    const [, D, , s] = this.seasonalOrder;
    const { phi, theta } = reducedPolynomials(ar, ma, sar, sma, Math.max(s, 1));
    return sarimaStateSpace({ d, D, s, phi, theta, sigma2, c });
  }

  private unpack(params: number[]): { c: number; ar: number[]; ma: number[]; sar: number[]; sma: number[]; sigma2: number } {
    const [p, , q] = this.order;
    const [P, , Q] = this.seasonalOrder;
    let i = this.trend === 'c' ? 1 : 0;
    const c = this.trend === 'c' ? params[0] : 0;
    const take = (k: number) => params.slice(i, (i += k));
    const ar = take(p);
    const ma = take(q);
    const sar = take(P);
    const sma = take(Q);
    return { c, ar, ma, sar, sma, sigma2: params[i] };
  }

  /** The exact log-likelihood at params (in `paramNames` order). */
  loglike(params: number[]): number {
    const { c, ar, ma, sar, sma, sigma2 } = this.unpack(params);
    if (!(sigma2 > 0)) return -Infinity;
    return kalmanFilter(this.stateSpace(c, ar, ma, sigma2, sar, sma), this.endog).llf;
  }

  fit(): ArimaResult {
    const [p, d, q] = this.order;
    const [P, D, Q, s] = this.seasonalOrder;
    // start: Yule–Walker PACF of the differenced series, MA and seasonal terms at 0, the
    // mean, its variance
    let w = Array.from(this.endog);
    for (let k = 0; k < d; k++) w = w.slice(1).map((v, i) => v - w[i]);
    for (let k = 0; k < D; k++) w = w.slice(s).map((v, i) => v - w[i]);
    const mu = meanOf(w);
    const r0 = p > 0 ? levinsonDurbin(acovf(w, { nlag: p }), p).pacf.slice(1) : [];
    const cov0 = acovf(w, { nlag: 0 })[0];
    const scale = Math.sqrt(cov0) || 1;
    const z0 = [
      ...(this.trend === 'c' ? [0] : []),
      ...r0.map((r) => fromUnit(Math.max(-0.95, Math.min(0.95, r)))),
      ...new Array<number>(q + P + Q).fill(0),
      Math.log(cov0 || 1),
    ];
    const toParams = (z: number[]): number[] => {
      let i = 0;
      const out: number[] = [];
      if (this.trend === 'c') out.push(mu + scale * z[i++]);
      out.push(...pacfToAr(z.slice(i, i + p).map(toUnit)));
      // invertible MA: θ = −(stationary AR coefficients)
      out.push(...pacfToAr(z.slice(i + p, i + p + q).map(toUnit)).map((v) => -v));
      // seasonal AR and MA polynomials (in Lˢ) constrained the same way, each on its own
      out.push(...pacfToAr(z.slice(i + p + q, i + p + q + P).map(toUnit)));
      out.push(...pacfToAr(z.slice(i + p + q + P, i + p + q + P + Q).map(toUnit)).map((v) => -v));
      out.push(Math.exp(z[i + p + q + P + Q]));
      return out;
    };
    const nll = (z: number[]) => -this.loglike(toParams(z));
    // coarse simplex searches from the Yule–Walker start and with the MA part pushed either
    // way (the likelihood of mixed models can have several local optima), then BFGS from
    // the best of them for the last digits
    const starts = [z0];
    const maStart = z0.length - 1 - Q - P - q;
    const isMa = (i: number) => (i >= maStart && i < maStart + q) || (i >= z0.length - 1 - Q && i < z0.length - 1);
    if (q + Q > 0) {
      for (const u of [0.6, -0.6]) starts.push(z0.map((v, i) => (isMa(i) ? u : v)));
    }
    let rough = nelderMead(nll, z0, { xatol: 1e-3, fatol: 1e-6, maxIter: 60 * z0.length });
    for (const s of starts.slice(1)) {
      const r = nelderMead(nll, s, { xatol: 1e-3, fatol: 1e-6, maxIter: 60 * z0.length });
      if (r.fun < rough.fun) rough = r;
    }
    let best = bfgs(nll, rough.x, { gtol: 1e-7 });
    if (rough.fun < best.fun) best = { ...best, x: rough.x, fun: rough.fun };
    return this.results(toParams(best.x));
  }

  /** The result object at given parameters (statsmodels' `smooth`/`filter` with fixed params). */
  results(params: number[]): ArimaResult {
    const { c, ar, ma, sar, sma, sigma2 } = this.unpack(params);
    const ss = this.stateSpace(c, ar, ma, sigma2, sar, sma);
    const filt = kalmanFilter(ss, this.endog);
    const k = params.length;
    const nobsEff = this.endog.length - ss.burn;
    const llf = filt.llf;
    const getForecast = (steps = 1): ForecastResult => {
      if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`ARIMA.getForecast: steps must be a positive integer, got ${steps}`);
      let a = filt.aNext;
      let P = filt.PNext;
      const mean: number[] = [];
      const variance: number[] = [];
      for (let h = 0; h < steps; h++) {
        let za = 0;
        let f = 0;
        for (let i = 0; i < ss.m; i++) {
          za += ss.Z[i] * a[i];
          for (let j = 0; j < ss.m; j++) f += ss.Z[i] * P[i * ss.m + j] * ss.Z[j];
        }
        mean.push(c + za);
        variance.push(f);
        a = predictMean(ss, a);
        P = predictCov(ss, P);
      }
      return {
        predictedMean: mean,
        varPredMean: variance,
        confInt(alpha = 0.05) {
          const z = ndtri(1 - alpha / 2);
          return { lower: mean.map((m, i) => m - z * Math.sqrt(variance[i])), upper: mean.map((m, i) => m + z * Math.sqrt(variance[i])) };
        },
      };
    };
    return {
      params,
      paramNames: this.paramNames,
      llf,
      aic: -2 * llf + 2 * k,
      bic: -2 * llf + Math.log(nobsEff) * k,
      aicc: -2 * llf + (2 * k * nobsEff) / (nobsEff - k - 1),
      nobs: this.endog.length,
      resid: Array.from(filt.v),
      forecast: (steps = 1) => getForecast(steps).predictedMean,
      getForecast,
    };
  }
}
