/**
 * FastICA (Hyvärinen & Oja, "Independent component analysis: algorithms and applications",
 * Neural Networks 13, 2000), as sklearn.decomposition.FastICA. Model: x = A·s with
 * independent, non-Gaussian sources s. After whitening (centre, then project on the PCA
 * axes scaled to unit variance, so E[x̃x̃ᵀ] = I), the unmixing rows w maximise an
 * approximation of negentropy by the fixed-point step
 *
 *   w ← E[x̃·g(wᵀx̃)] − E[g′(wᵀx̃)]·w,
 *
 * with g = tanh(αu) ('logcosh'), u·exp(−u²/2) ('exp') or u³ ('cube'). 'parallel' updates all
 * rows at once and re-orthogonalises them symmetrically, W ← (WWᵀ)^{-1/2}W; 'deflation'
 * finds them one at a time, each Gram–Schmidt-orthogonalised against those found.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { gemm, zeros } from '../../linalg/matrix.js';
import { eighKernel } from '../../linalg/eigh-kernel.js';
import { pinv } from '../../linalg/pinv.js';
import { Generator } from '../../random/index.js';
import { centered, columnMeans, rowsOf } from './svd-utils.js';
import { svdKernel } from '../../linalg/svd-kernel.js';
import { qrKernel } from '../../linalg/qr-kernel.js';

export interface FastICAParams {
  /** Sources to find; null for min(n, d). Ignored without whitening. */
  nComponents: number | null;
  /** 'parallel' (default) or 'deflation'. */
  algorithm: 'parallel' | 'deflation';
  /**
   * 'unit-variance' (default; sources scaled to unit variance, scikit-learn ≥ 1.3's default),
   * 'arbitrary-variance' (scikit-learn 1.2's default), or false (X is already white).
   */
  whiten: 'unit-variance' | 'arbitrary-variance' | false;
  /** The contrast: 'logcosh' (default), 'exp' or 'cube'. */
  fun: 'logcosh' | 'exp' | 'cube';
  /** α of 'logcosh', in [1, 2]. Default 1. */
  alpha: number;
  maxIter: number;
  /** Stop when every row of W turns by less than this (|⟨w_new, w⟩| within tol of 1). Default 1e-4. */
  tol: number;
  /** The (k, k) starting unmixing matrix; null draws it from N(0, 1) with randomState. */
  wInit: number[][] | null;
  /** How to whiten: 'svd' (default) or 'eigh' (of XᵀX; faster for n ≫ d). */
  whitenSolver: 'svd' | 'eigh';
  randomState: number | null;
}

type Contrast = (u: Float64Array, k: number, n: number, alpha: number) => { gx: Float64Array; gPrimeMean: Float64Array };

/** g and the mean of g′ over the samples, for each of k rows of u (k, n). */
const CONTRASTS: Record<FastICAParams['fun'], Contrast> = {
  logcosh: (u, k, n, alpha) => {
    const gx = new Float64Array(u.length);
    const gp = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < n; t++) {
        const v = Math.tanh(alpha * u[c * n + t]);
        gx[c * n + t] = v;
        s += alpha * (1 - v * v);
      }
      gp[c] = s / n;
    }
    return { gx, gPrimeMean: gp };
  },
  exp: (u, k, n) => {
    const gx = new Float64Array(u.length);
    const gp = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < n; t++) {
        const x = u[c * n + t];
        const e = Math.exp(-(x * x) / 2);
        gx[c * n + t] = x * e;
        s += (1 - x * x) * e;
      }
      gp[c] = s / n;
    }
    return { gx, gPrimeMean: gp };
  },
  cube: (u, k, n) => {
    const gx = new Float64Array(u.length);
    const gp = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < n; t++) {
        const x = u[c * n + t];
        gx[c * n + t] = x * x * x;
        s += 3 * x * x;
      }
      gp[c] = s / n;
    }
    return { gx, gPrimeMean: gp };
  },
};

/** W ← (WWᵀ)^{-1/2}·W through the eigendecomposition of WWᵀ (eigenvalues clipped at the smallest normal float). */
function symDecorrelation(W: Float64Array, k: number): Float64Array {
  const WWt = zeros(k, k);
  const Wt = transposed(W, k, k);
  gemm(W, Wt, WWt.data, k, k, k);
  const { values, V } = eighKernel(WWt);
  const scaled = new Float64Array(k * k); // V·diag(1/√s)
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) scaled[i * k + j] = V.data[i * k + j] / Math.sqrt(Math.max(values[j], 2.2250738585072014e-308));
  const inner = new Float64Array(k * k);
  gemm(scaled, transposed(V.data, k, k), inner, k, k, k);
  const out = new Float64Array(k * k);
  gemm(inner, W, out, k, k, k);
  return out;
}

function transposed(A: Float64Array, rows: number, cols: number): Float64Array {
  const T = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) T[j * rows + i] = A[i * cols + j];
  return T;
}

/**
 * Independent component analysis.
 *
 * ```ts
 * // Two sources (a sine and a square wave) mixed into two signals:
 * const ica = new FastICA({ nComponents: 2, randomState: 0 });
 * const S = ica.fitTransform(X);   // the sources, up to order, sign and scale
 * ica.mixing_;                     // (d, 2): X ≈ S·mixing_ᵀ + mean_
 * ```
 */
export class FastICA extends Transformer<FastICAParams> {
  static override readonly spec: EstimatorSpec<FastICAParams> = {
    name: 'FastICA',
    defaults: {
      nComponents: null, algorithm: 'parallel', whiten: 'unit-variance', fun: 'logcosh', alpha: 1, maxIter: 200, tol: 1e-4, wInit: null,
      whitenSolver: 'svd', randomState: null,
    },
    constraints: {
      nComponents: [C.null, C.integer({ min: 1 })],
      algorithm: [C.options('parallel', 'deflation')],
      whiten: [C.options('unit-variance', 'arbitrary-variance', false)],
      fun: [C.options('logcosh', 'exp', 'cube')],
      alpha: [C.number({ min: 1, max: 2 })],
      maxIter: [C.integer({ min: 1 })],
      tol: [C.number({ min: 0 })],
      wInit: [C.null, C.custom('a square array of finite numbers', (v) => Array.isArray(v) && v.every((r) => Array.isArray(r) && r.length === v.length && r.every(Number.isFinite)))],
      whitenSolver: [C.options('svd', 'eigh')],
      randomState: [C.null, C.integer({ min: 0 })],
    },
  };

  /** (k, d): the unmixing matrix applied to centred X. */
  declare components_: number[][];
  /** (d, k): the pseudo-inverse of components_. */
  declare mixing_: number[][];
  declare mean_: number[];
  /** (k, d): the whitening matrix K (null without whitening). */
  declare whitening_: number[][] | null;
  declare nIter_: number;

  fit(X: MatrixLike): this {
    this.fitSources(X);
    return this;
  }

  override fitTransform(X: MatrixLike): number[][] {
    return rowsOf(this.fitSources(X));
  }

  /** Fits and returns the sources S (n, k). */
  private fitSources(X: MatrixLike): Matrix {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const p = this.params;
    const n = M.rows;
    const d = M.cols;
    const whiten = p.whiten;
    let k = whiten === false ? Math.min(n, d) : Math.min(p.nComponents ?? Math.min(n, d), n, d);
    if (whiten === false) k = d; // without whitening W is (d, d), as scikit-learn
    const mean = whiten === false ? new Float64Array(d) : columnMeans(M);
    const Xc = whiten === false ? M : centered(M, mean);
    // X1 (k, n): whitened data, K·Xcᵀ·√n, with K = (u / s)ᵀ from the SVD of Xcᵀ.
    let K: Float64Array | null = null;
    let X1: Float64Array;
    if (whiten !== false) {
      K = this.whiteningMatrix(Xc, k);
      X1 = new Float64Array(k * n);
      gemm(K, transposed(Xc.data, n, d), X1, k, d, n);
      const r = Math.sqrt(n);
      for (let i = 0; i < X1.length; i++) X1[i] *= r;
    } else {
      X1 = transposed(Xc.data, n, d);
    }
    let wInit: Float64Array;
    if (p.wInit !== null) {
      if (p.wInit.length !== k) throw new Error(`${this.estimatorName}: wInit has shape (${p.wInit.length}, ${p.wInit.length}) but should be (${k}, ${k}); give one row and column per component.`);
      wInit = Float64Array.from(p.wInit.flat());
    } else {
      const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 31));
      wInit = Float64Array.from({ length: k * k }, () => rng.normal());
    }
    const g = CONTRASTS[p.fun];
    const { W, nIter } = p.algorithm === 'parallel' ? icaParallel(X1, k, n, wInit, g, p) : icaDeflation(X1, k, n, wInit, g, p);
    // Sources S = (W·K·Xcᵀ)ᵀ, (n, k).
    const unmix = new Float64Array(k * d);
    if (K) gemm(W, K, unmix, k, k, d);
    else unmix.set(W);
    const S = zeros(n, k);
    gemm(Xc.data, transposed(unmix, k, d), S.data, n, d, k);
    if (whiten === 'unit-variance') {
      for (let c = 0; c < k; c++) {
        let mu = 0;
        for (let i = 0; i < n; i++) mu += S.data[i * k + c] / n;
        let v = 0;
        for (let i = 0; i < n; i++) v += (S.data[i * k + c] - mu) ** 2 / n;
        const sd = Math.sqrt(v);
        for (let i = 0; i < n; i++) S.data[i * k + c] /= sd;
        for (let j = 0; j < d; j++) unmix[c * d + j] /= sd;
      }
    }
    this.components_ = rowsOf({ rows: k, cols: d, data: unmix });
    this.mixing_ = pinv(this.components_).toArray() as number[][];
    this.mean_ = Array.from(mean);
    this.whitening_ = K ? rowsOf({ rows: k, cols: d, data: K }) : null;
    this.nIter_ = nIter;
    this.nFeaturesIn_ = d;
    if (!S.data.every(Number.isFinite)) {
      throw new Error(`${this.estimatorName}: the sources are not finite; X may have constant or duplicated columns (a singular covariance). Drop them or lower nComponents.`);
    }
    return S;
  }

  /** K (k, d) = (u / s)ᵀ[:k] from Xcᵀ = u·s·vᵀ, with each column of u signed so its first entry is positive. */
  private whiteningMatrix(Xc: Matrix, k: number): Float64Array {
    const n = Xc.rows;
    const d = Xc.cols;
    let u: Float64Array; // (d, m), columns = axes
    let s: Float64Array;
    let m: number;
    if (this.params.whitenSolver === 'eigh') {
      const G = zeros(d, d);
      gemm(transposed(Xc.data, n, d), Xc.data, G.data, d, n, d);
      const { values, V } = eighKernel(G);
      // Descending eigenvalues; tiny ones set to eps as scikit-learn does.
      const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
      m = d;
      u = new Float64Array(d * m);
      s = new Float64Array(m);
      order.forEach((o, c) => {
        s[c] = Math.sqrt(values[o] < 2 ** -52 ? 2 ** -52 : values[o]);
        for (let j = 0; j < d; j++) u[j * m + c] = V.data[j * d + o];
      });
    } else {
      // The SVD of Xc (n, d) = U·S·Vt gives Xcᵀ = Vtᵀ·S·Uᵀ: u = Vtᵀ.
      const tall = n > 2 * d;
      const r = tall ? svdKernel(qrKernel(Xc).R, false) : svdKernel(Xc, false);
      m = r.S.length;
      s = r.S;
      u = transposed(r.Vt.data, m, d);
    }
    // A zero (or rounding-level) singular value among the kept ones would divide by zero: the
    // data has fewer than k independent directions (constant or collinear columns).
    const floor = Math.max(n, d) * 2 ** -52 * s[0];
    for (let c = 0; c < k; c++) {
      if (!(s[c] > floor)) {
        throw new Error(`${this.estimatorName}: X has only ${c} independent direction(s) but nComponents is ${k} (constant or collinear columns); lower nComponents or drop those columns.`);
      }
    }
    const K = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      const sign = Math.sign(u[c]) || 1;
      for (let j = 0; j < d; j++) K[c * d + j] = (sign * u[j * m + c]) / s[c];
    }
    return K;
  }

  /** The sources of new rows: (X − mean)·componentsᵀ, (n, k). */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const k = this.components_.length;
    const d = M.cols;
    const Xc = centered(M, this.mean_);
    const out = new Float64Array(M.rows * k);
    gemm(Xc.data, transposed(Float64Array.from(this.components_.flat()), k, d), out, M.rows, d, k);
    return rowsOf({ rows: M.rows, cols: k, data: out });
  }

  /** Back to the mixed signals: S·mixingᵀ + mean, (n, d). */
  inverseTransform(S: MatrixLike): number[][] {
    this.checkIsFitted();
    const Z = checkArray(S, { caller: `${this.estimatorName}.inverseTransform`, name: 'S' });
    const k = this.components_.length;
    const d = this.nFeaturesIn_;
    if (Z.cols !== k) throw new Error(`${this.estimatorName}.inverseTransform: S has ${Z.cols} columns but the model has ${k} components.`);
    const out = new Float64Array(Z.rows * d);
    gemm(Z.data, transposed(Float64Array.from(this.mixing_.flat()), d, k), out, Z.rows, k, d);
    for (let i = 0; i < Z.rows; i++) for (let j = 0; j < d; j++) out[i * d + j] += this.mean_[j];
    return rowsOf({ rows: Z.rows, cols: d, data: out });
  }
}

interface IcaOptions { tol: number; maxIter: number; alpha: number }

/** Parallel FastICA: all rows at once, W₁ = sym(E[g(WX)Xᵀ] − diag(E[g′])·W). */
function icaParallel(X: Float64Array, k: number, n: number, wInit: Float64Array, g: Contrast, o: IcaOptions): { W: Float64Array; nIter: number } {
  let W = symDecorrelation(wInit, k);
  const Xt = transposed(X, k, n);
  const WX = new Float64Array(k * n);
  const GX = new Float64Array(k * k);
  let it: number;
  for (it = 0; it < o.maxIter; it++) {
    gemm(W, X, WX, k, k, n);
    const { gx, gPrimeMean } = g(WX, k, n, o.alpha);
    gemm(gx, Xt, GX, k, n, k);
    const next = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) next[i * k + j] = GX[i * k + j] / n - gPrimeMean[i] * W[i * k + j];
    const W1 = symDecorrelation(next, k);
    let lim = 0;
    for (let i = 0; i < k; i++) {
      let dot = 0;
      for (let j = 0; j < k; j++) dot += W1[i * k + j] * W[i * k + j];
      lim = Math.max(lim, Math.abs(Math.abs(dot) - 1));
    }
    W = W1;
    if (lim < o.tol) break;
  }
  return { W, nIter: Math.min(it + 1, o.maxIter) };
}

/** Deflationary FastICA: one row at a time, each kept orthogonal to the rows already found. */
function icaDeflation(X: Float64Array, k: number, n: number, wInit: Float64Array, g: Contrast, o: IcaOptions): { W: Float64Array; nIter: number } {
  const W = new Float64Array(k * k);
  let maxIter = 0;
  const wx = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    let w = wInit.slice(j * k, (j + 1) * k);
    const norm0 = Math.hypot(...w);
    w = w.map((v) => v / norm0);
    let i: number;
    for (i = 0; i < o.maxIter; i++) {
      for (let t = 0; t < n; t++) {
        let s = 0;
        for (let a = 0; a < k; a++) s += w[a] * X[a * n + t];
        wx[t] = s;
      }
      const { gx, gPrimeMean } = g(wx, 1, n, o.alpha);
      const w1 = new Float64Array(k);
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let t = 0; t < n; t++) s += X[a * n + t] * gx[t];
        w1[a] = s / n - gPrimeMean[0] * w[a];
      }
      // Gram–Schmidt against the rows found so far: w1 −= (w1·W[:j]ᵀ)·W[:j].
      const proj = new Float64Array(j);
      for (let r = 0; r < j; r++) for (let a = 0; a < k; a++) proj[r] += w1[a] * W[r * k + a];
      for (let r = 0; r < j; r++) for (let a = 0; a < k; a++) w1[a] -= proj[r] * W[r * k + a];
      const norm = Math.hypot(...w1);
      let dot = 0;
      for (let a = 0; a < k; a++) {
        w1[a] /= norm;
        dot += w1[a] * w[a];
      }
      const lim = Math.abs(Math.abs(dot) - 1);
      w = w1;
      if (lim < o.tol) break;
    }
    maxIter = Math.max(maxIter, Math.min(i + 1, o.maxIter));
    W.set(w, j * k);
  }
  return { W, nIter: maxIter };
}
