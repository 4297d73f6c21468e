/**
 * Sample quantiles with all of NumPy's methods (`np.quantile(a, q, method=…)`): the nine
 * of Hyndman & Fan (The American Statistician 50 (1996) 361–365) and NumPy's four legacy
 * ones. For a continuous method the virtual index into the sorted sample is
 * h = n·q + α + q(1 − α − β) − 1 (0-based), and the quantile interpolates between the
 * neighbours of h; `linear` (H&F 7, α = β = 1) is the default, as in NumPy and R.
 */
import { sample, sorted } from './data.js';

export type QuantileMethod =
  | 'inverted_cdf'
  | 'averaged_inverted_cdf'
  | 'closest_observation'
  | 'interpolated_inverted_cdf'
  | 'hazen'
  | 'weibull'
  | 'linear'
  | 'median_unbiased'
  | 'normal_unbiased'
  | 'lower'
  | 'higher'
  | 'midpoint'
  | 'nearest';

/** (α, β) of the continuous methods (H&F 4–9). */
const ALPHA_BETA: Partial<Record<QuantileMethod, [number, number]>> = {
  interpolated_inverted_cdf: [0, 1],
  hazen: [0.5, 0.5],
  weibull: [0, 0],
  linear: [1, 1],
  median_unbiased: [1 / 3, 1 / 3],
  normal_unbiased: [3 / 8, 3 / 8],
};

export interface QuantileOptions {
  method?: QuantileMethod;
}

/** NumPy's interpolation a + (b − a)t, written from b's side when t ≥ ½ (exact at t = 1). */
function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** Round half to even, as np.around. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** One quantile of an ascending sample s (length n ≥ 1). */
function quantileSorted(s: Float64Array, q: number, method: QuantileMethod): number {
  const n = s.length;
  const at = (i: number) => s[Math.min(Math.max(i, 0), n - 1)];
  // the methods that pick one observation
  switch (method) {
    case 'lower':
      return at(Math.floor((n - 1) * q));
    case 'higher':
      return at(Math.ceil((n - 1) * q));
    case 'nearest':
      return at(roundHalfEven((n - 1) * q));
    case 'inverted_cdf': {
      const h = n * q - 1;
      const f = Math.floor(h);
      return at(h - f === 0 ? f : f + 1);
    }
    case 'closest_observation': {
      const h = n * q - 1 - 0.5;
      const f = Math.floor(h);
      return at(h - f === 0 && f % 2 === 0 ? f : f + 1);
    }
    default:
  }
  let h: number;
  let gammaFix: ((g: number, h: number) => number) | null = null;
  if (method === 'midpoint') {
    h = 0.5 * (Math.floor((n - 1) * q) + Math.ceil((n - 1) * q));
    gammaFix = (_g, idx) => (idx % 1 === 0 ? 0 : 0.5);
  } else if (method === 'averaged_inverted_cdf') {
    h = n * q - 1;
    gammaFix = (g) => (g === 0 ? 0.5 : 1);
  } else {
    const ab = ALPHA_BETA[method];
    if (!ab) throw new RangeError(`quantile: unknown method '${method}'; use one of ${[...Object.keys(ALPHA_BETA), 'inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'lower', 'higher', 'midpoint', 'nearest'].join(', ')}`);
    const [alpha, beta] = ab;
    h = method === 'linear' ? (n - 1) * q : n * q + (alpha + q * (1 - alpha - beta)) - 1;
  }
  // NumPy clamps both neighbours to the end of the sample (then the weight is moot)
  if (h >= n - 1) return s[n - 1];
  if (h < 0) return s[0];
  const lo = Math.floor(h);
  const g = gammaFix ? gammaFix(h - lo, h) : h - lo;
  return lerp(s[lo], s[lo + 1], g);
}

function quantiles(fn: string, x: ArrayLike<number>, q: number | ArrayLike<number>, scale: number, options: QuantileOptions): number | number[] {
  const { method = 'linear' } = options;
  const s = sorted(sample(fn, x));
  const one = (v: number) => {
    const p = v / scale;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: q must be in [0, ${scale}], got ${v}`);
    return quantileSorted(s, p, method);
  };
  return typeof q === 'number' ? one(q) : Array.from(q, one);
}

/**
 * The q-th quantile(s), q in [0, 1], as NumPy's `quantile` (default method 'linear').
 *
 * ```ts
 * quantile([1, 2, 3, 4], 0.5);                       // 2.5
 * quantile([1, 2, 3, 4], [0.25, 0.75], { method: 'hazen' }); // [1.5, 3.5]
 * ```
 */
export function quantile(x: ArrayLike<number>, q: number, options?: QuantileOptions): number;
export function quantile(x: ArrayLike<number>, q: ArrayLike<number>, options?: QuantileOptions): number[];
export function quantile(x: ArrayLike<number>, q: number | ArrayLike<number>, options: QuantileOptions = {}): number | number[] {
  return quantiles('quantile', x, q, 1, options);
}

/**
 * The q-th percentile(s), q in [0, 100], as NumPy's `percentile`.
 *
 * ```ts
 * percentile([1, 2, 3, 4], 50); // 2.5
 * ```
 */
export function percentile(x: ArrayLike<number>, q: number, options?: QuantileOptions): number;
export function percentile(x: ArrayLike<number>, q: ArrayLike<number>, options?: QuantileOptions): number[];
export function percentile(x: ArrayLike<number>, q: number | ArrayLike<number>, options: QuantileOptions = {}): number | number[] {
  return quantiles('percentile', x, q, 100, options);
}

/**
 * The median (NumPy's `median`: the mean of the two middle values for even n).
 *
 * ```ts
 * median([3, 1, 4, 1]); // 2
 * ```
 */
export function median(x: ArrayLike<number>): number {
  const s = sorted(sample('median', x));
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export interface IqrOptions extends QuantileOptions {
  /** The percentiles spanned, [25, 75] by default (SciPy's `rng`). */
  rng?: [number, number];
}

/**
 * The interquartile range, percentile 75 − percentile 25 (SciPy's `iqr`; `rng` and
 * `method` as SciPy's `rng` and `interpolation`).
 *
 * ```ts
 * iqr([1, 2, 3, 4, 5, 6, 7, 8]); // 3.5
 * ```
 */
export function iqr(x: ArrayLike<number>, options: IqrOptions = {}): number {
  const { rng = [25, 75], method = 'linear' } = options;
  const s = sorted(sample('iqr', x));
  return quantileSorted(s, rng[1] / 100, method) - quantileSorted(s, rng[0] / 100, method);
}
