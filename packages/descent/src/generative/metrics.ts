/**
 * Comparing a model's samples with the data they imitate.
 */
import type { Tensor } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';

function meanDistance(a: Float64Array | Float32Array, n: number, b: Float64Array | Float32Array, m: number, d: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let q = 0;
      for (let k = 0; k < d; k++) q += (a[i * d + k] - b[j * d + k]) ** 2;
      s += Math.sqrt(q);
    }
  }
  return s / (n * m);
}

/**
 * The energy distance between two samples X (n, d) and Y (m, d) (Székely & Rizzo 2013):
 * 2·E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖, as a V-statistic (all pairs, self-pairs included).
 * It is ≥ 0 and its population version is 0 only when the distributions are equal, so a
 * generator whose samples have a smaller energy distance to held-out data is closer to it.
 * O(n·m·d): keep the samples to a few thousand points.
 *
 * ```ts
 * energyDistance(samples, heldOut);   // lower is better; compare with a baseline's value
 * ```
 */
export function energyDistance(X: Tensor, Y: Tensor): number {
  if (X.ndim !== 2 || Y.ndim !== 2 || X.shape[1] !== Y.shape[1] || X.shape[0] < 1 || Y.shape[0] < 1) {
    throw new RangeError(`energyDistance: X and Y must be non-empty (n, d) and (m, d), got ${fmtShape(X.shape)} and ${fmtShape(Y.shape)}`);
  }
  const [n, d] = X.shape;
  const m = Y.shape[0];
  const a = X.astype('float64').toTypedArray() as Float64Array;
  const b = Y.astype('float64').toTypedArray() as Float64Array;
  return 2 * meanDistance(a, n, b, m, d) - meanDistance(a, n, a, n, d) - meanDistance(b, m, b, m, d);
}

/** What `classifierSampleStats` reports. */
export interface ClassifierSampleStats {
  /** Samples the classifier assigns to each class (its argmax). */
  counts: number[];
  /** Classes given at least `minShare` of their fair share n / k of the samples. */
  classesCovered: number;
  /** Mean over samples of the largest class probability. */
  meanConfidence: number;
  /** Fraction of samples whose largest probability is at least `threshold`. */
  confident: number;
}

/**
 * Judging image samples with a classifier trained on the real data, in the spirit of the
 * Inception score (Salimans et al. 2016) but reported as two plain numbers: how many classes the
 * samples cover (a collapsed generator covers few) and how sure the classifier is about each
 * sample (a blend of digits, or noise, spreads its probability). `probs` (n, k) holds the
 * classifier's softmax outputs for n samples. Neither number is a likelihood, so compare them
 * with the same numbers for a baseline, and for real data.
 *
 * ```ts
 * const probs = noGrad(() => cnn.forward(samples.reshape([-1, 1, 8, 8])).softmax(1));
 * classifierSampleStats(probs);   // { classesCovered: 10, meanConfidence: 0.93, … }
 * ```
 */
export function classifierSampleStats(probs: Tensor, options: { minShare?: number; threshold?: number } = {}): ClassifierSampleStats {
  const { minShare = 0.25, threshold = 0.9 } = options;
  if (probs.ndim !== 2 || probs.shape[0] < 1 || probs.shape[1] < 1) {
    throw new RangeError(`classifierSampleStats: probs must be non-empty (n, k) class probabilities, got ${fmtShape(probs.shape)}`);
  }
  if (!(minShare >= 0) || !(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`classifierSampleStats: need minShare >= 0 and threshold in [0, 1], got ${minShare} and ${threshold}`);
  }
  const [n, k] = probs.shape;
  const p = probs.toTypedArray();
  const counts = new Array<number>(k).fill(0);
  let sumTop = 0;
  let sure = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (p[i * k + j] > p[i * k + best]) best = j;
    const top = p[i * k + best];
    if (!Number.isFinite(top)) throw new RangeError(`classifierSampleStats: probs row ${i} is not finite; pass softmax outputs`);
    counts[best]++;
    sumTop += top;
    if (top >= threshold) sure++;
  }
  return { counts, classesCovered: counts.filter((c) => c >= (minShare * n) / k).length, meanConfidence: sumTop / n, confident: sure / n };
}
