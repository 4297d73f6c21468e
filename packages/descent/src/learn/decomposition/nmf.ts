/**
 * NMF (sklearn.decomposition.NMF): non-negative matrix factorization X ≈ W·H with W, H ≥ 0,
 * minimizing ½‖X − WH‖²_F (plus optional L1/L2 penalties). Because nothing can cancel, the
 * rows of H come out as additive parts (strokes of digits, topics of documents).
 *
 * Solvers: 'cd', coordinate descent over one column of W (or row of H) at a time, each
 * step the exact minimizer clipped at 0 (Cichocki & Phan 2009; Hsieh & Dhillon 2011); and
 * 'mu', Lee & Seung's multiplicative updates (NIPS 2000), which keep signs by construction.
 * Initialization 'nndsvd' and its variants (Boutsidis & Gallopoulos 2008) start from the
 * SVD's positive and negative parts. As in scikit-learn, except that our NNDSVD uses an
 * exact SVD where scikit-learn uses a randomized one.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { thinSvd } from './svd-utils.js';

export interface NMFParams {
  /** Rank of the factorization; null is the number of features. Default null. */
  nComponents: number | null;
  /** null ('nndsvda' when nComponents ≤ min(n, d), else 'random'), 'random', 'nndsvd', 'nndsvda', 'nndsvdar' or 'custom' (W and H given to fitTransform). */
  init: null | 'random' | 'nndsvd' | 'nndsvda' | 'nndsvdar' | 'custom';
  solver: 'cd' | 'mu';
  /** Only the Frobenius loss is implemented. */
  betaLoss: 'frobenius';
  tol: number;
  maxIter: number;
  randomState: number | null;
  /** Penalty weight on W, and on H ('same': alphaW). Scaled by the other dimension, as scikit-learn. */
  alphaW: number;
  alphaH: number | 'same';
  /** The L1 share of the penalty (0: L2 only). */
  l1Ratio: number;
  /** Visit the components in random order in 'cd'. */
  shuffle: boolean;
}

type Dense = { rows: number; cols: number; data: Float64Array };
const EPS32 = 2 ** -23;

/**
 * Non-negative matrix factorization.
 *
 * ```ts
 * const nmf = new NMF({ nComponents: 2, init: 'nndsvd', randomState: 0 });
 * const W = nmf.fitTransform([[1, 1], [2, 1], [3, 1.2], [4, 1], [5, 0.8], [6, 1]]);
 * nmf.components_;          // H (2, 2), non-negative
 * nmf.reconstructionErr_;   // ‖X − WH‖_F
 * ```
 */
export class NMF extends Transformer<NMFParams> {
  static override readonly spec: EstimatorSpec<NMFParams> = {
    name: 'NMF',
    defaults: {
      nComponents: null, init: null, solver: 'cd', betaLoss: 'frobenius', tol: 1e-4, maxIter: 200, randomState: null,
      alphaW: 0, alphaH: 'same', l1Ratio: 0, shuffle: false,
    },
    constraints: {
      nComponents: [C.integer({ min: 1 }), C.null],
      init: [C.null, C.options('random', 'nndsvd', 'nndsvda', 'nndsvdar', 'custom')],
      solver: [C.options('cd', 'mu')],
      betaLoss: [C.options('frobenius')],
      tol: [C.number({ min: 0 })],
      maxIter: [C.integer({ min: 1 })],
      randomState: [C.integer(), C.null],
      alphaW: [C.number({ min: 0 })],
      alphaH: [C.number({ min: 0 }), C.options('same')],
      l1Ratio: [C.number({ min: 0, max: 1 })],
      shuffle: [C.boolean],
    },
  };

  /** H (nComponents, d). */
  declare components_: number[][];
  declare nComponents_: number;
  /** ‖X − WH‖_F at the end of fit. */
  declare reconstructionErr_: number;
  declare nIter_: number;

  fit(X: MatrixLike): this {
    this.fitTransform(X);
    return this;
  }

  /** Fits and returns W (n, nComponents); with init 'custom', starts from the given W and H. */
  override fitTransform(X: MatrixLike, _y?: unknown, start?: { W: number[][]; H: number[][] }): number[][] {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    for (const v of M.data) if (v < 0) throw new Error('NMF: negative values in X; NMF needs a non-negative matrix. Shift or clip the data first.');
    const k = this.params.nComponents ?? M.cols;
    const rng = new Generator(this.params.randomState ?? Math.floor(Math.random() * 2 ** 32));
    let W: Dense;
    let H: Dense;
    if (this.params.init === 'custom') {
      if (!start) throw new Error("NMF: init 'custom' needs W and H: call fitTransform(X, undefined, { W, H }).");
      W = dense(start.W, M.rows, k, 'W');
      H = dense(start.H, k, M.cols, 'H');
    } else {
      const init = this.params.init ?? (k <= Math.min(M.rows, M.cols) ? 'nndsvda' : 'random');
      ({ W, H } = initialize(M, k, init, rng));
    }
    const reg = this.regularization(M);
    const nIter = this.params.solver === 'cd' ? fitCd(M, W, H, reg, this.params, rng, true) : fitMu(M, W, H, reg, this.params, true);
    this.components_ = rows(H);
    this.nComponents_ = k;
    this.reconstructionErr_ = frobenius(M, W, H);
    this.nIter_ = nIter;
    this.nFeaturesIn_ = M.cols;
    return rows(W);
  }

  /** W for new rows with H fixed (the same solver, updating W only). */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const k = this.nComponents_;
    const H = dense(this.components_, k, M.cols, 'H');
    let mean = 0;
    for (const v of M.data) mean += v;
    mean /= M.data.length;
    const W = { rows: M.rows, cols: k, data: new Float64Array(M.rows * k).fill(this.params.solver === 'mu' ? Math.sqrt(mean / k) : 0) };
    const reg = this.regularization(M);
    if (this.params.solver === 'cd') fitCd(M, W, H, reg, this.params, new Generator(this.params.randomState ?? 0), false);
    else fitMu(M, W, H, reg, this.params, false);
    return rows(W);
  }

  /** W·H: back to feature space. */
  inverseTransform(W: MatrixLike): number[][] {
    this.checkIsFitted();
    const Wm = checkArray(W, { caller: `${this.estimatorName}.inverseTransform`, name: 'W' });
    const H = dense(this.components_, this.nComponents_, this.nFeaturesIn_, 'H');
    return rows(mul(Wm, H));
  }

  private regularization(M: Matrix): { l1W: number; l2W: number; l1H: number; l2H: number } {
    const { alphaW, l1Ratio } = this.params;
    const alphaH = this.params.alphaH === 'same' ? alphaW : this.params.alphaH;
    return {
      l1W: M.cols * alphaW * l1Ratio, l2W: M.cols * alphaW * (1 - l1Ratio),
      l1H: M.rows * alphaH * l1Ratio, l2H: M.rows * alphaH * (1 - l1Ratio),
    };
  }
}

function dense(A: readonly (readonly number[])[], r: number, c: number, name: string): Dense {
  if (A.length !== r || A.some((row) => row.length !== c)) throw new Error(`NMF: ${name} should have shape (${r}, ${c}).`);
  const data = Float64Array.from(A.flat());
  for (const v of data) if (v < 0 || !Number.isFinite(v)) throw new Error(`NMF: the initial ${name} must be finite and non-negative.`);
  return { rows: r, cols: c, data };
}

function rows(A: Dense): number[][] {
  return Array.from({ length: A.rows }, (_, i) => Array.from(A.data.subarray(i * A.cols, (i + 1) * A.cols)));
}

/** A·B for dense row-major matrices. */
function mul(A: Dense | Matrix, B: Dense): Dense {
  const out = { rows: A.rows, cols: B.cols, data: new Float64Array(A.rows * B.cols) };
  for (let i = 0; i < A.rows; i++) {
    for (let t = 0; t < A.cols; t++) {
      const a = A.data[i * A.cols + t];
      if (a === 0) continue;
      for (let j = 0; j < B.cols; j++) out.data[i * B.cols + j] += a * B.data[t * B.cols + j];
    }
  }
  return out;
}

function transposeOf(A: Dense | Matrix): Dense {
  const T = { rows: A.cols, cols: A.rows, data: new Float64Array(A.data.length) };
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j];
  return T;
}

function frobenius(X: Matrix, W: Dense, H: Dense): number {
  const R = mul(W, H);
  let s = 0;
  for (let t = 0; t < X.data.length; t++) s += (X.data[t] - R.data[t]) ** 2;
  return Math.sqrt(s);
}

/** NNDSVD and variants, or scaled |normal| entries for 'random' (scikit-learn's _initialize_nmf). */
function initialize(X: Matrix, k: number, init: string, rng: Generator): { W: Dense; H: Dense } {
  const n = X.rows;
  const d = X.cols;
  let mean = 0;
  for (const v of X.data) mean += v;
  mean /= X.data.length;
  const W = { rows: n, cols: k, data: new Float64Array(n * k) };
  const H = { rows: k, cols: d, data: new Float64Array(k * d) };
  if (init === 'random') {
    const avg = Math.sqrt(mean / k);
    for (let t = 0; t < H.data.length; t++) H.data[t] = Math.abs(avg * rng.normal());
    for (let t = 0; t < W.data.length; t++) W.data[t] = Math.abs(avg * rng.normal());
    return { W, H };
  }
  if (k > Math.min(n, d)) throw new Error(`NMF: init '${init}' needs nComponents <= min(nSamples, nFeatures) = ${Math.min(n, d)}. Use init 'random'.`);
  const { U, S, Vt } = thinSvd(X);
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  for (let j = 0; j < k; j++) {
    const x = Array.from({ length: n }, (_, i) => U.data[i * U.cols + j]);
    const y = Array.from({ length: d }, (_, f) => Vt.data[j * d + f]);
    let u: number[];
    let v: number[];
    let lbd: number;
    if (j === 0) {
      // The leading singular pair is non-negative (Perron–Frobenius) up to sign.
      lbd = Math.sqrt(S[0]);
      u = x.map(Math.abs);
      v = y.map(Math.abs);
    } else {
      const xp = x.map((t) => Math.max(t, 0));
      const yp = y.map((t) => Math.max(t, 0));
      const xn = x.map((t) => Math.abs(Math.min(t, 0)));
      const yn = y.map((t) => Math.abs(Math.min(t, 0)));
      const mp = norm(xp) * norm(yp);
      const mn = norm(xn) * norm(yn);
      const [a, b, sigma] = mp > mn ? [xp, yp, mp] : [xn, yn, mn];
      const na = norm(a);
      const nb = norm(b);
      u = a.map((t) => t / na);
      v = b.map((t) => t / nb);
      lbd = Math.sqrt(S[j] * sigma);
    }
    for (let i = 0; i < n; i++) W.data[i * k + j] = lbd * u[i];
    for (let f = 0; f < d; f++) H.data[j * d + f] = lbd * v[f];
  }
  for (const A of [W, H]) {
    for (let t = 0; t < A.data.length; t++) {
      if (A.data[t] < 1e-6) A.data[t] = 0;
      if (A.data[t] === 0 && init === 'nndsvda') A.data[t] = mean;
      else if (A.data[t] === 0 && init === 'nndsvdar') A.data[t] = Math.abs((mean * rng.normal()) / 100);
    }
  }
  return { W, H };
}

/** One sweep of coordinate descent on W (n, k) for ½‖X − W·Htᵀ‖² (scikit-learn's _update_cdnmf_fast); returns the projected-gradient violation. */
function cdSweep(X: Dense | Matrix, W: Dense, Ht: Dense, l1: number, l2: number, order: number[]): number {
  const k = W.cols;
  const HHt = mul(transposeOf(Ht), Ht); // (k, k)
  const XHt = mul(X, Ht); // (n, k)
  if (l2 !== 0) for (let r = 0; r < k; r++) HHt.data[r * k + r] += l2;
  if (l1 !== 0) for (let t = 0; t < XHt.data.length; t++) XHt.data[t] -= l1;
  let violation = 0;
  for (const t of order) {
    const hess = HHt.data[t * k + t];
    for (let i = 0; i < W.rows; i++) {
      let grad = -XHt.data[i * k + t];
      for (let r = 0; r < k; r++) grad += HHt.data[t * k + r] * W.data[i * k + r];
      const pg = W.data[i * k + t] === 0 ? Math.min(0, grad) : grad;
      violation += Math.abs(pg);
      if (hess !== 0) W.data[i * k + t] = Math.max(W.data[i * k + t] - grad / hess, 0);
    }
  }
  return violation;
}

function fitCd(X: Matrix, W: Dense, H: Dense, reg: { l1W: number; l2W: number; l1H: number; l2H: number }, p: NMFParams, rng: Generator, updateH: boolean): number {
  const k = W.cols;
  const Ht = transposeOf(H);
  const Xt = transposeOf(X);
  const order = () => (p.shuffle ? rng.permutation(k) : Array.from({ length: k }, (_, t) => t));
  let first = 0;
  let it = 1;
  for (; it <= p.maxIter; it++) {
    let violation = cdSweep(X, W, Ht, reg.l1W, reg.l2W, order());
    if (updateH) violation += cdSweep(Xt, Ht, W, reg.l1H, reg.l2H, order());
    if (it === 1) first = violation;
    if (first === 0 || violation / first <= p.tol) break;
  }
  H.data.set(transposeOf(Ht).data);
  return Math.min(it, p.maxIter);
}

function fitMu(X: Matrix, W: Dense, H: Dense, reg: { l1W: number; l2W: number; l1H: number; l2H: number }, p: NMFParams, updateH: boolean): number {
  const initial = frobenius(X, W, H);
  let previous = initial;
  let it = 1;
  for (; it <= p.maxIter; it++) {
    // W ← W ∘ (X Hᵀ) / (W H Hᵀ + penalties)
    const XHt = mul(X, transposeOf(H));
    const den = mul(W, mul(H, transposeOf(H)));
    for (let t = 0; t < den.data.length; t++) {
      let v = den.data[t] + reg.l1W + reg.l2W * W.data[t];
      if (v === 0) v = EPS32;
      W.data[t] *= XHt.data[t] / v;
    }
    if (updateH) {
      // H ← H ∘ (Wᵀ X) / (Wᵀ W H + penalties)
      const Wt = transposeOf(W);
      const num = mul(Wt, X);
      const denH = mul(mul(Wt, W), H);
      for (let t = 0; t < denH.data.length; t++) {
        let v = denH.data[t] + reg.l1H + reg.l2H * H.data[t];
        if (v === 0) v = EPS32;
        H.data[t] *= num.data[t] / v;
      }
    }
    if (p.tol > 0 && it % 10 === 0) {
      const error = frobenius(X, W, H);
      if ((previous - error) / initial < p.tol) break;
      previous = error;
    }
  }
  return Math.min(it, p.maxIter);
}
