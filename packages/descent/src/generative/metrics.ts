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
