/**
 * NumPy's legacy random stream, `np.random.RandomState(seed)`, for replaying a Python run draw
 * for draw (Optuna 3.1's samplers draw from it): MT19937 (Matsumoto & Nishimura, "Mersenne
 * Twister", ACM TOMACS 1998) seeded by `init_genrand`, as NumPy's legacy seeding does for an
 * integer seed. `Generator.random()` already builds a double from two 32-bit words the way
 * NumPy's `random_sample` does, ((a >> 5) · 2^26 + (b >> 6)) / 2^53, so only the 32-bit source
 * is replaced. Only `nextUint32` and `random` match NumPy; `normal` and `integers` keep
 * `Generator`'s own methods.
 */
import { Generator } from './generator.js';

/**
 * ```ts
 * const g = new Mt19937(0);
 * g.random(); // 0.5488135039273248, as np.random.RandomState(0).random_sample()
 * const sampler = new TPESampler({ generator: new Mt19937(0) }); // Optuna's TPE draws, seed 0
 * ```
 */
export class Mt19937 extends Generator {
  private mt = new Uint32Array(624);
  private mti = 624;

  constructor(seed: number) {
    super(0);
    this.seed(seed);
  }

  /** Restarts the stream as `RandomState(seed)` would (seed an integer in [0, 2^32)). */
  override seed(seed: number): this {
    super.seed(0);
    // Generator's constructor calls seed() before this class's fields exist.
    if (this.mt === undefined) return this;
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      throw new RangeError(`Mt19937: seed must be an integer in [0, 2^32), as for NumPy's RandomState; got ${seed}.`);
    }
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = (this.mt[i - 1] as number) ^ ((this.mt[i - 1] as number) >>> 30);
      this.mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = 624;
    return this;
  }

  /** The next tempered 32-bit word of MT19937. */
  override nextUint32(): number {
    const mt = this.mt;
    if (this.mti >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = ((mt[k] as number) & 0x80000000) | ((mt[(k + 1) % 624] as number) & 0x7fffffff);
        mt[k] = (mt[(k + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.mti = 0;
    }
    let y = mt[this.mti++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
