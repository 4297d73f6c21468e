/**
 * A seeded pseudo-random generator: xoshiro128** (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", 2018, https://prng.di.unimi.it/), seeded through
 * SplitMix32 so that nearby seeds give unrelated streams.
 *
 * Everything is 32-bit integer arithmetic (`Math.imul`, `>>> 0`), so for a given seed the
 * integer and uniform draws are bit-for-bit the same in Node and every browser. Normal
 * draws use the Box–Muller transform, which calls `Math.log`, `Math.sqrt` and `Math.cos`:
 * identical wherever V8 runs (Node, Chromium); other engines may differ in the last bit.
 *
 * ```ts
 * const g = new Generator(42);
 * g.random();        // uniform in [0, 1)
 * g.normal();        // standard normal
 * g.integers(0, 6);  // a die roll in 0..5
 * ```
 */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Box–Muller makes normals in pairs; the second one waits here. */
  private spareNormal: number | null = null;

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** Resets the stream, as `torch.manual_seed` does for the default generator. */
  seed(seed: number): this {
    if (!Number.isFinite(seed)) throw new TypeError(`Generator.seed: seed must be a finite number, got ${seed}`);
    // SplitMix32 spreads one 32-bit seed over the 128-bit state; the high bits of
    // large seeds are folded in so that seeds above 2^32 still differ.
    let x = (Math.floor(seed) ^ Math.floor(seed / 2 ** 32)) >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    this.spareNormal = null;
    return this;
  }

  /** The next 32 random bits as an unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits (two 32-bit draws), like NumPy's `random()`. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [0, 1) with 24 random bits: exactly representable in float32. */
  randomFloat32(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  /** Uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** Standard normal by the Box–Muller transform (mean 0, standard deviation 1). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    // 1 - random() lies in (0, 1], so the log is finite.
    const u1 = 1 - this.random();
    const u2 = this.random();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spareNormal = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /**
   * A uniform integer in [low, high), without modulo bias: draws are rejected above the
   * largest multiple of the range (Lemire's remark applies; this is the plain version).
   */
  integers(low: number, high: number): number {
    if (!Number.isInteger(low) || !Number.isInteger(high)) {
      throw new TypeError(`Generator.integers: low and high must be integers, got ${low} and ${high}`);
    }
    const range = high - low;
    if (range <= 0) throw new RangeError(`Generator.integers: need low < high, got low=${low}, high=${high}`);
    if (range > 2 ** 32) {
      // Two draws give 53 bits: enough for any safe integer range.
      return low + Math.floor(this.random() * range);
    }
    const limit = 2 ** 32 - (2 ** 32 % range);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return low + (x % range);
  }

  /** A random permutation of 0..n-1 (Fisher–Yates, walking down from the end). */
  permutation(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Generator.permutation: n must be a non-negative integer, got ${n}`);
    const p = Array.from({ length: n }, (_, i) => i);
    this.shuffle(p);
    return p;
  }

  /** Shuffles an array in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integers(0, i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /**
   * The state, to save and restore a stream exactly: the four 32-bit words of xoshiro128**,
   * and a fifth entry when the second normal of a Box–Muller pair is waiting (PyTorch's
   * generator state keeps its cached normal too), so `normal()` continues the same way.
   */
  getState(): number[] {
    const words = [this.s0, this.s1, this.s2, this.s3];
    return this.spareNormal === null ? words : [...words, this.spareNormal];
  }

  setState(state: readonly number[]): this {
    const words = state.slice(0, 4);
    if ((state.length !== 4 && state.length !== 5) || words.every((s) => s === 0)) {
      throw new RangeError(
        `Generator.setState: expected four 32-bit words, not all zero, and perhaps a waiting normal (what getState() returns), got ${JSON.stringify(state)}`);
    }
    [this.s0, this.s1, this.s2, this.s3] = words.map((s) => s | 0);
    this.spareNormal = state.length === 5 ? state[4] : null;
    return this;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The generator random ops use when none is passed: seed it with `manualSeed`. */
export const defaultGenerator = new Generator(0);

/** Seeds the default generator, like `torch.manual_seed`. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.seed(seed);
}
