/**
 * Weighted undirected graphs for the manifold learners: all-pairs shortest paths (Dijkstra
 * with a binary heap from every vertex, as scipy.sparse.csgraph.shortest_path(method='D')),
 * connected components, and scikit-learn's bridge between components.
 */
import type { Matrix } from '../base/validation.js';

/** Adjacency: graph[i] maps each neighbour j to the edge length. Symmetric. */
export type Graph = Map<number, number>[];

/**
 * (n, n) shortest-path lengths, row-major; Infinity between components.
 *
 * ```ts
 * dijkstraAll([new Map([[1, 2]]), new Map([[0, 2]])], 2);   // Float64Array [0, 2, 2, 0]
 * ```
 */
export function dijkstraAll(graph: Graph, n: number): Float64Array {
  // Flatten the adjacency once (CSR) so the inner loop reads typed arrays.
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) indptr[i + 1] = indptr[i] + graph[i].size;
  const nbr = new Int32Array(indptr[n]);
  const len = new Float64Array(indptr[n]);
  for (let i = 0; i < n; i++) {
    let t = indptr[i];
    for (const [j, w] of graph[i]) { nbr[t] = j; len[t++] = w; }
  }
  const out = new Float64Array(n * n).fill(Infinity);
  // A binary min-heap of (distance, vertex) with lazy deletion: stale entries are skipped.
  const cap = indptr[n] + n + 1;
  const hd = new Float64Array(cap);
  const hv = new Int32Array(cap);
  const done = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const dist = out.subarray(s * n, (s + 1) * n);
    done.fill(0);
    dist[s] = 0;
    let size = 0;
    const push = (d: number, v: number): void => {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (hd[p] <= d) break;
        hd[c] = hd[p]; hv[c] = hv[p]; c = p;
      }
      hd[c] = d; hv[c] = v;
    };
    push(0, s);
    while (size > 0) {
      const d = hd[0];
      const v = hv[0];
      // Pop: move the last entry down from the root.
      const ld = hd[--size];
      const lv = hv[size];
      let c = 0;
      for (;;) {
        let m = 2 * c + 1;
        if (m >= size) break;
        if (m + 1 < size && hd[m + 1] < hd[m]) m++;
        if (hd[m] >= ld) break;
        hd[c] = hd[m]; hv[c] = hv[m]; c = m;
      }
      hd[c] = ld; hv[c] = lv;
      if (done[v]) continue;
      done[v] = 1;
      for (let t = indptr[v]; t < indptr[v + 1]; t++) {
        const u = nbr[t];
        const nd = d + len[t];
        if (nd < dist[u]) { dist[u] = nd; push(nd, u); }
      }
    }
  }
  return out;
}

/** Component label of each vertex (0, 1, … in order of first vertex) and the count. */
export function connectedComponents(graph: Graph, n: number): { labels: Int32Array; count: number } {
  const labels = new Int32Array(n).fill(-1);
  let count = 0;
  const stack: number[] = [];
  for (let s = 0; s < n; s++) {
    if (labels[s] >= 0) continue;
    labels[s] = count;
    stack.push(s);
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const u of graph[v].keys()) if (labels[u] < 0) { labels[u] = count; stack.push(u); }
    }
    count++;
  }
  return { labels, count };
}

/**
 * Joins a disconnected neighbour graph, as scikit-learn's _fix_connected_components: for
 * every pair of components, an edge between their two closest points (Euclidean).
 */
export function fixConnectedComponents(M: Matrix, graph: Graph): number {
  const { labels, count } = connectedComponents(graph, M.rows);
  if (count === 1) return 1;
  const members: number[][] = Array.from({ length: count }, () => []);
  labels.forEach((l, i) => members[l].push(i));
  const d = M.cols;
  for (let a = 0; a < count; a++) {
    for (let b = 0; b < a; b++) {
      let best = Infinity;
      let bi = -1;
      let bj = -1;
      for (const i of members[a]) {
        for (const j of members[b]) {
          let s = 0;
          for (let f = 0; f < d; f++) s += (M.data[i * d + f] - M.data[j * d + f]) ** 2;
          if (s < best) { best = s; bi = i; bj = j; }
        }
      }
      graph[bi].set(bj, Math.sqrt(best));
      graph[bj].set(bi, Math.sqrt(best));
    }
  }
  return count;
}
