/**
 * Probabilities from SVM decision values, as LIBSVM computes them (Chang & Lin, "LIBSVM: a
 * library for support vector machines", ACM TIST 2011, section 8):
 *
 * - Platt scaling (Platt 1999), P(first class | f) = 1 / (1 + exp(A·f + B)), with A and B
 *   fitted by the Newton method with backtracking of Lin, Lin & Weng ("A note on Platt's
 *   probabilistic outputs for support vector machines", Machine Learning 68, 2007) on
 *   decision values from an internal 5-fold cross-validation, so that the sigmoid sees
 *   values from a model that did not train on the point.
 * - Pairwise coupling for more than two classes: the per-pair probabilities r_ij are
 *   combined into one distribution p by method 2 of Wu, Lin & Weng ("Probability estimates
 *   for multi-class classification by pairwise coupling", JMLR 5, 2004).
 *
 * LIBSVM shuffles the folds with C's rand(); we shuffle with our seeded Generator, so the
 * sigmoids match LIBSVM's closely but not to the last digit.
 */
import type { Generator } from '../../random/index.js';

/** The fitted sigmoid of one binary machine: P(+1 | f) = 1 / (1 + exp(A·f + B)). */
export interface Sigmoid { A: number; B: number }

/** Platt's targets smoothed by the class priors (avoids fitting 0 and 1 exactly), then Newton on (A, B). */
export function sigmoidTrain(dec: ArrayLike<number>, labels: ArrayLike<number>): Sigmoid {
  const l = dec.length;
  let prior1 = 0;
  let prior0 = 0;
  for (let i = 0; i < l; i++) if (labels[i] > 0) prior1++; else prior0++;
  const maxIter = 100;
  const minStep = 1e-10;
  const sigma = 1e-12; // keeps the Hessian strictly positive definite
  const eps = 1e-5;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = Float64Array.from({ length: l }, (_, i) => (labels[i] > 0 ? hi : lo));
  // The negative log-likelihood, written so that exp never overflows.
  const objective = (A: number, B: number): number => {
    let f = 0;
    for (let i = 0; i < l; i++) {
      const z = dec[i] * A + B;
      f += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
    }
    return f;
  };
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = objective(A, B);
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < l; i++) {
      const z = dec[i] * A + B;
      // p = P(+1) = 1/(1+e^z), q = 1 − p.
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const d2 = p * q;
      h11 += dec[i] * dec[i] * d2;
      h22 += d2;
      h21 += dec[i] * d2;
      const d1 = t[i] - p;
      g1 += dec[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
    // Newton direction −H⁻¹g, then halve the step until the Armijo condition holds.
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= minStep) {
      const nf = objective(A + step * dA, B + step * dB);
      if (nf < fval + 1e-4 * step * gd) {
        A += step * dA;
        B += step * dB;
        fval = nf;
        break;
      }
      step /= 2;
    }
    if (step < minStep) break; // the line search failed: keep the last point, as LIBSVM does
  }
  return { A, B };
}

/** P(+1 | f) for the fitted sigmoid, computed without cancellation. */
export function sigmoidPredict(f: number, s: Sigmoid): number {
  const z = f * s.A + s.B;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/**
 * Wu, Lin & Weng's method 2: the p minimising Σ_i Σ_{j≠i} (r_ji p_i − r_ij p_j)² on the
 * simplex, by their fixed-point iteration. r is (k, k) with r[i][j] + r[j][i] = 1.
 */
export function pairwiseCoupling(r: readonly (readonly number[])[]): number[] {
  const k = r.length;
  const Q = Array.from({ length: k }, () => new Float64Array(k));
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < k; j++) {
      if (j === t) continue;
      Q[t][t] += r[j][t] * r[j][t];
      Q[t][j] = -r[j][t] * r[t][j];
    }
  }
  const p = new Float64Array(k).fill(1 / k);
  const Qp = new Float64Array(k);
  const maxIter = Math.max(100, k);
  const eps = 0.005 / k;
  for (let iter = 0; iter < maxIter; iter++) {
    // Recompute Qp and pᵀQp from scratch each sweep for accuracy, then test the optimality condition.
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += Q[t][j] * p[j];
      Qp[t] = s;
      pQp += p[t] * s;
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t][t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t][t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t][j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
  return Array.from(p);
}

/**
 * Class probabilities from one-vs-one decisions in LIBSVM's sign (positive: the pair's first
 * class), one sigmoid per pair: pairwise probabilities clipped to [1e-7, 1 − 1e-7], then
 * coupled. scikit-learn's LIBSVM (an older version) couples two classes as well, although
 * the sigmoid alone is the answer there; the iteration stops within 0.005/k of it, so its
 * binary probabilities differ from the sigmoid by up to ~1e-3. We follow it.
 */
export function ovoProbabilities(dec: readonly number[], sigmoids: readonly Sigmoid[], k: number): number[] {
  const minProb = 1e-7;
  const r = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let q = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      r[i][j] = Math.min(Math.max(sigmoidPredict(dec[q], sigmoids[q]), minProb), 1 - minProb);
      r[j][i] = 1 - r[i][j];
      q++;
    }
  }
  return pairwiseCoupling(r);
}

/**
 * LIBSVM's `svm_binary_svc_probability`: shuffle the pair's l samples, split them into 5
 * contiguous folds, train on four and take decision values (positive: +1) on the fifth,
 * then fit the sigmoid to all l held-out values. A training part with one class only gives
 * ±1 (or 0 when empty) for its fold, as LIBSVM does.
 *
 * `decide(train, test)` trains a machine on the rows `train` and returns its decision
 * values on the rows `test`.
 */
export function plattCV(y: Int8Array, rng: Generator, decide: (train: number[], test: number[]) => Float64Array): Sigmoid {
  const l = y.length;
  const nFold = 5;
  const perm = Array.from({ length: l }, (_, i) => i);
  for (let i = 0; i < l; i++) {
    const j = i + rng.integers(0, l - i);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const dec = new Float64Array(l);
  for (let f = 0; f < nFold; f++) {
    const begin = Math.floor((f * l) / nFold);
    const end = Math.floor(((f + 1) * l) / nFold);
    const test = perm.slice(begin, end);
    if (test.length === 0) continue;
    const train = [...perm.slice(0, begin), ...perm.slice(end)];
    const nPos = train.filter((i) => y[i] > 0).length;
    const nNeg = train.length - nPos;
    if (nPos === 0 || nNeg === 0) {
      const v = nPos === 0 && nNeg === 0 ? 0 : nPos > 0 ? 1 : -1;
      for (const i of test) dec[i] = v;
      continue;
    }
    const d = decide(train, test);
    test.forEach((i, t) => (dec[i] = d[t]));
  }
  return sigmoidTrain(dec, y);
}
