/**
 * HyperLogLog (Flajolet, Fusy, Gandouet & Meunier 2007): the number of distinct items in
 * m = 2^p small registers. An item's hash picks a register with its first p bits and
 * records there the position of the first 1-bit in the remaining bits; a maximum of ρ
 * suggests about 2^ρ distinct items. The estimate is the bias-corrected harmonic mean
 * E = α_m·m²/Σ 2^(−M_j), with the paper's two corrections: linear counting m·ln(m/V) when
 * E ≤ 5m/2 and some registers V are still empty, and −2³²·ln(1 − E/2³²) when E > 2³²/30
 * (hash collisions of a 32-bit hash). Its relative standard error is 1.04/√m.
 */
import { murmur3 } from './hash.js';

/**
 * A distinct-count sketch.
 *
 * @example
 * ```ts
 * import { HyperLogLog } from 'descent/stream';
 * const hll = new HyperLogLog(12); // 4096 registers, about 1.6% error
 * for (let i = 0; i < 1e5; i++) hll.add(i % 50000);
 * hll.count(); // ≈ 50000
 * ```
 */
export class HyperLogLog {
  readonly registers: Uint8Array;
  readonly m: number;

  constructor(readonly p = 12) {
    if (!Number.isInteger(p) || p < 4 || p > 16) throw new RangeError(`HyperLogLog: precision p must be an integer in [4, 16]; got ${p}`);
    this.m = 1 << p;
    this.registers = new Uint8Array(this.m);
  }

  add(key: string | number): this {
    const h = murmur3(key, 0x5eed);
    const j = h >>> (32 - this.p);
    const w = (h << this.p) >>> 0;
    // ρ(w): 1 + leading zeros among the 32 − p remaining bits.
    const rho = Math.min(Math.clz32(w), 32 - this.p) + 1;
    if (rho > this.registers[j]) this.registers[j] = rho;
    return this;
  }

  /** The estimated number of distinct items. */
  count(): number {
    const m = this.m;
    const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
    let sum = 0;
    let zeros = 0;
    for (let j = 0; j < m; j++) {
      sum += 2 ** -this.registers[j];
      if (this.registers[j] === 0) zeros++;
    }
    const E = (alpha * m * m) / sum;
    if (E <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros); // small range: linear counting
    const two32 = 2 ** 32;
    if (E > two32 / 30) return -two32 * Math.log(1 - E / two32); // large range
    return E;
  }

  /** The relative standard error 1.04/√m this precision promises. */
  get standardError(): number {
    return 1.04 / Math.sqrt(this.m);
  }

  /** Register-wise maximum: the sketch of the union of both streams. */
  merge(other: HyperLogLog): this {
    if (other.p !== this.p) throw new RangeError(`HyperLogLog.merge: precisions differ (${this.p} vs ${other.p}); use the same p`);
    for (let j = 0; j < this.m; j++) if (other.registers[j] > this.registers[j]) this.registers[j] = other.registers[j];
    return this;
  }
}
