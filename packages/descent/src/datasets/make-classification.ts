/**
 * `makeClassification`: scikit-learn's random n-class problem (sklearn.datasets.
 * make_classification), after the design of Guyon's Madelon dataset (NIPS 2003 feature
 * selection challenge). Its own file because it is the most involved generator.
 */
import { Generator } from '../random/index.js';
import type { Generated } from './generators.js';

export interface MakeClassificationOptions {
  nSamples?: number;
  nFeatures?: number;
  /** Features that carry the class signal. Default 2. */
  nInformative?: number;
  /** Random linear combinations of the informative features. Default 2. */
  nRedundant?: number;
  /** Copies of informative or redundant features. Default 0. */
  nRepeated?: number;
  nClasses?: number;
  nClustersPerClass?: number;
  /** Fraction of samples per class (the last one may be left out); default balanced. */
  weights?: number[] | null;
  /** Fraction of labels replaced by random ones (noise). Default 0.01. */
  flipY?: number;
  /** Side of the hypercube the cluster centres sit on is 2·classSep. Default 1. */
  classSep?: number;
  /** Centres on hypercube vertices (true) or on a random polytope. */
  hypercube?: boolean;
  /** Added to every feature; null draws one per feature in [-classSep, classSep]. Default 0. */
  shift?: number | null;
  /** Multiplies every feature; null draws one per feature in [1, 101]. Default 1. */
  scale?: number | null;
  shuffle?: boolean;
  randomState?: number | null;
}

/** nPoints distinct vertices of the {0, 1}^dim hypercube. */
function hypercubeVertices(g: Generator, nPoints: number, dim: number): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  while (out.length < nPoints) {
    const v = Array.from({ length: dim }, () => g.integers(0, 2));
    const key = v.join('');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/**
 * Gaussian clusters (nClustersPerClass per class) around vertices of a hypercube in the
 * informative subspace, each stretched by a random matrix, followed by redundant,
 * repeated and pure-noise features; then a few labels flipped, features shifted and
 * scaled, and rows and columns shuffled.
 *
 * ```ts
 * const { X, y } = makeClassification({ nSamples: 200, nFeatures: 5, randomState: 0 });
 * ```
 */
export function makeClassification(options: MakeClassificationOptions = {}): Generated {
  const {
    nSamples = 100, nFeatures = 20, nInformative = 2, nRedundant = 2, nRepeated = 0, nClasses = 2,
    nClustersPerClass = 2, flipY = 0.01, classSep = 1, hypercube = true, shuffle = true,
  } = options;
  const shift = options.shift === undefined ? 0 : options.shift;
  const scale = options.scale === undefined ? 1 : options.scale;
  const fn = 'makeClassification';
  if (nInformative + nRedundant + nRepeated > nFeatures) {
    throw new Error(`${fn}: nFeatures (${nFeatures}) must be at least nInformative + nRedundant + nRepeated (${nInformative + nRedundant + nRepeated})`);
  }
  if (nInformative < 1 || nClasses * nClustersPerClass > 2 ** nInformative) {
    throw new Error(`${fn}: nClasses (${nClasses}) × nClustersPerClass (${nClustersPerClass}) must be at most 2^nInformative (${2 ** nInformative})`);
  }
  let weights = options.weights ?? null;
  if (weights && weights.length === nClasses - 1) weights = [...weights, 1 - weights.reduce((a, b) => a + b, 0)];
  if (weights && weights.length !== nClasses) throw new Error(`${fn}: weights needs nClasses or nClasses - 1 values, got ${weights.length}`);
  const w = weights ?? new Array(nClasses).fill(1 / nClasses);
  const g = new Generator(options.randomState ?? Math.floor(Math.random() * 2 ** 32));

  const nClusters = nClasses * nClustersPerClass;
  const perCluster = Array.from({ length: nClusters }, (_, k) => Math.floor((nSamples * w[k % nClasses]) / nClustersPerClass));
  for (let i = 0, rest = nSamples - perCluster.reduce((a, b) => a + b, 0); i < rest; i++) perCluster[i % nClusters]++;

  // Cluster centres: vertices of the hypercube with side 2·classSep, centred on 0.
  const centroids = hypercubeVertices(g, nClusters, nInformative).map((v) => v.map((b) => (2 * b - 1) * classSep));
  if (!hypercube) {
    for (const c of centroids) {
      const r = 2 * g.random();
      for (let j = 0; j < nInformative; j++) c[j] *= r;
    }
    const colScale = Array.from({ length: nInformative }, () => 2 * g.random());
    for (const c of centroids) for (let j = 0; j < nInformative; j++) c[j] *= colScale[j];
  }

  const X: number[][] = Array.from({ length: nSamples }, () => new Array(nFeatures).fill(0));
  for (const row of X) for (let j = 0; j < nInformative; j++) row[j] = g.normal();
  const y = new Array(nSamples).fill(0);
  let start = 0;
  for (let k = 0; k < nClusters; k++) {
    // Each cluster gets its own random covariance: X_k ← X_k·A + centroid, A ~ U(-1, 1).
    const A = Array.from({ length: nInformative }, () => Array.from({ length: nInformative }, () => 2 * g.random() - 1));
    for (let i = start; i < start + perCluster[k]; i++) {
      y[i] = k % nClasses;
      const z = X[i].slice(0, nInformative);
      for (let j = 0; j < nInformative; j++) {
        let s = 0;
        for (let l = 0; l < nInformative; l++) s += z[l] * A[l][j];
        X[i][j] = s + centroids[k][j];
      }
    }
    start += perCluster[k];
  }
  // Redundant features: X_red = X_inf·B, B ~ U(-1, 1) of shape (nInformative, nRedundant).
  const B = Array.from({ length: nInformative }, () => Array.from({ length: nRedundant }, () => 2 * g.random() - 1));
  for (const row of X) {
    for (let r = 0; r < nRedundant; r++) {
      let s = 0;
      for (let l = 0; l < nInformative; l++) s += row[l] * B[l][r];
      row[nInformative + r] = s;
    }
  }
  // Repeated features copy random earlier ones.
  const n = nInformative + nRedundant;
  const repeatIdx = Array.from({ length: nRepeated }, () => Math.floor((n - 1) * g.random() + 0.5));
  for (const row of X) repeatIdx.forEach((src, r) => { row[n + r] = row[src]; });
  // The rest is noise.
  for (const row of X) for (let j = n + nRepeated; j < nFeatures; j++) row[j] = g.normal();

  for (let i = 0; i < nSamples; i++) if (g.random() < flipY) y[i] = g.integers(0, nClasses);

  const shifts = shift === null ? Array.from({ length: nFeatures }, () => (2 * g.random() - 1) * classSep) : new Array(nFeatures).fill(shift);
  const scales = scale === null ? Array.from({ length: nFeatures }, () => 1 + 100 * g.random()) : new Array(nFeatures).fill(scale);
  for (const row of X) for (let j = 0; j < nFeatures; j++) row[j] = (row[j] + shifts[j]) * scales[j];

  if (!shuffle) return { X, y };
  const rowsPerm = g.permutation(nSamples);
  const colsPerm = g.permutation(nFeatures);
  return { X: rowsPerm.map((i) => colsPerm.map((j) => X[i][j])), y: rowsPerm.map((i) => y[i]) };
}
