/**
 * AgglomerativeClustering (sklearn.cluster.AgglomerativeClustering): start with every
 * sample alone and repeatedly merge the two closest clusters, "closest" set by the linkage
 * — ward (the merge that least increases the within-cluster sum of squares), complete
 * (farthest pair), average (mean pair distance) or single (nearest pair). The full merge
 * tree is kept (`children_`, `distances_`), and cut into `nClusters` clusters or where
 * merges pass `distanceThreshold`.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { Clusterer } from './base.js';
import { cutTree, linkageTree, type Linkage, type LinkageMetric } from './linkage.js';

export interface AgglomerativeClusteringParams {
  /** Clusters to find; null when `distanceThreshold` is given. Default 2. */
  nClusters: number | null;
  /** 'euclidean' (the only one ward accepts), 'manhattan' or 'cosine'. Default 'euclidean'. */
  metric: LinkageMetric;
  linkage: Linkage;
  /** Merges at or above this height are not made; the number of clusters follows. Default null. */
  distanceThreshold: number | null;
  /** Keep merge heights (`distances_`) even without a threshold. Default false. */
  computeDistances: boolean;
}

/**
 * Hierarchical (agglomerative) clustering.
 *
 * ```ts
 * const agg = new AgglomerativeClustering({ nClusters: 2 }).fit([[1, 2], [1, 4], [1, 0], [4, 2], [4, 4], [4, 0]]);
 * agg.labels_;     // [1, 1, 1, 0, 0, 0]
 * agg.children_;   // the five merges, lowest first
 * ```
 */
export class AgglomerativeClustering extends Clusterer<AgglomerativeClusteringParams> {
  static override readonly spec: EstimatorSpec<AgglomerativeClusteringParams> = {
    name: 'AgglomerativeClustering',
    defaults: { nClusters: 2, metric: 'euclidean', linkage: 'ward', distanceThreshold: null, computeDistances: false },
    constraints: {
      nClusters: [C.integer({ min: 1 }), C.null],
      metric: [C.options('euclidean', 'manhattan', 'cosine')],
      linkage: [C.options('ward', 'complete', 'average', 'single')],
      distanceThreshold: [C.number({ min: 0 }), C.null],
      computeDistances: [C.boolean],
    },
    tags: { estimatorType: 'clusterer' },
  };

  /** (n − 1) merges: row i joins nodes a and b into node n + i; nodes below n are samples. */
  declare children_: [number, number][];
  /** Height of each merge (with `distanceThreshold` or `computeDistances`). */
  declare distances_: number[] | undefined;
  declare nClusters_: number;
  declare nLeaves_: number;
  declare nConnectedComponents_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const { nClusters, linkage, metric, distanceThreshold, computeDistances } = this.params;
    if ((nClusters === null) === (distanceThreshold === null)) {
      throw new Error('AgglomerativeClustering: exactly one of nClusters and distanceThreshold must be null. Set nClusters: null to cut at a distance.');
    }
    if (linkage === 'ward' && metric !== 'euclidean') {
      throw new Error(`AgglomerativeClustering: metric '${metric}' was given, but ward linkage works only with 'euclidean'. Use another linkage.`);
    }
    if (nClusters !== null && nClusters > M.rows) {
      throw new Error(`AgglomerativeClustering: nClusters=${nClusters} is more than the ${M.rows} samples. Use at most ${M.rows}.`);
    }
    const tree = linkageTree(M.data, M.rows, M.cols, linkage, metric);
    const k = distanceThreshold !== null ? tree.distances.filter((h) => h >= distanceThreshold).length + 1 : nClusters!;
    this.children_ = tree.children;
    if (distanceThreshold !== null || computeDistances) this.distances_ = tree.distances;
    this.nClusters_ = k;
    this.nLeaves_ = M.rows;
    this.nConnectedComponents_ = 1;
    this.labels_ = cutTree(tree.children, M.rows, k);
    this.nFeaturesIn_ = M.cols;
    return this;
  }
}

export interface DendrogramData {
  /** Sample indices left to right. */
  leaves: number[];
  /** One ⊓-shaped link per merge: x of its four corners (leaves at 5, 15, 25, …, as SciPy) and their heights. */
  icoord: [number, number, number, number][];
  dcoord: [number, number, number, number][];
}

/**
 * Coordinates for drawing a merge tree as a dendrogram, laid out as SciPy's `dendrogram`
 * (leaf i at x = 10·i + 5; each merge a ⊓ from its children's heights up to its own).
 * Pass `children_` and the heights (`distances_`, or merge ranks 1…n−1 if none).
 *
 * ```ts
 * const agg = new AgglomerativeClustering({ nClusters: null, distanceThreshold: 0 }).fit(X);
 * const { leaves, icoord, dcoord } = dendrogramData(agg.children_, agg.distances_!);
 * ```
 */
export function dendrogramData(children: readonly (readonly [number, number])[], distances?: readonly number[]): DendrogramData {
  const n = children.length + 1;
  const heights = distances ?? children.map((_, i) => i + 1);
  const leaves: number[] = [];
  const icoord: [number, number, number, number][] = [];
  const dcoord: [number, number, number, number][] = [];
  const place = (node: number): { x: number; h: number } => {
    if (node < n) {
      leaves.push(node);
      return { x: 10 * (leaves.length - 1) + 5, h: 0 };
    }
    const [a, b] = children[node - n];
    const L = place(a);
    const R = place(b);
    const h = heights[node - n];
    icoord.push([L.x, L.x, R.x, R.x]);
    dcoord.push([L.h, h, h, R.h]);
    return { x: (L.x + R.x) / 2, h };
  };
  if (n === 1) return { leaves: [0], icoord, dcoord };
  place(2 * n - 2);
  return { leaves, icoord, dcoord };
}
