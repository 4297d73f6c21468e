/**
 * The absolute-error criterion: impurity Σ w |y − m| / Σ w around the weighted median m.
 *
 * scikit-learn keeps a running median per side but then sums |y − m| over every sample
 * for every candidate split, O(n) per position and O(n²) per feature. Here each side is a
 * Fenwick tree (Fenwick, "A new data structure for cumulative frequency tables", 1994)
 * over the node's samples in order of y, holding Σ w and Σ w·y: the median is a binary
 * search on prefix weights and the absolute deviation two prefix sums,
 *
 *   Σ w |y − m| = m·W(≤m) − S(≤m) + (S − S(≤m)) − m·(W − W(≤m)),
 *
 * so a position costs O(log² n). The median follows scikit-learn's
 * `WeightedMedianCalculator`: the smallest value whose cumulative weight reaches half the
 * total, or the midpoint with the next value when it lands exactly on half.
 */
import { BaseCriterion } from './criterion.js';

export class AbsoluteErrorCriterion extends BaseCriterion {
  /** Rank (in order of y within the node) of each sample index. */
  private readonly rankOf: Int32Array;
  private sortedY = new Float64Array(0);
  /** Prefix sums by rank over the whole node: totW[r] = Σ_{rank<r} w. */
  private totW = new Float64Array(1);
  private totS = new Float64Array(1);
  /** Fenwick trees (1-based) over ranks for the left side. */
  private fenW = new Float64Array(1);
  private fenS = new Float64Array(1);
  private m = 0;

  constructor(y: Float64Array, w: Float64Array | null, weightedNSamples: number) {
    super(y, w, weightedNSamples);
    this.rankOf = new Int32Array(y.length);
  }

  init(samples: Int32Array, start: number, end: number): void {
    this.samples = samples;
    this.start = start;
    this.end = end;
    const m = end - start;
    this.m = m;
    const { y, w } = this;
    const order = Array.from(samples.subarray(start, end));
    order.sort((a, b) => y[a] - y[b]);
    if (this.sortedY.length < m) {
      this.sortedY = new Float64Array(m);
      this.totW = new Float64Array(m + 1);
      this.totS = new Float64Array(m + 1);
      this.fenW = new Float64Array(m + 1);
      this.fenS = new Float64Array(m + 1);
    }
    let wn = 0;
    for (let r = 0; r < m; r++) {
      const i = order[r];
      this.rankOf[i] = r;
      this.sortedY[r] = y[i];
      const wi = w === null ? 1 : w[i];
      this.totW[r + 1] = this.totW[r] + wi;
      this.totS[r + 1] = this.totS[r] + wi * y[i];
      wn += wi;
    }
    this.weightedNNodeSamples = wn;
    this.reset();
  }

  reset(): void {
    this.pos = this.start;
    this.fenW.fill(0, 0, this.m + 1);
    this.fenS.fill(0, 0, this.m + 1);
    this.weightedNLeft = 0;
    this.weightedNRight = this.weightedNNodeSamples;
  }

  update(newPos: number): void {
    const { samples, y, w, fenW, fenS, m } = this;
    let wl = this.weightedNLeft;
    for (let p = this.pos; p < newPos; p++) {
      const i = samples[p];
      const wi = w === null ? 1 : w[i];
      const yi = wi * y[i];
      for (let k = this.rankOf[i] + 1; k <= m; k += k & -k) {
        fenW[k] += wi;
        fenS[k] += yi;
      }
      wl += wi;
    }
    this.weightedNLeft = wl;
    this.weightedNRight = this.weightedNNodeSamples - wl;
    this.pos = newPos;
  }

  /** Σ over ranks < r of the left side's weights (which = 0) or weighted y (which = 1). */
  private leftPrefix(r: number, which: 0 | 1): number {
    const f = which === 0 ? this.fenW : this.fenS;
    let s = 0;
    for (let k = r; k > 0; k -= k & -k) s += f[k];
    return s;
  }

  /** Prefix over ranks < r for side 0 (left), 1 (right) or 2 (whole node). */
  private prefix(side: number, r: number, which: 0 | 1): number {
    const tot = which === 0 ? this.totW[r] : this.totS[r];
    if (side === 2) return tot;
    const left = this.leftPrefix(r, which);
    return side === 0 ? left : tot - left;
  }

  /** Σ w |y − median| / Σ w for one side. */
  private deviation(side: number, total: number): number {
    if (total <= 0) return 0;
    const half = total / 2;
    // Smallest count r (1..m) with prefix(r) >= half: the median is sortedY[r − 1].
    let lo = 1;
    let hi = this.m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.prefix(side, mid, 0) >= half) hi = mid;
      else lo = mid + 1;
    }
    const cw = this.prefix(side, lo, 0);
    let median = this.sortedY[lo - 1];
    if (cw === half) {
      // Exactly half the weight at or below: average with the next value on this side.
      let a = lo + 1;
      let b = this.m;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (this.prefix(side, mid, 0) > cw) b = mid;
        else a = mid + 1;
      }
      if (a <= this.m && this.prefix(side, a, 0) > cw) median = (median + this.sortedY[a - 1]) / 2;
    }
    const cs = this.prefix(side, lo, 1);
    const sAll = this.prefix(side, this.m, 1);
    return (median * cw - cs + (sAll - cs) - median * (total - cw)) / total;
  }

  private median(): number {
    const half = this.weightedNNodeSamples / 2;
    let r = 1;
    while (r < this.m && this.totW[r] < half) r++;
    if (this.totW[r] === half && r < this.m) return (this.sortedY[r - 1] + this.sortedY[r]) / 2;
    return this.sortedY[r - 1];
  }

  nodeImpurity(): number {
    return this.deviation(2, this.weightedNNodeSamples);
  }

  childrenImpurity(): void {
    this.impurityLeft = this.deviation(0, this.weightedNLeft);
    this.impurityRight = this.deviation(1, this.weightedNRight);
  }

  nodeValue(out: Float64Array, offset: number): void {
    out[offset] = this.median();
  }
}
