/**
 * t-digest quantiles (Dunning & Ertl 2019, "Computing Extremely Accurate Quantiles Using
 * t-Digests"), the merging variant: incoming values wait in a buffer; a merge sorts buffer
 * and centroids by mean and greedily combines neighbours while a cluster's span in the
 * scale k₁(q) = δ/(2π)·asin(2q − 1) stays ≤ 1. k₁ is steep near q = 0 and 1, so clusters
 * there stay tiny (often single points) and the tails are accurate where a histogram or
 * a uniform sample is worst. The number of centroids stays below δ whatever the stream
 * length, and digests merge, so shards can be summarised apart.
 *
 * t-digest has no worst-case error bound (unlike KLL or GK sketches); its accuracy is
 * empirical, with rank errors that shrink like q(1 − q) towards the tails.
 */

/**
 * A mergeable quantile summary.
 *
 * @example
 * ```ts
 * import { TDigest } from 'descent/stream';
 * const td = new TDigest(100);
 * for (let i = 1; i <= 10000; i++) td.push(i);
 * td.quantile(0.5);   // ≈ 5000
 * td.quantile(0.999); // ≈ 9990
 * ```
 */
export class TDigest {
  private means: number[] = [];
  private weights: number[] = [];
  private buffer: number[] = [];
  private bufferWeights: number[] = [];
  /** Total weight pushed. */
  count = 0;
  min = Infinity;
  max = -Infinity;

  constructor(readonly compression = 100) {
    if (!Number.isFinite(compression) || compression < 10) throw new RangeError(`TDigest: compression must be a number >= 10; got ${compression}`);
  }

  push(x: number, weight = 1): this {
    if (!Number.isFinite(x)) throw new RangeError(`TDigest.push: ${x} is not finite; filter NaN and ±Infinity before the stream`);
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`TDigest.push: weight must be a finite number > 0; got ${weight}`);
    this.buffer.push(x);
    this.bufferWeights.push(weight);
    this.count += weight;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (this.buffer.length >= 5 * this.compression) this.compress();
    return this;
  }

  /** The current number of centroids (after merging the buffer). */
  get centroidCount(): number {
    this.compress();
    return this.means.length;
  }

  private k(q: number): number {
    return (this.compression / (2 * Math.PI)) * Math.asin(2 * q - 1);
  }

  private kInverse(k: number): number {
    return (Math.sin((k * 2 * Math.PI) / this.compression) + 1) / 2;
  }

  /** Merge the buffer into the centroids. */
  compress(): void {
    if (this.buffer.length === 0) return;
    const m = this.means.concat(this.buffer);
    const w = this.weights.concat(this.bufferWeights);
    this.buffer = [];
    this.bufferWeights = [];
    const order = m.map((_, i) => i).sort((a, b) => m[a] - m[b]);
    const N = this.count;
    const means: number[] = [];
    const weights: number[] = [];
    let curMean = m[order[0]];
    let curWeight = w[order[0]];
    let before = 0;
    let qLimit = this.kInverse(this.k(0) + 1) * N;
    for (let n = 1; n < order.length; n++) {
      const x = m[order[n]];
      const wx = w[order[n]];
      if (before + curWeight + wx <= qLimit) {
        curWeight += wx;
        curMean += ((x - curMean) * wx) / curWeight;
      } else {
        means.push(curMean);
        weights.push(curWeight);
        before += curWeight;
        qLimit = this.kInverse(this.k(before / N) + 1) * N;
        curMean = x;
        curWeight = wx;
      }
    }
    means.push(curMean);
    weights.push(curWeight);
    this.means = means;
    this.weights = weights;
  }

  /**
   * The estimated q-quantile: linear interpolation between centroid centres (a centroid of
   * weight w sits at cumulative weight before + w/2), and towards min and max at the ends.
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`TDigest.quantile: q must be in [0, 1]; got ${q}`);
    this.compress();
    const n = this.means.length;
    if (n === 0) return NaN;
    const target = q * this.count;
    let before = 0;
    let prevCentre = 0;
    let prevMean = this.min;
    for (let i = 0; i < n; i++) {
      const centre = before + this.weights[i] / 2;
      if (target <= centre) {
        if (centre === prevCentre) return this.means[i];
        return prevMean + ((target - prevCentre) / (centre - prevCentre)) * (this.means[i] - prevMean);
      }
      prevCentre = centre;
      prevMean = this.means[i];
      before += this.weights[i];
    }
    // Between the last centre and the maximum.
    const span = this.count - prevCentre;
    return span > 0 ? prevMean + ((target - prevCentre) / span) * (this.max - prevMean) : this.max;
  }

  /** Fold another digest in (its centroids enter as weighted points). */
  merge(other: TDigest): this {
    other.compress();
    other.means.forEach((x, i) => {
      this.buffer.push(x);
      this.bufferWeights.push(other.weights[i]);
    });
    this.count += other.count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.compress();
    return this;
  }
}
