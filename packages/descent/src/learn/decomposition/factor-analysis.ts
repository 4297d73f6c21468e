/**
 * Factor analysis (sklearn.decomposition.FactorAnalysis): a linear Gaussian latent model
 *
 *   x = W·z + μ + ε,   z ~ N(0, I_k),   ε ~ N(0, Ψ) with Ψ diagonal,
 *
 * so cov(x) = WᵀW + Ψ (W stored as components_, (k, d)). Unlike probabilistic PCA, each
 * feature has its own noise variance ψ_j. It is fitted by maximum likelihood with the
 * SVD-based iteration of Barber, "Bayesian Reasoning and Machine Learning" (2012),
 * Algorithm 21.1: scale the centred data by Ψ^{-1/2}/√n, take its top k singular values s
 * and vectors V; then W = Ψ^{1/2}·√(max(s² − 1, 0))·V and Ψ = diag(var(x) − ΣW²), until the
 * log-likelihood gains less than `tol`.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { gemm, zeros } from '../../linalg/matrix.js';
import { luFactor, luSolve } from '../../linalg/lu.js';
import { identity } from '../../linalg/matrix.js';
import { svdKernel } from '../../linalg/svd-kernel.js';
import { Generator } from '../../random/index.js';
import { centered, columnMeans, firstRows, randomizedSvd, rowsOf, thinSvd } from './svd-utils.js';

export interface FactorAnalysisParams {
  /** Latent factors k; null for one per feature. Default null. */
  nComponents: number | null;
  /** Stop when the log-likelihood gains less than this. Default 1e-2. */
  tol: number;
  maxIter: number;
  /** Starting noise variances (one per feature); null for ones. */
  noiseVarianceInit: number[] | null;
  /** 'lapack' (exact SVD each iteration) or 'randomized' (Halko et al.; default, as scikit-learn). */
  svdMethod: 'lapack' | 'randomized';
  /** Power iterations of the randomized SVD. Default 3. */
  iteratedPower: number;
  /** Rotate the loadings after the fit: null, 'varimax' or 'quartimax'. */
  rotation: null | 'varimax' | 'quartimax';
  /** Seed of the randomized SVD. Default 0 (as scikit-learn). */
  randomState: number | null;
}

/**
 * Factor analysis.
 *
 * ```ts
 * const fa = new FactorAnalysis({ nComponents: 2, svdMethod: 'lapack' }).fit(loadIris().data);
 * fa.noiseVariance_;   // per-feature noise ψ_j
 * fa.loglike_.at(-1);  // the final log-likelihood
 * fa.transform(X);     // E[z | x], (n, 2)
 * ```
 */
export class FactorAnalysis extends Transformer<FactorAnalysisParams> {
  static override readonly spec: EstimatorSpec<FactorAnalysisParams> = {
    name: 'FactorAnalysis',
    defaults: { nComponents: null, tol: 1e-2, maxIter: 1000, noiseVarianceInit: null, svdMethod: 'randomized', iteratedPower: 3, rotation: null, randomState: 0 },
    constraints: {
      nComponents: [C.null, C.integer({ min: 0 })],
      tol: [C.number({ min: 0 })],
      maxIter: [C.integer({ min: 1 })],
      noiseVarianceInit: [C.null, C.custom('an array of positive numbers, one per feature', (v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && x > 0 && Number.isFinite(x)))],
      svdMethod: [C.options('lapack', 'randomized')],
      iteratedPower: [C.integer({ min: 0 })],
      rotation: [C.null, C.options('varimax', 'quartimax')],
      randomState: [C.null, C.integer({ min: 0 })],
    },
  };

  /** (k, d): the loadings W. */
  declare components_: number[][];
  /** ψ_j, the noise variance of each feature. */
  declare noiseVariance_: number[];
  declare mean_: number[];
  /** The log-likelihood after each iteration. */
  declare loglike_: number[];
  declare nIter_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const p = this.params;
    const n = M.rows;
    const d = M.cols;
    const k = p.nComponents ?? d;
    if (k > d) throw new Error(`${this.estimatorName}: nComponents=${k} is more than the ${d} features; choose at most ${d}.`);
    if (p.noiseVarianceInit !== null && p.noiseVarianceInit.length !== d) {
      throw new Error(`${this.estimatorName}: noiseVarianceInit has ${p.noiseVarianceInit.length} values but X has ${d} features; give one per feature.`);
    }
    const mean = columnMeans(M);
    const Xc = centered(M, mean);
    const variance = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) variance[j] += Xc.data[i * d + j] ** 2 / n;
    let psi = p.noiseVarianceInit === null ? new Float64Array(d).fill(1) : Float64Array.from(p.noiseVarianceInit);
    const nsqrt = Math.sqrt(n);
    const llconst = d * Math.log(2 * Math.PI) + k;
    const SMALL = 1e-12;
    const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 31));
    const scaled = zeros(n, d);
    const loglike: number[] = [];
    let oldLl = -Infinity;
    let W = zeros(k, d);
    let iter: number;
    for (iter = 0; iter < p.maxIter; iter++) {
      const sqrtPsi = psi.map((v) => Math.sqrt(v) + SMALL);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scaled.data[i * d + j] = Xc.data[i * d + j] / (sqrtPsi[j] * nsqrt);
      // The top k singular values (squared) and right vectors, and the energy of the rest.
      let s: Float64Array;
      let Vt: Matrix;
      let unexplained = 0;
      if (p.svdMethod === 'lapack') {
        const r = thinSvd(scaled);
        s = r.S.slice(0, k);
        Vt = firstRows(r.Vt, k);
        for (let t = k; t < r.S.length; t++) unexplained += r.S[t] ** 2;
      } else {
        const r = randomizedSvd(scaled, { nComponents: k, nOversamples: 10, nIter: p.iteratedPower, seed: rng.integers(0, 2 ** 31) });
        s = r.S;
        Vt = r.Vt;
        let total = 0;
        for (const v of scaled.data) total += v * v;
        unexplained = total - s.reduce((a, v) => a + v * v, 0);
      }
      s = s.map((v) => v * v);
      W = zeros(k, d);
      for (let c = 0; c < k; c++) {
        const f = Math.sqrt(Math.max(s[c] - 1, 0));
        for (let j = 0; j < d; j++) W.data[c * d + j] = f * Vt.data[c * d + j] * sqrtPsi[j];
      }
      let ll = llconst + unexplained;
      for (const v of s) ll += Math.log(v);
      for (const v of psi) ll += Math.log(v);
      ll *= -n / 2;
      loglike.push(ll);
      if (ll - oldLl < p.tol) break;
      oldLl = ll;
      const next = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        let sq = 0;
        for (let c = 0; c < k; c++) sq += W.data[c * d + j] ** 2;
        next[j] = Math.max(variance[j] - sq, SMALL);
      }
      psi = next;
    }
    this.components_ = p.rotation === null ? rowsOf(W) : orthoRotation(W, p.rotation);
    this.noiseVariance_ = Array.from(psi);
    this.mean_ = Array.from(mean);
    this.loglike_ = loglike;
    this.nIter_ = Math.min(iter + 1, p.maxIter);
    this.nFeaturesIn_ = d;
    return this;
  }

  /** The posterior means E[z | x] = (I + WΨ⁻¹Wᵀ)⁻¹ WΨ⁻¹ (x − μ): (n, k). */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const { W, psi, k, d } = this.loadings();
    const Wpsi = zeros(k, d);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) Wpsi.data[c * d + j] = W.data[c * d + j] / psi[j];
    const A = identity(k); // I + WΨ⁻¹Wᵀ
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) for (let j = 0; j < d; j++) A.data[a * k + b] += Wpsi.data[a * d + j] * W.data[b * d + j];
    const covZ = luSolve(luFactor(A), identity(k));
    const Xc = centered(M, this.mean_);
    const tmp = new Float64Array(M.rows * k); // (n, d)·(d, k)
    gemm(Xc.data, transposeData(Wpsi), tmp, M.rows, d, k);
    const out = new Float64Array(M.rows * k);
    gemm(tmp, covZ.data, out, M.rows, k, k);
    return rowsOf({ rows: M.rows, cols: k, data: out });
  }

  /** The model's covariance WᵀW + Ψ, (d, d). */
  getCovariance(): number[][] {
    this.checkIsFitted();
    return rowsOf(this.covariance());
  }

  /** The model's precision (WᵀW + Ψ)⁻¹, (d, d), by the matrix inversion lemma when k < d. */
  getPrecision(): number[][] {
    this.checkIsFitted();
    return rowsOf(this.precision());
  }

  /** The log-likelihood of each sample under N(μ, WᵀW + Ψ). */
  scoreSamples(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    const d = M.cols;
    const P = this.precision();
    const f = luFactor(P);
    let logdet = 0;
    let sign = f.sign as number;
    for (let i = 0; i < d; i++) {
      const u = f.lu.data[i * d + i];
      if (u < 0) sign = -sign;
      logdet += Math.log(Math.abs(u));
    }
    if (!(sign > 0)) logdet = -Infinity; // scikit-learn's fast_logdet
    const Xc = centered(M, this.mean_);
    const XP = new Float64Array(M.rows * d);
    gemm(Xc.data, P.data, XP, M.rows, d, d);
    return Array.from({ length: M.rows }, (_, i) => {
      let q = 0;
      for (let j = 0; j < d; j++) q += Xc.data[i * d + j] * XP[i * d + j];
      return -0.5 * q - 0.5 * (d * Math.log(2 * Math.PI) - logdet);
    });
  }

  /** The mean log-likelihood of the samples. */
  score(X: MatrixLike): number {
    const ll = this.scoreSamples(X);
    return ll.reduce((a, b) => a + b, 0) / ll.length;
  }

  private loadings(): { W: Matrix; psi: number[]; k: number; d: number } {
    const k = this.components_.length;
    const d = this.nFeaturesIn_;
    return { W: { rows: k, cols: d, data: Float64Array.from(this.components_.flat()) }, psi: this.noiseVariance_, k, d };
  }

  private covariance(): Matrix {
    const { W, psi, k, d } = this.loadings();
    const Cov = zeros(d, d);
    gemm(transposeData(W), W.data, Cov.data, d, k, d);
    for (let j = 0; j < d; j++) Cov.data[j * d + j] += psi[j];
    return Cov;
  }

  private precision(): Matrix {
    const { W, psi, k, d } = this.loadings();
    if (k === 0) {
      const P = zeros(d, d);
      for (let j = 0; j < d; j++) P.data[j * d + j] = 1 / psi[j];
      return P;
    }
    if (k === d) return luSolve(luFactor(this.covariance()), identity(d));
    // (WᵀW + Ψ)⁻¹ = Ψ⁻¹ − Ψ⁻¹Wᵀ (I + WΨ⁻¹Wᵀ)⁻¹ WΨ⁻¹ (Woodbury): only a k × k inverse.
    const A = identity(k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) for (let j = 0; j < d; j++) A.data[a * k + b] += (W.data[a * d + j] * W.data[b * d + j]) / psi[j];
    const Ainv = luSolve(luFactor(A), identity(k));
    const AW = new Float64Array(k * d);
    gemm(Ainv.data, W.data, AW, k, k, d);
    const P = zeros(d, d);
    gemm(transposeData(W), AW, P.data, d, k, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) P.data[i * d + j] = -P.data[i * d + j] / (psi[i] * psi[j]);
      P.data[i * d + i] += 1 / psi[i];
    }
    return P;
  }
}

/** The row-major data of Mᵀ. */
function transposeData(M: Matrix): Float64Array {
  const T = new Float64Array(M.rows * M.cols);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) T[j * M.rows + i] = M.data[i * M.cols + j];
  return T;
}

/**
 * Varimax or quartimax rotation of the loadings (Kaiser 1958), as scikit-learn's
 * `_ortho_rotation`: the orthogonal R maximising the variance of the squared loadings,
 * found by repeated SVDs (R = U·Vᵀ of Λᵀ(Λ_R³ − Λ_R·diag(mean of Λ_R²))) until the
 * criterion grows by less than a relative 1e-6. W is (k, d); returns the rotated (k, d).
 */
function orthoRotation(W: Matrix, method: 'varimax' | 'quartimax'): number[][] {
  const k = W.rows;
  const d = W.cols;
  const L = transposeData(W); // Λ = Wᵀ, (d, k)
  let R = identity(k);
  let variance = 0;
  const rot = new Float64Array(d * k);
  for (let it = 0; it < 100; it++) {
    gemm(L, R.data, rot, d, k, k);
    const colMean = new Float64Array(k);
    if (method === 'varimax') for (let i = 0; i < d; i++) for (let c = 0; c < k; c++) colMean[c] += rot[i * k + c] ** 2 / d;
    const T = new Float64Array(d * k);
    for (let i = 0; i < d; i++) for (let c = 0; c < k; c++) T[i * k + c] = rot[i * k + c] ** 3 - rot[i * k + c] * colMean[c];
    const G = zeros(k, k);
    gemm(W.data, T, G.data, k, d, k); // Λᵀ·T
    const { U, S, Vt } = svdKernel(G, false);
    R = zeros(k, k);
    gemm(U.data, Vt.data, R.data, k, k, k);
    const next = S.reduce((a, b) => a + b, 0);
    if (variance !== 0 && next < variance * (1 + 1e-6)) break;
    variance = next;
  }
  gemm(L, R.data, rot, d, k, k);
  return rowsOf({ rows: k, cols: d, data: transposeData({ rows: d, cols: k, data: rot }) });
}
