/**
 * Uniform and weighted samples of fixed size k from a stream of unknown length.
 *
 * - Algorithm R (Vitter 1985, crediting Waterman): keep the first k items; item n (1-based)
 *   then replaces a random slot with probability k/n. By induction every item seen so far
 *   is in the sample with probability exactly k/n.
 * - A-Res (Efraimidis & Spirakis 2006): give item i the key u_i^(1/w_i), u uniform on (0, 1),
 *   and keep the k largest keys; the result is a weighted sample without replacement (for
 *   k = 1, item i wins with probability w_i / Σw).
 */
import { Generator } from '../random/index.js';

function checkSize(fn: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${fn}: the sample size k must be a positive integer; got ${k}`);
}

/**
 * A uniform random sample of k items (Algorithm R).
 *
 * @example
 * ```ts
 * import { ReservoirSampler } from 'descent/stream';
 * const r = new ReservoirSampler<number>(10, 0);
 * for (let i = 0; i < 1e5; i++) r.push(i);
 * r.sample.length; // 10
 * ```
 */
export class ReservoirSampler<T> {
  readonly sample: T[] = [];
  /** Items seen so far. */
  seen = 0;
  private readonly g: Generator;

  constructor(readonly k: number, seed = 0) {
    checkSize('ReservoirSampler', k);
    this.g = new Generator(seed);
  }

  push(item: T): this {
    this.seen++;
    if (this.sample.length < this.k) {
      this.sample.push(item);
    } else {
      const j = this.g.integers(0, this.seen); // uniform in [0, seen)
      if (j < this.k) this.sample[j] = item;
    }
    return this;
  }
}

/**
 * A weighted sample of k items without replacement (A-Res), kept in a min-heap of keys so
 * each push costs O(log k). Keys are compared as ln(u)/w, the logarithm of u^(1/w), which
 * does not underflow for small weights.
 *
 * @example
 * ```ts
 * import { WeightedReservoirSampler } from 'descent/stream';
 * const r = new WeightedReservoirSampler<string>(2, 0);
 * r.push('rare', 1).push('common', 100).push('other', 1);
 * r.sample(); // most likely includes 'common'
 * ```
 */
export class WeightedReservoirSampler<T> {
  private readonly keys: number[] = [];
  private readonly items: T[] = [];
  private readonly g: Generator;

  constructor(readonly k: number, seed = 0) {
    checkSize('WeightedReservoirSampler', k);
    this.g = new Generator(seed);
  }

  push(item: T, weight: number): this {
    if (!(weight > 0) || !Number.isFinite(weight)) {
      throw new RangeError(`WeightedReservoirSampler.push: weight must be a finite number > 0; got ${weight}`);
    }
    const key = Math.log(1 - this.g.random()) / weight; // ln(u)/w with u in (0, 1]
    const h = this.keys;
    if (h.length < this.k) {
      h.push(key);
      this.items.push(item);
      this.siftUp(h.length - 1);
    } else if (key > h[0]) {
      h[0] = key;
      this.items[0] = item;
      this.siftDown(0);
    }
    return this;
  }

  /** The sampled items, largest key first. */
  sample(): T[] {
    return this.keys.map((key, n) => [key, n] as const).sort((a, b) => b[0] - a[0]).map(([, n]) => this.items[n]);
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
  }

  private siftUp(c: number): void {
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (this.keys[p] <= this.keys[c]) return;
      this.swap(c, p);
      c = p;
    }
  }

  private siftDown(p: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * p + 1;
      let m = p;
      if (l < n && this.keys[l] < this.keys[m]) m = l;
      if (l + 1 < n && this.keys[l + 1] < this.keys[m]) m = l + 1;
      if (m === p) return;
      this.swap(m, p);
      p = m;
    }
  }
}
