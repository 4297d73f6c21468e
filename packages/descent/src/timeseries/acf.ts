/**
 * Autocovariance and autocorrelation, as statsmodels' `acovf`, `acf` and `acorr_ljungbox`.
 *
 * γ̂(k) = Σ_{t} (x_t − x̄)(x_{t+k} − x̄) / n (or / (n − k) with `adjusted: true`),
 * ρ̂(k) = γ̂(k)/γ̂(0). Confidence bands use Bartlett's formula var ρ̂(k) ≈ (1 + 2Σ_{j<k} ρ̂(j)²)/n
 * (Box, Jenkins & Reinsel, Time Series Analysis, eq. 2.1.13); the Ljung–Box statistic is
 * Q(h) = n(n + 2) Σ_{k≤h} ρ̂(k)²/(n − k) against χ²(h − modelDf) (Ljung & Box, Biometrika
 * 65 (1978) 297–303).
 */
import { chi2 } from '../stats/distributions/chi2.js';
import { ndtri } from '../stats/special/index.js';
import { meanOf, series } from './series.js';

/**
 * Autocovariances γ̂(0..nlag) (statsmodels' `acovf`, direct sums rather than FFT).
 *
 * ```ts
 * acovf([1, 2, 3, 4], { nlag: 2 }); // [1.25, 0.3125, −0.375]
 * ```
 */
export function acovf(x: ArrayLike<number>, options: { adjusted?: boolean; demean?: boolean; nlag?: number } = {}): number[] {
  const { adjusted = false, demean = true } = options;
  const a = series('acovf', x, 1);
  const n = a.length;
  const nlag = options.nlag ?? n - 1;
  if (!Number.isInteger(nlag) || nlag < 0 || nlag > n - 1) throw new RangeError(`acovf: nlag must be an integer in [0, ${n - 1}], got ${nlag}`);
  const m = demean ? meanOf(a) : 0;
  const xo = a.map((v) => v - m);
  const out = new Array<number>(nlag + 1);
  for (let k = 0; k <= nlag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += xo[t] * xo[t - k];
    out[k] = s / (adjusted ? n - k : n);
  }
  return out;
}

export interface AcfOptions {
  /** Number of lags (default min(10·log10(n), n − 1), as statsmodels). */
  nlags?: number;
  adjusted?: boolean;
  /** Also return the Ljung–Box Q statistics and p-values for lags 1..nlags. */
  qstat?: boolean;
  /** Also return (1 − alpha) confidence intervals (Bartlett's formula). */
  alpha?: number;
}

export interface AcfResult {
  acf: number[];
  confint?: [number, number][];
  qstat?: number[];
  pvalues?: number[];
}

/** Default number of lags, statsmodels' min(⌊10·log10 n⌋, n − 1). */
export const defaultNlags = (n: number) => Math.min(Math.floor(10 * Math.log10(n)), n - 1);

/**
 * The sample autocorrelation function ρ̂(0..nlags).
 *
 * ```ts
 * acf([1, 3, 2, 5, 4, 6, 5, 8], { nlags: 3, qstat: true, alpha: 0.05 });
 * ```
 */
export function acf(x: ArrayLike<number>, options: AcfOptions = {}): AcfResult {
  const a = series('acf', x, 2);
  const n = a.length;
  const { adjusted = false, qstat = false, alpha } = options;
  const nlags = options.nlags ?? defaultNlags(n);
  if (!Number.isInteger(nlags) || nlags < 1 || nlags > n - 1) throw new RangeError(`acf: nlags must be an integer in [1, ${n - 1}], got ${nlags}`);
  const cov = acovf(a, { adjusted, nlag: n - 1 });
  const r = cov.slice(0, nlags + 1).map((v) => v / cov[0]);
  const out: AcfResult = { acf: r };
  if (alpha !== undefined) {
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`acf: alpha must be in (0, 1), got ${alpha}`);
    const z = ndtri(1 - alpha / 2);
    let cum = 0;
    out.confint = r.map((rk, k) => {
      let v = 0;
      if (k === 1) v = 1 / n;
      else if (k > 1) {
        cum += r[k - 1] ** 2;
        v = (1 + 2 * cum) / n;
      }
      const half = z * Math.sqrt(v);
      return [rk - half, rk + half];
    });
  }
  if (qstat) {
    const { lbStat, lbPvalue } = ljungBox(r, n, Array.from({ length: nlags }, (_, i) => i + 1), 0);
    out.qstat = lbStat;
    out.pvalues = lbPvalue;
  }
  return out;
}

function ljungBox(r: number[], n: number, lags: number[], modelDf: number) {
  const cum: number[] = [];
  let s = 0;
  for (let k = 1; k < r.length; k++) {
    s += (r[k] * r[k]) / (n - k);
    cum.push(n * (n + 2) * s);
  }
  const lbStat = lags.map((h) => cum[h - 1]);
  const lbPvalue = lags.map((h, i) => (h - modelDf > 0 ? chi2.sf(lbStat[i], h - modelDf) : NaN));
  return { lbStat, lbPvalue };
}

export interface LjungboxOptions {
  /** The lags to test: a number h (lags 1..h) or a list (default 1..min(n/5, 10)). */
  lags?: number | number[];
  /** Degrees of freedom used by a fitted model, subtracted from each lag (statsmodels' model_df). */
  modelDf?: number;
  /** Also return the Box–Pierce statistics. */
  boxpierce?: boolean;
}

/**
 * The Ljung–Box test of no autocorrelation up to each lag, statsmodels' `acorr_ljungbox`
 * (its DataFrame columns as arrays: `lbStat`, `lbPvalue`, and `bpStat`, `bpPvalue`).
 *
 * ```ts
 * acorrLjungbox(residuals, { lags: [10] }); // { lags: [10], lbStat: [...], lbPvalue: [...] }
 * ```
 */
export function acorrLjungbox(x: ArrayLike<number>, options: LjungboxOptions = {}) {
  const a = series('acorrLjungbox', x, 3);
  const n = a.length;
  const { modelDf = 0, boxpierce = false } = options;
  let lags: number[];
  if (options.lags === undefined) lags = Array.from({ length: Math.min(Math.floor(n / 5), 10) }, (_, i) => i + 1);
  else if (typeof options.lags === 'number') lags = Array.from({ length: options.lags }, (_, i) => i + 1);
  else lags = options.lags.slice();
  if (lags.length === 0 || lags.some((h) => !Number.isInteger(h) || h < 1 || h > n - 1)) throw new RangeError(`acorrLjungbox: lags must be integers in [1, ${n - 1}]`);
  const maxlag = Math.max(...lags);
  const cov = acovf(a, { nlag: maxlag });
  const r = cov.map((v) => v / cov[0]);
  const { lbStat, lbPvalue } = ljungBox(r, n, lags, modelDf);
  const result: { lags: number[]; lbStat: number[]; lbPvalue: number[]; bpStat?: number[]; bpPvalue?: number[] } = { lags, lbStat, lbPvalue };
  if (boxpierce) {
    const cum: number[] = [];
    let s = 0;
    for (let k = 1; k <= maxlag; k++) cum.push(n * (s += r[k] * r[k]));
    result.bpStat = lags.map((h) => cum[h - 1]);
    result.bpPvalue = lags.map((h, i) => (h - modelDf > 0 ? chi2.sf(result.bpStat![i], h - modelDf) : NaN));
  }
  return result;
}
