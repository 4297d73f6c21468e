/**
 * Matrix factorization for explicit ratings: R ≈ μ + P·Qᵀ, with P (nUsers, f) and
 * Q (nItems, f), fitted only on the observed entries.
 *
 * - `ALS` alternates two ridge regressions (Zhou et al. 2008, "Large-scale parallel
 *   collaborative filtering for the Netflix Prize"): with Q fixed, each user's row is a
 *   closed-form least-squares solve, and the other way round. The regularization is
 *   weighted by the number of ratings (their "ALS-WR", also Spark's default).
 * - `FunkSVD` is stochastic gradient descent on the same loss with user and item biases,
 *   r̂ = μ + b_u + b_i + p_u·q_i (Funk 2006; Koren, Bell & Volinsky 2009, eq. 4–6).
 */
import { Generator } from '../random/index.js';
import { Recommender, rowDot, solveSpd } from './base.js';
import { checkInteractions, checkParam, type Csr, type Interactions, toCsr } from './interactions.js';

/**
 * One ALS half-step: with the other side's factors `Y` (nCols, f) fixed, set each row's
 * factors to the ridge solution x_r = (Y_rᵀY_r + λ·n_r·I)⁻¹ Y_rᵀ v_r, where Y_r are the rows
 * of Y this row interacted with, v_r its values and n_r their count. Rows with no entries
 * get zeros. Returns `X` (nRows, f), written in place.
 *
 * @example
 * ```ts
 * const R = toCsr(train, true);                      // users as rows
 * alsHalfStep(R, itemFactors, f, 0.1, userFactors);  // update every user
 * ```
 */
export function alsHalfStep(R: Csr, Y: Float64Array, f: number, lambda: number, X: Float64Array): Float64Array {
  const A = new Float64Array(f * f);
  const b = new Float64Array(f);
  const x = new Float64Array(f);
  for (let r = 0; r < R.nRows; r++) {
    const start = R.indptr[r];
    const end = R.indptr[r + 1];
    if (start === end) {
      X.fill(0, r * f, (r + 1) * f);
      continue;
    }
    A.fill(0);
    b.fill(0);
    for (let p = start; p < end; p++) {
      const c = R.indices[p] * f;
      const v = R.data[p];
      for (let a = 0; a < f; a++) {
        const ya = Y[c + a];
        b[a] += ya * v;
        for (let d = 0; d <= a; d++) A[a * f + d] += ya * Y[c + d];
      }
    }
    const reg = lambda * (end - start);
    for (let a = 0; a < f; a++) {
      A[a * f + a] += reg;
      for (let d = 0; d < a; d++) A[d * f + a] = A[a * f + d];
    }
    solveSpd(A, b, f, x);
    X.set(x, r * f);
  }
  return X;
}

/** Hyper-parameters of `ALS`. */
export interface ALSParams {
  /** Latent dimension f (default 10). */
  factors?: number;
  /** λ, multiplied by each row's number of ratings (default 0.1). */
  regularization?: number;
  /** Sweeps over users then items (default 15). */
  iterations?: number;
  /** Seed of the initial factors (default 0). */
  seed?: number;
}

/**
 * Alternating least squares on explicit ratings, centred by the global mean.
 *
 * @example
 * ```ts
 * import { ALS } from 'descent/recommend';
 * const model = new ALS({ factors: 8 }).fit(train);
 * model.predict([0], [3]);   // a predicted rating
 * model.recommend(0, 10);    // ten unseen items
 * ```
 */
export class ALS extends Recommender {
  readonly params: Required<ALSParams>;
  globalMean_ = 0;
  userFactors_ = new Float64Array(0);
  itemFactors_ = new Float64Array(0);
  /** Root-mean-square training error after each sweep. */
  trainRmse_: number[] = [];

  constructor(params: ALSParams = {}) {
    super();
    this.params = { factors: 10, regularization: 0.1, iterations: 15, seed: 0, ...params };
  }

  protected get owner(): string {
    return 'ALS';
  }

  fit(data: Interactions): this {
    const { factors: f, regularization: lambda, iterations, seed } = this.params;
    checkParam('ALS', 'factors', f, Number.isInteger(f) && f >= 1, 'an int in the range [1, inf)');
    checkParam('ALS', 'regularization', lambda, Number.isFinite(lambda) && lambda > 0, 'a number > 0');
    checkParam('ALS', 'iterations', iterations, Number.isInteger(iterations) && iterations >= 1, 'an int in the range [1, inf)');
    checkInteractions('ALS.fit', data);
    let mu = 0;
    for (let n = 0; n < data.values.length; n++) mu += data.values[n];
    mu /= data.values.length;
    const centred = { ...data, values: Float64Array.from(data.values, (v) => v - mu) };
    const byUser = toCsr(centred, true);
    const byItem = toCsr(centred, false);
    const g = new Generator(seed);
    const P = new Float64Array(data.nUsers * f);
    const Q = Float64Array.from({ length: data.nItems * f }, () => g.normal(0, 0.1));
    this.trainRmse_ = [];
    for (let it = 0; it < iterations; it++) {
      alsHalfStep(byUser, Q, f, lambda, P);
      alsHalfStep(byItem, P, f, lambda, Q);
      this.trainRmse_.push(rmse(byUser, P, Q, f, 0));
    }
    this.globalMean_ = mu;
    this.userFactors_ = P;
    this.itemFactors_ = Q;
    this.seen_ = toCsr(data, true);
    return this;
  }

  scoreUser(u: number): Float64Array {
    const R = this.fitted();
    const f = this.params.factors;
    const out = new Float64Array(R.nCols);
    for (let i = 0; i < R.nCols; i++) out[i] = this.globalMean_ + rowDot(this.userFactors_, u, this.itemFactors_, i, f);
    return out;
  }

  protected override predictOne(u: number, i: number): number {
    return this.globalMean_ + rowDot(this.userFactors_, u, this.itemFactors_, i, this.params.factors);
  }
}

function rmse(R: Csr, P: Float64Array, Q: Float64Array, f: number, offset: number): number {
  let s = 0;
  for (let u = 0; u < R.nRows; u++) {
    for (let p = R.indptr[u]; p < R.indptr[u + 1]; p++) {
      const e = R.data[p] - offset - rowDot(P, u, Q, R.indices[p], f);
      s += e * e;
    }
  }
  return Math.sqrt(s / R.indices.length);
}

/** Hyper-parameters of `FunkSVD`. */
export interface FunkSVDParams {
  /** Latent dimension f (default 10). */
  factors?: number;
  /** Step size γ (default 0.01). */
  learningRate?: number;
  /** L2 penalty λ on biases and factors (default 0.05). */
  regularization?: number;
  /** Passes over the shuffled ratings (default 30). */
  epochs?: number;
  /** Standard deviation of the initial factors (default 0.1). */
  initStd?: number;
  /** Seed of the initialization and the shuffles (default 0). */
  seed?: number;
}

/**
 * Biased matrix factorization by SGD, the model that won much of the Netflix Prize:
 * for each rating, e = r − r̂, then b_u += γ(e − λb_u), b_i += γ(e − λb_i),
 * p_u += γ(e·q_i − λp_u), q_i += γ(e·p_u − λq_i) (Koren, Bell & Volinsky 2009).
 *
 * @example
 * ```ts
 * import { FunkSVD } from 'descent/recommend';
 * const model = new FunkSVD({ factors: 10, epochs: 20 }).fit(train);
 * model.predict([0], [3]);
 * ```
 */
export class FunkSVD extends Recommender {
  readonly params: Required<FunkSVDParams>;
  globalMean_ = 0;
  userBias_ = new Float64Array(0);
  itemBias_ = new Float64Array(0);
  userFactors_ = new Float64Array(0);
  itemFactors_ = new Float64Array(0);
  /** Training RMSE after each epoch. */
  trainRmse_: number[] = [];

  constructor(params: FunkSVDParams = {}) {
    super();
    this.params = { factors: 10, learningRate: 0.01, regularization: 0.05, epochs: 30, initStd: 0.1, seed: 0, ...params };
  }

  protected get owner(): string {
    return 'FunkSVD';
  }

  fit(data: Interactions): this {
    const { factors: f, learningRate: lr, regularization: lambda, epochs, initStd, seed } = this.params;
    checkParam('FunkSVD', 'factors', f, Number.isInteger(f) && f >= 1, 'an int in the range [1, inf)');
    checkParam('FunkSVD', 'learningRate', lr, Number.isFinite(lr) && lr > 0, 'a number > 0');
    checkParam('FunkSVD', 'regularization', lambda, Number.isFinite(lambda) && lambda >= 0, 'a number >= 0');
    checkParam('FunkSVD', 'epochs', epochs, Number.isInteger(epochs) && epochs >= 1, 'an int in the range [1, inf)');
    checkParam('FunkSVD', 'initStd', initStd, Number.isFinite(initStd) && initStd >= 0, 'a number >= 0');
    checkInteractions('FunkSVD.fit', data);
    const n = data.values.length;
    let mu = 0;
    for (let k = 0; k < n; k++) mu += data.values[k];
    mu /= n;
    const g = new Generator(seed);
    const bu = new Float64Array(data.nUsers);
    const bi = new Float64Array(data.nItems);
    const P = Float64Array.from({ length: data.nUsers * f }, () => g.normal(0, initStd));
    const Q = Float64Array.from({ length: data.nItems * f }, () => g.normal(0, initStd));
    const order = Int32Array.from({ length: n }, (_, k) => k);
    this.trainRmse_ = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let k = n - 1; k > 0; k--) {
        const j = g.integers(0, k + 1);
        const t = order[k];
        order[k] = order[j];
        order[j] = t;
      }
      let sse = 0;
      for (let t = 0; t < n; t++) {
        const k = order[t];
        const u = data.users[k];
        const i = data.items[k];
        const e = data.values[k] - (mu + bu[u] + bi[i] + rowDot(P, u, Q, i, f));
        sse += e * e;
        bu[u] += lr * (e - lambda * bu[u]);
        bi[i] += lr * (e - lambda * bi[i]);
        for (let a = 0; a < f; a++) {
          const pu = P[u * f + a];
          const qi = Q[i * f + a];
          P[u * f + a] += lr * (e * qi - lambda * pu);
          Q[i * f + a] += lr * (e * pu - lambda * qi);
        }
      }
      if (!Number.isFinite(sse)) {
        throw new Error(`FunkSVD.fit: the training error diverged at epoch ${epoch}; lower the learningRate (now ${lr})`);
      }
      this.trainRmse_.push(Math.sqrt(sse / n));
    }
    Object.assign(this, { globalMean_: mu, userBias_: bu, itemBias_: bi, userFactors_: P, itemFactors_: Q });
    this.seen_ = toCsr(data, true);
    return this;
  }

  scoreUser(u: number): Float64Array {
    const R = this.fitted();
    const out = new Float64Array(R.nCols);
    for (let i = 0; i < R.nCols; i++) out[i] = this.predictOne(u, i);
    return out;
  }

  protected override predictOne(u: number, i: number): number {
    const f = this.params.factors;
    return this.globalMean_ + this.userBias_[u] + this.itemBias_[i] + rowDot(this.userFactors_, u, this.itemFactors_, i, f);
  }
}
