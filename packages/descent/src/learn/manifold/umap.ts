/**
 * UMAP (McInnes, Healy & Melville, arXiv:1802.03426, 2018) with the paper's and umap-learn's
 * defaults: 15 neighbours, minDist 0.1, spread 1, spectral initialisation, 500 epochs (200
 * above 10,000 points), learning rate 1 decaying linearly, 5 negative samples per positive
 * one. The graph comes from ./umap-graph.ts; this file moves the points.
 *
 * The layout minimizes the fuzzy-set cross entropy between the graph's memberships v_ij and
 * the embedding's w_ij = 1/(1 + a·‖y_i − y_j‖^(2b)) by stochastic gradient descent (§3.2):
 * each edge is sampled in proportion to its weight and pulls its two ends together
 * (attraction −2ab·d^(2(b−1))/(1 + a·d^(2b))·(y_i − y_j)); each sample also pushes y_i away
 * from a few random points (repulsion 2b/((0.001 + d²)(1 + a·d^(2b)))·(y_i − y_k)), the
 * negative sampling that makes the cost O(edges) per epoch instead of O(n²). Each gradient
 * coordinate is clipped to ±4.
 */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { bruteKnn } from '../neighbors/brute.js';
import { resolveMetric } from '../neighbors/distance.js';
import type { SparseP } from './barnes-hut.js';
import { connectedComponents, type Graph } from './graph.js';
import { findAbParams, fuzzySimplicialSet, spectralLayout } from './umap-graph.js';
import { umapTransform } from './umap-transform.js';

export interface UMAPParams {
  /** Size of the local neighbourhood (the point itself counted, as umap-learn). Default 15. */
  nNeighbors: number;
  /** Dimensions of the embedding. Default 2. */
  nComponents: number;
  /** How tightly points may pack: the distance below which the embedding's similarity is 1. Default 0.1. */
  minDist: number;
  /** The scale of the embedding's similarity curve (with minDist, fixes a and b). Default 1. */
  spread: number;
  /** Epochs of SGD; null: 500 for up to 10,000 points, else 200. Default null. */
  nEpochs: number | null;
  /** Initial SGD step, decayed linearly to 0. Default 1. */
  learningRate: number;
  /** Negative samples per positive sample. Default 5. */
  negativeSampleRate: number;
  /** Weight of the repulsion (γ). Default 1. */
  repulsionStrength: number;
  /** 'spectral' (Laplacian eigenmaps of the graph; falls back to 'random' when the graph is disconnected) or 'random' (uniform in [−10, 10]). Default 'spectral'. */
  init: 'spectral' | 'random';
  randomState: number | null;
  /** Seed of `transform`'s negative sampling, so transforming is repeatable (umap-learn's transform_seed). Default 42. */
  transformSeed: number;
}

/**
 * UMAP embedding of the data it is fitted on; `transform` places new points into it.
 *
 * ```ts
 * const umap = new UMAP({ randomState: 0 }).fit(X);
 * umap.embedding_;        // (n, 2)
 * umap.graph_;            // the fuzzy simplicial set, CSR
 * umap.transform(Xnew);   // (m, 2), the training embedding held fixed
 * ```
 */
export class UMAP extends BaseEstimator<UMAPParams> {
  static override readonly spec: EstimatorSpec<UMAPParams> = {
    name: 'UMAP',
    defaults: {
      nNeighbors: 15, nComponents: 2, minDist: 0.1, spread: 1, nEpochs: null, learningRate: 1, negativeSampleRate: 5,
      repulsionStrength: 1, init: 'spectral', randomState: null, transformSeed: 42,
    },
    constraints: {
      nNeighbors: [C.integer({ min: 2 })],
      nComponents: [C.integer({ min: 1 })],
      minDist: [C.number({ min: 0 })],
      spread: [C.number({ min: 0, minExclusive: true })],
      nEpochs: [C.integer({ min: 1 }), C.null],
      learningRate: [C.number({ min: 0, minExclusive: true })],
      negativeSampleRate: [C.integer({ min: 0 })],
      repulsionStrength: [C.number({ min: 0 })],
      init: [C.options('spectral', 'random')],
      randomState: [C.integer(), C.null],
      transformSeed: [C.integer()],
    },
    tags: { estimatorType: 'transformer' },
  };

  /** (n, nComponents). */
  declare embedding_: number[][];
  /** The symmetric fuzzy graph (memberships v_ij), CSR. */
  declare graph_: SparseP;
  /** The embedding curve's parameters. */
  declare a_: number;
  declare b_: number;
  /** The training rows (new points find their neighbours among them). */
  declare XFit_: number[][];

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const p = this.params;
    const n = M.rows;
    if (p.minDist > p.spread) throw new Error(`UMAP: minDist (${p.minDist}) must be at most spread (${p.spread}).`);
    if (p.nNeighbors > n) throw new Error(`UMAP: nNeighbors (${p.nNeighbors}) must be at most nSamples (${n}). Lower nNeighbors.`);
    const k = p.nNeighbors;
    const dim = p.nComponents;
    const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 32));
    // k nearest including the point itself (column 0), as umap-learn's nearest_neighbors.
    const { rdist, index } = bruteKnn(M.data, n, M.cols, M.data, n, k, resolveMetric('euclidean'));
    const idx = new Int32Array(n * k);
    const dists = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      // Put i first even when a duplicate tied with it.
      const self = index[i].indexOf(i);
      const order = self <= 0 ? index[i].map((_, t) => t) : [self, ...index[i].map((_, t) => t).filter((t) => t !== self)];
      order.forEach((t, c) => { idx[i * k + c] = index[i][t]; dists[i * k + c] = Math.sqrt(rdist[i][t]); });
    }
    const G = fuzzySimplicialSet(idx, dists, n, k);
    const { a, b } = findAbParams(p.spread, p.minDist);
    const nEpochs = p.nEpochs ?? (n <= 10000 ? 500 : 200);
    const Y = this.initialEmbedding(G, n, dim, rng);
    optimizeLayout(Y, G, n, dim, { a, b, nEpochs, alpha: p.learningRate, gamma: p.repulsionStrength, negativeSampleRate: p.negativeSampleRate }, rng);
    this.embedding_ = Array.from({ length: n }, (_, i) => Array.from(Y.subarray(i * dim, (i + 1) * dim)));
    this.graph_ = G;
    this.a_ = a;
    this.b_ = b;
    this.XFit_ = Array.from({ length: n }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /**
   * Embeds new rows without moving the training embedding (./umap-transform.ts): each starts
   * at the membership-weighted mean of its nNeighbors nearest training points' coordinates
   * and is refined by a third of fit's epochs of the same SGD at a quarter of the learning
   * rate. Seeded by `transformSeed`, so the same rows give the same coordinates.
   *
   * ```ts
   * const umap = new UMAP({ randomState: 0 }).fit(Xtrain);
   * umap.transform(Xtest);   // (m, 2)
   * ```
   */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const p = this.params;
    const n = this.XFit_.length;
    const dim = this.embedding_[0].length;
    const Z = umapTransform(
      Float64Array.from(this.XFit_.flat()), n, M.cols, Float64Array.from(this.embedding_.flat()), dim, M.data, M.rows,
      { k: p.nNeighbors, a: this.a_, b: this.b_, nEpochs: p.nEpochs, learningRate: p.learningRate, repulsionStrength: p.repulsionStrength, negativeSampleRate: p.negativeSampleRate },
      new Generator(p.transformSeed),
    );
    return Array.from({ length: M.rows }, (_, i) => Array.from(Z.subarray(i * dim, (i + 1) * dim)));
  }

  /** `fit(X).embedding_`. */
  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).embedding_.map((r) => r.slice());
  }

  /** Spectral (scaled so max |coordinate| is 10, plus N(0, 1e-4) noise) or uniform random; then each axis rescaled to [0, 10] (umap-learn). */
  private initialEmbedding(G: SparseP, n: number, dim: number, rng: Generator): Float64Array {
    let Y: Float64Array;
    const adj: Graph = Array.from({ length: n }, (_, i) => new Map(Array.from(G.indices.subarray(G.indptr[i], G.indptr[i + 1]), (j) => [j, 1])));
    if (this.params.init === 'spectral' && n > dim + 1 && connectedComponents(adj, n).count === 1) {
      Y = spectralLayout(G, n, dim);
      let maxAbs = 0;
      for (const v of Y) maxAbs = Math.max(maxAbs, Math.abs(v));
      const expansion = maxAbs > 0 ? 10 / maxAbs : 1;
      for (let t = 0; t < Y.length; t++) Y[t] = Y[t] * expansion + rng.normal(0, 1e-4);
    } else {
      Y = Float64Array.from({ length: n * dim }, () => rng.uniform(-10, 10));
    }
    for (let c = 0; c < dim; c++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) { lo = Math.min(lo, Y[i * dim + c]); hi = Math.max(hi, Y[i * dim + c]); }
      const span = hi - lo || 1;
      for (let i = 0; i < n; i++) Y[i * dim + c] = (10 * (Y[i * dim + c] - lo)) / span;
    }
    return Y;
  }
}

interface LayoutOptions { a: number; b: number; nEpochs: number; alpha: number; gamma: number; negativeSampleRate: number }

const clip = (v: number): number => (v > 4 ? 4 : v < -4 ? -4 : v);

/**
 * umap-learn's optimize_layout_euclidean. Edges lighter than max/nEpochs are dropped; an
 * edge of weight v is sampled every max/v epochs, and 1/negativeSampleRate as often
 * between negative samples.
 */
function optimizeLayout(Y: Float64Array, G: SparseP, n: number, dim: number, o: LayoutOptions, rng: Generator): void {
  let wMax = 0;
  for (const v of G.data) wMax = Math.max(wMax, v);
  const head: number[] = [];
  const tail: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let t = G.indptr[i]; t < G.indptr[i + 1]; t++) {
      if (G.data[t] < wMax / o.nEpochs) continue;
      head.push(i);
      tail.push(G.indices[t]);
      weight.push(G.data[t]);
    }
  }
  const E = head.length;
  const epochsPerSample = Float64Array.from(weight, (w) => wMax / w);
  const epochsPerNeg = epochsPerSample.map((e) => e / Math.max(o.negativeSampleRate, 1e-300));
  const nextSample = epochsPerSample.slice();
  const nextNeg = epochsPerNeg.slice();
  const { a, b, gamma } = o;
  const diff = new Float64Array(dim);
  let alpha = o.alpha;
  for (let epoch = 0; epoch < o.nEpochs; epoch++) {
    for (let e = 0; e < E; e++) {
      if (nextSample[e] > epoch) continue;
      const j = head[e];
      const k = tail[e];
      let d2 = 0;
      for (let c = 0; c < dim; c++) { diff[c] = Y[j * dim + c] - Y[k * dim + c]; d2 += diff[c] * diff[c]; }
      const attract = d2 > 0 ? (-2 * a * b * d2 ** (b - 1)) / (a * d2 ** b + 1) : 0;
      for (let c = 0; c < dim; c++) {
        const g = clip(attract * diff[c]) * alpha;
        Y[j * dim + c] += g;
        Y[k * dim + c] -= g;
      }
      nextSample[e] += epochsPerSample[e];
      const nNeg = o.negativeSampleRate > 0 ? Math.floor((epoch - nextNeg[e]) / epochsPerNeg[e]) : 0;
      for (let s = 0; s < nNeg; s++) {
        const r = Math.floor(rng.random() * n);
        let dr = 0;
        for (let c = 0; c < dim; c++) { diff[c] = Y[j * dim + c] - Y[r * dim + c]; dr += diff[c] * diff[c]; }
        if (dr === 0 && r === j) continue;
        const repel = dr > 0 ? (2 * gamma * b) / ((0.001 + dr) * (a * dr ** b + 1)) : 0;
        for (let c = 0; c < dim; c++) Y[j * dim + c] += (repel > 0 ? clip(repel * diff[c]) : 4) * alpha;
      }
      if (nNeg > 0) nextNeg[e] += nNeg * epochsPerNeg[e];
    }
    alpha = o.alpha * (1 - epoch / o.nEpochs); // as umap-learn: the second epoch still uses the full step
  }
}
