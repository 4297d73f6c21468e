/**
 * More regression metrics (sklearn.metrics): max error, pinball (quantile) loss, Tweedie
 * deviances, squared log error, and the D² scores — R²'s idea (fraction of a baseline's
 * loss explained) for losses other than squared error.
 */
import type { VectorLike } from '../base/validation.js';
import { read, weightedMean } from './regression.js';

interface Weighted { sampleWeight?: VectorLike }

/**
 * The worst absolute error max |yᵢ − ŷᵢ|.
 *
 * ```ts
 * maxError([3, 2, 7, 1], [4, 2, 7, 1]); // 1
 * ```
 */
export function maxError(yTrue: VectorLike, yPred: VectorLike): number {
  const { t, p } = read(yTrue, yPred, undefined, 'maxError');
  let m = 0;
  for (let i = 0; i < t.length; i++) m = Math.max(m, Math.abs(t[i] - p[i]));
  return m;
}

function pinball(t: Float64Array, p: ArrayLike<number>, alpha: number): Float64Array {
  // α·(y − ŷ) when under-predicting, (1 − α)·(ŷ − y) when over-predicting.
  return t.map((v, i) => {
    const d = v - p[i];
    return d >= 0 ? alpha * d : -(1 - alpha) * d;
  });
}

/**
 * Mean pinball loss, the loss quantile regression minimises: ŷ at the α-quantile of y
 * is optimal. α = 0.5 gives half the mean absolute error.
 *
 * ```ts
 * meanPinballLoss([1, 2, 3], [0, 2, 3], { alpha: 0.1 }); // 0.1·1/3 = 0.0333…
 * ```
 */
export function meanPinballLoss(yTrue: VectorLike, yPred: VectorLike, options: Weighted & { alpha?: number } = {}): number {
  const alpha = options.alpha ?? 0.5;
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`meanPinballLoss: alpha must be in [0, 1]; got ${alpha}.`);
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight, 'meanPinballLoss');
  return weightedMean(pinball(t, p, alpha), w);
}

/** scikit-learn's `_weighted_percentile`: the smallest value whose cumulative weight reaches q% of the total. */
function weightedPercentile(values: Float64Array, w: Float64Array, q: number): number {
  const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b);
  const cdf: number[] = [];
  let c = 0;
  for (const i of order) cdf.push((c += w[i]));
  let target = (q / 100) * cdf[cdf.length - 1];
  if (target === 0) target = Number.MIN_VALUE; // skip leading zero-weight values
  let k = cdf.findIndex((v) => v >= target);
  if (k < 0) k = cdf.length - 1;
  return values[order[k]];
}

/** NumPy's default (linear) percentile. */
function percentile(values: Float64Array, q: number): number {
  const s = Float64Array.from(values).sort();
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * D² pinball score: 1 − pinball(y, ŷ) / pinball(y, q_α(y)), the fraction of the pinball loss
 * of always predicting y's α-quantile that the model removes (1 is perfect, 0 no better than
 * the quantile). NaN for fewer than two samples.
 *
 * ```ts
 * d2PinballScore([1, 2, 3], [1, 3, 3], { alpha: 0.9 }); // −0.5
 * ```
 */
export function d2PinballScore(yTrue: VectorLike, yPred: VectorLike, options: Weighted & { alpha?: number } = {}): number {
  const alpha = options.alpha ?? 0.5;
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight, 'd2PinballScore');
  if (t.length < 2) return NaN;
  const numerator = meanPinballLoss(t, p, { alpha, sampleWeight: w });
  const q = options.sampleWeight === undefined ? percentile(t, alpha * 100) : weightedPercentile(t, w, alpha * 100);
  const denominator = meanPinballLoss(t, new Float64Array(t.length).fill(q), { alpha, sampleWeight: w });
  if (denominator !== 0) return 1 - numerator / denominator;
  return numerator !== 0 ? 0 : 1;
}

/**
 * D² absolute error score: `d2PinballScore` at α = 0.5, i.e. 1 − MAE(y, ŷ) / MAE(y, median y).
 *
 * ```ts
 * d2AbsoluteErrorScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.764…
 * ```
 */
export function d2AbsoluteErrorScore(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  return d2PinballScore(yTrue, yPred, { ...options, alpha: 0.5 });
}

function tweedieDeviances(t: Float64Array, p: ArrayLike<number>, power: number): Float64Array {
  const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));
  return t.map((y, i) => {
    const mu = p[i];
    if (power === 0) return (y - mu) ** 2;
    if (power === 1) return 2 * (xlogy(y, y / mu) - y + mu);
    if (power === 2) return 2 * (Math.log(mu / y) + y / mu - 1);
    const yy = power < 0 ? Math.max(y, 0) : y;
    return 2 * (yy ** (2 - power) / ((1 - power) * (2 - power)) - (y * mu ** (1 - power)) / (1 - power) + mu ** (2 - power) / (2 - power));
  });
}

function checkTweedie(t: Float64Array, p: Float64Array, power: number, fn: string): void {
  if (power > 0 && power < 1) throw new Error(`${fn}: power must be <= 0 or >= 1 (no Tweedie distribution has 0 < power < 1); got ${power}.`);
  const msg = `${fn}: the Tweedie deviance with power=${power} can only be used on `;
  const anyOf = (a: Float64Array, bad: (v: number) => boolean) => a.some(bad);
  if (power < 0 && anyOf(p, (v) => v <= 0)) throw new Error(`${msg}strictly positive yPred.`);
  if (power >= 1 && power < 2 && (anyOf(t, (v) => v < 0) || anyOf(p, (v) => v <= 0))) throw new Error(`${msg}non-negative y and strictly positive yPred.`);
  if (power >= 2 && (anyOf(t, (v) => v <= 0) || anyOf(p, (v) => v <= 0))) throw new Error(`${msg}strictly positive y and yPred.`);
}

/**
 * Mean Tweedie deviance with the given power: 0 is squared error, 1 Poisson, 2 Gamma,
 * between 1 and 2 compound Poisson–Gamma (insurance claims). The deviance is twice the
 * log-likelihood gap to the saturated model (McCullagh & Nelder, Generalized Linear
 * Models, 2nd ed., §2.3).
 *
 * ```ts
 * meanTweedieDeviance([2, 0, 1, 4], [0.5, 0.5, 2, 2], { power: 1 }); // 1.4260…
 * ```
 */
export function meanTweedieDeviance(yTrue: VectorLike, yPred: VectorLike, options: Weighted & { power?: number } = {}): number {
  const power = options.power ?? 0;
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight, 'meanTweedieDeviance');
  checkTweedie(t, p, power, 'meanTweedieDeviance');
  return weightedMean(tweedieDeviances(t, p, power), w);
}

/** Mean Poisson deviance 2·Σ[y log(y/ŷ) − y + ŷ]/n, for counts (ŷ > 0). */
export function meanPoissonDeviance(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  return meanTweedieDeviance(yTrue, yPred, { ...options, power: 1 });
}

/** Mean Gamma deviance 2·Σ[log(ŷ/y) + y/ŷ − 1]/n, for positive skewed targets; scale-free. */
export function meanGammaDeviance(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  return meanTweedieDeviance(yTrue, yPred, { ...options, power: 2 });
}

/**
 * D² Tweedie score: 1 − deviance(y, ŷ) / deviance(y, ȳ), R² for a Tweedie deviance (with
 * power 0 it is R²). NaN for fewer than two samples.
 *
 * ```ts
 * d2TweedieScore([2, 0, 1, 4], [1.8, 0.2, 1.1, 3.5], { power: 1 });
 * ```
 */
export function d2TweedieScore(yTrue: VectorLike, yPred: VectorLike, options: Weighted & { power?: number } = {}): number {
  const power = options.power ?? 0;
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight, 'd2TweedieScore');
  if (t.length < 2) return NaN;
  checkTweedie(t, p, power, 'd2TweedieScore');
  const numerator = weightedMean(tweedieDeviances(t, p, power), w);
  const mean = weightedMean(t, w);
  const denominator = weightedMean(tweedieDeviances(t, new Float64Array(t.length).fill(mean), power), w);
  return 1 - numerator / denominator;
}

/**
 * Mean squared logarithmic error (1/n) Σ (log(1 + y) − log(1 + ŷ))²: relative errors, for
 * targets that grow exponentially. Targets must be >= 0.
 *
 * ```ts
 * meanSquaredLogError([3, 5, 2.5, 7], [2.5, 5, 4, 8]); // 0.0397…
 * ```
 */
export function meanSquaredLogError(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight, 'meanSquaredLogError');
  if (t.some((v) => v < 0) || p.some((v) => v < 0)) {
    throw new Error('meanSquaredLogError: Mean Squared Logarithmic Error cannot be used when targets contain negative values.');
  }
  return weightedMean(t.map((v, i) => (Math.log1p(v) - Math.log1p(p[i])) ** 2), w);
}
