/**
 * Partial autocorrelation, as statsmodels' `pacf`: by the Durbin–Levinson recursion on the
 * autocovariances ('ywadjusted'/'ldadjusted' with divisor n − k, 'ywmle'/'ldbiased' with
 * divisor n; Durbin, Rev. Inst. Int. Stat. 28 (1960) 233–244), or as the last coefficient of
 * an OLS autoregression with a constant on each order ('ols').
 */
import { ndtri } from '../stats/special/index.js';
import { acovf } from './acf.js';
import { ols } from './ols.js';
import { series } from './series.js';

/**
 * The Durbin–Levinson recursion: AR coefficients φ_k of every order up to nlags from the
 * autocovariances, with the innovation variances σ²_k and the partial autocorrelations φ_kk.
 *
 * ```ts
 * levinsonDurbin([1, 0.5, 0.25], 2).pacf; // [1, 0.5, 0]
 * ```
 */
export function levinsonDurbin(acov: ArrayLike<number>, nlags: number): { sigmav: number; arcoefs: number[]; pacf: number[]; sigma: number[] } {
  if (acov.length < nlags + 1) throw new RangeError(`levinsonDurbin: need ${nlags + 1} autocovariances, got ${acov.length}`);
  let phi = [acov[1] / acov[0]];
  const pacf = [1, phi[0]];
  const sigma = [acov[0], acov[0] - phi[0] * acov[1]];
  for (let k = 2; k <= nlags; k++) {
    let s = acov[k];
    for (let j = 1; j < k; j++) s -= phi[j - 1] * acov[k - j];
    const pkk = s / sigma[k - 1];
    const next = phi.map((p, j) => p - pkk * phi[k - 2 - j]);
    next.push(pkk);
    phi = next;
    pacf.push(pkk);
    sigma.push(sigma[k - 1] * (1 - pkk * pkk));
  }
  return { sigmav: sigma[nlags], arcoefs: phi, pacf, sigma };
}

export type PacfMethod = 'ywadjusted' | 'yw' | 'ywmle' | 'ols' | 'ldadjusted' | 'ld' | 'ldbiased';

export interface PacfOptions {
  nlags?: number;
  method?: PacfMethod;
  alpha?: number;
}

/**
 * Partial autocorrelations for lags 0..nlags (nlags < n/2).
 *
 * ```ts
 * pacf(series, { nlags: 10, method: 'ols' }).pacf;
 * ```
 */
export function pacf(x: ArrayLike<number>, options: PacfOptions = {}): { pacf: number[]; confint?: [number, number][] } {
  const a = series('pacf', x, 4);
  const n = a.length;
  const { method = 'ywadjusted', alpha } = options;
  const nlags = options.nlags ?? Math.min(Math.floor(10 * Math.log10(n)), Math.floor(n / 2) - 1);
  if (!Number.isInteger(nlags) || nlags < 1 || nlags >= Math.floor(n / 2)) {
    throw new RangeError(`pacf: nlags must be an integer in [1, ${Math.floor(n / 2) - 1}] (below half the sample size), got ${nlags}`);
  }
  let values: number[];
  if (method === 'ols') {
    values = [1];
    for (let k = 1; k <= nlags; k++) {
      const rows: number[][] = [];
      const y: number[] = [];
      for (let t = k; t < n; t++) {
        const row = [1];
        for (let l = 1; l <= k; l++) row.push(a[t - l]);
        rows.push(row);
        y.push(a[t]);
      }
      values.push(ols(rows, y).params[k]);
    }
  } else if (['ywadjusted', 'yw', 'ldadjusted', 'ld', 'ywmle', 'ldbiased'].includes(method)) {
    const adjusted = !(method === 'ywmle' || method === 'ldbiased');
    values = levinsonDurbin(acovf(a, { adjusted, nlag: nlags }), nlags).pacf;
  } else {
    throw new RangeError(`pacf: method must be one of ywadjusted, ywmle, ols, ldadjusted, ldbiased, got '${method}'`);
  }
  if (alpha === undefined) return { pacf: values };
  const half = ndtri(1 - alpha / 2) / Math.sqrt(n);
  return { pacf: values, confint: values.map((v, k) => (k === 0 ? [v, v] : [v - half, v + half])) };
}
