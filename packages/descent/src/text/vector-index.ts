/**
 * Vector search: given a query vector, the k stored vectors nearest to it. `FlatIndex` is
 * exact (it compares the query with every vector: O(n·d) per query) and is the ground truth
 * that approximate indexes such as `HNSWIndex` are measured against with `recallAtK`.
 *
 * Distances follow hnswlib's conventions (smaller is nearer):
 *
 * - `'l2'`: squared Euclidean distance ‖q − x‖²;
 * - `'ip'`: 1 − q·x (inner product, for vectors whose length carries meaning);
 * - `'cosine'`: 1 − cos(q, x); vectors are normalized to unit length when added, so this is
 *   the inner-product distance on unit vectors.
 */
import { DistHeap } from './dist-heap.js';

export type Metric = 'l2' | 'ip' | 'cosine';

/** Rows of vectors: an array of rows, or one flat row-major array of n·dim numbers. */
export type VectorsLike = readonly ArrayLike<number>[] | Float32Array | Float64Array;

export interface SearchResult {
  /** Ids (insertion order, from 0) of the nearest vectors, nearest first. */
  ids: Int32Array;
  distances: Float64Array;
}

const METRICS: readonly Metric[] = ['l2', 'ip', 'cosine'];

/** Storage and distance shared by the exact and approximate indexes. */
export abstract class VectorStore {
  readonly dim: number;
  readonly metric: Metric;
  protected data: Float32Array;
  protected count = 0;
  /** Distances computed so far (building and searching): the work an index does, without a clock. */
  distanceCount = 0;

  constructor(protected readonly owner: string, dim: number, metric: Metric) {
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`${owner}: dim must be an integer >= 1, got ${dim}`);
    if (!METRICS.includes(metric)) throw new RangeError(`${owner}: metric must be one of ${METRICS.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(metric)}`);
    this.dim = dim;
    this.metric = metric;
    this.data = new Float32Array(dim * 64);
  }

  /** How many vectors the index holds. */
  get size(): number {
    return this.count;
  }

  /** Validates `vectors` and returns them as flat rows (normalized for cosine). */
  protected rows(vectors: VectorsLike, what: string): Float32Array {
    const d = this.dim;
    let flat: Float32Array;
    if (vectors instanceof Float32Array || vectors instanceof Float64Array) {
      if (vectors.length % d !== 0) throw new RangeError(`${this.owner}.${what}: a flat array must hold whole rows of dim = ${d} numbers, got length ${vectors.length}`);
      flat = Float32Array.from(vectors);
    } else {
      flat = new Float32Array(vectors.length * d);
      vectors.forEach((row, i) => {
        if (row.length !== d) throw new RangeError(`${this.owner}.${what}: row ${i} has ${row.length} numbers, expected dim = ${d}`);
        for (let j = 0; j < d; j++) flat[i * d + j] = row[j];
      });
    }
    for (let i = 0; i < flat.length; i++) {
      if (!Number.isFinite(flat[i])) throw new RangeError(`${this.owner}.${what}: row ${Math.floor(i / d)} contains ${flat[i]}; vectors must be finite`);
    }
    if (this.metric === 'cosine') {
      for (let r = 0; r < flat.length; r += d) {
        let s = 0;
        for (let j = 0; j < d; j++) s += flat[r + j] * flat[r + j];
        if (s === 0) continue; // a zero vector stays zero: distance 1 to everything
        const inv = 1 / Math.sqrt(s);
        for (let j = 0; j < d; j++) flat[r + j] *= inv;
      }
    }
    return flat;
  }

  /** Appends validated rows to the storage; returns the id of the first. */
  protected append(flat: Float32Array): number {
    const first = this.count;
    const need = (this.count + flat.length / this.dim) * this.dim;
    if (need > this.data.length) {
      const grown = new Float32Array(Math.max(need, this.data.length * 2));
      grown.set(this.data.subarray(0, this.count * this.dim));
      this.data = grown;
    }
    this.data.set(flat, this.count * this.dim);
    this.count += flat.length / this.dim;
    return first;
  }

  /**
   * Distance between query q (flat, offset qo) and stored vector id. The loops run four
   * lanes at once (for (j) s += (q[j] − x[j])², unrolled): about 1.5× faster in V8, and this
   * is where the indexes spend their time.
   */
  protected dist(q: Float32Array, qo: number, id: number): number {
    this.distanceCount++;
    const x = this.data, d = this.dim, xo = id * d, d4 = d - (d % 4);
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = 0;
    if (this.metric === 'l2') {
      for (; j < d4; j += 4) {
        const t0 = q[qo + j] - x[xo + j], t1 = q[qo + j + 1] - x[xo + j + 1];
        const t2 = q[qo + j + 2] - x[xo + j + 2], t3 = q[qo + j + 3] - x[xo + j + 3];
        s0 += t0 * t0; s1 += t1 * t1; s2 += t2 * t2; s3 += t3 * t3;
      }
      for (; j < d; j++) {
        const t = q[qo + j] - x[xo + j];
        s0 += t * t;
      }
      return s0 + s1 + s2 + s3;
    }
    for (; j < d4; j += 4) {
      s0 += q[qo + j] * x[xo + j]; s1 += q[qo + j + 1] * x[xo + j + 1];
      s2 += q[qo + j + 2] * x[xo + j + 2]; s3 += q[qo + j + 3] * x[xo + j + 3];
    }
    for (; j < d; j++) s0 += q[qo + j] * x[xo + j];
    return 1 - (s0 + s1 + s2 + s3);
  }

  protected checkK(k: number, what: string): void {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`${this.owner}.${what}: k must be an integer >= 1, got ${k}`);
    if (this.count === 0) throw new Error(`${this.owner}.${what}: the index is empty; add vectors first`);
  }

  abstract add(vectors: VectorsLike): this;
  abstract search(query: ArrayLike<number>, k: number): SearchResult;

  /** `search` for each row of `queries`. */
  searchBatch(queries: VectorsLike, k: number): SearchResult[] {
    const flat = this.rows(queries, 'searchBatch');
    const out: SearchResult[] = [];
    for (let r = 0; r < flat.length; r += this.dim) out.push(this.search(flat.subarray(r, r + this.dim), k));
    return out;
  }
}

/**
 * Exact nearest-neighbour search by comparing the query with every stored vector, keeping
 * the k best in a max-heap (O(n·d + n·log k) per query).
 *
 * ```ts
 * const index = new FlatIndex(2, 'l2').add([[0, 0], [1, 0], [5, 5]]);
 * index.search([0.9, 0.1], 2).ids;   // Int32Array [1, 0]
 * ```
 */
export class FlatIndex extends VectorStore {
  constructor(dim: number, metric: Metric = 'cosine') {
    super('FlatIndex', dim, metric);
  }

  add(vectors: VectorsLike): this {
    this.append(this.rows(vectors, 'add'));
    return this;
  }

  search(query: ArrayLike<number>, k: number): SearchResult {
    this.checkK(k, 'search');
    const q = this.rows([query], 'search');
    const heap = new DistHeap(-1, k + 1);
    for (let id = 0; id < this.count; id++) {
      const dist = this.dist(q, 0, id);
      if (heap.size < k) heap.push(dist, id);
      else if (dist < heap.topDist()) {
        heap.pop();
        heap.push(dist, id);
      }
    }
    return heap.drainSorted();
  }
}

/**
 * recall@k of approximate results against exact ones: the fraction of the true k nearest
 * neighbours that the approximate search returned, averaged over queries.
 *
 * ```ts
 * recallAtK(hnsw.searchBatch(queries, 10), flat.searchBatch(queries, 10), 10);   // e.g. 0.98
 * ```
 */
export function recallAtK(approx: readonly SearchResult[], exact: readonly SearchResult[], k: number): number {
  if (approx.length !== exact.length || approx.length === 0) {
    throw new RangeError(`recallAtK: expected the same non-zero number of approximate and exact results, got ${approx.length} and ${exact.length}`);
  }
  let hit = 0, total = 0;
  approx.forEach((a, i) => {
    const truth = new Set(exact[i].ids.subarray(0, k));
    for (const id of a.ids.subarray(0, k)) if (truth.has(id)) hit++;
    total += truth.size;
  });
  return hit / total;
}
