/**
 * SpectralClustering (sklearn.cluster.SpectralClustering; Ng, Jordan & Weiss, "On spectral
 * clustering: analysis and an algorithm", NIPS 2001; von Luxburg, "A tutorial on spectral
 * clustering", 2007): build a similarity graph, embed each sample by the eigenvectors of
 * the normalized graph Laplacian L = I − D^{-1/2} A D^{-1/2} with the smallest eigenvalues,
 * and run k-means in that embedding. Clusters that are connected but not convex (rings,
 * moons) become compact there.
 *
 * As scikit-learn: self-loops are ignored in the degrees, the embedding is the eigenvectors
 * divided by √degree with a deterministic sign, and labels come from KMeans with `nInit`
 * seedings. We solve the eigenproblem densely (scikit-learn: ARPACK), so the embedding
 * matches its up to the order of the columns, and labels up to renaming.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { eighKernel } from '../../linalg/eigh-kernel.js';
import { NearestNeighbors } from '../neighbors/nearest-neighbors.js';
import { Clusterer } from './base.js';
import { KMeans } from './kmeans.js';

export interface SpectralClusteringParams {
  nClusters: number;
  /** Eigenvectors in the embedding; null is nClusters. Default null. */
  nComponents: number | null;
  /** 'rbf' (exp(−γ‖x − z‖²)) or 'nearest_neighbors' (a symmetrized k-NN graph). Default 'rbf'. */
  affinity: 'rbf' | 'nearest_neighbors';
  /** γ for 'rbf'. Default 1. */
  gamma: number;
  /** k for 'nearest_neighbors'. Default 10. */
  nNeighbors: number;
  /** k-means seedings in the embedding. Default 10. */
  nInit: number;
  randomState: number | null;
}

/**
 * Spectral clustering.
 *
 * ```ts
 * const { X } = makeCircles({ nSamples: 200, factor: 0.4, noise: 0.05, randomState: 0 });
 * new SpectralClustering({ nClusters: 2, affinity: 'nearest_neighbors', randomState: 0 }).fit(X).labels_;   // inner ring vs outer ring
 * ```
 */
export class SpectralClustering extends Clusterer<SpectralClusteringParams> {
  static override readonly spec: EstimatorSpec<SpectralClusteringParams> = {
    name: 'SpectralClustering',
    defaults: { nClusters: 8, nComponents: null, affinity: 'rbf', gamma: 1, nNeighbors: 10, nInit: 10, randomState: null },
    constraints: {
      nClusters: [C.integer({ min: 1 })],
      nComponents: [C.integer({ min: 1 }), C.null],
      affinity: [C.options('rbf', 'nearest_neighbors')],
      gamma: [C.number({ min: 0 })],
      nNeighbors: [C.integer({ min: 1 })],
      nInit: [C.integer({ min: 1 })],
      randomState: [C.integer(), C.null],
    },
    tags: { estimatorType: 'clusterer' },
  };

  /** (n, n) similarities the graph was built from. */
  declare affinityMatrix_: number[][];
  /** (n, nComponents) spectral embedding k-means ran on. */
  declare embedding_: number[][];

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const { nClusters, affinity, gamma, nNeighbors, nInit, randomState } = this.params;
    const n = M.rows;
    const d = M.cols;
    const k = this.params.nComponents ?? nClusters;
    if (nClusters > n || k > n) throw new Error(`SpectralClustering: nClusters (${nClusters}) and nComponents (${k}) must be at most the number of samples (${n}).`);
    const A = new Float64Array(n * n);
    if (affinity === 'rbf') {
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          let s = 0;
          for (let f = 0; f < d; f++) s += (M.data[i * d + f] - M.data[j * d + f]) ** 2;
          A[i * n + j] = A[j * n + i] = Math.exp(-gamma * s);
        }
      }
    } else {
      if (nNeighbors > n) throw new Error(`SpectralClustering: nNeighbors (${nNeighbors}) must be at most the number of samples (${n}).`);
      const shaped = { data: M.data, shape: [n, d] };
      const { indices } = new NearestNeighbors({ nNeighbors, algorithm: 'brute' }).fit(shaped).kneighbors(shaped);
      indices.forEach((row, i) => row.forEach((j) => {
        A[i * n + j] += 0.5;
        A[j * n + i] += 0.5;
      }));
    }
    // Normalized Laplacian, self-loops ignored (SciPy's csgraph.laplacian(normed=True)).
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let deg = 0;
      for (let j = 0; j < n; j++) if (j !== i) deg += A[i * n + j];
      w[i] = deg > 0 ? Math.sqrt(deg) : 1;
    }
    const L = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) L[i * n + j] = i === j ? 1 : -A[i * n + j] / (w[i] * w[j]);
    const { V } = eighKernel({ rows: n, cols: n, data: L });
    // The k eigenvectors with the smallest eigenvalues, divided by √degree, each signed so its largest |entry| is positive.
    const emb = Array.from({ length: n }, () => new Array<number>(k).fill(0));
    for (let c = 0; c < k; c++) {
      let big = 0;
      for (let i = 0; i < n; i++) {
        const v = V.data[i * n + c] / w[i];
        emb[i][c] = v;
        if (Math.abs(v) > Math.abs(big)) big = v;
      }
      if (big < 0) for (let i = 0; i < n; i++) emb[i][c] = -emb[i][c] + 0;
    }
    const km = new KMeans({ nClusters, nInit, randomState }).fit(emb);
    this.affinityMatrix_ = Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, (i + 1) * n)));
    this.embedding_ = emb;
    this.labels_ = km.labels_;
    this.nFeaturesIn_ = d;
    return this;
  }
}
