/**
 * Seeded synthetic datasets with scikit-learn's algorithms, names and defaults
 * (sklearn.datasets.make_*). The random streams come from Descent's `Generator`, so a
 * `randomState` reproduces the same data in every JavaScript engine — but not NumPy's
 * numbers: the same seed gives a differently drawn dataset of the same kind.
 */
import { Generator } from '../random/index.js';

/** Points and labels (or targets). */
export interface Generated {
  /** (nSamples, nFeatures) */
  X: number[][];
  y: number[];
}

function rngFor(randomState: number | null | undefined): Generator {
  return new Generator(randomState ?? Math.floor(Math.random() * 2 ** 32));
}

function checkCount(fn: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${v}`);
}

/** Shuffles X's rows and y together with one permutation (sklearn.utils.shuffle). */
function shuffleTogether(g: Generator, X: number[][], y: number[]): Generated {
  const p = g.permutation(X.length);
  return { X: p.map((i) => X[i]), y: p.map((i) => y[i]) };
}

/** Evenly spaced numbers over [start, stop] (or [start, stop) without the endpoint), like `np.linspace`. */
function linspace(start: number, stop: number, n: number, endpoint = true): number[] {
  const step = (stop - start) / (endpoint ? n - 1 : n);
  return Array.from({ length: n }, (_, i) => (n === 1 ? start : start + i * step));
}

export interface MakeBlobsOptions {
  nSamples?: number;
  nFeatures?: number;
  /** A number of centres drawn uniformly in `centerBox`, or the centres themselves. Default 3. */
  centers?: number | number[][];
  /** Standard deviation of every cluster, or one per centre. Default 1. */
  clusterStd?: number | number[];
  centerBox?: [number, number];
  shuffle?: boolean;
  randomState?: number | null;
}

/**
 * Isotropic Gaussian blobs: nSamples split evenly over the centres (the first ones get
 * the remainder), each point centre + clusterStd·N(0, I). Returns the centres used too.
 *
 * ```ts
 * const { X, y, centers } = makeBlobs({ nSamples: 300, centers: 4, randomState: 0 });
 * ```
 */
export function makeBlobs(options: MakeBlobsOptions = {}): Generated & { centers: number[][] } {
  const { nSamples = 100, centerBox = [-10, 10], shuffle = true } = options;
  let nFeatures = options.nFeatures ?? 2;
  checkCount('makeBlobs', 'nSamples', nSamples, 1);
  const g = rngFor(options.randomState);
  const c = options.centers ?? 3;
  let centers: number[][];
  if (typeof c === 'number') {
    checkCount('makeBlobs', 'centers', c, 1);
    checkCount('makeBlobs', 'nFeatures', nFeatures, 1);
    centers = Array.from({ length: c }, () => Array.from({ length: nFeatures }, () => g.uniform(centerBox[0], centerBox[1])));
  } else {
    centers = c.map((r) => [...r]);
    nFeatures = centers[0].length;
  }
  const k = centers.length;
  const stds = typeof options.clusterStd === 'object' ? options.clusterStd : new Array(k).fill(options.clusterStd ?? 1);
  if (stds.length !== k) throw new Error(`makeBlobs: clusterStd has ${stds.length} values for ${k} centers`);
  const X: number[][] = [];
  const y: number[] = [];
  for (let j = 0; j < k; j++) {
    const count = Math.floor(nSamples / k) + (j < nSamples % k ? 1 : 0);
    for (let i = 0; i < count; i++) {
      X.push(centers[j].map((m) => m + stds[j] * g.normal()));
      y.push(j);
    }
  }
  return { ...(shuffle ? shuffleTogether(g, X, y) : { X, y }), centers };
}

export interface MakeShapesOptions {
  nSamples?: number;
  shuffle?: boolean;
  /** Standard deviation of Gaussian noise added to every coordinate; null for none. */
  noise?: number | null;
  randomState?: number | null;
}

function addNoise(g: Generator, X: number[][], noise: number | null | undefined): void {
  if (!noise) return;
  for (const row of X) for (let j = 0; j < row.length; j++) row[j] += noise * g.normal();
}

/**
 * Two interleaving half circles, label 0 (upper, ⌊n/2⌋ points) and 1 (lower, shifted):
 * the standard example of classes no straight line separates.
 *
 * ```ts
 * const { X, y } = makeMoons({ nSamples: 200, noise: 0.1, randomState: 0 });
 * ```
 */
export function makeMoons(options: MakeShapesOptions = {}): Generated {
  const { nSamples = 100, shuffle = true } = options;
  checkCount('makeMoons', 'nSamples', nSamples, 1);
  const g = rngFor(options.randomState);
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const X = [
    ...linspace(0, Math.PI, nOut).map((t) => [Math.cos(t), Math.sin(t)]),
    ...linspace(0, Math.PI, nIn).map((t) => [1 - Math.cos(t), 1 - Math.sin(t) - 0.5]),
  ];
  const y = [...new Array(nOut).fill(0), ...new Array(nIn).fill(1)];
  const out = shuffle ? shuffleTogether(g, X, y) : { X, y };
  addNoise(g, out.X, options.noise);
  return out;
}

/**
 * A large circle (label 0, radius 1) around a smaller one (label 1, radius `factor`).
 */
export function makeCircles(options: MakeShapesOptions & { factor?: number } = {}): Generated {
  const { nSamples = 100, shuffle = true, factor = 0.8 } = options;
  checkCount('makeCircles', 'nSamples', nSamples, 1);
  if (!(factor >= 0 && factor < 1)) throw new RangeError(`makeCircles: factor must be in [0, 1), got ${factor}`);
  const g = rngFor(options.randomState);
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const X = [
    ...linspace(0, 2 * Math.PI, nOut, false).map((t) => [Math.cos(t), Math.sin(t)]),
    ...linspace(0, 2 * Math.PI, nIn, false).map((t) => [factor * Math.cos(t), factor * Math.sin(t)]),
  ];
  const y = [...new Array(nOut).fill(0), ...new Array(nIn).fill(1)];
  const out = shuffle ? shuffleTogether(g, X, y) : { X, y };
  addNoise(g, out.X, options.noise);
  return out;
}

export interface MakeRegressionOptions {
  nSamples?: number;
  nFeatures?: number;
  /** How many features actually enter y. Default 10. */
  nInformative?: number;
  bias?: number;
  /** Standard deviation of Gaussian noise added to y. */
  noise?: number;
  shuffle?: boolean;
  randomState?: number | null;
}

/**
 * A random linear regression problem: X ~ N(0, I), y = X·coef + bias + noise, where only
 * `nInformative` coefficients are non-zero (each 100·U(0, 1)). Returns the true `coef`.
 */
export function makeRegression(options: MakeRegressionOptions = {}): Generated & { coef: number[] } {
  const { nSamples = 100, nFeatures = 100, bias = 0, noise = 0, shuffle = true } = options;
  checkCount('makeRegression', 'nSamples', nSamples, 1);
  checkCount('makeRegression', 'nFeatures', nFeatures, 1);
  const nInformative = Math.min(nFeatures, options.nInformative ?? 10);
  const g = rngFor(options.randomState);
  const X = Array.from({ length: nSamples }, () => Array.from({ length: nFeatures }, () => g.normal()));
  let coef = Array.from({ length: nFeatures }, (_, j) => (j < nInformative ? 100 * g.random() : 0));
  let y = X.map((r) => r.reduce((s, v, j) => s + v * coef[j], bias));
  if (noise > 0) y = y.map((v) => v + noise * g.normal());
  let out: Generated = { X, y };
  if (shuffle) {
    out = shuffleTogether(g, X, y);
    const p = g.permutation(nFeatures);
    out.X = out.X.map((r) => p.map((j) => r[j]));
    coef = p.map((j) => coef[j]);
  }
  return { ...out, coef };
}
