/**
 * Action and observation spaces, as Gymnasium names them: `Discrete(n)` holds the integers
 * 0..n-1, `Box(low, high)` a rectangle of real vectors. Each samples from a seeded
 * `Generator` and says whether a value belongs to it.
 *
 * ```ts
 * const a = new Discrete(4);  a.sample(new Generator(0)); // 0..3
 * ```
 */
import type { Generator } from '../random/index.js';

/** The integers 0, 1, ..., n - 1. */
export class Discrete {
  readonly kind = 'discrete' as const;
  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Discrete: n must be an integer >= 1, got ${n}`);
  }
  sample(gen: Generator): number {
    return gen.integers(0, this.n);
  }
  contains(x: unknown): boolean {
    return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < this.n;
  }
}

/** Real vectors with `low[i] <= x[i] <= high[i]`; bounds may be infinite. */
export class Box {
  readonly kind = 'box' as const;
  readonly low: Float64Array;
  readonly high: Float64Array;
  constructor(low: ArrayLike<number>, high: ArrayLike<number>) {
    if (low.length !== high.length) throw new RangeError(`Box: low and high must have the same length, got ${low.length} and ${high.length}`);
    this.low = Float64Array.from(low);
    this.high = Float64Array.from(high);
    for (let i = 0; i < this.low.length; i++) {
      if (!(this.low[i] <= this.high[i])) throw new RangeError(`Box: need low[${i}] <= high[${i}], got ${this.low[i]} > ${this.high[i]}`);
    }
  }
  get shape(): number[] {
    return [this.low.length];
  }
  /** Uniform on bounded coordinates; a standard normal on unbounded ones (as Gymnasium does). */
  sample(gen: Generator): Float64Array {
    const out = new Float64Array(this.low.length);
    for (let i = 0; i < out.length; i++) {
      const lo = this.low[i], hi = this.high[i];
      if (Number.isFinite(lo) && Number.isFinite(hi)) out[i] = gen.uniform(lo, hi);
      else if (Number.isFinite(lo)) out[i] = lo - Math.log(1 - gen.random());
      else if (Number.isFinite(hi)) out[i] = hi + Math.log(1 - gen.random());
      else out[i] = gen.normal();
    }
    return out;
  }
  contains(x: ArrayLike<number>): boolean {
    if (x.length !== this.low.length) return false;
    for (let i = 0; i < x.length; i++) if (!(x[i] >= this.low[i] && x[i] <= this.high[i])) return false;
    return true;
  }
}

export type Space = Discrete | Box;
