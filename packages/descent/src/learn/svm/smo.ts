/**
 * Sequential minimal optimization for LIBSVM's dual problem (Chang & Lin, "LIBSVM: a library
 * for support vector machines", ACM TIST 2(3), 2011, §4.1):
 *
 *   min_α ½ αᵀQα + pᵀα   subject to  yᵀα = 0,  0 ≤ α_t ≤ C_t,
 *
 * with Q_ts = y_t y_s K(x_t, x_s) and y_t = ±1. Each step picks two variables by the
 * second-order working-set selection of Fan, Chen & Lin ("Working set selection using
 * second order information for training SVM", JMLR 6, 2005, WSS 2), solves the
 * two-variable problem in closed form, clips it to the box and updates the gradient
 * G = Qα + p. It stops when the maximal KKT violation m(α) − M(α) is below `tol`.
 *
 * C-SVC uses p = −1; ε-SVR uses 2l variables (α and α*) with p = ε ∓ y. LIBSVM also
 * shrinks variables stuck at a bound; we do not, which changes the path but not the
 * solution (both stop within tol of the same optimum).
 */
import type { KernelCache } from './kernels.js';

const TAU = 1e-12;

export interface SmoProblem {
  /** Number of variables. */
  l: number;
  /** Sign of each variable (±1). */
  y: Int8Array;
  /** Linear term p. */
  p: Float64Array;
  /** Upper bound of each variable. */
  C: Float64Array;
  /** The training sample behind variable t (t itself for SVC, t mod n for SVR). */
  index: (t: number) => number;
  cache: KernelCache;
  tol: number;
  /** −1: no limit. */
  maxIter: number;
  /** A feasible starting point (one-class SVM starts at ν·n); default all zeros. */
  alpha0?: Float64Array;
  /**
   * ν-SVM (LIBSVM's Solver_NU): the dual has a second constraint, Σ_{y=+1} α = Σ_{y=−1} α,
   * so both indices of a step come from the same class, and ρ and r come from each class's
   * free variables separately.
   */
  nu?: boolean;
}

export interface SmoResult {
  alpha: Float64Array;
  /** The offset ρ: the decision function is Σ α_t y_t K(x_t, x) − ρ. */
  rho: number;
  /** ν-SVM only: r, the margin scale that turns ν-SVC's solution into a C-SVC one (C = 1/r). */
  r?: number;
  /** ½ αᵀQα + pᵀα at the solution. */
  objective: number;
  nIter: number;
  /** The iteration limit stopped the solver before tol was met. */
  hitMaxIter: boolean;
}

/**
 * Solves the dual by SMO. Returns α, ρ and the objective.
 *
 * ```ts
 * // Two points, one per class, K = identity: α = [1, 1], ρ = 0.
 * ```
 */
export function smo(P: SmoProblem): SmoResult {
  const { l, y, p, C, cache, tol } = P;
  const alpha = P.alpha0 ? P.alpha0.slice() : new Float64Array(l);
  const G = Float64Array.from(p); // Qα + p, with α = 0 for now
  const QD = new Float64Array(l);
  for (let t = 0; t < l; t++) QD[t] = cache.diagonal(P.index(t));
  const idx = Int32Array.from({ length: l }, (_, t) => P.index(t));
  // Q row of variable t, assembled from the cached kernel row of its sample. LIBSVM keeps
  // Q in single precision (its `Qfloat` is float) and the diagonal QD in double; we round
  // the same way so that our optimum is LIBSVM's (the rounding moves α by ~1e-6).
  const qRow = new Float64Array(l);
  const qRow2 = new Float64Array(l);
  const fillQ = (t: number, out: Float64Array) => {
    const K = cache.row(idx[t]);
    const yt = y[t];
    for (let s = 0; s < l; s++) out[s] = Math.fround(yt * y[s] * K[idx[s]]);
  };
  // Start from a non-zero α: add Q·α to the gradient.
  for (let t = 0; t < l; t++) {
    if (alpha[t] === 0) continue;
    fillQ(t, qRow);
    for (let s2 = 0; s2 < l; s2++) G[s2] += alpha[t] * qRow[s2];
  }
  const upper = (t: number) => alpha[t] >= C[t];
  const lower = (t: number) => alpha[t] <= 0;
  /** The two-variable subproblem along y_i α_i + y_j α_j = const, solved and clipped to the box; G updated. */
  const twoVariableStep = (i: number, j: number) => {
    fillQ(i, qRow);
    fillQ(j, qRow2);
    const Ci = C[i];
    const Cj = C[j];
    const oldI = alpha[i];
    const oldJ = alpha[j];
    // The two-variable problem along the constraint y_i α_i + y_j α_j = const, clipped to the box.
    if (y[i] !== y[j]) {
      let quad = QD[i] + QD[j] + 2 * qRow[j];
      if (quad <= 0) quad = TAU;
      const delta = (-G[i] - G[j]) / quad;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = diff; }
      } else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = -diff; }
      if (diff > Ci - Cj) {
        if (alpha[i] > Ci) { alpha[i] = Ci; alpha[j] = Ci - diff; }
      } else if (alpha[j] > Cj) { alpha[j] = Cj; alpha[i] = Cj + diff; }
    } else {
      let quad = QD[i] + QD[j] - 2 * qRow[j];
      if (quad <= 0) quad = TAU;
      const delta = (G[i] - G[j]) / quad;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > Ci) {
        if (alpha[i] > Ci) { alpha[i] = Ci; alpha[j] = sum - Ci; }
      } else if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = sum; }
      if (sum > Cj) {
        if (alpha[j] > Cj) { alpha[j] = Cj; alpha[i] = sum - Cj; }
      } else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = sum; }
    }
    const dI = alpha[i] - oldI;
    const dJ = alpha[j] - oldJ;
    for (let t = 0; t < l; t++) G[t] += qRow[t] * dI + qRow2[t] * dJ;
  };
  // LIBSVM's default cap on iterations when none is given.
  const limit = P.maxIter >= 0 ? P.maxIter : Math.max(10_000_000, 100 * l);
  let iter = 0;
  let hitMaxIter = false;
  for (;;) {
    if (P.nu) {
      const pair = selectNu(l, y, G, QD, alpha, C, fillQ, qRow, qRow2, tol);
      if (pair === null) break;
      if (iter >= limit) { hitMaxIter = true; break; }
      iter++;
      twoVariableStep(pair[0], pair[1]);
      continue;
    }
    // WSS 2, first index: the maximal violator i = argmax over I_up of −y_t G_t.
    let Gmax = -Infinity;
    let i = -1;
    for (let t = 0; t < l; t++) {
      if (y[t] === 1) {
        if (!upper(t) && -G[t] >= Gmax) { Gmax = -G[t]; i = t; }
      } else if (!lower(t) && G[t] >= Gmax) { Gmax = G[t]; i = t; }
    }
    if (i === -1) break;
    fillQ(i, qRow);
    // Second index: the j in I_low with the largest decrease of the objective (second order).
    let Gmax2 = -Infinity;
    let j = -1;
    let best = Infinity;
    for (let t = 0; t < l; t++) {
      if (y[t] === 1) {
        if (lower(t)) continue;
        const diff = Gmax + G[t];
        if (G[t] >= Gmax2) Gmax2 = G[t];
        if (diff > 0) {
          const quad = QD[i] + QD[t] - 2 * y[i] * qRow[t];
          const obj = -(diff * diff) / (quad > 0 ? quad : TAU);
          if (obj <= best) { j = t; best = obj; }
        }
      } else {
        if (upper(t)) continue;
        const diff = Gmax - G[t];
        if (-G[t] >= Gmax2) Gmax2 = -G[t];
        if (diff > 0) {
          const quad = QD[i] + QD[t] + 2 * y[i] * qRow[t];
          const obj = -(diff * diff) / (quad > 0 ? quad : TAU);
          if (obj <= best) { j = t; best = obj; }
        }
      }
    }
    if (Gmax + Gmax2 < tol || j === -1) break;
    if (iter >= limit) { hitMaxIter = true; break; }
    iter++;
    twoVariableStep(i, j);
  }
  // ρ: the mean of y_t G_t over free variables, or the middle of the feasible interval.
  let ub = Infinity;
  let lb = -Infinity;
  let nFree = 0;
  let sumFree = 0;
  for (let t = 0; t < l; t++) {
    const yG = y[t] * G[t];
    if (upper(t)) {
      if (y[t] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (lower(t)) {
      if (y[t] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      nFree++;
      sumFree += yG;
    }
  }
  let rho = nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
  let r: number | undefined;
  if (P.nu) ({ rho, r } = rhoNu(l, y, G, alpha, C));
  let objective = 0;
  for (let t = 0; t < l; t++) objective += alpha[t] * (G[t] + p[t]);
  return { alpha, rho, r, objective: objective / 2, nIter: iter, hitMaxIter };
}

/** Solver_NU's working-set selection: the maximal violating pair within one class, second order. Null when optimal. */
function selectNu(
  l: number, y: Int8Array, G: Float64Array, QD: Float64Array, alpha: Float64Array, C: Float64Array,
  fillQ: (t: number, out: Float64Array) => void, qP: Float64Array, qN: Float64Array, tol: number,
): [number, number] | null {
  let gMaxP = -Infinity; let gMaxP2 = -Infinity; let ip = -1;
  let gMaxN = -Infinity; let gMaxN2 = -Infinity; let iN = -1;
  for (let t = 0; t < l; t++) {
    if (y[t] === 1) {
      if (alpha[t] < C[t] && -G[t] >= gMaxP) { gMaxP = -G[t]; ip = t; }
    } else if (alpha[t] > 0 && G[t] >= gMaxN) { gMaxN = G[t]; iN = t; }
  }
  if (ip !== -1) fillQ(ip, qP);
  if (iN !== -1) fillQ(iN, qN);
  let j = -1;
  let best = Infinity;
  for (let t = 0; t < l; t++) {
    if (y[t] === 1) {
      if (alpha[t] <= 0) continue;
      const diff = gMaxP + G[t];
      if (G[t] >= gMaxP2) gMaxP2 = G[t];
      if (diff > 0) {
        const quad = QD[ip] + QD[t] - 2 * qP[t];
        const obj = -(diff * diff) / (quad > 0 ? quad : TAU);
        if (obj <= best) { j = t; best = obj; }
      }
    } else {
      if (alpha[t] >= C[t]) continue;
      const diff = gMaxN - G[t];
      if (-G[t] >= gMaxN2) gMaxN2 = -G[t];
      if (diff > 0) {
        const quad = QD[iN] + QD[t] - 2 * qN[t];
        const obj = -(diff * diff) / (quad > 0 ? quad : TAU);
        if (obj <= best) { j = t; best = obj; }
      }
    }
  }
  if (Math.max(gMaxP + gMaxP2, gMaxN + gMaxN2) < tol || j === -1) return null;
  return [y[j] === 1 ? ip : iN, j];
}

/** Solver_NU's ρ and r: the mean gradient of each class's free variables (or the middle of its bounds). */
function rhoNu(l: number, y: Int8Array, G: Float64Array, alpha: Float64Array, C: Float64Array): { rho: number; r: number } {
  const side = [{ n: 0, sum: 0, ub: Infinity, lb: -Infinity }, { n: 0, sum: 0, ub: Infinity, lb: -Infinity }];
  for (let t = 0; t < l; t++) {
    const s = side[y[t] === 1 ? 0 : 1];
    if (alpha[t] >= C[t]) s.lb = Math.max(s.lb, G[t]);
    else if (alpha[t] <= 0) s.ub = Math.min(s.ub, G[t]);
    else { s.n++; s.sum += G[t]; }
  }
  const [r1, r2] = side.map((s) => (s.n > 0 ? s.sum / s.n : (s.ub + s.lb) / 2));
  return { rho: (r1 - r2) / 2, r: (r1 + r2) / 2 };
}
