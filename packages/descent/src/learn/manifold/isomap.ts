/**
 * Isomap (Tenenbaum, de Silva & Langford, "A global geometric framework for nonlinear
 * dimensionality reduction", Science 290, 2000), as sklearn.manifold.Isomap:
 *
 * 1. connect each point to its k nearest neighbours (edge length = Euclidean distance);
 * 2. the geodesic distance D_G(i, j) is the shortest path through that graph (Dijkstra from
 *    every point, O(n·(nk) log n));
 * 3. classical MDS on D_G, written as kernel PCA: K = −½·H·D_G²·H (H centres rows and
 *    columns), and the embedding is the top eigenvectors of K scaled by √λ.
 *
 * On a rolled-up sheet (the Swiss roll) the straight-line distance jumps between layers, but
 * the graph distance walks along the sheet, so the embedding unrolls it.
 */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { eighKernel } from '../../linalg/eigh-kernel.js';
import { bruteKnn } from '../neighbors/brute.js';
import { resolveMetric } from '../neighbors/distance.js';
import { svdFlip } from '../decomposition/svd-utils.js';
import { dijkstraAll, fixConnectedComponents, type Graph } from './graph.js';

export interface IsomapParams {
  /** Neighbours per point in the graph. Default 5. */
  nNeighbors: number;
  /** Dimensions of the embedding. Default 2. */
  nComponents: number;
}

/**
 * Isomap embedding. The eigendecomposition is dense (n × n), so it suits up to a few
 * thousand points.
 *
 * ```ts
 * const iso = new Isomap({ nNeighbors: 10, nComponents: 2 }).fit(X);
 * iso.embedding_;              // (n, 2)
 * iso.reconstructionError();   // how far −½·H·D_G²·H is from rank 2
 * iso.transform(Xnew);         // new points through their neighbours' geodesics
 * ```
 */
export class Isomap extends BaseEstimator<IsomapParams> {
  static override readonly spec: EstimatorSpec<IsomapParams> = {
    name: 'Isomap',
    defaults: { nNeighbors: 5, nComponents: 2 },
    constraints: { nNeighbors: [C.integer({ min: 1 })], nComponents: [C.integer({ min: 1 })] },
    tags: { estimatorType: 'transformer' },
  };

  /** (n, nComponents): the training points' coordinates. */
  declare embedding_: number[][];
  /** (n, n): geodesic distances through the neighbour graph. */
  declare distMatrix_: number[][];
  /** The training rows (new points find their neighbours among them). */
  declare XFit_: number[][];
  /** Top eigenvalues of the centred kernel, descending, and their eigenvectors as columns (n, nComponents). */
  declare eigenvalues_: number[];
  declare eigenvectors_: number[][];
  /** Column means of the training kernel −½·D_G² and their mean (for centring new rows). */
  declare kFitRows_: number[];
  declare kFitAll_: number;
  /** ‖K̃‖²_F − Σλ², kept for reconstructionError. */
  declare residual_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const { nNeighbors: k, nComponents } = this.params;
    const n = M.rows;
    if (k >= n) throw new Error(`Isomap: nNeighbors (${k}) must be less than nSamples (${n}). Lower nNeighbors.`);
    if (nComponents > n) throw new Error(`Isomap: nComponents (${nComponents}) must be at most nSamples (${n}).`);
    const graph = knnGraph(M, k);
    fixConnectedComponents(M, graph);
    const G = dijkstraAll(graph, n); // (n, n) geodesic distances
    // K = −½·D_G², then double centring K̃ = K − 1K/n − K1/n + 1K1/n² (K is symmetric).
    const colMean = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) colMean[j] += (-0.5 * G[i * n + j] ** 2) / n;
    let all = 0;
    for (let j = 0; j < n; j++) all += colMean[j] / n;
    const Kc = new Float64Array(n * n);
    let frob = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = -0.5 * G[i * n + j] ** 2 - colMean[j] - colMean[i] + all;
        Kc[i * n + j] = v;
        frob += v * v;
      }
    }
    const { values, V } = eighKernel({ rows: n, cols: n, data: Kc });
    // The top nComponents (eigh ascends), signs as svd_flip (largest |entry| of each vector positive).
    const vecs: Matrix = { rows: n, cols: nComponents, data: new Float64Array(n * nComponents) };
    const lambdas: number[] = [];
    for (let c = 0; c < nComponents; c++) {
      const src = n - 1 - c;
      lambdas.push(values[src]);
      for (let i = 0; i < n; i++) vecs.data[i * nComponents + c] = V.data[i * n + src];
    }
    svdFlip(vecs, { rows: nComponents, cols: 0, data: new Float64Array(0) });
    this.eigenvalues_ = lambdas;
    this.eigenvectors_ = rowsOf(vecs.data, n, nComponents);
    this.embedding_ = this.eigenvectors_.map((r) => r.map((v, c) => (lambdas[c] > 0 ? v * Math.sqrt(lambdas[c]) : 0)));
    this.distMatrix_ = rowsOf(G, n, n);
    this.XFit_ = rowsOf(M.data, n, M.cols);
    this.kFitRows_ = Array.from(colMean);
    this.kFitAll_ = all;
    this.residual_ = frob - lambdas.reduce((s, l) => s + l * l, 0);
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** `fit(X).embedding_`. */
  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).embedding_.map((r) => r.slice());
  }

  /**
   * New points: the geodesic distance from a new point x to training point j is
   * min over x's k nearest training points t of (‖x − t‖ + D_G(t, j)); then the kernel row
   * −½·d², centred with the training means, is projected onto the eigenvectors / √λ.
   */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const n = this.XFit_.length;
    const train = Float64Array.from(this.XFit_.flat());
    const { rdist, index } = bruteKnn(train, n, this.nFeaturesIn_, M.data, M.rows, this.params.nNeighbors, resolveMetric('euclidean'));
    const nc = this.eigenvalues_.length;
    const g = new Float64Array(n);
    return Array.from({ length: M.rows }, (_, q) => {
      g.fill(Infinity);
      index[q].forEach((t, a) => {
        const dq = Math.sqrt(rdist[q][a]);
        const row = this.distMatrix_[t];
        for (let j = 0; j < n; j++) g[j] = Math.min(g[j], row[j] + dq);
      });
      let rowMean = 0;
      for (let j = 0; j < n; j++) rowMean += (-0.5 * g[j] ** 2) / n;
      const z = new Array<number>(nc).fill(0);
      for (let j = 0; j < n; j++) {
        const kc = -0.5 * g[j] ** 2 - this.kFitRows_[j] - rowMean + this.kFitAll_;
        for (let c = 0; c < nc; c++) z[c] += kc * this.eigenvectors_[j][c];
      }
      return z.map((v, c) => (this.eigenvalues_[c] > 0 ? v / Math.sqrt(this.eigenvalues_[c]) : 0));
    });
  }

  /**
   * sqrt(‖K̃‖²_F − Σ_c λ_c²) / n: how much of the centred geodesic kernel the embedding
   * leaves out (scikit-learn's reconstruction_error).
   */
  reconstructionError(): number {
    this.checkIsFitted();
    return Math.sqrt(Math.max(this.residual_, 0)) / this.XFit_.length;
  }
}

/** The k-nearest-neighbour graph (the point itself excluded), made undirected. */
function knnGraph(M: Matrix, k: number): Graph {
  const n = M.rows;
  const { rdist, index } = bruteKnn(M.data, n, M.cols, M.data, n, k + 1, resolveMetric('euclidean'));
  const adj: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    let self = index[i].indexOf(i);
    if (self < 0) self = k;
    index[i].forEach((j, a) => {
      if (a === self) return;
      const d = Math.sqrt(rdist[i][a]);
      // scipy's undirected shortest_path keeps the shorter of the two directions.
      adj[i].set(j, Math.min(adj[i].get(j) ?? Infinity, d));
      adj[j].set(i, Math.min(adj[j].get(i) ?? Infinity, d));
    });
  }
  return adj;
}

function rowsOf(a: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => a[i * cols + j]));
}
