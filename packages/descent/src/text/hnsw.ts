/**
 * Hierarchical navigable small-world graphs (Malkov & Yashunin 2018, "Efficient and robust
 * approximate nearest neighbor search using Hierarchical Navigable Small World graphs",
 * arXiv:1603.09320), the approximate index behind most vector databases.
 *
 * Every vector is a node in layer 0; a node also appears in layers 1…l with l drawn as
 * ⌊−ln U · mL⌋, mL = 1/ln M, so each layer holds about 1/M of the one below, like a skip
 * list. In each layer a node links to at most M neighbours (2M in layer 0). A search starts
 * at the top layer's entry point, walks greedily to the nearest node it can reach (Algorithm
 * 2 with ef = 1), drops a layer and repeats; in layer 0 it runs a best-first search that
 * keeps the `efSearch` nearest nodes seen (Algorithm 2), and returns the best k of them.
 *
 * Insertion (Algorithm 1) searches the same way with `efConstruction` candidates at each of
 * the new node's layers, and links it to M of them chosen by the neighbour-selection
 * heuristic (Algorithm 4): take candidates nearest first and keep one only if it is nearer
 * to the new node than to every neighbour already kept. That prefers neighbours in different
 * directions over a tight cluster, which keeps the graph navigable between clusters. A
 * neighbour that now has too many links is pruned with the same heuristic.
 *
 * Larger M and efConstruction build a better graph (slower to build, more memory); a larger
 * efSearch trades query speed for recall at search time.
 */
import { Generator } from '../random/index.js';
import { DistHeap } from './dist-heap.js';
import { VectorStore, type Metric, type SearchResult, type VectorsLike } from './vector-index.js';

export interface HNSWOptions {
  metric?: Metric;
  /** Links per node in layers ≥ 1 (layer 0 allows 2M). Default 16. */
  M?: number;
  /** Candidates kept while inserting. Default 200 (hnswlib's default). */
  efConstruction?: number;
  /** Candidates kept while searching; at least k is used. Default 50. */
  efSearch?: number;
  /** Seed for the random layer levels. Default 0. */
  seed?: number;
}

/**
 * An approximate nearest-neighbour index.
 *
 * ```ts
 * const index = new HNSWIndex(32, { metric: 'l2', M: 16, efConstruction: 100 }).add(vectors);
 * const { ids, distances } = index.search(query, 10);   // ≈ FlatIndex's answer, much faster
 * ```
 */
export class HNSWIndex extends VectorStore {
  readonly M: number;
  readonly efConstruction: number;
  efSearch: number;
  private readonly mL: number;
  private readonly gen: Generator;
  /** links[node][layer]: the node's neighbours in that layer. */
  private readonly links: number[][][] = [];
  private entry = -1;
  private top = -1;
  private visited = new Uint32Array(64);
  private epoch = 0;
  /** searchLayer's heaps, reused across calls (a search allocates nothing but its result). */
  private readonly candidates = new DistHeap(1, 256);
  private readonly results = new DistHeap(-1, 256);

  constructor(dim: number, options: HNSWOptions = {}) {
    super('HNSWIndex', dim, options.metric ?? 'cosine');
    const { M = 16, efConstruction = 200, efSearch = 50, seed = 0 } = options;
    for (const [name, v, min] of [['M', M, 2], ['efConstruction', efConstruction, 1], ['efSearch', efSearch, 1]] as const) {
      if (!Number.isInteger(v) || v < min) throw new RangeError(`HNSWIndex: ${name} must be an integer >= ${min}, got ${v}`);
    }
    this.M = M;
    this.efConstruction = efConstruction;
    this.efSearch = efSearch;
    this.mL = 1 / Math.log(M);
    this.gen = new Generator(seed);
  }

  /** The node every search starts from (-1 while empty) and the top layer's number. */
  get entryPoint(): number {
    return this.entry;
  }

  get maxLevel(): number {
    return this.top;
  }

  /** The highest layer node `id` appears in. */
  levelOf(id: number): number {
    return this.links[id].length - 1;
  }

  /** The neighbours of `id` in `layer` (empty above the node's level). */
  neighbours(id: number, layer: number): readonly number[] {
    return this.links[id]?.[layer] ?? [];
  }

  /** The index's distance between a query vector and stored vector `id`. */
  distanceTo(query: ArrayLike<number>, id: number): number {
    return this.dist(this.rows([query], 'distanceTo'), 0, id);
  }

  add(vectors: VectorsLike): this {
    const flat = this.rows(vectors, 'add');
    const first = this.append(flat);
    if (this.visited.length < this.count) {
      const grown = new Uint32Array(Math.max(this.count, this.visited.length * 2));
      grown.set(this.visited);
      this.visited = grown;
    }
    for (let id = first; id < this.count; id++) this.insert(id);
    return this;
  }

  search(query: ArrayLike<number>, k: number, ef = this.efSearch): SearchResult {
    this.checkK(k, 'search');
    if (!Number.isInteger(ef) || ef < 1) throw new RangeError(`HNSWIndex.search: ef must be an integer >= 1, got ${ef}`);
    const q = this.rows([query], 'search');
    let ep = this.entry;
    for (let layer = this.top; layer > 0; layer--) ep = this.greedyClosest(q, 0, ep, layer);
    const found = this.searchLayer(q, 0, ep, Math.max(ef, k), 0);
    return { ids: found.ids.slice(0, k), distances: found.distances.slice(0, k) };
  }

  /**
   * Greedy search in one layer (Algorithm 2 with ef = 1): move to whichever neighbour of the
   * current node is nearest to q while that is nearer than the current node.
   */
  greedyClosest(q: Float32Array, qo: number, start: number, layer: number): number {
    let cur = start, curDist = this.dist(q, qo, cur);
    for (let moved = true; moved;) {
      moved = false;
      for (const nb of this.links[cur][layer]) {
        const d = this.dist(q, qo, nb);
        if (d < curDist) {
          cur = nb; curDist = d; moved = true;
        }
      }
    }
    return cur;
  }

  /** Algorithm 2: best-first search in `layer` from `ep`, keeping the ef nearest; sorted nearest first. */
  private searchLayer(q: Float32Array, qo: number, ep: number, ef: number, layer: number): SearchResult {
    if (this.epoch === 0xfffffffe) { this.visited.fill(0); this.epoch = 0; }
    const tag = ++this.epoch;
    const { candidates, results } = this;
    candidates.clear(); results.clear();
    const d0 = this.dist(q, qo, ep);
    candidates.push(d0, ep); results.push(d0, ep);
    this.visited[ep] = tag;
    const visited = this.visited;
    while (candidates.size > 0) {
      const cDist = candidates.topDist(), c = candidates.topId();
      if (cDist > results.topDist()) break; // every remaining candidate is farther than our worst result
      candidates.pop();
      const nbs = this.links[c][layer];
      for (let i = 0; i < nbs.length; i++) {
        const e = nbs[i];
        if (visited[e] === tag) continue;
        visited[e] = tag;
        const d = this.dist(q, qo, e);
        if (results.size < ef || d < results.topDist()) {
          candidates.push(d, e);
          results.push(d, e);
          if (results.size > ef) results.pop();
        }
      }
    }
    return results.drainSorted();
  }

  /**
   * Algorithm 4 (without extending candidates or keeping pruned ones, as hnswlib): from
   * `candidates` sorted nearest to `base` first, keep each one that is nearer to `base` than
   * to every one kept so far, up to m.
   */
  private selectNeighbours(ids: Int32Array | number[], dists: Float64Array | number[], m: number): number[] {
    const kept: number[] = [];
    const d = this.dim;
    for (let i = 0; i < ids.length && kept.length < m; i++) {
      const e = ids[i];
      let good = true;
      for (const r of kept) {
        if (this.dist(this.data, e * d, r) < dists[i]) { good = false; break; }
      }
      if (good) kept.push(e);
    }
    return kept;
  }

  private insert(id: number): void {
    const level = Math.floor(-Math.log(1 - this.gen.random()) * this.mL);
    this.links[id] = Array.from({ length: level + 1 }, () => []);
    if (this.entry < 0) {
      this.entry = id;
      this.top = level;
      return;
    }
    const q = this.data, qo = id * this.dim;
    let ep = this.entry;
    for (let layer = this.top; layer > level; layer--) ep = this.greedyClosest(q, qo, ep, layer);
    for (let layer = Math.min(level, this.top); layer >= 0; layer--) {
      const found = this.searchLayer(q, qo, ep, this.efConstruction, layer);
      const mMax = layer === 0 ? 2 * this.M : this.M;
      const chosen = this.selectNeighbours(found.ids, found.distances, this.M);
      this.links[id][layer] = chosen;
      for (const nb of chosen) {
        const list = this.links[nb][layer];
        list.push(id);
        if (list.length > mMax) this.shrink(nb, layer, mMax);
      }
      ep = found.ids[0];
    }
    if (level > this.top) {
      this.entry = id;
      this.top = level;
    }
  }

  /** Re-selects node's links in `layer` with the heuristic when it has more than mMax. */
  private shrink(node: number, layer: number, mMax: number): void {
    const list = this.links[node][layer];
    const dists = list.map((nb) => this.dist(this.data, node * this.dim, nb));
    const order = list.map((_, i) => i).sort((a, b) => dists[a] - dists[b]);
    this.links[node][layer] = this.selectNeighbours(order.map((i) => list[i]), order.map((i) => dists[i]), mMax);
  }
}
