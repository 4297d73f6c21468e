/**
 * DBSCAN (Ester, Kriegel, Sander & Xu, KDD 1996), as sklearn.cluster.DBSCAN. A core sample
 * has at least `minSamples` samples (itself included) within `eps`; clusters are the
 * connected groups of core samples, each with the non-core samples in reach of it. Samples
 * reached by no core sample are noise (label −1). Clusters are numbered in the order their
 * first core sample appears, and a border sample reachable from two clusters joins the
 * earlier one, so labels equal scikit-learn's exactly.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { SEARCH_CONSTRAINTS, type SearchParams } from '../neighbors/base.js';
import { NearestNeighbors } from '../neighbors/nearest-neighbors.js';
import { Clusterer, readWeights } from './base.js';

export interface DBSCANParams extends SearchParams {
  /** Neighbourhood radius (inclusive). Default 0.5. */
  eps: number;
  /** Samples (or total weight) within eps, itself included, for a core sample. Default 5. */
  minSamples: number;
}

/**
 * Density-based clustering with noise.
 *
 * ```ts
 * const db = new DBSCAN({ eps: 3, minSamples: 2 }).fit([[1, 2], [2, 2], [2, 3], [8, 7], [8, 8], [25, 80]]);
 * db.labels_;              // [0, 0, 0, 1, 1, -1]
 * db.coreSampleIndices_;   // [0, 1, 2, 3, 4]
 * ```
 */
export class DBSCAN extends Clusterer<DBSCANParams> {
  static override readonly spec: EstimatorSpec<DBSCANParams> = {
    name: 'DBSCAN',
    defaults: { eps: 0.5, minSamples: 5, metric: 'euclidean', algorithm: 'auto', leafSize: 30, p: 2 },
    constraints: { eps: [C.number({ min: 0, minExclusive: true })], minSamples: [C.integer({ min: 1 })], ...SEARCH_CONSTRAINTS },
    tags: { estimatorType: 'clusterer' },
  };

  /** Indices of the core samples, ascending. */
  declare coreSampleIndices_: number[];
  /** The core samples' rows. */
  declare components_: number[][];

  fit(X: MatrixLike, _y?: unknown, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const { eps, minSamples, metric, algorithm, leafSize, p } = this.params;
    const w = readWeights(sampleWeight, M.rows, this.estimatorName);
    const nn = new NearestNeighbors({ radius: eps, metric, algorithm, leafSize, p }).fit({ data: M.data, shape: [M.rows, M.cols] });
    // Each sample's neighbourhood, itself included (querying with X keeps the self-match).
    const hoods = nn.radiusNeighbors({ data: M.data, shape: [M.rows, M.cols] }, eps).indices;
    const core = hoods.map((h) => h.reduce((s, j) => s + w[j], 0) >= minSamples);
    const labels = new Array<number>(M.rows).fill(-1);
    let next = 0;
    for (let start = 0; start < M.rows; start++) {
      if (labels[start] !== -1 || !core[start]) continue;
      // Depth-first expansion through core samples; border samples are labelled but not expanded.
      const stack = [start];
      while (stack.length > 0) {
        const i = stack.pop()!;
        if (labels[i] !== -1) continue;
        labels[i] = next;
        if (!core[i]) continue;
        for (const j of hoods[i]) if (labels[j] === -1) stack.push(j);
      }
      next++;
    }
    this.labels_ = labels;
    this.coreSampleIndices_ = core.flatMap((c, i) => (c ? [i] : []));
    this.components_ = this.coreSampleIndices_.map((i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
    this.nFeaturesIn_ = M.cols;
    return this;
  }
}
