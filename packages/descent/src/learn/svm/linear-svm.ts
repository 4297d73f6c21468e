/**
 * LinearSVC and LinearSVR (sklearn.svm, LIBLINEAR's dual solvers): linear SVMs trained by
 * dual coordinate descent (Hsieh, Chang, Lin, Keerthi & Sundararajan, "A dual coordinate
 * descent method for large-scale linear SVM", ICML 2008). With w = Σ α_i y_i x_i kept up to
 * date, each coordinate step costs O(d), so no kernel matrix is ever formed. As in
 * LIBLINEAR, the intercept is the weight of an extra constant feature `interceptScaling`,
 * and is therefore regularized like the other weights.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import { checkXLabels, checkXy, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { classWeights } from './svc.js';

interface LinearBase {
  C: number;
  tol: number;
  fitIntercept: boolean;
  interceptScaling: number;
  maxIter: number;
  randomState: number | null;
}

export interface LinearSVCParams extends LinearBase {
  /** 'squared_hinge' (default, LIBLINEAR's L2-loss) or 'hinge' (L1-loss). */
  loss: 'hinge' | 'squared_hinge';
  classWeight: null | 'balanced' | Record<string, number>;
}

export interface LinearSVRParams extends LinearBase {
  /** 'epsilon_insensitive' (default, L1-loss) or 'squared_epsilon_insensitive' (L2-loss). */
  loss: 'epsilon_insensitive' | 'squared_epsilon_insensitive';
  epsilon: number;
}

const BASE_DEFAULTS: LinearBase = { C: 1, tol: 1e-4, fitIntercept: true, interceptScaling: 1, maxIter: 1000, randomState: null };
const BASE_CONSTRAINTS = {
  C: [C.number({ min: 0, minExclusive: true })],
  tol: [C.number({ min: 0, minExclusive: true })],
  fitIntercept: [C.boolean],
  interceptScaling: [C.number({ min: 0, minExclusive: true })],
  maxIter: [C.integer({ min: 1 })],
  randomState: [C.integer(), C.null],
} as const;
const isWeightMap = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x));

/** X with the constant bias column appended when fitting an intercept: (n, d + 1). */
function withBias(M: Matrix, p: LinearBase): { Z: Float64Array; d: number } {
  if (!p.fitIntercept) return { Z: M.data, d: M.cols };
  const d = M.cols + 1;
  const Z = new Float64Array(M.rows * d);
  for (let i = 0; i < M.rows; i++) {
    Z.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), i * d);
    Z[i * d + M.cols] = p.interceptScaling;
  }
  return { Z, d };
}

function dot(Z: Float64Array, i: number, w: Float64Array, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) s += Z[i * d + f] * w[f];
  return s;
}

/**
 * Binary L1/L2-loss SVM dual by coordinate descent (LIBLINEAR's solve_l2r_l1l2_svc, without
 * shrinking): min ½αᵀ(Q + D)α − Σα subject to 0 ≤ α_i ≤ U_i. Stops when the projected
 * gradient's spread max − min is below tol. Returns w (with the bias weight last) and the passes.
 */
function dualCdSvc(Z: Float64Array, n: number, d: number, y: Int8Array, Cs: Float64Array, hinge: boolean, tol: number, maxIter: number, rng: Generator): { w: Float64Array; nIter: number } {
  const w = new Float64Array(d);
  const alpha = new Float64Array(n);
  const diag = Float64Array.from(Cs, (c) => (hinge ? 0 : 0.5 / c));
  const upper = Float64Array.from(Cs, (c) => (hinge ? c : Infinity));
  const QD = Float64Array.from({ length: n }, (_, i) => diag[i] + sq(Z, i, d));
  const order = Array.from({ length: n }, (_, i) => i);
  let it = 0;
  for (; it < maxIter; it++) {
    rng.shuffle(order);
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (const i of order) {
      const G = y[i] * dot(Z, i, w, d) - 1 + alpha[i] * diag[i];
      let PG: number;
      if (alpha[i] === 0) PG = Math.min(G, 0);
      else if (alpha[i] === upper[i]) PG = Math.max(G, 0);
      else PG = G;
      pgMax = Math.max(pgMax, PG);
      pgMin = Math.min(pgMin, PG);
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(alpha[i] - G / QD[i], 0), upper[i]);
        const step = (alpha[i] - old) * y[i];
        for (let f = 0; f < d; f++) w[f] += step * Z[i * d + f];
      }
    }
    if (pgMax - pgMin <= tol) { it++; break; }
  }
  return { w, nIter: it };
}

function sq(Z: Float64Array, i: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) s += Z[i * d + f] ** 2;
  return s;
}

/**
 * A linear support vector classifier (one-vs-rest for more than two classes).
 *
 * ```ts
 * const clf = new LinearSVC({ randomState: 0 }).fit([[0, 0], [1, 1], [2, 0], [3, 1]], [0, 0, 1, 1]);
 * clf.predict([[0.5, 0.5], [2.5, 0.5]]); // [0, 1]
 * ```
 */
export class LinearSVC extends Classifier<LinearSVCParams> {
  static override readonly spec: EstimatorSpec<LinearSVCParams> = {
    name: 'LinearSVC',
    defaults: { ...BASE_DEFAULTS, loss: 'squared_hinge', classWeight: null },
    constraints: {
      ...BASE_CONSTRAINTS,
      loss: [C.options('hinge', 'squared_hinge')],
      classWeight: [C.null, C.options('balanced'), C.custom('an object mapping each class label to a weight >= 0', isWeightMap)],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** (1, d) for two classes (positive: classes_[1]), else (nClasses, d). */
  declare coef_: number[][];
  declare intercept_: number[];
  /** Most passes over the data any of the binary problems took. */
  declare nIter_: number;

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const classes = uniqueLabels(labels);
    if (classes.length < 2) throw new Error(`LinearSVC: the number of classes has to be greater than one; got ${classes.length} class. Give samples of at least two classes.`);
    const p = this.params;
    const { Z, d } = withBias(M, p);
    const index = new Map(classes.map((c, i) => [c, i]));
    const yi = labels.map((l) => index.get(l)!);
    const weights = classWeights(p.classWeight, classes, yi);
    const Cs = Float64Array.from(yi, (c) => p.C * weights[c]);
    const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 32));
    const targets = classes.length === 2 ? [1] : classes.map((_, c) => c);
    const coef: number[][] = [];
    const intercept: number[] = [];
    let nIter = 0;
    for (const c of targets) {
      const ys = Int8Array.from(yi, (v) => (v === c ? 1 : -1));
      const { w, nIter: it } = dualCdSvc(Z, M.rows, d, ys, Cs, p.loss === 'hinge', p.tol, p.maxIter, rng);
      coef.push(Array.from(w.subarray(0, M.cols)));
      intercept.push(p.fitIntercept ? p.interceptScaling * w[M.cols] : 0);
      nIter = Math.max(nIter, it);
    }
    this.classes_ = classes;
    this.coef_ = coef;
    this.intercept_ = intercept;
    this.nIter_ = nIter;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** w·x + b per sample (two classes), or per sample and class. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    const M = this.checkPredictInput(X);
    const scores = Array.from({ length: M.rows }, (_, i) => this.coef_.map((w, c) => w.reduce((s, v, f) => s + v * M.data[i * M.cols + f], this.intercept_[c])));
    return this.classes_.length === 2 ? scores.map((r) => r[0]) : scores;
  }

  predict(X: MatrixLike): Label[] {
    const D = this.decisionFunction(X);
    return D.map((r) => {
      if (typeof r === 'number') return this.classes_[r > 0 ? 1 : 0];
      let best = 0;
      for (let c = 1; c < r.length; c++) if (r[c] > r[best]) best = c;
      return this.classes_[best];
    });
  }
}

/**
 * Linear support vector regression.
 *
 * ```ts
 * const reg = new LinearSVR({ randomState: 0, C: 10 }).fit([[0], [1], [2], [3]], [1, 3, 5, 7]);
 * reg.predict([[4]]); // ≈ [9]
 * ```
 */
export class LinearSVR extends Regressor<LinearSVRParams> {
  static override readonly spec: EstimatorSpec<LinearSVRParams> = {
    name: 'LinearSVR',
    defaults: { ...BASE_DEFAULTS, loss: 'epsilon_insensitive', epsilon: 0 },
    constraints: { ...BASE_CONSTRAINTS, loss: [C.options('epsilon_insensitive', 'squared_epsilon_insensitive')], epsilon: [C.number({ min: 0 })] },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare coef_: number[];
  declare intercept_: number[];
  declare nIter_: number;

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: target } = checkXy(X, y, { caller: this.estimatorName });
    const p = this.params;
    const { Z, d } = withBias(M, p);
    const n = M.rows;
    // LIBLINEAR's solve_l2r_l1l2_svr: min ½βᵀQβ + λ/2‖β‖² − yᵀβ + ε‖β‖₁ with |β_i| ≤ U.
    const l1 = p.loss === 'epsilon_insensitive';
    const lambda = l1 ? 0 : 0.5 / p.C;
    const U = l1 ? p.C : Infinity;
    const beta = new Float64Array(n);
    const w = new Float64Array(d);
    const QD = Float64Array.from({ length: n }, (_, i) => sq(Z, i, d));
    const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 32));
    const order = Array.from({ length: n }, (_, i) => i);
    let firstNorm = 0;
    let it = 0;
    for (; it < p.maxIter; it++) {
      rng.shuffle(order);
      let norm = 0;
      for (const i of order) {
        const G = -target[i] + lambda * beta[i] + dot(Z, i, w, d);
        const H = QD[i] + lambda;
        const Gp = G + p.epsilon;
        const Gn = G - p.epsilon;
        // The violation of the optimality conditions at β_i, summed for the stopping test.
        let violation: number;
        if (beta[i] === 0) violation = Gp < 0 ? -Gp : Gn > 0 ? Gn : 0;
        else if (beta[i] >= U) violation = Gp > 0 ? 0 : -Gp;
        else if (beta[i] <= -U) violation = Gn < 0 ? 0 : Gn;
        else violation = beta[i] > 0 ? Math.abs(Gp) : Math.abs(Gn);
        norm += violation;
        // Newton step on the piecewise quadratic, then clipped to the box.
        let step: number;
        if (Gp < H * beta[i]) step = -Gp / H;
        else if (Gn > H * beta[i]) step = -Gn / H;
        else step = -beta[i];
        if (Math.abs(step) < 1e-12) continue;
        const old = beta[i];
        beta[i] = Math.min(Math.max(beta[i] + step, -U), U);
        const delta = beta[i] - old;
        if (delta !== 0) for (let f = 0; f < d; f++) w[f] += delta * Z[i * d + f];
      }
      if (it === 0) firstNorm = norm;
      if (norm <= p.tol * firstNorm) { it++; break; }
    }
    this.coef_ = Array.from(w.subarray(0, M.cols));
    this.intercept_ = [p.fitIntercept ? p.interceptScaling * w[M.cols] : 0];
    this.nIter_ = it;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return Array.from({ length: M.rows }, (_, i) => this.coef_.reduce((s, v, f) => s + v * M.data[i * M.cols + f], this.intercept_[0]));
  }
}
