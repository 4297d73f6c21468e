/**
 * Count-min sketch (Cormode & Muthukrishnan 2005): d rows of w counters; an item adds its
 * count to one counter per row (chosen by that row's hash), and its estimate is the
 * minimum over rows. Collisions only add, so the estimate never undercounts, and with
 * w = ⌈e/ε⌉ and d = ⌈ln(1/δ)⌉ it overcounts by more than ε·N (N the total count) with
 * probability at most δ — in O(w·d) memory, whatever the number of distinct items.
 */
import { murmur3 } from './hash.js';

/**
 * Approximate counts of a stream's items.
 *
 * @example
 * ```ts
 * import { CountMinSketch } from 'descent/stream';
 * const cms = CountMinSketch.fromError(0.001, 0.01); // ε = 0.1% of the total, δ = 1%
 * cms.add('apple', 3).add('pear');
 * cms.estimate('apple'); // 3 (never less)
 * ```
 */
export class CountMinSketch {
  readonly table: Float64Array;
  /** Total count added (N). */
  total = 0;

  constructor(readonly width: number, readonly depth: number) {
    for (const [name, v] of [['width', width], ['depth', depth]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`CountMinSketch: ${name} must be a positive integer; got ${v}`);
    }
    this.table = new Float64Array(width * depth);
  }

  /** The sketch whose error exceeds ε·N with probability at most δ: w = ⌈e/ε⌉, d = ⌈ln(1/δ)⌉. */
  static fromError(epsilon: number, delta: number): CountMinSketch {
    if (!(epsilon > 0 && epsilon < 1) || !(delta > 0 && delta < 1)) {
      throw new RangeError(`CountMinSketch.fromError: epsilon and delta must be in (0, 1); got ${epsilon} and ${delta}`);
    }
    return new CountMinSketch(Math.ceil(Math.E / epsilon), Math.ceil(Math.log(1 / delta)));
  }

  add(key: string | number, count = 1): this {
    if (!(count >= 0) || !Number.isFinite(count)) throw new RangeError(`CountMinSketch.add: count must be a finite number >= 0; got ${count}`);
    for (let r = 0; r < this.depth; r++) this.table[r * this.width + (murmur3(key, r + 1) % this.width)] += count;
    this.total += count;
    return this;
  }

  estimate(key: string | number): number {
    let m = Infinity;
    for (let r = 0; r < this.depth; r++) m = Math.min(m, this.table[r * this.width + (murmur3(key, r + 1) % this.width)]);
    return m;
  }

  /** Add another sketch of the same shape (sketches of two streams sum to the sketch of both). */
  merge(other: CountMinSketch): this {
    if (other.width !== this.width || other.depth !== this.depth) {
      throw new RangeError(`CountMinSketch.merge: shapes differ (${this.width}×${this.depth} vs ${other.width}×${other.depth}); build both with the same width and depth`);
    }
    for (let n = 0; n < this.table.length; n++) this.table[n] += other.table[n];
    this.total += other.total;
    return this;
  }
}
