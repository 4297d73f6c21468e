/**
 * MiniBatchKMeans (Sculley, "Web-scale k-means clustering", WWW 2010), as
 * sklearn.cluster.MiniBatchKMeans: each step assigns a random batch to the nearest centres
 * and moves each centre toward its batch samples with a per-centre rate 1/(samples it has
 * seen), so every centre stays the running mean of what it was given. Centres that see
 * few samples are reassigned to random batch samples now and then; training stops when an
 * exponentially weighted average of the batch inertia stops improving.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { Clusterer, readWeights, seedOf } from './base.js';
import { kmeansPlusPlus, sqDist } from './kmeans-init.js';
import { assignLabels, inertiaOf } from './kmeans-single.js';
import { KMEANS_INIT_CONSTRAINT, KMeans, nearestCenters } from './kmeans.js';

export interface MiniBatchKMeansParams {
  nClusters: number;
  init: 'k-means++' | 'random' | number[][];
  /** Passes over the data (in batches). Default 100. */
  maxIter: number;
  /** Samples per step. Default 1024. */
  batchSize: number;
  /** Stop when the squared centre change of a step is below tol × mean feature variance (0: off). Default 0. */
  tol: number;
  /** Steps without a lower smoothed batch inertia before stopping (null: off). Default 10. */
  maxNoImprovement: number | null;
  /** Samples the seeding sees; null is 3·batchSize. Default null. */
  initSize: number | null;
  /** Seedings tried (scored on a held-out sample); 'auto' is 1 for k-means++, 3 otherwise. Default 3. */
  nInit: number | 'auto';
  /** A centre seen by fewer than this fraction of the busiest centre's samples is reassigned. Default 0.01. */
  reassignmentRatio: number;
  randomState: number | null;
}

/**
 * k-means on random mini-batches: close to KMeans's inertia at a fraction of its cost on large data.
 *
 * ```ts
 * const mbk = new MiniBatchKMeans({ nClusters: 2, batchSize: 6, randomState: 0 }).fit([[1, 2], [1, 4], [1, 0], [4, 2], [4, 0], [4, 4]]);
 * mbk.predict([[0, 0], [4, 4]]); // two different clusters
 * ```
 */
export class MiniBatchKMeans extends Clusterer<MiniBatchKMeansParams> {
  static override readonly spec: EstimatorSpec<MiniBatchKMeansParams> = {
    name: 'MiniBatchKMeans',
    defaults: {
      nClusters: 8, init: 'k-means++', maxIter: 100, batchSize: 1024, tol: 0, maxNoImprovement: 10, initSize: null,
      nInit: 3, reassignmentRatio: 0.01, randomState: null,
    },
    constraints: {
      nClusters: [C.integer({ min: 1 })],
      init: [KMEANS_INIT_CONSTRAINT],
      maxIter: [C.integer({ min: 1 })],
      batchSize: [C.integer({ min: 1 })],
      tol: [C.number({ min: 0 })],
      maxNoImprovement: [C.integer({ min: 0 }), C.null],
      initSize: [C.integer({ min: 1 }), C.null],
      nInit: [C.integer({ min: 1 }), C.options('auto')],
      reassignmentRatio: [C.number({ min: 0 })],
      randomState: [C.integer(), C.null],
    },
    tags: { estimatorType: 'clusterer' },
  };

  declare clusterCenters_: number[][];
  declare inertia_: number;
  /** Passes over the data, rounded up. */
  declare nIter_: number;
  /** Mini-batch steps taken. */
  declare nSteps_: number;

  fit(X: MatrixLike, _y?: unknown, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const { nClusters: k, init, maxIter, reassignmentRatio } = this.params;
    const { rows: n, cols: d } = M;
    if (n < k) throw new Error(`MiniBatchKMeans: nSamples=${n} should be >= nClusters=${k}. Use fewer clusters.`);
    const w = readWeights(sampleWeight, n, this.estimatorName);
    const rng = new Generator(seedOf(this.params.randomState));
    const batch = Math.min(this.params.batchSize, n);
    let meanVar = 0;
    for (let f = 0; f < d; f++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += M.data[i * d + f];
      m /= n;
      let s = 0;
      for (let i = 0; i < n; i++) s += (M.data[i * d + f] - m) ** 2;
      meanVar += s / n / d;
    }
    const tol = meanVar * this.params.tol;
    const initSize = Math.min(this.params.initSize ?? 3 * batch, n);
    let nInit = this.params.nInit === 'auto' ? (init === 'k-means++' ? 1 : 3) : this.params.nInit;
    if (Array.isArray(init)) {
      if (init.length !== k || init.some((r) => r.length !== d)) throw new Error(`MiniBatchKMeans: init should have shape (nClusters=${k}, nFeatures=${d}).`);
      nInit = 1;
    }
    const pick = (idx: number[]) => {
      const out = new Float64Array(idx.length * d);
      idx.forEach((i, r) => out.set(M.data.subarray(i * d, i * d + d), r * d));
      return out;
    };
    // A validation sample scores each seeding.
    const validIdx = Array.from({ length: initSize }, () => rng.integers(0, n));
    const valid = { X: pick(validIdx), n: initSize, d, k, w: Float64Array.from(validIdx, (i) => w[i]) };
    let centers: Float64Array = new Float64Array(0);
    let bestInertia = Infinity;
    for (let r = 0; r < nInit; r++) {
      let c: Float64Array;
      if (Array.isArray(init)) c = Float64Array.from(init.flat());
      else {
        const sub = initSize < n ? Array.from({ length: initSize }, () => rng.integers(0, n)) : Array.from({ length: n }, (_, i) => i);
        const S = pick(sub);
        c = init === 'random' ? pick(rng.permutation(sub.length).slice(0, k).map((j) => sub[j])) : kmeansPlusPlus(S, sub.length, d, k, rng).centers;
      }
      const labels = new Int32Array(initSize);
      assignLabels(valid, c, labels);
      const inertia = inertiaOf(valid, c, labels);
      if (inertia < bestInertia) { bestInertia = inertia; centers = c; }
    }
    const counts = new Float64Array(k);
    const nSteps = Math.floor((maxIter * n) / batch);
    let ewa: number | null = null;
    let ewaMin: number | null = null;
    let noImprovement = 0;
    let sinceReassign = 0;
    let step = 0;
    const labels = new Int32Array(batch);
    for (; step < nSteps; step++) {
      const idx = Array.from({ length: batch }, () => rng.integers(0, n));
      const B = { X: pick(idx), n: batch, d, k, w: Float64Array.from(idx, (i) => w[i]) };
      assignLabels(B, centers, labels);
      const batchInertia = inertiaOf(B, centers, labels) / batch;
      const next = centers.slice();
      // Each centre becomes the running weighted mean of every sample it has been given.
      const got = new Float64Array(k);
      for (let i = 0; i < batch; i++) got[labels[i]] += B.w[i];
      for (let j = 0; j < k; j++) if (got[j] > 0) for (let f = 0; f < d; f++) next[j * d + f] *= counts[j];
      for (let i = 0; i < batch; i++) {
        const j = labels[i];
        for (let f = 0; f < d; f++) next[j * d + f] += B.w[i] * B.X[i * d + f];
      }
      for (let j = 0; j < k; j++) {
        if (got[j] === 0) continue;
        counts[j] += got[j];
        for (let f = 0; f < d; f++) next[j * d + f] /= counts[j];
      }
      // Every 10·k samples (or when a centre has none), centres with too few samples restart at batch samples.
      sinceReassign += batch;
      if ((counts.some((c) => c === 0) || sinceReassign >= 10 * k) && reassignmentRatio > 0) {
        sinceReassign = 0;
        const max = Math.max(...counts);
        let move = Array.from(counts, (c, j) => (c < reassignmentRatio * max ? j : -1)).filter((j) => j >= 0);
        if (move.length > 0.5 * batch) {
          const keep = new Set(Array.from({ length: k }, (_, j) => j).sort((a, b) => counts[a] - counts[b]).slice(Math.floor(0.5 * batch)));
          move = move.filter((j) => !keep.has(j));
        }
        if (move.length > 0) {
          const chosen = rng.permutation(batch).slice(0, move.length);
          const moveSet = new Set(move);
          const floor = Math.min(...Array.from(counts).filter((_, j) => !moveSet.has(j)));
          move.forEach((j, r) => {
            next.set(B.X.subarray(chosen[r] * d, chosen[r] * d + d), j * d);
            counts[j] = floor;
          });
        }
      }
      let shift = 0;
      if (tol > 0) for (let t = 0; t < next.length; t++) shift += (next[t] - centers[t]) ** 2;
      centers = next;
      // Convergence on the smoothed batch inertia (the first step is ignored).
      if (step === 0) continue;
      const alpha = Math.min(1, (batch * 2) / (n + 1));
      ewa = ewa === null ? batchInertia : ewa * (1 - alpha) + batchInertia * alpha;
      if (tol > 0 && shift <= tol) break;
      if (ewaMin === null || ewa < ewaMin) { noImprovement = 0; ewaMin = ewa; } else noImprovement++;
      if (this.params.maxNoImprovement !== null && noImprovement >= this.params.maxNoImprovement) break;
    }
    const steps = Math.min(step + 1, nSteps);
    this.clusterCenters_ = Array.from({ length: k }, (_, j) => Array.from(centers.subarray(j * d, j * d + d)));
    const all = new Int32Array(n);
    const full = { X: M.data, n, d, k, w };
    assignLabels(full, centers, all);
    this.labels_ = Array.from(all);
    this.inertia_ = inertiaOf(full, centers, all);
    this.nSteps_ = steps;
    this.nIter_ = Math.ceil((steps * batch) / n);
    this.nFeaturesIn_ = d;
    return this;
  }

  predict(X: MatrixLike): number[] {
    return nearestCenters(this.checkPredictInput(X), this.clusterCenters_);
  }

  /** Distances to each centre: (n, k). */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const C = Float64Array.from(this.clusterCenters_.flat());
    return Array.from({ length: M.rows }, (_, i) => this.clusterCenters_.map((_, j) => Math.sqrt(sqDist(M.data, i, C, j, M.cols))));
  }

  /** Minus the inertia of X to the centres. */
  score(X: MatrixLike): number {
    return KMeans.prototype.score.call(this as unknown as KMeans, X);
  }
}
