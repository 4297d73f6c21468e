/**
 * The clustering-feature (CF) tree of BIRCH (Zhang, Ramakrishnan & Livny, SIGMOD 1996), as
 * sklearn/cluster/_birch.py builds it; ./birch.ts is the estimator on top.
 *
 * Each subcluster keeps only (n, Σx, Σ‖x‖²), from which its centroid and radius
 * r² = Σ‖x‖²/n − ‖centroid‖² follow. A sample descends to the closest subcluster of each
 * node; at a leaf it joins that subcluster if the merged radius stays ≤ threshold, else starts
 * a new one; a node holding more than `branchingFactor` subclusters splits in two around its
 * farthest pair. The leaves form a linked list, whose order is the order of
 * `subclusterCenters_`.
 *
 * Near-ties in these decisions fall by the last bit, so the arithmetic follows scikit-learn's
 * on NumPy 1.24 with OpenBLAS, each piece checked bit for bit against it: np.dot of two
 * vectors (ddot) and the centroid Gram matrix as chains of fused multiply-adds, np.dot of the
 * centroid matrix with a sample as OpenBLAS's dgemv kernel, and row_norms as NumPy's einsum.
 * The split's distance matrix (−2a·b + ‖a‖²) + ‖b‖² is then not symmetric in the last bit,
 * and which of (i, j) and (j, i) its argmax lands on decides which half of a split leaf comes
 * first. Taking ‖b‖² from the subclusters' ddot norms there instead of row_norms (which
 * euclidean_distances uses when called with X alone) was why two leaves used to come out
 * swapped with 4 features.
 */
export interface CFOptions { threshold: number; branchingFactor: number }

/**
 * ‖a‖² as NumPy 1.24's `einsum('ij,ij->i')`, behind scikit-learn's row_norms: two SIMD lanes
 * (even and odd coordinates) accumulated separately, blocks of 8 taken in the order 6, 4, 2, 0
 * within the block, then the lanes added. Checked bit for bit against NumPy on 1–39 features.
 */
export function rowNorm(a: ArrayLike<number>): number {
  let even = 0;
  let odd = 0;
  const n = a.length;
  let i = 0;
  for (; n - i >= 8; i += 8) {
    for (let o = 6; o >= 0; o -= 2) {
      even = a[i + o] * a[i + o] + even;
      odd = a[i + o + 1] * a[i + o + 1] + odd;
    }
  }
  for (; i < n; i += 2) {
    even = a[i] * a[i] + even;
    if (i + 1 < n) odd = a[i + 1] * a[i + 1] + odd;
  }
  return even + odd;
}

/** a·b as a chain of fused multiply-adds, the way OpenBLAS's kernels (behind scikit-learn's products) compute it. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = fma(a[i], b[i], s);
  return s;
}

/**
 * The dot products of np.dot(centroids, x) with two or more rows: OpenBLAS's dgemv_t kernel.
 * Coordinates come in blocks of 4 with one fused multiply-add lane per coordinate, the lanes
 * summed as (l0 + l2) + (l1 + l3); a remainder of 1–3 coordinates is added after it as the
 * kernel's C tail compiles (contracted to fused multiply-adds). Checked bit for bit against
 * NumPy 1.24 with OpenBLAS on this machine's kernel for 2–7 features; with 8 or more the
 * kernel unrolls further and this is only close.
 */
function gemvDot(a: ArrayLike<number>, x: ArrayLike<number>): number {
  const m = a.length;
  const m1 = m - (m & 3);
  let y = 0;
  if (m1 > 0) {
    let l0 = 0, l1 = 0, l2 = 0, l3 = 0;
    for (let i = 0; i < m1; i += 4) {
      l0 = fma(a[i], x[i], l0);
      l1 = fma(a[i + 1], x[i + 1], l1);
      l2 = fma(a[i + 2], x[i + 2], l2);
      l3 = fma(a[i + 3], x[i + 3], l3);
    }
    y = (l0 + l2) + (l1 + l3);
  }
  const r = m - m1;
  if (r === 1) y = fma(a[m1], x[m1], y);
  else if (r === 2) y += fma(a[m1], x[m1], a[m1 + 1] * x[m1 + 1]);
  else if (r === 3) y += fma(a[m1 + 2], x[m1 + 2], fma(a[m1], x[m1], a[m1 + 1] * x[m1 + 1]));
  return y;
}

/** round(a·b + c) with one rounding, as a fused multiply-add (Dekker's exact product, then a compensated sum). */
function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const split = 134217729; // 2^27 + 1
  const ta = split * a;
  const ah = ta - (ta - a);
  const al = a - ah;
  const tb = split * b;
  const bh = tb - (tb - b);
  const bl = b - bh;
  const e = ((ah * bh - p) + ah * bl + al * bh) + al * bl; // a·b = p + e exactly
  const s = p + c;
  const bb = s - p;
  const t = (p - (s - bb)) + (c - bb); // p + c = s + t exactly
  return s + (t + e);
}

/** A clustering feature: n, linear sum, squared sum, and the node below it (null at a leaf). */
export class CFSubcluster {
  n = 0;
  ls: Float64Array;
  ss = 0;
  centroid: Float64Array;
  sqNorm = 0;
  child: CFNode | null = null;

  constructor(d: number, sample?: Float64Array) {
    this.ls = sample ? sample.slice() : new Float64Array(d);
    this.centroid = this.ls;
    if (sample) {
      this.n = 1;
      this.ss = this.sqNorm = dot(sample, sample); // np.dot of 1-D arrays: OpenBLAS's ddot
    }
  }

  /** Adds another subcluster's statistics (scikit-learn's `update`). */
  update(o: CFSubcluster): void {
    this.n += o.n;
    this.ls = this.ls.map((v, i) => v + o.ls[i]);
    this.ss += o.ss;
    this.centroid = this.ls.map((v) => v / this.n);
    this.sqNorm = dot(this.centroid, this.centroid);
  }

  /** Absorbs `o` if the merged radius is within the threshold. */
  tryMerge(o: CFSubcluster, threshold: number): boolean {
    const n = this.n + o.n;
    const ls = this.ls.map((v, i) => v + o.ls[i]);
    const ss = this.ss + o.ss;
    const centroid = ls.map((v) => (1 / n) * v);
    const sqNorm = dot(centroid, centroid);
    if (ss / n - sqNorm > threshold ** 2) return false;
    Object.assign(this, { n, ls, ss, centroid, sqNorm });
    return true;
  }
}

/** A node: its subclusters with a snapshot of their centroids, and the leaves' linked list. */
export class CFNode {
  subclusters: CFSubcluster[] = [];
  centroids: Float64Array[] = [];
  sqNorms: number[] = [];
  prevLeaf: CFNode | null = null;
  nextLeaf: CFNode | null = null;

  constructor(readonly isLeaf: boolean, readonly o: CFOptions) {}

  append(s: CFSubcluster): void {
    this.subclusters.push(s);
    this.centroids.push(s.centroid.slice());
    this.sqNorms.push(s.sqNorm);
  }

  private refresh(k: number): void {
    this.centroids[k] = this.subclusters[k].centroid.slice();
    this.sqNorms[k] = this.subclusters[k].sqNorm;
  }

  /** Inserts a one-sample subcluster below this node; true when this node must split. */
  insert(s: CFSubcluster): boolean {
    if (this.subclusters.length === 0) {
      this.append(s);
      return false;
    }
    // Closest subcluster by ‖c‖² − 2c·x (‖x‖² is common to all), the products as np.dot of
    // the centroid matrix with x computes them (a single row goes to ddot instead of dgemv).
    let k = 0;
    let best = Infinity;
    const product = this.centroids.length === 1 ? dot : gemvDot;
    this.centroids.forEach((c, j) => {
      const v = -2 * product(c, s.centroid) + this.sqNorms[j];
      if (v < best) { best = v; k = j; }
    });
    const closest = this.subclusters[k];
    if (closest.child !== null) {
      if (!closest.child.insert(s)) {
        closest.update(s);
        this.refresh(k);
        return false;
      }
      // The child overflowed: replace its subcluster by the two halves.
      const [a, b] = splitNode(closest.child, this.o);
      this.subclusters[k] = a;
      this.refresh(k);
      this.append(b);
      return this.subclusters.length > this.o.branchingFactor;
    }
    if (closest.tryMerge(s, this.o.threshold)) {
      this.refresh(k);
      return false;
    }
    this.append(s);
    return this.subclusters.length > this.o.branchingFactor;
  }
}

/** Splits a node in two around its farthest pair of subclusters (each goes to the nearer of the pair). */
export function splitNode(node: CFNode, o: CFOptions): [CFSubcluster, CFSubcluster] {
  const d = node.centroids[0].length;
  const s1 = new CFSubcluster(d);
  const s2 = new CFSubcluster(d);
  const n1 = new CFNode(node.isLeaf, o);
  const n2 = new CFNode(node.isLeaf, o);
  s1.child = n1;
  s2.child = n2;
  if (node.isLeaf) {
    if (node.prevLeaf) node.prevLeaf.nextLeaf = n1;
    n1.prevLeaf = node.prevLeaf;
    n1.nextLeaf = n2;
    n2.prevLeaf = n1;
    n2.nextLeaf = node.nextLeaf;
    if (node.nextLeaf) node.nextLeaf.prevLeaf = n2;
  }
  // Squared distances as scikit-learn's euclidean_distances(centroids): (−2a·b + ‖a‖²) + ‖b‖²,
  // clipped at 0, 0 on the diagonal. Called with X alone it ignores the Y_norm_squared that
  // _split_node passes and takes both norms from row_norms (einsum). The sum is not symmetric
  // in the last bit ((−2g + ‖a‖²) + ‖b‖² against (−2g + ‖b‖²) + ‖a‖²), so argmax can land on
  // (j, i) rather than (i, j), and that decides which half comes first in the leaf order.
  const m = node.centroids.length;
  const norms = node.centroids.map(rowNorm);
  const dist = (i: number, j: number) => (i === j ? 0 : Math.max(-2 * dot(node.centroids[i], node.centroids[j]) + norms[i] + norms[j], 0));
  let fi = 0;
  let fj = 0;
  let far = -Infinity;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) { const v = dist(i, j); if (v > far) { far = v; fi = i; fj = j; } }
  node.subclusters.forEach((sub, idx) => {
    const toFirst = idx === fi || dist(fi, idx) < dist(fj, idx);
    (toFirst ? n1 : n2).append(sub);
    (toFirst ? s1 : s2).update(sub);
  });
  return [s1, s2];
}


/** A CF tree: its root and the dummy node heading the leaves' linked list. */
export interface CFTree { root: CFNode; dummy: CFNode; nFeatures: number }

/** An empty tree (a single empty leaf), as scikit-learn's first `fit`/`partial_fit` call starts. */
export function newTree(nFeatures: number, o: CFOptions): CFTree {
  const root = new CFNode(true, o);
  const dummy = new CFNode(true, o);
  dummy.nextLeaf = root;
  root.prevLeaf = dummy;
  return { root, dummy, nFeatures };
}

/** Inserts one sample; a root that overflows splits, and the tree grows a level. */
export function insertSample(tree: CFTree, x: Float64Array, o: CFOptions): void {
  if (tree.root.insert(new CFSubcluster(x.length, x))) {
    const [a, b] = splitNode(tree.root, o);
    tree.root = new CFNode(false, o);
    tree.root.append(a);
    tree.root.append(b);
  }
}

/** The leaf subclusters' centroids, leaf by leaf along the linked list. */
export function leafCentroids(tree: CFTree): number[][] {
  const out: number[][] = [];
  for (let leaf: CFNode | null = tree.dummy.nextLeaf; leaf !== null; leaf = leaf.nextLeaf) for (const c of leaf.centroids) out.push(Array.from(c));
  return out;
}

/** A CF tree as plain JSON: nodes by index (children by index), the root, and the leaf order. */
export interface CFTreeJSON {
  nFeatures: number;
  nodes: { isLeaf: boolean; threshold: number; branchingFactor: number; subclusters: { n: number; ls: number[]; ss: number; centroid: number[]; sqNorm: number; child: number }[] }[];
  root: number;
  leaves: number[];
}

/** The tree as plain data (so a saved Birch can go on with `partialFit`). */
export function treeToJSON(tree: CFTree): CFTreeJSON {
  const ids = new Map<CFNode, number>();
  const nodes: CFTreeJSON['nodes'] = [];
  const visit = (node: CFNode): number => {
    const id = nodes.length;
    ids.set(node, id);
    const entry: CFTreeJSON['nodes'][number] = { isLeaf: node.isLeaf, threshold: node.o.threshold, branchingFactor: node.o.branchingFactor, subclusters: [] };
    nodes.push(entry);
    for (const s of node.subclusters) {
      entry.subclusters.push({ n: s.n, ls: Array.from(s.ls), ss: s.ss, centroid: Array.from(s.centroid), sqNorm: s.sqNorm, child: s.child ? visit(s.child) : -1 });
    }
    return id;
  };
  const root = visit(tree.root);
  const leaves: number[] = [];
  for (let leaf: CFNode | null = tree.dummy.nextLeaf; leaf !== null; leaf = leaf.nextLeaf) leaves.push(ids.get(leaf)!);
  return { nFeatures: tree.nFeatures, nodes, root, leaves };
}

/** Inverse of `treeToJSON`. */
export function treeFromJSON(json: CFTreeJSON): CFTree {
  const nodes = json.nodes.map((e) => new CFNode(e.isLeaf, { threshold: e.threshold, branchingFactor: e.branchingFactor }));
  json.nodes.forEach((e, id) => {
    for (const j of e.subclusters) {
      const s = new CFSubcluster(json.nFeatures);
      Object.assign(s, { n: j.n, ls: Float64Array.from(j.ls), ss: j.ss, centroid: Float64Array.from(j.centroid), sqNorm: j.sqNorm, child: j.child >= 0 ? nodes[j.child] : null });
      nodes[id].append(s);
    }
  });
  const dummy = new CFNode(true, nodes[json.root].o);
  let prev = dummy;
  for (const id of json.leaves) {
    prev.nextLeaf = nodes[id];
    nodes[id].prevLeaf = prev;
    prev = nodes[id];
  }
  return { root: nodes[json.root], dummy, nFeatures: json.nFeatures };
}
