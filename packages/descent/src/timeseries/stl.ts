/**
 * STL: seasonal–trend decomposition by loess (Cleveland, Cleveland, McRae & Terpenning,
 * "STL: A Seasonal-Trend Decomposition Procedure Based on Loess", J. Official Statistics
 * 6 (1990) 3–73), following the authors' Fortran (netlib `stl`) step for step, as
 * statsmodels' `STL` does, so the components agree to rounding.
 *
 * The inner loop alternates: detrend, smooth each cycle-subseries (all Januaries, all
 * Februaries, …) by loess and extend it one period each way, remove its low-frequency part
 * (moving averages of length period, period, 3, then a loess), deseasonalize, and smooth the
 * trend by loess. The robust version repeats that with bisquare weights from the residuals
 * (6 × median |residual|) so outliers stop pulling the fit.
 */
import { series } from './series.js';

/**
 * One loess estimate at xs (1-based position) from points nleft..nright (1-based,
 * inclusive) with tricube weights, a local line when deg = 1. Returns NaN when every weight
 * is 0 (Fortran `stlest`). The series is a strided view: point j is y[off + (j − 1)·stride]
 * (and its robustness weight rw[off + (j − 1)·stride]), so a cycle-subseries (all Januaries)
 * needs no copy.
 */
function loessAt(y: Float64Array, off: number, stride: number, n: number, len: number, deg: number, xs: number, nleft: number, nright: number, w: Float64Array, rw: Float64Array | null): number {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    w[j - 1] = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      w[j - 1] = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      if (rw) w[j - 1] *= rw[off + (j - 1) * stride];
      a += w[j - 1];
    }
  }
  if (a <= 0) return NaN;
  for (let j = nleft; j <= nright; j++) w[j - 1] /= a;
  if (h > 0 && deg > 0) {
    // a local line: reweight so the weighted mean of j is xs (Cleveland's trick)
    let mean = 0;
    for (let j = nleft; j <= nright; j++) mean += w[j - 1] * j;
    let b = xs - mean;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j - 1] * (j - mean) * (j - mean);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j - 1] *= b * (j - mean) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j - 1] * y[off + (j - 1) * stride];
  return ys;
}

/** Loess smooth of the strided view (n points) of y into ys[0..n), fitted every `jump` points and interpolated between (Fortran `stless`). */
function loess(y: Float64Array, off: number, stride: number, n: number, len: number, deg: number, jump: number, rw: Float64Array | null, ys: Float64Array, ysOff: number, w: Float64Array): void {
  const at = (i: number) => y[off + (i - 1) * stride];
  if (n < 2) {
    ys[ysOff] = at(1);
    return;
  }
  const fill = (i: number, nleft: number, nright: number) => {
    const v = loessAt(y, off, stride, n, len, deg, i, nleft, nright, w, rw);
    ys[ysOff + i - 1] = Number.isNaN(v) ? at(i) : v;
  };
  const newnj = Math.min(jump, n - 1);
  let nleft = 1;
  let nright = n;
  if (len >= n) {
    for (let i = 1; i <= n; i += newnj) fill(i, 1, n);
  } else if (newnj === 1) {
    const nsh = Math.floor((len + 1) / 2);
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      fill(i, nleft, nright);
    }
  } else {
    const nsh = Math.floor((len + 1) / 2);
    for (let i = 1; i <= n; i += newnj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      fill(i, nleft, nright);
    }
  }
  if (newnj !== 1) {
    for (let i = 1; i <= n - newnj; i += newnj) {
      const delta = (ys[ysOff + i + newnj - 1] - ys[ysOff + i - 1]) / newnj;
      for (let j = i + 1; j <= i + newnj - 1; j++) ys[ysOff + j - 1] = ys[ysOff + i - 1] + delta * (j - i);
    }
    const k = Math.floor((n - 1) / newnj) * newnj + 1;
    if (k !== n) {
      fill(n, nleft, nright);
      if (k !== n - 1) {
        const delta = (ys[ysOff + n - 1] - ys[ysOff + k - 1]) / (n - k);
        for (let j = k + 1; j <= n - 1; j++) ys[ysOff + j - 1] = ys[ysOff + k - 1] + delta * (j - k);
      }
    }
  }
}

/** Moving average of length len over x[0..n) into out[0..n − len + 1) (Fortran `stlma`). */
function movingAverage(x: Float64Array, n: number, len: number, out: Float64Array): void {
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i];
  out[0] = v / len;
  for (let j = 1; j < n - len + 1; j++) {
    v += x[j + len - 1] - x[j - 1];
    out[j] = v / len;
  }
}

export interface StlOptions {
  period: number;
  /** Loess window of the seasonal smoother (odd, >= 3; default 7). */
  seasonal?: number;
  /** Trend window (odd; default the smallest odd >= 1.5·period / (1 − 1.5/seasonal)). */
  trend?: number;
  /** Low-pass window (odd; default the smallest odd > period). */
  lowPass?: number;
  seasonalDeg?: 0 | 1;
  trendDeg?: 0 | 1;
  lowPassDeg?: 0 | 1;
  /** Bisquare robustness iterations (statsmodels' `robust`). */
  robust?: boolean;
  seasonalJump?: number;
  trendJump?: number;
  lowPassJump?: number;
}

export interface StlFitOptions {
  /** Inner loop passes (default 2 if robust, else 5). */
  innerIter?: number;
  /** Robustness passes (default 15 if robust, else 0). */
  outerIter?: number;
}

export interface StlResult {
  observed: number[];
  seasonal: number[];
  trend: number[];
  resid: number[];
  /** Robustness weights (all 1 without outer iterations). */
  weights: number[];
}

const isOddAtLeast3 = (v: number) => Number.isInteger(v) && v >= 3 && v % 2 === 1;

/**
 * ```ts
 * import { STL, loadCo2 } from 'descent/timeseries';
 * const res = new STL(loadCo2().values, { period: 12, robust: true }).fit();
 * res.seasonal.slice(0, 12); // the yearly cycle, ppm
 * ```
 */
export class STL {
  readonly endog: Float64Array;
  readonly period: number;
  readonly seasonal: number;
  readonly trend: number;
  readonly lowPass: number;
  readonly robust: boolean;
  readonly degrees: [number, number, number];
  readonly jumps: [number, number, number];

  constructor(endog: ArrayLike<number>, options: StlOptions) {
    const period = options?.period;
    if (!Number.isInteger(period) || period < 2) throw new RangeError(`STL: period must be an integer >= 2, got ${period}`);
    this.endog = series('STL', endog, 2 * period + 1, 'endog');
    const { seasonal = 7, seasonalDeg = 1, trendDeg = 1, lowPassDeg = 1, robust = false, seasonalJump = 1, trendJump = 1, lowPassJump = 1 } = options;
    if (!isOddAtLeast3(seasonal)) throw new RangeError(`STL: seasonal must be an odd integer >= 3, got ${seasonal}`);
    let trend = options.trend ?? Math.ceil((1.5 * period) / (1 - 1.5 / seasonal));
    if (options.trend === undefined && trend % 2 === 0) trend += 1;
    if (!isOddAtLeast3(trend) || trend <= period) throw new RangeError(`STL: trend must be an odd integer >= 3 and > period (${period}), got ${trend}`);
    let lowPass = options.lowPass ?? period + 1;
    if (options.lowPass === undefined && lowPass % 2 === 0) lowPass += 1;
    if (!isOddAtLeast3(lowPass) || lowPass <= period) throw new RangeError(`STL: lowPass must be an odd integer >= 3 and > period (${period}), got ${lowPass}`);
    for (const [name, d] of [['seasonalDeg', seasonalDeg], ['trendDeg', trendDeg], ['lowPassDeg', lowPassDeg]] as const) {
      if (d !== 0 && d !== 1) throw new RangeError(`STL: ${name} must be 0 or 1, got ${d}`);
    }
    for (const [name, j] of [['seasonalJump', seasonalJump], ['trendJump', trendJump], ['lowPassJump', lowPassJump]] as const) {
      if (!Number.isInteger(j) || j < 1) throw new RangeError(`STL: ${name} must be a positive integer, got ${j}`);
    }
    this.period = period;
    this.seasonal = seasonal;
    this.trend = trend;
    this.lowPass = lowPass;
    this.robust = robust;
    this.degrees = [seasonalDeg, trendDeg, lowPassDeg];
    this.jumps = [seasonalJump, trendJump, lowPassJump];
  }

  fit(options: StlFitOptions = {}): StlResult {
    const innerIter = options.innerIter ?? (this.robust ? 2 : 5);
    const outerIter = options.outerIter ?? (this.robust ? 15 : 0);
    const y = this.endog;
    const n = y.length;
    const np = this.period;
    const season = new Float64Array(n);
    const trend = new Float64Array(n);
    const rw = new Float64Array(n).fill(1);
    const work1 = new Float64Array(n + 2 * np);
    const work2 = new Float64Array(n + 2 * np);
    const work3 = new Float64Array(n + 2 * np);
    const w = new Float64Array(n + 2 * np);
    let useRw = false;
    for (let k = 0; ; k++) {
      this.innerLoop(y, innerIter, useRw ? rw : null, season, trend, work1, work2, work3, w);
      if (k + 1 > outerIter) break;
      robustnessWeights(y, season, trend, rw);
      useRw = true;
    }
    if (outerIter <= 0) rw.fill(1);
    const resid = Array.from(y, (v, i) => v - season[i] - trend[i]);
    return { observed: Array.from(y), seasonal: Array.from(season), trend: Array.from(trend), resid, weights: Array.from(rw) };
  }

  /** Fortran `stlstp`: the inner loop, `passes` times. */
  private innerLoop(y: Float64Array, passes: number, rw: Float64Array | null, season: Float64Array, trend: Float64Array, work1: Float64Array, work2: Float64Array, work3: Float64Array, w: Float64Array): void {
    const n = y.length;
    const np = this.period;
    const [sDeg, tDeg, lDeg] = this.degrees;
    const [sJump, tJump, lJump] = this.jumps;
    const cycle = new Float64Array(n + 2 * np);
    for (let pass = 0; pass < passes; pass++) {
      for (let i = 0; i < n; i++) work1[i] = y[i] - trend[i];
      // 1. each cycle-subseries smoothed and extended one period before and after: cycle has n + 2·np values
      for (let j = 0; j < np; j++) {
        const k = Math.floor((n - 1 - j) / np) + 1;
        const sub = new Float64Array(k + 2);
        loess(work1, j, np, k, this.seasonal, sDeg, sJump, rw, sub, 1, w);
        const e0 = loessAt(work1, j, np, k, this.seasonal, sDeg, 0, 1, Math.min(this.seasonal, k), w, rw);
        sub[0] = Number.isNaN(e0) ? sub[1] : e0;
        const e1 = loessAt(work1, j, np, k, this.seasonal, sDeg, k + 1, Math.max(1, k - this.seasonal + 1), k, w, rw);
        sub[k + 1] = Number.isNaN(e1) ? sub[k] : e1;
        for (let m = 0; m < k + 2; m++) cycle[m * np + j] = sub[m];
      }
      // 2. its low-frequency part: MAs of length np, np, 3 (n + 2np → n values), then loess
      movingAverage(cycle, n + 2 * np, np, work2);
      movingAverage(work2, n + np + 1, np, work3);
      movingAverage(work3, n + 2, 3, work2);
      loess(work2, 0, 1, n, this.lowPass, lDeg, lJump, null, work3, 0, w);
      // 3. seasonal = cycle − low-pass; 4. trend = loess of the deseasonalized series
      for (let i = 0; i < n; i++) season[i] = cycle[np + i] - work3[i];
      for (let i = 0; i < n; i++) work1[i] = y[i] - season[i];
      loess(work1, 0, 1, n, this.trend, tDeg, tJump, rw, trend, 0, w);
    }
  }
}

/** Bisquare weights from the residuals with scale 6·median|r| (Fortran `stlrwt`). */
function robustnessWeights(y: Float64Array, season: Float64Array, trend: Float64Array, rw: Float64Array): void {
  const n = y.length;
  const r = Float64Array.from(y, (v, i) => Math.abs(v - season[i] - trend[i]));
  const sorted = Float64Array.from(r).sort();
  const mid1 = Math.floor(n / 2) + 1;
  const mid2 = n - mid1 + 1;
  const cmad = 3 * (sorted[mid1 - 1] + sorted[mid2 - 1]);
  const c9 = 0.999 * cmad;
  const c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) rw[i] = r[i] <= c1 ? 1 : r[i] <= c9 ? (1 - (r[i] / cmad) ** 2) ** 2 : 0;
}
