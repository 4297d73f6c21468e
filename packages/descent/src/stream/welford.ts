/**
 * Mean and variance in one pass, numerically stable and mergeable.
 *
 * Welford (1962) updates the mean and M2 = Σ(x − mean)² per value, avoiding the
 * cancellation of Σx² − n·mean² (which loses every digit when the mean is large compared
 * with the spread). Two summaries merge exactly with Chan, Golub & LeVeque's (1979)
 * pairwise formula, so partial results from shards or threads combine.
 */

/**
 * A running count, mean and variance.
 *
 * @example
 * ```ts
 * import { RunningStats } from 'descent/stream';
 * const s = new RunningStats();
 * for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) s.push(x);
 * s.mean;        // 5
 * s.variance();  // 4 (population); s.variance(1) is the sample variance 32/7
 * ```
 */
export class RunningStats {
  count = 0;
  mean = 0;
  /** Σ(x − mean)², the sum of squared deviations. */
  m2 = 0;
  min = Infinity;
  max = -Infinity;

  /** Add one value: δ = x − mean; mean += δ/n; M2 += δ·(x − mean). */
  push(x: number): this {
    if (!Number.isFinite(x)) throw new RangeError(`RunningStats.push: ${x} is not finite; filter NaN and ±Infinity before the stream`);
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    return this;
  }

  /** Variance with `ddof` degrees of freedom removed (0: population, 1: sample); NaN when undefined. */
  variance(ddof = 0): number {
    return this.count - ddof > 0 ? this.m2 / (this.count - ddof) : NaN;
  }

  /** Standard deviation with `ddof` as in `variance`. */
  std(ddof = 0): number {
    return Math.sqrt(this.variance(ddof));
  }

  /**
   * Combine with another summary in place, as if every value had been pushed here:
   * δ = mean_b − mean_a, mean = mean_a + δ·n_b/n, M2 = M2_a + M2_b + δ²·n_a·n_b/n.
   *
   * @example
   * ```ts
   * const a = new RunningStats().push(1).push(2);
   * a.merge(new RunningStats().push(3)).mean; // 2
   * ```
   */
  merge(other: RunningStats): this {
    if (other.count === 0) return this;
    const n = this.count + other.count;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.count) / n;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.count = n;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    return this;
  }
}
