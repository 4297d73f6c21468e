/**
 * BIRCH (Zhang, Ramakrishnan & Livny, "BIRCH: an efficient data clustering method for very
 * large databases", SIGMOD 1996), as sklearn.cluster.Birch. One pass over the data builds a
 * clustering-feature (CF) tree: each subcluster keeps only (n, Σx, Σ‖x‖²), from which its
 * centroid and radius r² = Σ‖x‖²/n − ‖centroid‖² follow. A sample descends to the closest
 * subcluster of each node; at a leaf it joins that subcluster if the merged radius stays
 * ≤ threshold, else starts a new one; a node holding more than `branchingFactor`
 * subclusters splits in two around its farthest pair. The leaves' centroids are then
 * clustered globally (agglomerative ward into `nClusters`), and each sample gets the label
 * of its nearest leaf centroid.
 *
 * Distances follow scikit-learn's arithmetic (‖c‖² − 2c·x for the descent, the same
 * expansion for the split, products as OpenBLAS's chains of fused multiply-adds), so that
 * near-ties fall the same way and the tree is the same (exactly so with 2 features; with
 * more, OpenBLAS may sum in another order and two leaves can come out swapped).
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { AgglomerativeClustering } from './agglomerative.js';
import { Clusterer } from './base.js';

export interface BirchParams {
  /** Largest radius of a leaf subcluster. Default 0.5. */
  threshold: number;
  /** Most subclusters in a node. Default 50. */
  branchingFactor: number;
  /** Clusters of the global step (agglomerative ward); null keeps the leaf subclusters as the clusters. Default 3. */
  nClusters: number | null;
  /** Label the training samples (labels_). Default true. */
  computeLabels: boolean;
}

/** ‖a‖² summed plainly, as NumPy's row_norms. */
function sqNormOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/** a·b as a chain of fused multiply-adds, the way OpenBLAS's kernels (behind scikit-learn's products) compute it. */
function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = fma(a[i], b[i], s);
  return s;
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
class CFSubcluster {
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
      this.ss = this.sqNorm = sqNormOf(sample);
    }
  }

  /** Adds another subcluster's statistics (scikit-learn's `update`). */
  update(o: CFSubcluster): void {
    this.n += o.n;
    this.ls = this.ls.map((v, i) => v + o.ls[i]);
    this.ss += o.ss;
    this.centroid = this.ls.map((v) => v / this.n);
    this.sqNorm = sqNormOf(this.centroid);
  }

  /** Absorbs `o` if the merged radius is within the threshold. */
  tryMerge(o: CFSubcluster, threshold: number): boolean {
    const n = this.n + o.n;
    const ls = this.ls.map((v, i) => v + o.ls[i]);
    const ss = this.ss + o.ss;
    const centroid = ls.map((v) => (1 / n) * v);
    const sqNorm = sqNormOf(centroid);
    if (ss / n - sqNorm > threshold ** 2) return false;
    Object.assign(this, { n, ls, ss, centroid, sqNorm });
    return true;
  }
}

/** A node: its subclusters with a snapshot of their centroids, and the leaves' linked list. */
class CFNode {
  subclusters: CFSubcluster[] = [];
  centroids: Float64Array[] = [];
  sqNorms: number[] = [];
  prevLeaf: CFNode | null = null;
  nextLeaf: CFNode | null = null;

  constructor(readonly isLeaf: boolean, private readonly o: { threshold: number; branchingFactor: number }) {}

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
    // Closest subcluster by ‖c‖² − 2c·x (‖x‖² is common to all).
    let k = 0;
    let best = Infinity;
    this.centroids.forEach((c, j) => {
      const v = -2 * dot(c, s.centroid) + this.sqNorms[j];
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
function splitNode(node: CFNode, o: { threshold: number; branchingFactor: number }): [CFSubcluster, CFSubcluster] {
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
  // Squared distances as scikit-learn's euclidean_distances: −2a·b + ‖a‖² + ‖b‖², clipped at 0, 0 on the diagonal.
  const m = node.centroids.length;
  const rowNorm = node.centroids.map(sqNormOf);
  const dist = (i: number, j: number) => (i === j ? 0 : Math.max(-2 * dot(node.centroids[i], node.centroids[j]) + rowNorm[i] + node.sqNorms[j], 0));
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

/**
 * BIRCH clustering: a CF tree in one pass, then a global clustering of its leaves.
 *
 * ```ts
 * const X = [[0, 1], [0.3, 1], [-0.3, 1], [0, -1], [0.3, -1], [-0.3, -1]];
 * const brc = new Birch({ nClusters: null }).fit(X);
 * brc.subclusterCenters_;   // [[0, 1], [0, -1]]
 * brc.predict([[0.1, 0.9]]); // [0]
 * ```
 */
export class Birch extends Clusterer<BirchParams> {
  static override readonly spec: EstimatorSpec<BirchParams> = {
    name: 'Birch',
    defaults: { threshold: 0.5, branchingFactor: 50, nClusters: 3, computeLabels: true },
    constraints: {
      threshold: [C.number({ min: 0, minExclusive: true })],
      branchingFactor: [C.integer({ min: 2 })],
      nClusters: [C.null, C.integer({ min: 1 })],
      computeLabels: [C.boolean],
    },
    tags: { estimatorType: 'clusterer' },
  };

  /** (nSubclusters, d): the centroids of the leaf subclusters, leaf by leaf. */
  declare subclusterCenters_: number[][];
  /** The global cluster of each leaf subcluster. */
  declare subclusterLabels_: number[];

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const { threshold, branchingFactor, nClusters, computeLabels } = this.params;
    const o = { threshold, branchingFactor };
    const d = M.cols;
    let root = new CFNode(true, o);
    const dummy = new CFNode(true, o);
    dummy.nextLeaf = root;
    root.prevLeaf = dummy;
    for (let i = 0; i < M.rows; i++) {
      const s = new CFSubcluster(d, M.data.subarray(i * d, (i + 1) * d));
      if (root.insert(s)) {
        const [a, b] = splitNode(root, o);
        root = new CFNode(false, o);
        root.append(a);
        root.append(b);
      }
    }
    const centers: number[][] = [];
    for (let leaf: CFNode | null = dummy.nextLeaf; leaf !== null; leaf = leaf.nextLeaf) for (const c of leaf.centroids) centers.push(Array.from(c));
    this.subclusterCenters_ = centers;
    // The global step; with fewer subclusters than nClusters each subcluster is its own cluster.
    this.subclusterLabels_ = nClusters === null || centers.length < nClusters
      ? centers.map((_, k) => k)
      : new AgglomerativeClustering({ nClusters }).fitPredict(centers);
    this.nFeaturesIn_ = d;
    this.labels_ = computeLabels ? this.nearest(M).map((k) => this.subclusterLabels_[k]) : [];
    return this;
  }

  /** The global cluster of each row: the label of its nearest leaf subcluster. */
  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return this.nearest(M).map((k) => this.subclusterLabels_[k]);
  }

  /** Euclidean distance from each row to each leaf subcluster centroid, (n, nSubclusters). */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const C = this.subclusterCenters_;
    return Array.from({ length: M.rows }, (_, i) => C.map((c) => {
      let s = 0;
      for (let j = 0; j < M.cols; j++) s += (M.data[i * M.cols + j] - c[j]) ** 2;
      return Math.sqrt(s);
    }));
  }

  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).transform(X);
  }

  /** Index of the nearest subcluster centroid for each row (by ‖c‖² − 2c·x; the first on ties). */
  private nearest(M: Matrix): number[] {
    const C = this.subclusterCenters_.map((c) => Float64Array.from(c));
    const norms = C.map(sqNormOf);
    return Array.from({ length: M.rows }, (_, i) => {
      const x = M.data.subarray(i * M.cols, (i + 1) * M.cols);
      let best = 0;
      let bestV = Infinity;
      C.forEach((c, k) => {
        const v = norms[k] - 2 * dot(c, x);
        if (v < bestV) { bestV = v; best = k; }
      });
      return best;
    });
  }
}
