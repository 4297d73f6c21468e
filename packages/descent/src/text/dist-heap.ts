/**
 * A binary heap of (distance, id) pairs on growable typed arrays, used by the vector indexes:
 * a max-heap keeps the k best results seen so far (the worst on top, to be evicted), a
 * min-heap holds the candidates still to expand (the nearest on top). `sign` = 1 makes it a
 * min-heap, −1 a max-heap.
 */
export class DistHeap {
  private d: Float64Array;
  private ids: Int32Array;
  size = 0;

  constructor(private readonly sign: 1 | -1, capacity = 16) {
    this.d = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  /** The top pair's distance (the smallest for a min-heap, the largest for a max-heap). */
  topDist(): number {
    return this.d[0];
  }

  topId(): number {
    return this.ids[0];
  }

  clear(): void {
    this.size = 0;
  }

  private before(a: number, b: number): boolean {
    return this.sign * (this.d[a] - this.d[b]) < 0;
  }

  private swap(a: number, b: number): void {
    const t = this.d[a]; this.d[a] = this.d[b]; this.d[b] = t;
    const u = this.ids[a]; this.ids[a] = this.ids[b]; this.ids[b] = u;
  }

  push(dist: number, id: number): void {
    if (this.size === this.d.length) {
      const d = new Float64Array(this.size * 2), ids = new Int32Array(this.size * 2);
      d.set(this.d); ids.set(this.ids);
      this.d = d; this.ids = ids;
    }
    let i = this.size++;
    this.d[i] = dist; this.ids[i] = id;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the top pair; read it first with topDist/topId. */
  pop(): void {
    this.size--;
    if (this.size === 0) return;
    this.d[0] = this.d[this.size]; this.ids[0] = this.ids[this.size];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let best = i;
      if (l < this.size && this.before(l, best)) best = l;
      if (r < this.size && this.before(r, best)) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }

  /** The pairs sorted nearest first (empties the heap). */
  drainSorted(): { ids: Int32Array; distances: Float64Array } {
    const n = this.size;
    const ids = new Int32Array(n), distances = new Float64Array(n);
    // A max-heap pops the farthest first, so fill from the back; a min-heap from the front.
    for (let k = 0; k < n; k++) {
      const at = this.sign === -1 ? n - 1 - k : k;
      ids[at] = this.topId(); distances[at] = this.topDist();
      this.pop();
    }
    return { ids, distances };
  }
}
