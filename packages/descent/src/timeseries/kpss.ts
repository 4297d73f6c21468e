/**
 * The KPSS test of (level or trend) stationarity, as statsmodels' `kpss` (Kwiatkowski,
 * Phillips, Schmidt & Shin, J. Econometrics 54 (1992) 159–178): η = Σ S_t²/n² over the
 * partial sums S_t of the residuals from a constant (or linear trend), divided by the
 * Newey–West long-run variance with a Bartlett kernel; p-values interpolate KPSS's Table 1
 * and are clipped to [0.01, 0.10]. The 'auto' lag is Hobijn, Franses & Ooms's data-driven
 * choice (Statistica Neerlandica 58 (2004) 483–502).
 */
import { ols } from './ols.js';
import { meanOf, series } from './series.js';

export interface KpssResult {
  statistic: number;
  pvalue: number;
  lags: number;
  criticalValues: { '10%': number; '5%': number; '2.5%': number; '1%': number };
}

const dotLag = (r: Float64Array, i: number) => {
  let s = 0;
  for (let t = i; t < r.length; t++) s += r[t] * r[t - i];
  return s;
};

/** numpy.interp on increasing xp, clamped at the ends. */
function interp(x: number, xp: number[], fp: number[]): number {
  if (x <= xp[0]) return fp[0];
  if (x >= xp[xp.length - 1]) return fp[fp.length - 1];
  let i = 1;
  while (x > xp[i]) i++;
  return fp[i - 1] + ((fp[i] - fp[i - 1]) * (x - xp[i - 1])) / (xp[i] - xp[i - 1]);
}

/**
 * ```ts
 * kpss(series, { regression: 'c', nlags: 'auto' }); // { statistic, pvalue, lags, criticalValues }
 * ```
 */
export function kpss(x: ArrayLike<number>, options: { regression?: 'c' | 'ct'; nlags?: number | 'auto' | 'legacy' } = {}): KpssResult {
  const { regression = 'c', nlags = 'auto' } = options;
  const a = series('kpss', x, 3);
  const n = a.length;
  let resid: Float64Array;
  let crit: number[];
  if (regression === 'ct') {
    resid = ols(Array.from({ length: n }, (_, i) => [1, i + 1]), a).resid;
    crit = [0.119, 0.146, 0.176, 0.216];
  } else if (regression === 'c') {
    const m = meanOf(a);
    resid = a.map((v) => v - m);
    crit = [0.347, 0.463, 0.574, 0.739];
  } else {
    throw new RangeError(`kpss: regression must be 'c' or 'ct', got '${regression}'`);
  }
  let lags: number;
  if (nlags === 'legacy') lags = Math.min(Math.ceil(12 * (n / 100) ** 0.25), n - 1);
  else if (nlags === 'auto') {
    const covlags = Math.floor(n ** (2 / 9));
    let s0 = dotLag(resid, 0) / n;
    let s1 = 0;
    for (let i = 1; i <= covlags; i++) {
      const p = dotLag(resid, i) / (n / 2);
      s0 += p;
      s1 += i * p;
    }
    const sHat = s1 / s0;
    lags = Math.min(Math.floor(1.1447 * (sHat * sHat) ** (1 / 3) * n ** (1 / 3)), n - 1);
  } else {
    if (!Number.isInteger(nlags) || nlags < 0 || nlags >= n) throw new RangeError(`kpss: nlags must be 'auto', 'legacy' or an integer in [0, ${n - 1}], got ${nlags}`);
    lags = nlags;
  }
  let cum = 0;
  let eta = 0;
  for (const r of resid) {
    cum += r;
    eta += cum * cum;
  }
  eta /= n * n;
  let sHat = dotLag(resid, 0);
  for (let i = 1; i <= lags; i++) sHat += 2 * dotLag(resid, i) * (1 - i / (lags + 1));
  sHat /= n;
  const statistic = eta / sHat;
  return {
    statistic,
    pvalue: interp(statistic, crit, [0.1, 0.05, 0.025, 0.01]),
    lags,
    criticalValues: { '10%': crit[0], '5%': crit[1], '2.5%': crit[2], '1%': crit[3] },
  };
}
