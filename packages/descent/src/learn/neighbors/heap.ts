/**
 * `KBest`: the k nearest candidates seen so far, as a max-heap on (distance, index), so the
 * worst candidate is on top and is replaced by anything better.
 *
 * Ties are broken by the lower training index, whatever order candidates arrive in: a
 * brute-force scan (index order) and a k-d tree (tree order) keep exactly the same k
 * points, listed by distance and then index. scikit-learn agrees except where several
 * points tie for the last places: which of them it keeps depends on NumPy's introselect
 * (brute force) or its tree's visiting order, and it lists tied points in no fixed order.
 */
export class KBest {
  readonly dist: Float64Array;
  readonly idx: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.dist = new Float64Array(k);
    this.idx = new Int32Array(k);
  }

  /** The reduced distance a candidate must beat (or tie with a lower index) to get in. */
  worst(): number {
    return this.size < this.k ? Infinity : this.dist[0];
  }

  /** a is worse than b: farther, or as far with a higher index. */
  private worse(a: number, b: number): boolean {
    return this.dist[a] > this.dist[b] || (this.dist[a] === this.dist[b] && this.idx[a] > this.idx[b]);
  }

  push(d: number, i: number): void {
    if (this.size < this.k) {
      // Sift up from the end.
      let c = this.size++;
      this.dist[c] = d;
      this.idx[c] = i;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!this.worse(c, parent)) break;
        this.swap(c, parent);
        c = parent;
      }
      return;
    }
    if (d > this.dist[0] || (d === this.dist[0] && i > this.idx[0])) return;
    // Replace the top and sift down.
    this.dist[0] = d;
    this.idx[0] = i;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let big = c;
      if (l < this.size && this.worse(l, big)) big = l;
      if (r < this.size && this.worse(r, big)) big = r;
      if (big === c) break;
      this.swap(c, big);
      c = big;
    }
  }

  private swap(a: number, b: number): void {
    const d = this.dist[a];
    this.dist[a] = this.dist[b];
    this.dist[b] = d;
    const i = this.idx[a];
    this.idx[a] = this.idx[b];
    this.idx[b] = i;
  }

  /** The candidates nearest first (equal distances by index): (rdist, index) pairs. */
  sorted(): { rdist: number[]; index: number[] } {
    const order = Array.from({ length: this.size }, (_, k) => k);
    order.sort((a, b) => this.dist[a] - this.dist[b] || this.idx[a] - this.idx[b]);
    return { rdist: order.map((k) => this.dist[k]), index: order.map((k) => this.idx[k]) };
  }
}
