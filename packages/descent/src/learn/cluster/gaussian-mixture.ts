/**
 * GaussianMixture (sklearn.mixture.GaussianMixture): a mixture of K Gaussians fitted by
 * expectation–maximization (Dempster, Laird & Rubin 1977; Bishop, PRML §9.2). The E-step
 * computes each sample's responsibilities r_ik ∝ π_k N(x_i; μ_k, Σ_k); the M-step refits
 * π, μ and Σ as responsibility-weighted averages (Σ plus `regCovar` on its diagonal). The
 * log-likelihood never decreases, and EM stops when it rises by less than `tol`.
 *
 * Covariances are 'full' (one matrix per component), 'tied' (one shared matrix), 'diag'
 * (one vector of variances per component) or 'spherical' (one variance per component).
 * As scikit-learn, densities are evaluated through the Cholesky factor of each precision.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { BaseEstimator } from '../base/base-estimator.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { seedOf } from './base.js';
import { KMeans } from './kmeans.js';
import { kmeansPlusPlus } from './kmeans-init.js';
import { flattenInit, nest, precCholFromCov, precCholFromPrecisions, precisionsOf, weightedLogProb, type CovarianceType, type Params } from './gaussian-mixture-math.js';

export interface GaussianMixtureParams {
  nComponents: number;
  covarianceType: CovarianceType;
  /** Stop when the mean log-likelihood gains less than this. Default 1e-3. */
  tol: number;
  /** Added to the covariance diagonals, keeping them positive definite. Default 1e-6. */
  regCovar: number;
  maxIter: number;
  /** EM runs from different initializations; the best likelihood is kept. Default 1. */
  nInit: number;
  /** How responsibilities start: 'kmeans' (default), 'k-means++', 'random' or 'random_from_data'. */
  initParams: 'kmeans' | 'k-means++' | 'random' | 'random_from_data';
  /** Starting weights (K), means (K, d) and precisions (shaped by covarianceType), overriding initParams. */
  weightsInit: number[] | null;
  meansInit: number[][] | null;
  precisionsInit: number[] | number[][] | number[][][] | null;
  randomState: number | null;
}

const numbers = (depth: number) => (v: unknown): boolean =>
  depth === 0 ? typeof v === 'number' && Number.isFinite(v) : Array.isArray(v) && v.length > 0 && v.every(numbers(depth - 1));

/**
 * A Gaussian mixture model.
 *
 * ```ts
 * const gm = new GaussianMixture({ nComponents: 2, randomState: 0 }).fit([[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]]);
 * gm.means_;                 // [[10, 2], [1, 2]] (in some order)
 * gm.predict([[0, 0], [12, 3]]);
 * gm.bic(X);                 // lower is better
 * ```
 */
export class GaussianMixture extends BaseEstimator<GaussianMixtureParams> {
  static override readonly spec: EstimatorSpec<GaussianMixtureParams> = {
    name: 'GaussianMixture',
    defaults: {
      nComponents: 1, covarianceType: 'full', tol: 1e-3, regCovar: 1e-6, maxIter: 100, nInit: 1, initParams: 'kmeans',
      weightsInit: null, meansInit: null, precisionsInit: null, randomState: null,
    },
    constraints: {
      nComponents: [C.integer({ min: 1 })],
      covarianceType: [C.options('full', 'tied', 'diag', 'spherical')],
      tol: [C.number({ min: 0 })],
      regCovar: [C.number({ min: 0 })],
      maxIter: [C.integer({ min: 0 })],
      nInit: [C.integer({ min: 1 })],
      initParams: [C.options('kmeans', 'k-means++', 'random', 'random_from_data')],
      weightsInit: [C.null, C.custom('an array of weights', numbers(1))],
      meansInit: [C.null, C.custom('an array of nComponents means (number[][])', numbers(2))],
      precisionsInit: [C.null, C.custom('precisions shaped for covarianceType', (v) => numbers(1)(v) || numbers(2)(v) || numbers(3)(v))],
      randomState: [C.integer(), C.null],
    },
    tags: { estimatorType: 'clusterer' },
  };

  declare weights_: number[];
  declare means_: number[][];
  /** Shaped by covarianceType: (K, d, d), (d, d), (K, d) or (K). */
  declare covariances_: number[] | number[][] | number[][][];
  declare precisions_: number[] | number[][] | number[][][];
  declare precisionsCholesky_: number[] | number[][] | number[][][];
  declare converged_: boolean;
  declare nIter_: number;
  /** The mean log-likelihood of the training data at the best run's last EM step. */
  declare lowerBound_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const p = this.params;
    if (M.rows < p.nComponents) {
      throw new Error(`GaussianMixture: expected nSamples >= nComponents but got nComponents = ${p.nComponents}, nSamples = ${M.rows}.`);
    }
    const rng = new Generator(seedOf(p.randomState));
    let best: { params: Params; bound: number; nIter: number; converged: boolean } | null = null;
    for (let run = 0; run < p.nInit; run++) {
      let params = this.initialize(M, rng);
      let bound = -Infinity;
      let nIter = 0;
      let converged = false;
      for (let it = 1; it <= p.maxIter; it++) {
        nIter = it;
        const prev = bound;
        const { logResp, meanLogNorm } = eStep(M, params, p.covarianceType);
        params = mStep(M, logResp, p.covarianceType, p.regCovar);
        bound = meanLogNorm;
        if (Math.abs(bound - prev) < p.tol) { converged = true; break; }
      }
      if (best === null || bound > best.bound) best = { params, bound, nIter, converged };
    }
    const b = best!;
    this.setFitted(b.params);
    this.converged_ = b.converged;
    this.nIter_ = b.nIter;
    this.lowerBound_ = b.bound;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  private initialize(M: Matrix, rng: Generator): Params {
    const p = this.params;
    const K = p.nComponents;
    const n = M.rows;
    const resp = new Float64Array(n * K);
    if (p.initParams === 'kmeans') {
      const labels = new KMeans({ nClusters: K, nInit: 1, randomState: rng.integers(0, 2 ** 31) }).fit({ data: M.data, shape: [n, M.cols] }).labels_;
      labels.forEach((l, i) => (resp[i * K + l] = 1));
    } else if (p.initParams === 'k-means++') {
      kmeansPlusPlus(M.data, n, M.cols, K, rng).indices.forEach((i, k) => (resp[i * K + k] = 1));
    } else if (p.initParams === 'random_from_data') {
      rng.permutation(n).slice(0, K).forEach((i, k) => (resp[i * K + k] = 1));
    } else {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += resp[i * K + k] = rng.random();
        for (let k = 0; k < K; k++) resp[i * K + k] /= s;
      }
    }
    const params = fromResp(M, resp, p.covarianceType, p.regCovar);
    for (let k = 0; k < K; k++) params.weights[k] /= n;
    if (p.weightsInit) {
      if (p.weightsInit.length !== K) throw new Error(`GaussianMixture: weightsInit has ${p.weightsInit.length} weights but nComponents is ${K}.`);
      params.weights = Float64Array.from(p.weightsInit);
    }
    if (p.meansInit) {
      if (p.meansInit.length !== K || p.meansInit.some((r) => r.length !== M.cols)) {
        throw new Error(`GaussianMixture: meansInit should have shape (nComponents=${K}, nFeatures=${M.cols}).`);
      }
      params.means = Float64Array.from(p.meansInit.flat());
    }
    if (p.precisionsInit) {
      params.precChol = precCholFromPrecisions(flattenInit(p.precisionsInit, p.covarianceType, K, M.cols), p.covarianceType, K, M.cols);
    }
    return params;
  }

  private setFitted(params: Params): void {
    const { covarianceType: type } = this.params;
    const K = this.params.nComponents;
    const d = params.d;
    this.weights_ = Array.from(params.weights);
    this.means_ = Array.from({ length: K }, (_, k) => Array.from(params.means.subarray(k * d, (k + 1) * d)));
    this.covariances_ = nest(params.cov, type, K, d);
    this.precisionsCholesky_ = nest(params.precChol, type, K, d);
    this.precisions_ = nest(precisionsOf(params.precChol, type, K, d), type, K, d);
  }

  private fittedParams(): Params {
    const K = this.params.nComponents;
    const d = this.nFeaturesIn_;
    return {
      d,
      weights: Float64Array.from(this.weights_),
      means: Float64Array.from(this.means_.flat()),
      cov: new Float64Array(0),
      precChol: flattenInit(this.precisionsCholesky_, this.params.covarianceType, K, d),
    };
  }

  /** log p(x) under the mixture, per sample. */
  scoreSamples(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return Array.from(eStep(M, this.fittedParams(), this.params.covarianceType).logNorm);
  }

  /** The mean log-likelihood of X. */
  score(X: MatrixLike): number {
    const s = this.scoreSamples(X);
    return s.reduce((a, b) => a + b, 0) / s.length;
  }

  /** Responsibilities p(component k | x): (n, K). */
  predictProba(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const K = this.params.nComponents;
    const { logResp } = eStep(M, this.fittedParams(), this.params.covarianceType);
    return Array.from({ length: M.rows }, (_, i) => Array.from({ length: K }, (_, k) => Math.exp(logResp[i * K + k])));
  }

  /** The most responsible component of each sample. */
  predict(X: MatrixLike): number[] {
    return this.predictProba(X).map((r) => r.indexOf(Math.max(...r)));
  }

  fitPredict(X: MatrixLike): number[] {
    return this.fit(X).predict(X);
  }

  /** Free parameters: means, covariances and K − 1 weights. */
  nParameters(): number {
    this.checkIsFitted();
    const K = this.params.nComponents;
    const d = this.nFeaturesIn_;
    const cov = { full: (K * d * (d + 1)) / 2, tied: (d * (d + 1)) / 2, diag: K * d, spherical: K }[this.params.covarianceType];
    return cov + K * d + K - 1;
  }

  /** Bayesian information criterion −2 log L + p ln n (lower is better). */
  bic(X: MatrixLike): number {
    const n = this.checkPredictInput(X).rows;
    return -2 * this.score(X) * n + this.nParameters() * Math.log(n);
  }

  /** Akaike information criterion −2 log L + 2p (lower is better). */
  aic(X: MatrixLike): number {
    const n = this.checkPredictInput(X).rows;
    return -2 * this.score(X) * n + 2 * this.nParameters();
  }
}

/** E-step: log responsibilities (n, K), per-sample log p(x) and its mean. */
function eStep(M: Matrix, params: Params, type: CovarianceType): { logResp: Float64Array; logNorm: Float64Array; meanLogNorm: number } {
  const K = params.weights.length;
  const w = weightedLogProb(M, params, type);
  const logNorm = new Float64Array(M.rows);
  let sum = 0;
  for (let i = 0; i < M.rows; i++) {
    let mx = -Infinity;
    for (let k = 0; k < K; k++) mx = Math.max(mx, w[i * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(w[i * K + k] - mx);
    logNorm[i] = mx + Math.log(s);
    for (let k = 0; k < K; k++) w[i * K + k] -= logNorm[i];
    sum += logNorm[i];
  }
  return { logResp: w, logNorm, meanLogNorm: sum / M.rows };
}

/** M-step: weights, means and covariances from the responsibilities exp(logResp). */
function mStep(M: Matrix, logResp: Float64Array, type: CovarianceType, reg: number): Params {
  const params = fromResp(M, logResp.map(Math.exp), type, reg);
  const total = params.weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < params.weights.length; k++) params.weights[k] /= total;
  return params;
}

/** scikit-learn's _estimate_gaussian_parameters, then the precision Cholesky factors. */
function fromResp(M: Matrix, resp: Float64Array, type: CovarianceType, reg: number): Params {
  const n = M.rows;
  const d = M.cols;
  const K = resp.length / n;
  const X = M.data;
  const nk = new Float64Array(K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) nk[k] += resp[i * K + k];
  for (let k = 0; k < K; k++) nk[k] += 10 * Number.EPSILON;
  const means = new Float64Array(K * d);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) for (let f = 0; f < d; f++) means[k * d + f] += resp[i * K + k] * X[i * d + f];
  for (let k = 0; k < K; k++) for (let f = 0; f < d; f++) means[k * d + f] /= nk[k];
  let cov: Float64Array;
  if (type === 'full') {
    cov = new Float64Array(K * d * d);
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) {
        const r = resp[i * K + k];
        for (let a = 0; a < d; a++) {
          const da = X[i * d + a] - means[k * d + a];
          for (let b = 0; b < d; b++) cov[k * d * d + a * d + b] += r * da * (X[i * d + b] - means[k * d + b]);
        }
      }
      for (let t = 0; t < d * d; t++) cov[k * d * d + t] /= nk[k];
      for (let a = 0; a < d; a++) cov[k * d * d + a * d + a] += reg;
    }
  } else if (type === 'tied') {
    // Σ = (XᵀX − Σ_k n_k μ_k μ_kᵀ) / Σ_k n_k.
    cov = new Float64Array(d * d);
    for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] += X[i * d + a] * X[i * d + b];
    for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= nk[k] * means[k * d + a] * means[k * d + b];
    const total = nk.reduce((s, v) => s + v, 0);
    for (let t = 0; t < d * d; t++) cov[t] /= total;
    for (let a = 0; a < d; a++) cov[a * d + a] += reg;
  } else {
    // diag: E[x²] − 2 μ E[x] + μ², per component and feature; spherical averages it over features.
    const diag = new Float64Array(K * d);
    const sx = new Float64Array(K * d);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        const r = resp[i * K + k];
        for (let f = 0; f < d; f++) {
          diag[k * d + f] += r * X[i * d + f] * X[i * d + f];
          sx[k * d + f] += r * X[i * d + f];
        }
      }
    }
    for (let k = 0; k < K; k++) {
      for (let f = 0; f < d; f++) {
        const m = means[k * d + f];
        diag[k * d + f] = diag[k * d + f] / nk[k] - 2 * (m * sx[k * d + f]) / nk[k] + m * m + reg;
      }
    }
    cov = type === 'diag' ? diag : Float64Array.from({ length: K }, (_, k) => diag.subarray(k * d, (k + 1) * d).reduce((a, b) => a + b, 0) / d);
  }
  const params: Params = { d, weights: nk, means, cov, precChol: new Float64Array(0) };
  params.precChol = precCholFromCov(cov, type, K, d);
  return params;
}
