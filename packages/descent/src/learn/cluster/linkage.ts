/**
 * Hierarchical-clustering merge trees, built as SciPy's `linkage` and scikit-learn's
 * `linkage_tree` build them, so that merge order, child order and heights match:
 *
 * - ward, complete, average: the nearest-neighbour chain algorithm (Murtagh, "A survey of
 *   recent advances in hierarchical clustering algorithms", Computer Journal 26, 1983;
 *   Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 *   2011, Fig. 4) with Lance–Williams distance updates, O(n²) time and memory; merges are
 *   then sorted by height and renumbered as SciPy's `_hierarchy.label` does;
 * - single: Prim's minimum spanning tree from sample 0, edges sorted by length, then
 *   union-find labels, as scikit-learn's `mst_linkage_core` and `single_linkage_label`.
 *
 * A merge tree for n samples is n − 1 rows [a, b]: row i joins nodes a and b into node n + i
 * (nodes below n are samples), at height `distances[i]`.
 */

export type Linkage = 'ward' | 'complete' | 'average' | 'single';
export type LinkageMetric = 'euclidean' | 'manhattan' | 'cosine';

export interface MergeTree {
  children: [number, number][];
  distances: number[];
  /** Samples under each merged node. */
  counts: number[];
}

/** Distance between rows i and j of X (n, d) under the metric. */
function pairDistance(X: Float64Array, d: number, i: number, j: number, metric: LinkageMetric): number {
  let s = 0;
  if (metric === 'manhattan') {
    for (let f = 0; f < d; f++) s += Math.abs(X[i * d + f] - X[j * d + f]);
    return s;
  }
  if (metric === 'cosine') {
    let ni = 0;
    let nj = 0;
    for (let f = 0; f < d; f++) {
      s += X[i * d + f] * X[j * d + f];
      ni += X[i * d + f] ** 2;
      nj += X[j * d + f] ** 2;
    }
    return Math.max(0, 1 - s / Math.sqrt(ni * nj));
  }
  for (let f = 0; f < d; f++) s += (X[i * d + f] - X[j * d + f]) ** 2;
  return Math.sqrt(s);
}

/** The merge tree of the rows of X (n, d). */
export function linkageTree(X: Float64Array, n: number, d: number, linkage: Linkage, metric: LinkageMetric = 'euclidean'): MergeTree {
  if (n < 2) return { children: [], distances: [], counts: [] };
  return linkage === 'single' ? singleLinkage(X, n, d, metric) : nnChain(X, n, d, linkage, metric);
}

function nnChain(X: Float64Array, n: number, d: number, linkage: Exclude<Linkage, 'single'>, metric: LinkageMetric): MergeTree {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) D[i * n + j] = D[j * n + i] = pairDistance(X, d, i, j, metric);
  }
  const size = new Float64Array(n).fill(1);
  const merges: [number, number, number][] = [];
  const chain: number[] = [];
  for (let step = 0; step < n - 1; step++) {
    if (chain.length === 0) {
      for (let i = 0; i < n; i++) if (size[i] > 0) { chain.push(i); break; }
    }
    let x: number;
    let y = 0;
    let best: number;
    // Follow nearest neighbours until two clusters are each other's nearest: a reciprocal pair.
    for (;;) {
      x = chain[chain.length - 1];
      if (chain.length > 1) { y = chain[chain.length - 2]; best = D[x * n + y]; } else best = Infinity;
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue;
        if (D[x * n + i] < best) { best = D[x * n + i]; y = i; }
      }
      if (chain.length > 1 && y === chain[chain.length - 2]) break;
      chain.push(y);
    }
    chain.pop();
    chain.pop();
    if (x > y) [x, y] = [y, x];
    const nx = size[x];
    const ny = size[y];
    merges.push([x, y, best]);
    size[x] = 0;
    size[y] = nx + ny;
    // Lance–Williams: the merged cluster's distance to every other cluster, stored in slot y.
    for (let i = 0; i < n; i++) {
      const ni = size[i];
      if (ni === 0 || i === y) continue;
      const dx = D[i * n + x];
      const dy = D[i * n + y];
      let v: number;
      if (linkage === 'complete') v = Math.max(dx, dy);
      else if (linkage === 'average') v = (nx * dx + ny * dy) / (nx + ny);
      else {
        // Written as SciPy's _ward, so equal heights round alike and ties break alike.
        const t = 1 / (nx + ny + ni);
        v = Math.sqrt((ni + nx) * t * dx * dx + (ni + ny) * t * dy * dy - ni * t * best * best);
      }
      D[i * n + y] = D[y * n + i] = v;
    }
  }
  // Sort by height (stably) and renumber through union-find (SciPy's _hierarchy.label).
  const order = merges.map((_, i) => i).sort((a, b) => merges[a][2] - merges[b][2] || a - b);
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const count = new Float64Array(2 * n - 1);
  count.fill(1, 0, n);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== -1) r = parent[r];
    while (parent[v] !== -1 && parent[v] !== r) { const next = parent[v]; parent[v] = r; v = next; }
    return r;
  };
  const tree: MergeTree = { children: [], distances: [], counts: [] };
  order.forEach((m, i) => {
    const a = find(merges[m][0]);
    const b = find(merges[m][1]);
    const node = n + i;
    parent[a] = parent[b] = node;
    count[node] = count[a] + count[b];
    tree.children.push(a < b ? [a, b] : [b, a]);
    tree.distances.push(merges[m][2]);
    tree.counts.push(count[node]);
  });
  return tree;
}

function singleLinkage(X: Float64Array, n: number, d: number, metric: LinkageMetric): MergeTree {
  // Prim's algorithm from sample 0; each edge records the last sample added and the new one.
  const inTree = new Uint8Array(n);
  const current = new Float64Array(n).fill(Infinity);
  const edges: [number, number, number][] = [];
  let node = 0;
  for (let step = 1; step < n; step++) {
    inTree[node] = 1;
    let best = Number.MAX_VALUE;
    let next = 0;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const dj = pairDistance(X, d, node, j, metric);
      if (dj < current[j]) current[j] = dj;
      if (current[j] < best) { best = current[j]; next = j; }
    }
    edges.push([node, next, best]);
    node = next;
  }
  edges.sort((a, b) => a[2] - b[2]); // Array.prototype.sort is stable, as NumPy's mergesort
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const size = new Float64Array(2 * n - 1);
  size.fill(1, 0, n);
  let label = n;
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== -1) r = parent[r];
    let p = v;
    while (p !== r && parent[p] !== r) { const up = parent[p]; parent[p] = r; p = up; }
    return r;
  };
  const tree: MergeTree = { children: [], distances: [], counts: [] };
  for (const [a0, b0, dist] of edges) {
    const a = find(a0);
    const b = find(b0);
    tree.children.push([a, b]);
    tree.distances.push(dist);
    size[label] = size[a] + size[b];
    tree.counts.push(size[label]);
    parent[a] = parent[b] = label++;
  }
  return tree;
}

/** CPython's heapq on numbers (push, pushpop), so cuts visit nodes in scikit-learn's order. */
function heapPush(heap: number[], item: number): void {
  heap.push(item);
  siftDown(heap, 0, heap.length - 1);
}
function heapPushPop(heap: number[], item: number): number {
  if (heap.length > 0 && heap[0] < item) {
    [item, heap[0]] = [heap[0], item];
    siftUp(heap, 0);
  }
  return item;
}
function siftDown(heap: number[], start: number, pos: number): void {
  const item = heap[pos];
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    if (item < heap[parentPos]) { heap[pos] = heap[parentPos]; pos = parentPos; continue; }
    break;
  }
  heap[pos] = item;
}
function siftUp(heap: number[], pos: number): void {
  const end = heap.length;
  const start = pos;
  const item = heap[pos];
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !(heap[child] < heap[right])) child = right;
    heap[pos] = heap[child];
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftDown(heap, start, pos);
}

/**
 * Cuts a merge tree into k clusters by undoing the k − 1 highest merges; clusters are
 * numbered as scikit-learn's `_hc_cut` numbers them (by position in its heap of nodes).
 */
export function cutTree(children: readonly [number, number][], n: number, k: number): number[] {
  const labels = new Array<number>(n).fill(0);
  if (n === 1) return labels;
  // Negated node ids: the heap's smallest is the most recent (highest) merge.
  const nodes = [-(Math.max(...children[children.length - 1]) + 1)];
  for (let c = 0; c < k - 1; c++) {
    const [a, b] = children[-nodes[0] - n];
    heapPush(nodes, -a);
    heapPushPop(nodes, -b);
  }
  nodes.forEach((neg, label) => {
    const stack = [-neg];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (v < n) labels[v] = label;
      else stack.push(...children[v - n]);
    }
  });
  return labels;
}
