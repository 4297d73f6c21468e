/**
 * `KDTree`: a k-d tree for exact nearest-neighbour and radius queries under the Minkowski
 * metrics (p ≥ 1: manhattan, euclidean, chebyshev and any p), like sklearn.neighbors.KDTree.
 *
 * Each node holds a contiguous range of a permutation of the training rows and the tight
 * bounding box of those points. A node splits on the coordinate with the largest spread,
 * either at the median (sklearn's rule: balanced, depth ⌈log₂(n / leafSize)⌉) or at the
 * midpoint of that spread, sliding to the nearest point if one side would be empty (the
 * "sliding midpoint" of Maneewongvatana & Mount 1999, SciPy's cKDTree default: cells stay
 * fat on clustered data). Nodes with at most `leafSize` points are leaves.
 *
 * A query descends nearer child first and skips any node whose box is farther than the
 * current k-th candidate (Friedman, Bentley & Finkel 1977). Candidates are kept in
 * `KBest`, which breaks distance ties by the lower training index, and boxes at exactly
 * the k-th distance are still visited, so results equal brute force's, ties included.
 */
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { minRdistToBox, resolveMetric, type Metric, type MetricName } from './distance.js';
import { KBest } from './heap.js';

export interface KDTreeOptions {
  /** Most points in a leaf. Default 40 (sklearn's). */
  leafSize?: number;
  /** 'median' (default, sklearn) or 'sliding_midpoint' (SciPy). */
  splitter?: 'median' | 'sliding_midpoint';
  /** 'minkowski' (default, with `p`), 'euclidean', 'manhattan' or 'chebyshev'. */
  metric?: Exclude<MetricName, 'cosine'>;
  /** Minkowski power p ≥ 1 (Infinity is chebyshev). Default 2. */
  p?: number;
}

/** Neighbours of each query row: distances ascending (ties by index) and training indices. */
export interface NeighborsResult {
  distances: number[][];
  indices: number[][];
}

/**
 * ```ts
 * const tree = new KDTree([[0, 0], [1, 0], [0, 2], [5, 5]], { leafSize: 1 });
 * tree.query([[0.9, 0.1]], 2);        // { distances: [[0.1414…, 0.9055…]], indices: [[1, 0]] }
 * tree.queryRadius([[0, 0]], 1.5);    // { indices: [[0, 1]], distances: [[0, 1]] }
 * ```
 */
export class KDTree {
  readonly metric: Metric;
  readonly leafSize: number;
  readonly splitter: 'median' | 'sliding_midpoint';
  /** The training points, row-major (rows × cols). */
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Training row indices; node n owns idx[start[n] .. end[n]). */
  readonly idx: Int32Array;
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  /** Child node ids, −1 for leaves. */
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  /** Bounding boxes, one row of `cols` per node. */
  private lo!: Float64Array;
  private hi!: Float64Array;

  constructor(X: MatrixLike | Matrix, options: KDTreeOptions = {}) {
    const M = 'rows' in X && X.data instanceof Float64Array ? (X as Matrix) : checkArray(X as MatrixLike, { caller: 'KDTree' });
    const { leafSize = 40, splitter = 'median', metric = 'minkowski', p = 2 } = options;
    if (!Number.isInteger(leafSize) || leafSize < 1) throw new Error(`KDTree: leafSize must be an integer >= 1, got ${leafSize}.`);
    if (!(p >= 1)) throw new Error(`KDTree: p must be >= 1 (a metric needs the triangle inequality), got ${p}.`);
    if ((metric as string) === 'cosine') throw new Error("KDTree: the 'cosine' metric has no bounding-box bound; use brute force (algorithm: 'brute').");
    this.metric = resolveMetric(metric, p);
    this.leafSize = leafSize;
    this.splitter = splitter;
    this.data = M.data;
    this.rows = M.rows;
    this.cols = M.cols;
    this.idx = Int32Array.from({ length: M.rows }, (_, i) => i);
    const boxes: number[][] = [];
    this.build(0, M.rows, boxes);
    this.lo = Float64Array.from(boxes.flatMap((b) => b.slice(0, this.cols)));
    this.hi = Float64Array.from(boxes.flatMap((b) => b.slice(this.cols)));
  }

  /** Number of nodes (for tests and the curious). */
  get nNodes(): number {
    return this.start.length;
  }

  private value(row: number, dim: number): number {
    return this.data[row * this.cols + dim];
  }

  /** Builds the node for idx[s..e) and its subtree; returns its id. `boxes[n]` is [lo..., hi...]. */
  private build(s: number, e: number, boxes: number[][]): number {
    const node = this.start.length;
    this.start.push(s);
    this.end.push(e);
    this.left.push(-1);
    this.right.push(-1);
    const d = this.cols;
    const lo = new Array<number>(d).fill(Infinity);
    const hi = new Array<number>(d).fill(-Infinity);
    for (let k = s; k < e; k++) {
      for (let j = 0; j < d; j++) {
        const v = this.value(this.idx[k], j);
        if (v < lo[j]) lo[j] = v;
        if (v > hi[j]) hi[j] = v;
      }
    }
    boxes.push([...lo, ...hi]);
    if (e - s <= this.leafSize) return node;
    let dim = 0;
    for (let j = 1; j < d; j++) if (hi[j] - lo[j] > hi[dim] - lo[dim]) dim = j;
    if (hi[dim] - lo[dim] === 0) return node; // all points equal: nothing to split
    const mid = this.splitter === 'median' ? this.splitMedian(s, e, dim) : this.splitMidpoint(s, e, dim, lo[dim], hi[dim]);
    this.left[node] = this.build(s, mid, boxes);
    this.right[node] = this.build(mid, e, boxes);
    return node;
  }

  /** Quickselect (Hoare) so that idx[s..mid) ≤ idx[mid] ≤ idx[mid..e) along `dim`; mid = ⌊(s+e)/2⌋. */
  private splitMedian(s: number, e: number, dim: number): number {
    const mid = (s + e) >> 1;
    let a = s;
    let b = e - 1;
    while (a < b) {
      const pivot = this.value(this.idx[(a + b) >> 1], dim);
      let i = a;
      let j = b;
      while (i <= j) {
        while (this.value(this.idx[i], dim) < pivot) i++;
        while (this.value(this.idx[j], dim) > pivot) j--;
        if (i <= j) {
          const t = this.idx[i];
          this.idx[i] = this.idx[j];
          this.idx[j] = t;
          i++;
          j--;
        }
      }
      if (mid <= j) b = j;
      else if (mid >= i) a = i;
      else break;
    }
    return mid;
  }

  /** Points below the midpoint of [min, max] go left; slide to one point if a side is empty. */
  private splitMidpoint(s: number, e: number, dim: number, min: number, max: number): number {
    const split = min + (max - min) / 2;
    let m = s;
    for (let k = s; k < e; k++) {
      if (this.value(this.idx[k], dim) < split) {
        const t = this.idx[k];
        this.idx[k] = this.idx[m];
        this.idx[m] = t;
        m++;
      }
    }
    if (m === s || m === e) {
      // Rounding put every point on one side: move the single extreme point across.
      const target = m === s ? min : max;
      const at = m === s ? s : e - 1;
      for (let k = s; k < e; k++) {
        if (this.value(this.idx[k], dim) === target) {
          const t = this.idx[k];
          this.idx[k] = this.idx[at];
          this.idx[at] = t;
          break;
        }
      }
      m = m === s ? s + 1 : e - 1;
    }
    return m;
  }

  /** The k nearest candidates of row `i` of `Q` (already prepared for the metric). */
  searchKnn(Q: Float64Array, i: number, heap: KBest): void {
    const visit = (node: number, bound: number): void => {
      if (bound > heap.worst()) return; // a box at exactly the k-th distance may still hold a lower-index tie
      const l = this.left[node];
      if (l < 0) {
        for (let k = this.start[node]; k < this.end[node]; k++) {
          const row = this.idx[k];
          heap.push(this.metric.rdist(Q, i, this.data, row, this.cols), row);
        }
        return;
      }
      const r = this.right[node];
      const bl = minRdistToBox(this.metric, Q, i, this.lo, this.hi, l, this.cols);
      const br = minRdistToBox(this.metric, Q, i, this.lo, this.hi, r, this.cols);
      if (bl <= br) {
        visit(l, bl);
        visit(r, br);
      } else {
        visit(r, br);
        visit(l, bl);
      }
    };
    visit(0, minRdistToBox(this.metric, Q, i, this.lo, this.hi, 0, this.cols));
  }

  /** Training rows within reduced distance `rr` of row `i` of `Q`, pushed as (index, rdist). */
  searchRadius(Q: Float64Array, i: number, rr: number, out: { index: number[]; rdist: number[] }): void {
    const visit = (node: number): void => {
      if (minRdistToBox(this.metric, Q, i, this.lo, this.hi, node, this.cols) > rr) return;
      const l = this.left[node];
      if (l < 0) {
        for (let k = this.start[node]; k < this.end[node]; k++) {
          const row = this.idx[k];
          const r = this.metric.rdist(Q, i, this.data, row, this.cols);
          if (r <= rr) {
            out.index.push(row);
            out.rdist.push(r);
          }
        }
        return;
      }
      visit(l);
      visit(this.right[node]);
    };
    visit(0);
  }

  private checkQuery(X: MatrixLike): Matrix {
    const Q = checkArray(X, { caller: 'KDTree' });
    if (Q.cols !== this.cols) throw new Error(`KDTree: query data has ${Q.cols} features but the tree was built on ${this.cols}.`);
    return Q;
  }

  /**
   * The k nearest training points of each row of X, nearest first (equal distances by index).
   */
  query(X: MatrixLike, k = 1): NeighborsResult {
    const Q = this.checkQuery(X);
    if (!Number.isInteger(k) || k < 1 || k > this.rows) throw new Error(`KDTree.query: k must be an integer in [1, ${this.rows}] (the number of points in the tree), got ${k}.`);
    const distances: number[][] = [];
    const indices: number[][] = [];
    for (let i = 0; i < Q.rows; i++) {
      const heap = new KBest(k);
      this.searchKnn(Q.data, i, heap);
      const { rdist, index } = heap.sorted();
      distances.push(rdist.map((r) => this.metric.toDist(r)));
      indices.push(index);
    }
    return { distances, indices };
  }

  /**
   * Every training point within distance r (inclusive) of each row of X. Indices come in
   * ascending order, or nearest first with `sortResults` (as sklearn's `sort_results`).
   */
  queryRadius(X: MatrixLike, r: number, { sortResults = false } = {}): NeighborsResult {
    const Q = this.checkQuery(X);
    if (!(r >= 0)) throw new Error(`KDTree.queryRadius: r must be a number >= 0, got ${r}.`);
    const rr = this.metric.toRdist(r);
    const distances: number[][] = [];
    const indices: number[][] = [];
    for (let i = 0; i < Q.rows; i++) {
      const found = { index: [] as number[], rdist: [] as number[] };
      this.searchRadius(Q.data, i, rr, found);
      const order = orderResults(found.index, found.rdist, sortResults);
      indices.push(order.map((k) => found.index[k]));
      distances.push(order.map((k) => this.metric.toDist(found.rdist[k])));
    }
    return { distances, indices };
  }
}

/** Positions of (index, rdist) pairs by index, or by distance then index. */
export function orderResults(index: number[], rdist: number[], byDistance: boolean): number[] {
  const order = index.map((_, k) => k);
  return byDistance ? order.sort((a, b) => rdist[a] - rdist[b] || index[a] - index[b]) : order.sort((a, b) => index[a] - index[b]);
}
