/**
 * TSNE: t-distributed stochastic neighbour embedding (van der Maaten & Hinton, "Visualizing
 * data using t-SNE", JMLR 9, 2008), as sklearn.manifold.TSNE: the Barnes–Hut approximation
 * (the default, O(n log n) per step; ./barnes-hut.ts) and the exact O(n²) method.
 *
 * In the data, each point i spreads a Gaussian over the others, with its width chosen by
 * binary search so that the distribution's perplexity 2^H equals `perplexity`; the
 * symmetrized p_ij say which points are neighbours. In the embedding, similarities q_ij
 * use a Student t kernel (1 + ‖y_i − y_j‖²)⁻¹, whose heavy tail lets moderately distant
 * points sit far apart. Gradient descent on KL(P‖Q), with momentum, per-coordinate gains
 * (Jacobs 1988) and an "early exaggeration" of P for the first 250 steps, places the points.
 *
 * As scikit-learn, the embedding is kept in float32 (each stored value rounded with
 * Math.fround), so that from the same initial embedding we follow its path.
 */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { PCA } from '../decomposition/pca.js';
import { jointProbabilitiesNN, klGradientBH } from './barnes-hut.js';
import { binarySearchPerplexity } from './perplexity.js';

export interface TSNEParams {
  /** Dimensions of the embedding. Default 2. */
  nComponents: number;
  /** The effective number of neighbours each point considers (5–50 is usual); must be below the sample count. Default 30. */
  perplexity: number;
  /** P is multiplied by this for the first 250 iterations, pulling clusters apart early. Default 12. */
  earlyExaggeration: number;
  /** Step size; 'auto' is max(n / earlyExaggeration / 4, 50) (Belkina et al. 2019). Default 'auto'. */
  learningRate: number | 'auto';
  /** Total iterations, at least 250. Default 1000. */
  nIter: number;
  /** Stop after this many iterations without a lower KL divergence (checked every 50). Default 300. */
  nIterWithoutProgress: number;
  /** Stop when the gradient norm is below this. Default 1e-7. */
  minGradNorm: number;
  /** 'pca' (PCA projections scaled to a standard deviation of 1e-4), 'random', or an (n, nComponents) array. Default 'pca'. */
  init: 'pca' | 'random' | number[][];
  /** 'barnes_hut' (sparse P over 3·perplexity neighbours, tree-approximated repulsion; nComponents ≤ 3) or 'exact'. Default 'barnes_hut'. */
  method: 'barnes_hut' | 'exact';
  /** Barnes–Hut's θ: a cell stands in for its points when its width / distance < θ. 0 is exact repulsion, larger is faster and coarser. Default 0.5. */
  angle: number;
  randomState: number | null;
}

const MACHINE_EPSILON = 2 ** -52;
const F32_02 = Math.fround(0.2);
const F32_08 = Math.fround(0.8);
const F32_001 = Math.fround(0.01);

/**
 * t-SNE. It embeds the data it is fitted on (there is no `transform` for new points).
 *
 * ```ts
 * const Y = new TSNE({ perplexity: 10, randomState: 0 }).fitTransform(X);   // (n, 2), Barnes–Hut
 * const Z = new TSNE({ method: 'exact', perplexity: 10, randomState: 0 }).fitTransform(X);
 * ```
 */
export class TSNE extends BaseEstimator<TSNEParams> {
  static override readonly spec: EstimatorSpec<TSNEParams> = {
    name: 'TSNE',
    defaults: {
      nComponents: 2, perplexity: 30, earlyExaggeration: 12, learningRate: 'auto', nIter: 1000, nIterWithoutProgress: 300,
      minGradNorm: 1e-7, init: 'pca', method: 'barnes_hut', angle: 0.5, randomState: null,
    },
    constraints: {
      nComponents: [C.integer({ min: 1 })],
      perplexity: [C.number({ min: 0, minExclusive: true })],
      earlyExaggeration: [C.number({ min: 1 })],
      learningRate: [C.options('auto'), C.number({ min: 0, minExclusive: true })],
      nIter: [C.integer({ min: 250 })],
      nIterWithoutProgress: [C.integer({ min: -1 })],
      minGradNorm: [C.number({ min: 0 })],
      init: [C.options('pca', 'random'), C.custom('an (n, nComponents) array', (v) => Array.isArray(v) && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number')))],
      method: [C.options('barnes_hut', 'exact')],
      angle: [C.number({ min: 0 })],
      randomState: [C.integer(), C.null],
    },
    tags: { estimatorType: 'transformer' },
  };

  /** (n, nComponents): the embedding. */
  declare embedding_: number[][];
  /** KL(P‖Q) at the end. */
  declare klDivergence_: number;
  declare nIter_: number;
  declare learningRate_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const p = this.params;
    const n = M.rows;
    const k = p.nComponents;
    if (p.perplexity >= n) throw new Error(`TSNE: perplexity (${p.perplexity}) must be less than nSamples (${n}). Lower the perplexity.`);
    const lr = p.learningRate === 'auto' ? Math.max(n / p.earlyExaggeration / 4, 50) : p.learningRate;
    if (p.method === 'barnes_hut' && k > 3) throw new Error(`TSNE: method 'barnes_hut' works with nComponents <= 3 (a quadtree or an octree); got ${k}. Use method 'exact'.`);
    const dof = Math.max(k - 1, 1);
    // P's values (dense for exact, CSR values for Barnes–Hut) and the matching objective.
    let values: Float64Array;
    let objective: Objective;
    if (p.method === 'exact') {
      const P = jointProbabilities(M, p.perplexity);
      values = P;
      objective = (Y, grad, withError) => klGradient(Y, P, n, k, dof, grad, withError);
    } else {
      const P = jointProbabilitiesNN(M, p.perplexity);
      values = P.data;
      objective = (Y, grad, withError) => klGradientBH(Y, P, n, k, dof, p.angle, grad, withError);
    }
    const Y = this.initialEmbedding(M);
    for (let t = 0; t < values.length; t++) values[t] *= p.earlyExaggeration;
    // Each phase starts with zero momentum and unit gains, as each of scikit-learn's _gradient_descent calls does.
    const fresh = () => ({ update: new Float32Array(n * k), gains: new Float32Array(n * k).fill(1) });
    let res = gradientDescent(Y, objective, fresh(), { start: 0, nIter: 250, momentum: 0.5, lr, withoutProgress: 250, minGradNorm: p.minGradNorm });
    for (let t = 0; t < values.length; t++) values[t] /= p.earlyExaggeration;
    if (res.it < 250 || p.nIter - 250 > 0) {
      res = gradientDescent(Y, objective, fresh(), { start: res.it + 1, nIter: p.nIter, momentum: 0.8, lr, withoutProgress: p.nIterWithoutProgress, minGradNorm: p.minGradNorm });
    }
    this.embedding_ = Array.from({ length: n }, (_, i) => Array.from(Y.subarray(i * k, (i + 1) * k)));
    this.klDivergence_ = res.error;
    this.nIter_ = res.it;
    this.learningRate_ = lr;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** `fit(X).embedding_`. */
  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).embedding_.map((r) => r.slice());
  }

  private initialEmbedding(M: Matrix): Float32Array {
    const { init, nComponents: k, randomState } = this.params;
    const n = M.rows;
    if (Array.isArray(init)) {
      if (init.length !== n || init.some((r) => r.length !== k)) throw new Error(`TSNE: init should have shape (nSamples=${n}, nComponents=${k}).`);
      return Float32Array.from(init.flat());
    }
    if (init === 'random') {
      const g = new Generator(randomState ?? Math.floor(Math.random() * 2 ** 32));
      return Float32Array.from({ length: n * k }, () => 1e-4 * g.normal());
    }
    // PCA projections, rescaled so the first coordinate has standard deviation 1e-4 (as random init).
    const Z = Float32Array.from(new PCA({ nComponents: k, svdSolver: 'randomized', randomState }).fitTransform({ data: M.data, shape: [n, M.cols] }).flat());
    let mean = 0;
    for (let i = 0; i < n; i++) mean += Z[i * k];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (Z[i * k] - mean) ** 2;
    const std = Math.fround(Math.sqrt(v / n));
    return Z.map((z) => Math.fround(Math.fround(z / std) * 1e-4));
  }
}

/**
 * Symmetrized neighbour probabilities p_ij (n, n; zero diagonal): each row's Gaussian width
 * found by binary search on β = 1/(2σ²) until the entropy is ln(perplexity) to 1e-5, then
 * P = (P_cond + P_condᵀ)/Σ, floored at machine epsilon (scikit-learn's _joint_probabilities).
 */
export function jointProbabilities(M: Matrix, perplexity: number): Float64Array {
  const n = M.rows;
  const d = M.cols;
  const D = new Float32Array(n * n); // squared distances, in float32 as scikit-learn
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (M.data[i * d + f] - M.data[j * d + f]) ** 2;
      D[i * n + j] = D[j * n + i] = s;
    }
  }
  const cond = binarySearchPerplexity(D, n, n, perplexity, true);
  const P = new Float64Array(n * n);
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) total += P[i * n + j] = cond[i * n + j] + cond[j * n + i];
  total = Math.max(total, MACHINE_EPSILON);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) P[i * n + j] = i === j ? 0 : Math.max(P[i * n + j] / total, MACHINE_EPSILON);
  return P;
}

/** KL(P‖Q) (over pairs i < j, doubled) and its gradient at Y, the gradient rounded to float32 as scikit-learn stores it. */
export function klGradient(Y: Float32Array, P: Float64Array, n: number, k: number, dof: number, grad: Float32Array, withError: boolean): number {
  const w = new Float64Array(n * n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += (Y[i * k + c] - Y[j * k + c]) ** 2;
      // (1 + d²/dof)^(−(dof+1)/2); for dof = 1 that is 1/(1 + d²), and pow(x, −1) is 1/x exactly.
      const v = dof === 1 ? 1 / (s + 1) : (s / dof + 1) ** ((dof + 1) / -2);
      w[i * n + j] = w[j * n + i] = v;
      sum += v;
    }
  }
  let error = 0;
  const cst = (2 * (dof + 1)) / dof;
  const twoSum = 2 * sum;
  const g = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    g.fill(0);
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const wij = w[row + j];
      let q = wij / twoSum;
      if (q < MACHINE_EPSILON) q = MACHINE_EPSILON;
      const pij = P[row + j];
      if (withError && j > i) error += 2 * pij * Math.log((pij > MACHINE_EPSILON ? pij : MACHINE_EPSILON) / q);
      const pq = (pij - q) * wij;
      // The coordinate differences are float32 in scikit-learn (X_embedded[i] − X_embedded).
      for (let c = 0; c < k; c++) g[c] += pq * Math.fround(Y[i * k + c] - Y[j * k + c]);
    }
    for (let c = 0; c < k; c++) grad[i * k + c] = Math.fround(Math.fround(g[c]) * cst);
  }
  return error;
}

/** Writes the gradient of KL(P‖Q) at Y into grad; returns the KL divergence when asked (else anything). */
type Objective = (Y: Float32Array, grad: Float32Array, withError: boolean) => number;

interface DescentOptions { start: number; nIter: number; momentum: number; lr: number; withoutProgress: number; minGradNorm: number }

/** scikit-learn's _gradient_descent: momentum, gains (+0.2 when the sign holds, ×0.8 when it flips, floor 0.01), checks every 50 steps. */
function gradientDescent(Y: Float32Array, objective: Objective, s: { update: Float32Array; gains: Float32Array }, o: DescentOptions): { error: number; it: number } {
  const grad = new Float32Array(Y.length);
  let error = Number.MAX_VALUE;
  let best = Number.MAX_VALUE;
  let bestIter = o.start;
  let i: number;
  const { update, gains } = s;
  const m = Math.fround(o.momentum);
  const lr = Math.fround(o.lr);
  for (i = o.start; i < o.nIter; i++) {
    const check = (i + 1) % 50 === 0;
    const e = objective(Y, grad, check || i === o.nIter - 1);
    if (check || i === o.nIter - 1) error = e;
    let norm = 0;
    for (let t = 0; t < grad.length; t++) {
      // NumPy does this arithmetic in float32, the Python constants cast to float32 first.
      gains[t] = update[t] * grad[t] < 0 ? Math.fround(gains[t] + F32_02) : Math.fround(gains[t] * F32_08);
      if (gains[t] < F32_001) gains[t] = F32_001;
      grad[t] = Math.fround(grad[t] * gains[t]);
      update[t] = Math.fround(Math.fround(m * update[t]) - Math.fround(lr * grad[t]));
      Y[t] = Math.fround(Y[t] + update[t]);
      norm += grad[t] * grad[t];
    }
    if (check) {
      if (error < best) { best = error; bestIter = i; } else if (i - bestIter > o.withoutProgress) break;
      if (Math.sqrt(norm) <= o.minGradNorm) break;
    }
  }
  return { error, it: Math.min(i, o.nIter - 1) };
}
