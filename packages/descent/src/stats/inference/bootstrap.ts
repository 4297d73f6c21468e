/**
 * The bootstrap confidence interval, as SciPy's `bootstrap`: resample each sample with
 * replacement (or the observations jointly, `paired: true`), recompute the statistic, and
 * read the interval off the bootstrap distribution by the percentile, basic, or BCa
 * method (bias-corrected and accelerated; Efron, JASA 82 (1987) 171–185; Efron &
 * Tibshirani, An Introduction to the Bootstrap, 1993, §14.3).
 */
import { defaultGenerator, type Generator } from '../../random/index.js';
import { sample } from '../descriptive/data.js';
import { quantile } from '../descriptive/quantile.js';
import { ndtr, ndtri } from '../special/index.js';

export type Statistic = (...samples: Float64Array[]) => number;

export interface BootstrapOptions {
  nResamples?: number;
  confidenceLevel?: number;
  method?: 'percentile' | 'basic' | 'BCa';
  /** Resample observations jointly across samples of equal length (paired data). */
  paired?: boolean;
  generator?: Generator;
}

export interface BootstrapResult {
  confidenceInterval: { low: number; high: number };
  bootstrapDistribution: Float64Array;
  /** The standard deviation (ddof = 1) of the bootstrap distribution. */
  standardError: number;
}

/** SciPy's `_percentile_of_score`: the mid-rank of `score` in `a`, as a fraction. */
function percentileOfScore(a: Float64Array, score: number): number {
  let below = 0;
  let atOrBelow = 0;
  for (const v of a) {
    if (v < score) below++;
    if (v <= score) atOrBelow++;
  }
  return (below + atOrBelow) / (2 * a.length);
}

/**
 * The interval from a given bootstrap distribution `thetaHatB` (what `bootstrap` computes
 * after resampling). BCa needs the data again for its jackknife estimate of acceleration.
 *
 * ```ts
 * bootstrapInterval([[1, 2, 3, 4, 10]], (x) => x.reduce((a, b) => a + b) / x.length, dist, { method: 'BCa' });
 * ```
 */
export function bootstrapInterval(
  data: ArrayLike<number>[],
  statistic: Statistic,
  thetaHatB: ArrayLike<number>,
  options: Pick<BootstrapOptions, 'confidenceLevel' | 'method'> = {},
): { low: number; high: number } {
  const { confidenceLevel = 0.95, method = 'BCa' } = options;
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new RangeError(`bootstrap: confidenceLevel must be in (0, 1), got ${confidenceLevel}`);
  const samples = data.map((d, i) => sample('bootstrap', d, 1, `sample ${i}`));
  const dist = Float64Array.from(thetaHatB);
  const alpha = (1 - confidenceLevel) / 2;
  let a1 = alpha;
  let a2 = 1 - alpha;
  if (method === 'BCa') {
    const thetaHat = statistic(...samples);
    const z0 = ndtri(percentileOfScore(dist, thetaHat));
    // acceleration from the jackknife of each sample in turn
    let num = 0;
    let den = 0;
    samples.forEach((s, j) => {
      const n = s.length;
      const jack = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const without = new Float64Array(n - 1);
        without.set(s.subarray(0, i));
        without.set(s.subarray(i + 1), i);
        const args = samples.slice();
        args[j] = without;
        jack[i] = statistic(...args);
      }
      const dot = jack.reduce((a, b) => a + b, 0) / n;
      let u3 = 0;
      let u2 = 0;
      for (const v of jack) {
        const u = (n - 1) * (dot - v);
        u3 += u ** 3;
        u2 += u ** 2;
      }
      num += u3 / n ** 3;
      den += u2 / n ** 2;
    });
    const aHat = num / 6 / den ** 1.5;
    const zAlpha = ndtri(alpha);
    const n1 = z0 + zAlpha;
    const n2 = z0 - zAlpha;
    a1 = ndtr(z0 + n1 / (1 - aHat * n1));
    a2 = ndtr(z0 + n2 / (1 - aHat * n2));
  } else if (method !== 'percentile' && method !== 'basic') {
    throw new RangeError(`bootstrap: method must be 'percentile', 'basic' or 'BCa', got '${method}'`);
  }
  const lo = quantile(dist, a1);
  const hi = quantile(dist, a2);
  if (method === 'basic') {
    const thetaHat = statistic(...samples);
    return { low: 2 * thetaHat - hi, high: 2 * thetaHat - lo };
  }
  return { low: lo, high: hi };
}

/**
 * A bootstrap confidence interval for `statistic` of one or more samples.
 *
 * ```ts
 * import { Generator } from 'descent/random';
 * const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
 * bootstrap([[2.1, 3.4, 1.9, 5.6, 4.4, 3.0]], mean, { generator: new Generator(0) }).confidenceInterval;
 * ```
 */
export function bootstrap(data: ArrayLike<number>[], statistic: Statistic, options: BootstrapOptions = {}): BootstrapResult {
  const { nResamples = 9999, paired = false, generator = defaultGenerator } = options;
  if (!Array.isArray(data) || data.length === 0) throw new TypeError('bootstrap: data must be an array of samples, e.g. [x] or [x, y]');
  if (!Number.isInteger(nResamples) || nResamples < 2) throw new RangeError(`bootstrap: nResamples must be an integer >= 2, got ${nResamples}`);
  const samples = data.map((d, i) => sample('bootstrap', d, 1, `sample ${i}`));
  if (paired && samples.some((s) => s.length !== samples[0].length)) throw new RangeError('bootstrap: paired samples must have the same length');
  const dist = new Float64Array(nResamples);
  const buffers = samples.map((s) => new Float64Array(s.length));
  for (let b = 0; b < nResamples; b++) {
    if (paired) {
      const n = samples[0].length;
      for (let i = 0; i < n; i++) {
        const k = generator.integers(0, n);
        samples.forEach((s, j) => (buffers[j][i] = s[k]));
      }
    } else {
      samples.forEach((s, j) => {
        for (let i = 0; i < s.length; i++) buffers[j][i] = s[generator.integers(0, s.length)];
      });
    }
    dist[b] = statistic(...buffers);
  }
  const m = dist.reduce((a, b) => a + b, 0) / nResamples;
  let ss = 0;
  for (const v of dist) ss += (v - m) ** 2;
  return {
    confidenceInterval: bootstrapInterval(samples, statistic, dist, options),
    bootstrapDistribution: dist,
    standardError: Math.sqrt(ss / (nResamples - 1)),
  };
}
