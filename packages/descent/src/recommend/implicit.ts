/**
 * Implicit feedback: clicks, plays and purchases, where a missing entry is not a zero
 * rating but "not observed". Two classic answers:
 *
 * - `ImplicitALS` (Hu, Koren & Volinsky 2008, "Collaborative Filtering for Implicit Feedback
 *   Datasets"): every (u, i) cell counts, with preference p_ui = [r_ui > 0] and confidence
 *   c_ui = 1 + α·r_ui. The trick that keeps it linear in the number of observed entries:
 *   YᵀC_uY = YᵀY + Yᵀ(C_u − I)Y, and C_u − I is non-zero only on u's items.
 * - `BPR` (Rendle et al. 2009, "BPR: Bayesian Personalized Ranking from Implicit Feedback"):
 *   SGD on triples (u, i seen, j unseen) maximizing ln σ(x̂_ui − x̂_uj), a smooth AUC.
 */
import { Generator } from '../random/index.js';
import { Recommender, rowDot, solveSpd } from './base.js';
import { checkInteractions, checkParam, type Csr, type Interactions, toCsr } from './interactions.js';

/**
 * One weighted-ALS half-step: with Y (nCols, f) fixed, each row's factors become
 * x_r = (YᵀY + Yᵀ(C_r − I)Y + λI)⁻¹ Yᵀ C_r p_r, with c = 1 + α·value on the row's entries
 * and p = 1 there (eq. 4 of Hu, Koren & Volinsky). Returns X (nRows, f), written in place.
 *
 * @example
 * ```ts
 * implicitAlsHalfStep(toCsr(clicks, true), itemFactors, f, 0.1, 40, userFactors);
 * ```
 */
export function implicitAlsHalfStep(R: Csr, Y: Float64Array, f: number, lambda: number, alpha: number, X: Float64Array): Float64Array {
  // YᵀY once per half-step: the part every row shares.
  const YtY = new Float64Array(f * f);
  for (let c = 0; c < R.nCols; c++) {
    for (let a = 0; a < f; a++) for (let d = 0; d < f; d++) YtY[a * f + d] += Y[c * f + a] * Y[c * f + d];
  }
  const A = new Float64Array(f * f);
  const b = new Float64Array(f);
  const x = new Float64Array(f);
  for (let r = 0; r < R.nRows; r++) {
    A.set(YtY);
    b.fill(0);
    for (let p = R.indptr[r]; p < R.indptr[r + 1]; p++) {
      const c = R.indices[p] * f;
      const conf = 1 + alpha * R.data[p];
      for (let a = 0; a < f; a++) {
        const ya = Y[c + a];
        b[a] += conf * ya; // Yᵀ C_r p_r: p = 1 on observed entries
        for (let d = 0; d < f; d++) A[a * f + d] += (conf - 1) * ya * Y[c + d];
      }
    }
    for (let a = 0; a < f; a++) A[a * f + a] += lambda;
    solveSpd(A, b, f, x);
    X.set(x, r * f);
  }
  return X;
}

/** Hyper-parameters of `ImplicitALS`. */
export interface ImplicitALSParams {
  factors?: number;
  /** λ (default 0.1). */
  regularization?: number;
  /** α in c = 1 + α·r (default 40, the paper's choice). */
  alpha?: number;
  iterations?: number;
  seed?: number;
}

/**
 * Weighted ALS for implicit feedback; scores are x_u·y_i, a preference, not a rating.
 *
 * @example
 * ```ts
 * import { ImplicitALS } from 'descent/recommend';
 * const model = new ImplicitALS({ factors: 16, alpha: 10 }).fit(clicks);
 * model.recommend(0, 10);
 * ```
 */
export class ImplicitALS extends Recommender {
  readonly params: Required<ImplicitALSParams>;
  userFactors_ = new Float64Array(0);
  itemFactors_ = new Float64Array(0);

  constructor(params: ImplicitALSParams = {}) {
    super();
    this.params = { factors: 10, regularization: 0.1, alpha: 40, iterations: 15, seed: 0, ...params };
  }

  protected get owner(): string {
    return 'ImplicitALS';
  }

  fit(data: Interactions): this {
    const { factors: f, regularization: lambda, alpha, iterations, seed } = this.params;
    checkParam('ImplicitALS', 'factors', f, Number.isInteger(f) && f >= 1, 'an int in the range [1, inf)');
    checkParam('ImplicitALS', 'regularization', lambda, Number.isFinite(lambda) && lambda > 0, 'a number > 0');
    checkParam('ImplicitALS', 'alpha', alpha, Number.isFinite(alpha) && alpha >= 0, 'a number >= 0');
    checkParam('ImplicitALS', 'iterations', iterations, Number.isInteger(iterations) && iterations >= 1, 'an int in the range [1, inf)');
    checkInteractions('ImplicitALS.fit', data);
    for (let n = 0; n < data.values.length; n++) {
      if (data.values[n] < 0) throw new RangeError(`ImplicitALS.fit: values[${n}] = ${data.values[n]} is negative; implicit strengths must be >= 0`);
    }
    const byUser = toCsr(data, true);
    const byItem = toCsr(data, false);
    const g = new Generator(seed);
    const X = new Float64Array(data.nUsers * f);
    const Y = Float64Array.from({ length: data.nItems * f }, () => g.normal(0, 0.1));
    for (let it = 0; it < iterations; it++) {
      implicitAlsHalfStep(byUser, Y, f, lambda, alpha, X);
      implicitAlsHalfStep(byItem, X, f, lambda, alpha, Y);
    }
    this.userFactors_ = X;
    this.itemFactors_ = Y;
    this.seen_ = byUser;
    return this;
  }

  scoreUser(u: number): Float64Array {
    const R = this.fitted();
    const out = new Float64Array(R.nCols);
    for (let i = 0; i < R.nCols; i++) out[i] = rowDot(this.userFactors_, u, this.itemFactors_, i, this.params.factors);
    return out;
  }
}

/** Hyper-parameters of `BPR`. */
export interface BPRParams {
  factors?: number;
  learningRate?: number;
  /** L2 penalty on the factors and item biases (default 0.01). */
  regularization?: number;
  /** Epochs; each draws as many triples as there are interactions (default 30). */
  epochs?: number;
  seed?: number;
}

/**
 * Bayesian personalized ranking with matrix factorization, x̂_ui = b_i + p_u·q_i, trained by
 * bootstrap sampling of (u, i, j): u and i from a random interaction, j uniform among
 * items u has not seen (LearnBPR, Algorithm 1 of Rendle et al. 2009).
 *
 * @example
 * ```ts
 * import { BPR } from 'descent/recommend';
 * const model = new BPR({ factors: 16 }).fit(clicks);
 * model.recommend(0, 10);
 * ```
 */
export class BPR extends Recommender {
  readonly params: Required<BPRParams>;
  userFactors_ = new Float64Array(0);
  itemFactors_ = new Float64Array(0);
  itemBias_ = new Float64Array(0);
  /** Fraction of sampled triples ranked correctly (x̂_ui > x̂_uj) during each epoch. */
  trainAuc_: number[] = [];

  constructor(params: BPRParams = {}) {
    super();
    this.params = { factors: 10, learningRate: 0.05, regularization: 0.01, epochs: 30, seed: 0, ...params };
  }

  protected get owner(): string {
    return 'BPR';
  }

  fit(data: Interactions): this {
    const { factors: f, learningRate: lr, regularization: lambda, epochs, seed } = this.params;
    checkParam('BPR', 'factors', f, Number.isInteger(f) && f >= 1, 'an int in the range [1, inf)');
    checkParam('BPR', 'learningRate', lr, Number.isFinite(lr) && lr > 0, 'a number > 0');
    checkParam('BPR', 'regularization', lambda, Number.isFinite(lambda) && lambda >= 0, 'a number >= 0');
    checkParam('BPR', 'epochs', epochs, Number.isInteger(epochs) && epochs >= 1, 'an int in the range [1, inf)');
    checkInteractions('BPR.fit', data);
    const R = toCsr(data, true);
    const g = new Generator(seed);
    const P = Float64Array.from({ length: data.nUsers * f }, () => g.normal(0, 0.1));
    const Q = Float64Array.from({ length: data.nItems * f }, () => g.normal(0, 0.1));
    const bi = new Float64Array(data.nItems);
    const seen = new Set<number>();
    for (let n = 0; n < data.users.length; n++) seen.add(data.users[n] * data.nItems + data.items[n]);
    const n = data.users.length;
    this.trainAuc_ = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      let correct = 0;
      let drawn = 0;
      for (let t = 0; t < n; t++) {
        const k = g.integers(0, n);
        const u = data.users[k];
        const i = data.items[k];
        if (R.indptr[u + 1] - R.indptr[u] >= data.nItems) continue; // saw everything: no negative exists
        let j = g.integers(0, data.nItems);
        while (seen.has(u * data.nItems + j)) j = g.integers(0, data.nItems);
        const x = bi[i] - bi[j] + rowDot(P, u, Q, i, f) - rowDot(P, u, Q, j, f);
        drawn++;
        if (x > 0) correct++;
        // d/dθ ln σ(x) = σ(−x)·dx/dθ; the step also decays θ by λ.
        const s = 1 / (1 + Math.exp(x));
        bi[i] += lr * (s - lambda * bi[i]);
        bi[j] += lr * (-s - lambda * bi[j]);
        for (let a = 0; a < f; a++) {
          const pu = P[u * f + a];
          const qi = Q[i * f + a];
          const qj = Q[j * f + a];
          P[u * f + a] += lr * (s * (qi - qj) - lambda * pu);
          Q[i * f + a] += lr * (s * pu - lambda * qi);
          Q[j * f + a] += lr * (-s * pu - lambda * qj);
        }
      }
      this.trainAuc_.push(drawn === 0 ? NaN : correct / drawn);
    }
    this.userFactors_ = P;
    this.itemFactors_ = Q;
    this.itemBias_ = bi;
    this.seen_ = R;
    return this;
  }

  scoreUser(u: number): Float64Array {
    const R = this.fitted();
    const out = new Float64Array(R.nCols);
    for (let i = 0; i < R.nCols; i++) out[i] = this.itemBias_[i] + rowDot(this.userFactors_, u, this.itemFactors_, i, this.params.factors);
    return out;
  }
}
