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

/** zᵢ = W·xᵢ + b for every sample: (n, K) row-major. */
export function linearScores(p: LogisticProblem, w: Float64Array): Float64Array {
  const { X, n, d, K } = p;
  const Z = new Float64Array(n * K);
  const off = K * d;
  for (let i = 0; i < n; i++) {
    const xi = i * d;
    for (let k = 0; k < K; k++) {
      let s = p.fitIntercept ? w[off + k] : 0;
      const wk = k * d;
      for (let j = 0; j < d; j++) s += X[xi + j] * w[wk + j];
      Z[i * K + k] = s;
    }
  }
  return Z;
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
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(Z[row + k] - zMax);
    const lse = zMax + Math.log(sum);
    loss += sw[i] * (lse - Z[row + y[i]]);
    for (let k = 0; k < K; k++) Z[row + k] = sw[i] * (Math.exp(Z[row + k] - lse) - (k === y[i] ? 1 : 0));
  }
  return loss;
}

/** The objective with its gradient: ∇_W = Σᵢ sᵢ·(∂ℓ/∂zᵢ)·xᵢᵀ + λW, ∇_b = Σᵢ sᵢ·∂ℓ/∂zᵢ. */
export function logisticValueAndGrad(p: LogisticProblem): ValueAndGrad {
  const { X, n, d, K, l2 } = p;
  const off = K * d;
  return (w, grad) => {
    const Z = linearScores(p, w);
    let f = lossAndDz(p, Z);
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = i * d;
      for (let k = 0; k < K; k++) {
        const dz = Z[i * K + k];
        if (dz === 0) continue;
        const gk = k * d;
        for (let j = 0; j < d; j++) grad[gk + j] += dz * X[xi + j];
        if (p.fitIntercept) grad[off + k] += dz;
      }
    }
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
  const { X, n, d, K, sw, l2 } = p;
  const off = K * d;
  return (w) => {
    // Probabilities at w, computed once per Newton step: (n, K).
    const P = linearScores(p, w);
    for (let i = 0; i < n; i++) {
      if (K === 1) { P[i] = sigmoid(P[i]); continue; }
      const row = i * K;
      let zMax = -Infinity;
      for (let k = 0; k < K; k++) zMax = Math.max(zMax, P[row + k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += (P[row + k] = Math.exp(P[row + k] - zMax));
      for (let k = 0; k < K; k++) P[row + k] /= sum;
    }
    const U = new Float64Array(K);
    return (v, out) => {
      const V = linearScores(p, v); // uᵢₖ = x̃ᵢ·v_k, (n, K)
      out.fill(0);
      for (let i = 0; i < n; i++) {
        const row = i * K;
        if (K === 1) {
          U[0] = sw[i] * P[i] * (1 - P[i]) * V[i];
        } else {
          let pu = 0;
          for (let k = 0; k < K; k++) pu += P[row + k] * V[row + k];
          for (let k = 0; k < K; k++) U[k] = sw[i] * P[row + k] * (V[row + k] - pu);
        }
        const xi = i * d;
        for (let k = 0; k < K; k++) {
          const u = U[k];
          if (u === 0) continue;
          const ok = k * d;
          for (let j = 0; j < d; j++) out[ok + j] += u * X[xi + j];
          if (p.fitIntercept) out[off + k] += u;
        }
      }
      for (let j = 0; j < off; j++) out[j] += l2 * v[j];
    };
  };
}
