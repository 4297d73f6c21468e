/**
 * SAGA (Defazio, Bach & Lacoste-Julien, "SAGA: a fast incremental gradient method with
 * support for non-strongly convex composite objectives", NeurIPS 2014) for the logistic
 * loss with an L1, L2 or elastic-net penalty: scikit-learn's `solver='saga'`.
 *
 * With F(w) = (1/n)·Σᵢ fᵢ(w) + (λ₂/2)‖W‖² + λ₁‖W‖₁, each step draws one sample j, and moves
 * along an unbiased gradient estimate whose variance vanishes at the optimum:
 *
 *   w ← prox_{ηλ₁‖·‖₁}( w − η·[∇fⱼ(w) − ∇fⱼ(w_old,j) + mean of stored gradients + λ₂W] )
 *
 * where ∇fⱼ(w_old,j) is the gradient stored the last time j was drawn. For a linear model
 * ∇fⱼ = (∂ℓ/∂zⱼ)·x̃ⱼ, so one number per output is stored per sample. The proximal step of
 * the L1 term is soft-thresholding, which sets coefficients exactly to zero.
 */
import type { Generator } from '../../random/index.js';
import { sigmoid, type LogisticProblem } from './logistic-loss.js';

export interface SagaOptions {
  /** L1 strength on the summed loss (ρ/C). */
  l1: number;
  /** L2 strength on the summed loss ((1 − ρ)/C). */
  l2: number;
  /** Maximum epochs (passes of n draws). */
  maxIter: number;
  /** Stop when max|Δw| / max|w| over an epoch is ≤ tol. */
  tol: number;
  rng: Generator;
}

/**
 * Minimises Σᵢ sᵢℓᵢ + ½·l2‖W‖² + l1‖W‖₁ (the LogisticRegression objective) from w (updated
 * in place; layout as in logistic-loss.ts). The L2 strength in `p` is ignored.
 *
 * ```ts
 * sagaLogistic(problem, new Float64Array(nParams(problem)), { l1: 1, l2: 0, maxIter: 100, tol: 1e-4, rng: new Generator(0) });
 * ```
 */
export function sagaLogistic(p: LogisticProblem, w: Float64Array, o: SagaOptions): { w: Float64Array; nIter: number; converged: boolean } {
  const { X, n, d, K, y, sw, fitIntercept } = p;
  const off = K * d;
  // Per-sample penalties of the 1/n-scaled objective.
  const lam1 = o.l1 / n;
  const lam2 = o.l2 / n;
  // Step 1/(2L + min(2nλ₂, L)) with L bounding the curvature of every fᵢ: the log-loss
  // has ℓ'' ≤ 1/4 (binary) or ≤ 1/2 (softmax), times sᵢ‖x̃ᵢ‖² (scikit-learn's
  // get_auto_step_size, with the sample weights included).
  let lMax = 0;
  for (let i = 0; i < n; i++) {
    let sq = fitIntercept ? 1 : 0;
    for (let j = 0; j < d; j++) sq += X[i * d + j] ** 2;
    lMax = Math.max(lMax, sw[i] * sq);
  }
  const L = (K === 1 ? 0.25 : 0.5) * lMax + lam2;
  const eta = 1 / (2 * L + Math.min(2 * n * lam2, L));

  const memory = new Float64Array(n * K); // stored ∂fᵢ/∂z
  const seen = new Uint8Array(n);
  let nSeen = 0;
  const sumGrad = new Float64Array(off + K); // Σᵢ stored ∇fᵢ, same layout as w
  const z = new Float64Array(K);
  const prev = new Float64Array(w.length);
  for (let epoch = 1; epoch <= o.maxIter; epoch++) {
    prev.set(w);
    for (let step = 0; step < n; step++) {
      const i = o.rng.integers(0, n);
      if (!seen[i]) { seen[i] = 1; nSeen++; }
      const xi = i * d;
      // Scores and the new ∂fᵢ/∂z.
      for (let k = 0; k < K; k++) {
        let s = fitIntercept ? w[off + k] : 0;
        for (let j = 0; j < d; j++) s += X[xi + j] * w[k * d + j];
        z[k] = s;
      }
      if (K === 1) {
        z[0] = sw[i] * (sigmoid(z[0]) - y[i]);
      } else {
        let zMax = -Infinity;
        for (let k = 0; k < K; k++) zMax = Math.max(zMax, z[k]);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k] - zMax));
        for (let k = 0; k < K; k++) z[k] = sw[i] * (z[k] / sum - (k === y[i] ? 1 : 0));
      }
      for (let k = 0; k < K; k++) {
        const delta = z[k] - memory[i * K + k];
        memory[i * K + k] = z[k];
        const kd = k * d;
        for (let j = 0; j < d; j++) {
          const wj = w[kd + j];
          const g = delta * X[xi + j] + sumGrad[kd + j] / nSeen + lam2 * wj;
          let next = wj - eta * g;
          if (lam1 > 0) next = Math.sign(next) * Math.max(Math.abs(next) - eta * lam1, 0);
          w[kd + j] = next;
          sumGrad[kd + j] += delta * X[xi + j];
        }
        if (fitIntercept) {
          w[off + k] -= eta * (delta + sumGrad[off + k] / nSeen);
          sumGrad[off + k] += delta;
        }
      }
    }
    let change = 0;
    let size = 0;
    for (let j = 0; j < w.length; j++) {
      change = Math.max(change, Math.abs(w[j] - prev[j]));
      size = Math.max(size, Math.abs(w[j]));
    }
    if (change <= o.tol * size || size === 0) return { w, nIter: epoch, converged: true };
  }
  return { w, nIter: o.maxIter, converged: false };
}
