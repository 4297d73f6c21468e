/**
 * The penalised log-loss that `LogisticRegression` minimises, with its gradient and
 * Hessian–vector product (scikit-learn's `LinearModelLoss` over `HalfBinomialLoss` /
 * `HalfMultinomialLoss`):
 *
 *   L(W, b) = Σᵢ sᵢ·ℓ(yᵢ, zᵢ) + ½·λ‖W‖²,   zᵢ = W·xᵢ + b,   λ = 1/C
 *
 * - binary (one output): ℓ = log(1 + e^z) − y·z with y ∈ {0, 1}; ∂ℓ/∂z = σ(z) − y;
 * - multinomial (K outputs): ℓ = logsumexp(z) − z_y; ∂ℓ/∂z_k = softmax(z)_k − [k = y].
 *
 * sᵢ are sample weights (class weights folded in). The intercept is not penalised.
 * Parameters travel as one flat vector: K·d coefficients (class-major), then K intercepts.
 */
import { gemm } from '../../linalg/matrix.js';
import type { ValueAndGrad } from '../optimize/line-search.js';

export interface LogisticProblem {
  /** (n, d) row-major. */
  X: Float64Array;
  n: number;
  d: number;
  /** Outputs: 1 for the binary loss, K for the multinomial loss. */
  K: number;
  /** Class index per sample: 0/1 for binary, 0..K−1 for multinomial. */
  y: Int32Array;
  /** Sample weights, class weights included. */
  sw: Float64Array;
  fitIntercept: boolean;
  /** L2 strength λ = 1/C (0 for no penalty). */
  l2: number;
}

/** Length of the flat parameter vector. */
export function nParams(p: LogisticProblem): number {
  return p.K * (p.d + (p.fitIntercept ? 1 : 0));
}

/** log(1 + eᶻ) without overflow. */
export function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** The logistic sigmoid σ(z) = 1 / (1 + e⁻ᶻ), stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * The two products every evaluation needs, through the shared kernels (`gemm`, so the
 * fastest registered matmul serves them):
 *
 *   scores(w):  Z = X·Wᵀ + b          (n, d)·(d, K) -> (n, K)
 *   weightGrad: G = (Xᵀ·D)ᵀ           (d, n)·(n, K) -> (d, K), written class-major into grad
 *
 * W is the first K·d entries of w, class-major (row k is class k's coefficients). Xᵀ is
 * formed once per problem; the small buffers are reused across evaluations.
 */
function products(p: LogisticProblem) {
  const { X, n, d, K } = p;
  const off = K * d;
  const Wt = new Float64Array(d * K);
  const Gt = new Float64Array(d * K);
  let Xt: Float64Array | null = null;
  return {
    /** Z (n, K) = X·Wᵀ + b, into `Z`. */
    scores(w: Float64Array, Z: Float64Array): Float64Array {
      for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) Wt[j * K + k] = w[k * d + j];
      gemm(X, Wt, Z, n, d, K);
      if (p.fitIntercept) {
        for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) Z[i * K + k] += w[off + k];
      }
      return Z;
    },
    /** grad[k·d + j] += Σᵢ D[i, k]·X[i, j], and grad[off + k] += Σᵢ D[i, k] with an intercept. */
    addWeightGrad(D: Float64Array, grad: Float64Array): void {
      if (Xt === null) {
        Xt = new Float64Array(d * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Xt[j * n + i] = X[i * d + j];
      }
      gemm(Xt, D, Gt, d, n, K);
      for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) grad[k * d + j] += Gt[j * K + k];
      if (p.fitIntercept) {
        for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) grad[off + k] += D[i * K + k];
      }
    },
  };
}

/** zᵢ = W·xᵢ + b for every sample: (n, K) row-major. */
export function linearScores(p: LogisticProblem, w: Float64Array): Float64Array {
  return products(p).scores(w, new Float64Array(p.n * p.K));
}

/**
 * Turns scores into per-sample losses and ∂ℓ/∂z in place: returns Σ sᵢℓᵢ and leaves
 * sᵢ·∂ℓ/∂z in `Z` (binary: σ(z) − y; multinomial: softmax(z) − onehot(y)).
 */
function lossAndDz(p: LogisticProblem, Z: Float64Array): number {
  const { n, K, y, sw } = p;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    if (K === 1) {
      const z = Z[i];
      loss += sw[i] * (log1pExp(z) - y[i] * z);
      Z[i] = sw[i] * (sigmoid(z) - y[i]);
      continue;
    }
    const row = i * K;
    let zMax = -Infinity;
    for (let k = 0; k < K; k++) zMax = Math.max(zMax, Z[row + k]);
    const zy = Z[row + y[i]];
    // One exp per score: e_k = exp(z_k − max) is kept, then softmax = e_k / Σe.
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (Z[row + k] = Math.exp(Z[row + k] - zMax));
    loss += sw[i] * (zMax + Math.log(sum) - zy);
    const inv = 1 / sum;
    for (let k = 0; k < K; k++) Z[row + k] = sw[i] * (Z[row + k] * inv - (k === y[i] ? 1 : 0));
  }
  return loss;
}

/** The objective with its gradient: ∇_W = Σᵢ sᵢ·(∂ℓ/∂zᵢ)·xᵢᵀ + λW, ∇_b = Σᵢ sᵢ·∂ℓ/∂zᵢ. */
export function logisticValueAndGrad(p: LogisticProblem): ValueAndGrad {
  const { n, d, K, l2 } = p;
  const off = K * d;
  const prod = products(p);
  const Z = new Float64Array(n * K);
  return (w, grad) => {
    prod.scores(w, Z);
    let f = lossAndDz(p, Z);
    grad.fill(0);
    prod.addWeightGrad(Z, grad);
    let ww = 0;
    for (let j = 0; j < off; j++) {
      ww += w[j] * w[j];
      grad[j] += l2 * w[j];
    }
    f += 0.5 * l2 * ww;
    return f;
  };
}

/**
 * Hessian–vector products at w. With x̃ = [x, 1] and uᵢₖ = x̃ᵢ·v_k:
 * binary (H·v) = Σᵢ sᵢ·σ(1 − σ)·uᵢ·x̃ᵢ + λ·v_W; multinomial
 * (H·v)_k = Σᵢ sᵢ·pᵢₖ(uᵢₖ − Σₗ pᵢₗuᵢₗ)·x̃ᵢ + λ·v_k (the softmax Jacobian diag(p) − ppᵀ).
 */
export function logisticHessian(p: LogisticProblem): (w: Float64Array) => (v: Float64Array, out: Float64Array) => void {
  const { n, d, K, sw, l2 } = p;
  const off = K * d;
  const prod = products(p);
  return (w) => {
    // Probabilities at w, computed once per Newton step: (n, K).
    const P = prod.scores(w, new Float64Array(n * K));
    for (let i = 0; i < n; i++) {
      if (K === 1) { P[i] = sigmoid(P[i]); continue; }
      const row = i * K;
      let zMax = -Infinity;
      for (let k = 0; k < K; k++) zMax = Math.max(zMax, P[row + k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += (P[row + k] = Math.exp(P[row + k] - zMax));
      for (let k = 0; k < K; k++) P[row + k] /= sum;
    }
    const V = new Float64Array(n * K);
    return (v, out) => {
      prod.scores(v, V); // uᵢₖ = x̃ᵢ·v_k, (n, K)
      // Turn each row of V into sᵢ·(Jacobian of ∂ℓ/∂z)·uᵢ, then one product with X.
      for (let i = 0; i < n; i++) {
        const row = i * K;
        if (K === 1) {
          V[i] = sw[i] * P[i] * (1 - P[i]) * V[i];
          continue;
        }
        let pu = 0;
        for (let k = 0; k < K; k++) pu += P[row + k] * V[row + k];
        for (let k = 0; k < K; k++) V[row + k] = sw[i] * P[row + k] * (V[row + k] - pu);
      }
      out.fill(0);
      prod.addWeightGrad(V, out);
      for (let j = 0; j < off; j++) out[j] += l2 * v[j];
    };
  };
}
