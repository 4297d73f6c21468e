/**
 * Plain stochastic gradient descent for linear models: the loop behind `SGDClassifier`,
 * `SGDRegressor` and `Perceptron`, following scikit-learn's `_plain_sgd` (Bottou's
 * SvmSgd; Shalev-Shwartz et al.'s Pegasos schedule; Tsuruoka et al. 2009 for the L1
 * penalty).
 *
 * One pass per epoch over the (shuffled) samples; for sample i with score p = w·xᵢ + b:
 *
 *   η_t from the schedule,  w ← (1 − η_t·α·(1 − ρ))·w − η_t·sᵢ·ℓ'(p, yᵢ)·xᵢ,  b ← b − η_t·sᵢ·ℓ'(p, yᵢ)
 *
 * with w kept as wscale·v so the L2 shrinkage costs O(1) per step, and the L1 part applied
 * as a cumulative clipped penalty. An epoch's summed loss that fails to improve on the
 * best by tol·n for `nIterNoChange` epochs in a row ends training ('adaptive' divides η by
 * 5 instead, until η < 1e-6).
 */
import type { Generator } from '../../random/index.js';

/** A loss ℓ(p, y) and its derivative in p. Classification losses take y ∈ {−1, +1}. */
export interface SgdLoss { loss(p: number, y: number): number; dloss(p: number, y: number): number }

export type ClassificationLoss = 'hinge' | 'log_loss' | 'modified_huber' | 'squared_hinge' | 'perceptron';
export type RegressionLoss = 'squared_error' | 'huber' | 'epsilon_insensitive' | 'squared_epsilon_insensitive';

/** The loss functions by scikit-learn's names; `epsilon` is the Huber / ε-insensitive width. */
export function sgdLoss(name: ClassificationLoss | RegressionLoss, epsilon: number): SgdLoss {
  switch (name) {
    case 'hinge':
    case 'perceptron': {
      // max(0, t − p·y): t = 1 is the SVM hinge, t = 0 the perceptron criterion.
      const t = name === 'hinge' ? 1 : 0;
      return { loss: (p, y) => Math.max(0, t - p * y), dloss: (p, y) => (p * y <= t ? -y : 0) };
    }
    case 'squared_hinge':
      return {
        loss: (p, y) => { const z = 1 - p * y; return z > 0 ? z * z : 0; },
        dloss: (p, y) => { const z = 1 - p * y; return z > 0 ? -2 * y * z : 0; },
      };
    case 'log_loss':
      // log(1 + e^{−py}), with the same cut-offs at |py| > 18 as scikit-learn.
      return {
        loss: (p, y) => { const z = p * y; return z > 18 ? Math.exp(-z) : z < -18 ? -z : Math.log1p(Math.exp(-z)); },
        dloss: (p, y) => { const z = p * y; return z > 18 ? -y * Math.exp(-z) : z < -18 ? -y : -y / (Math.exp(z) + 1); },
      };
    case 'modified_huber':
      return {
        loss: (p, y) => { const z = p * y; return z >= 1 ? 0 : z >= -1 ? (1 - z) ** 2 : -4 * z; },
        dloss: (p, y) => { const z = p * y; return z >= 1 ? 0 : z >= -1 ? 2 * (1 - z) * -y : -4 * y; },
      };
    case 'squared_error':
      return { loss: (p, y) => 0.5 * (p - y) ** 2, dloss: (p, y) => p - y };
    case 'huber':
      return {
        loss: (p, y) => { const r = Math.abs(p - y); return r <= epsilon ? 0.5 * r * r : epsilon * r - 0.5 * epsilon * epsilon; },
        dloss: (p, y) => { const r = p - y; return Math.abs(r) <= epsilon ? r : r > 0 ? epsilon : -epsilon; },
      };
    case 'epsilon_insensitive':
      return {
        loss: (p, y) => Math.max(0, Math.abs(y - p) - epsilon),
        dloss: (p, y) => (y - p > epsilon ? -1 : p - y > epsilon ? 1 : 0),
      };
    case 'squared_epsilon_insensitive':
      return {
        loss: (p, y) => { const z = Math.abs(y - p) - epsilon; return z > 0 ? z * z : 0; },
        dloss: (p, y) => { const z = y - p; return z > epsilon ? -2 * (z - epsilon) : z < -epsilon ? 2 * (-z - epsilon) : 0; },
      };
  }
}

export type LearningRate = 'optimal' | 'constant' | 'invscaling' | 'adaptive';

export interface PlainSgdOptions {
  loss: SgdLoss;
  penalty: 'l2' | 'l1' | 'elasticnet' | null;
  alpha: number;
  l1Ratio: number;
  maxIter: number;
  /** null disables the loss-based stopping rule. */
  tol: number | null;
  nIterNoChange: number;
  fitIntercept: boolean;
  shuffle: boolean;
  rng: Generator;
  /** Weights of samples with y > 0 and y ≤ 0 (class weights). */
  posWeight: number;
  negWeight: number;
  learningRate: LearningRate;
  eta0: number;
  powerT: number;
  /** The step counter t to start from (1 for a fresh fit; partialFit continues it). */
  t0: number;
}

/**
 * Runs SGD on the (n, d) row-major X with targets y from the starting point (w, b); w is
 * updated in place. Returns the intercept and the number of epochs run.
 *
 * ```ts
 * plainSgd(X, y, sw, w, 0, { loss: sgdLoss('hinge', 0), penalty: 'l2', alpha: 1e-4, ... });
 * ```
 */
export function plainSgd(X: Float64Array, y: Float64Array, sw: Float64Array, w: Float64Array, b: number, o: PlainSgdOptions): { intercept: number; nIter: number } {
  const n = y.length;
  const d = w.length;
  const { loss, alpha, l1Ratio } = o;
  const l2Part = o.penalty === 'l2' || o.penalty === 'elasticnet';
  const l1Part = o.penalty === 'l1' || o.penalty === 'elasticnet';
  // w = wscale·v: scaling all of w is one multiplication.
  let wscale = 1;
  // Cumulative L1 penalty: u is the total penalty any weight could have received, q[j]
  // what weight j actually received (Tsuruoka, Tsujii & Ananiadou, ACL 2009).
  let u = 0;
  const q = l1Part ? new Float64Array(d) : null;
  // 'optimal' (Bottou): η_t = 1 / (α·(t₀ + t − 1)), with t₀ chosen by a heuristic so
  // the first steps have a sensible size for the expected weight norm 1/√α.
  let optimalInit = 0;
  if (o.learningRate === 'optimal') {
    const typw = Math.sqrt(1 / Math.sqrt(alpha));
    const initialEta0 = typw / Math.max(1, loss.dloss(-typw, 1));
    optimalInit = 1 / (initialEta0 * alpha);
  }
  let t = o.t0;
  let eta = o.eta0;
  let bestLoss = Infinity;
  let noImprovement = 0;
  const order = Array.from({ length: n }, (_, i) => i);
  // With shuffling, start from a canonical order (rows sorted by their values, then target
  // and weight) so that a seed gives the same model however the caller ordered the rows.
  if (o.shuffle) {
    order.sort((a, c) => {
      for (let j = 0; j < d; j++) {
        const diff = X[a * d + j] - X[c * d + j];
        if (diff !== 0) return diff;
      }
      return y[a] - y[c] || sw[a] - sw[c];
    });
  }
  let epoch = 0;
  for (; epoch < o.maxIter; epoch++) {
    let sumLoss = 0;
    if (o.shuffle) o.rng.shuffle(order);
    for (const i of order) {
      const xi = i * d;
      let p = 0;
      for (let j = 0; j < d; j++) p += w[j] * X[xi + j];
      p = p * wscale + b;
      if (o.learningRate === 'optimal') eta = 1 / (alpha * (optimalInit + t - 1));
      else if (o.learningRate === 'invscaling') eta = o.eta0 / t ** o.powerT;
      sumLoss += loss.loss(p, y[i]);
      // Huge derivatives are clipped, as in scikit-learn (MAX_DLOSS = 1e12).
      const dl = Math.min(Math.max(loss.dloss(p, y[i]), -1e12), 1e12);
      const update = -eta * dl * (y[i] > 0 ? o.posWeight : o.negWeight) * sw[i];
      if (l2Part) {
        wscale *= Math.max(0, 1 - (1 - l1Ratio) * eta * alpha);
        // Fold the scale into w before it underflows (or hits 0).
        if (wscale < 1e-9) { for (let j = 0; j < d; j++) w[j] *= wscale; wscale = 1; }
      }
      if (update !== 0) {
        const step = update / wscale;
        for (let j = 0; j < d; j++) w[j] += step * X[xi + j];
        if (o.fitIntercept) b += update;
      }
      if (q) {
        u += l1Ratio * eta * alpha;
        for (let j = 0; j < d; j++) {
          const z = w[j];
          if (wscale * z > 0) w[j] = Math.max(0, w[j] - (u + q[j]) / wscale);
          else if (wscale * z < 0) w[j] = Math.min(0, w[j] + (u - q[j]) / wscale);
          q[j] += wscale * (w[j] - z);
        }
      }
      t++;
    }
    if (!Number.isFinite(b) || !Number.isFinite(wscale)) {
      throw new Error('SGD diverged (weights became infinite or NaN). Scale the features (StandardScaler) or lower eta0 / alpha.');
    }
    if (o.tol !== null && sumLoss > bestLoss - o.tol * n) noImprovement++;
    else noImprovement = 0;
    if (sumLoss < bestLoss) bestLoss = sumLoss;
    if (noImprovement >= o.nIterNoChange) {
      if (o.learningRate === 'adaptive' && eta > 1e-6) {
        eta /= 5;
        noImprovement = 0;
      } else {
        epoch++;
        break;
      }
    }
  }
  for (let j = 0; j < d; j++) w[j] *= wscale;
  if (w.some((v) => !Number.isFinite(v))) {
    throw new Error('SGD diverged (weights became infinite or NaN). Scale the features (StandardScaler) or lower eta0 / alpha.');
  }
  return { intercept: b, nIter: Math.min(epoch, o.maxIter) };
}
