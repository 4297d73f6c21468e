/**
 * `LogisticRegression`: a linear classifier fitted by maximum (penalised) likelihood
 * (sklearn.linear_model.LogisticRegression, scikit-learn 1.2 semantics).
 */
import { Generator } from '../../random/index.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier } from '../base/mixins.js';
import { checkXLabels, uniqueLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import { lbfgs } from '../optimize/lbfgs.js';
import { newtonCg } from '../optimize/newton-cg.js';
import { checkSampleWeight, classesFromScores, linearDecision } from './base.js';
import { logisticHessian, logisticValueAndGrad, nParams, sigmoid, type LogisticProblem } from './logistic-loss.js';
import { sagaLogistic } from './saga.js';

export interface LogisticRegressionParams {
  /** 'l2' (default), 'l1' and 'elasticnet' (saga only), or 'none'. */
  penalty: 'l2' | 'l1' | 'elasticnet' | 'none';
  /** Inverse penalty strength: the objective is C·Σ loss + penalty. Default 1. */
  C: number;
  fitIntercept: boolean;
  /** null (all 1), 'balanced' (n / (nClasses·count)), or a weight per class label. */
  classWeight: null | 'balanced' | Record<string, number>;
  /** 'lbfgs' (default), 'newton-cg', or 'saga' (stochastic; the only one for l1/elasticnet). */
  solver: 'lbfgs' | 'newton-cg' | 'saga';
  /** Maximum iterations (epochs for saga). Default 100. */
  maxIter: number;
  /** Stopping tolerance: largest gradient component (lbfgs, newton-cg) or relative change of the weights over an epoch (saga). Default 1e-4. */
  tol: number;
  /** 'auto' (binary: one logistic model; more classes: multinomial), 'ovr' (one-vs-rest) or 'multinomial'. */
  multiClass: 'auto' | 'ovr' | 'multinomial';
  /** The L1 share of the elastic-net penalty, in [0, 1]; only with penalty 'elasticnet'. */
  l1Ratio: number | null;
  /** Start from the previous fit's coefficients. */
  warmStart: boolean;
  /** Seed for saga's sampling; null draws a fresh seed. */
  randomState: number | null;
}

const isWeightMap = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x));

/**
 * Minimises C·Σᵢ sᵢ·ℓ(yᵢ, W·xᵢ + b) + penalty(W), where ℓ is the negative log-likelihood
 * of a Bernoulli (two classes) or categorical (softmax, more classes) model and the
 * penalty is ½‖W‖² ('l2'), ‖W‖₁ ('l1') or (1 − ρ)/2‖W‖² + ρ‖W‖₁ ('elasticnet'). The
 * intercept is not penalised. With the L2 penalty the optimum is unique, and every
 * solver reaches the same coefficients.
 *
 * ```ts
 * import { loadIris } from 'descent/datasets';
 * const { data, target } = loadIris();
 * const clf = new LogisticRegression({ maxIter: 200 }).fit(data, target);
 * clf.predictProba(data.slice(0, 1)); // [[0.98…, 0.01…, 0.00…]] (as scikit-learn)
 * clf.score(data, target);            // 0.973…
 * ```
 */
export class LogisticRegression extends Classifier<LogisticRegressionParams> {
  static override readonly spec: EstimatorSpec<LogisticRegressionParams> = {
    name: 'LogisticRegression',
    defaults: {
      penalty: 'l2', C: 1, fitIntercept: true, classWeight: null, solver: 'lbfgs', maxIter: 100, tol: 1e-4,
      multiClass: 'auto', l1Ratio: null, warmStart: false, randomState: null,
    },
    constraints: {
      penalty: [C.options('l2', 'l1', 'elasticnet', 'none')],
      C: [C.number({ min: 0, minExclusive: true })],
      fitIntercept: [C.boolean],
      classWeight: [C.null, C.options('balanced'), C.custom('an object mapping each class label to a weight >= 0', isWeightMap)],
      solver: [C.options('lbfgs', 'newton-cg', 'saga')],
      maxIter: [C.integer({ min: 0 })],
      tol: [C.number({ min: 0 })],
      multiClass: [C.options('auto', 'ovr', 'multinomial')],
      l1Ratio: [C.number({ min: 0, max: 1 }), C.null],
      warmStart: [C.boolean],
      randomState: [C.integer(), C.null],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** (1, d) for two classes, else (nClasses, d). */
  declare coef_: number[][];
  /** One intercept per row of coef_. */
  declare intercept_: number[];
  /** Iterations run: one entry, or one per class for one-vs-rest. */
  declare nIter_: number[];
  /** Whether probabilities come from a softmax (multinomial) or normalised sigmoids (one-vs-rest). */
  declare multinomial_: boolean;

  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    const previous = this.params.warmStart && this.isFitted() ? { coef: this.coef_, intercept: this.intercept_ } : null;
    this.beginFit();
    const { penalty, solver, l1Ratio, classWeight, fitIntercept } = this.params;
    if (solver !== 'saga' && (penalty === 'l1' || penalty === 'elasticnet')) {
      throw new Error(`LogisticRegression: solver '${solver}' supports only 'l2' or 'none' penalties, got '${penalty}'. Use solver 'saga' for '${penalty}'.`);
    }
    if (penalty === 'elasticnet' && l1Ratio === null) {
      throw new Error("LogisticRegression: penalty 'elasticnet' needs `l1Ratio`, a number in [0, 1] (0 is pure L2, 1 pure L1).");
    }
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const n = M.rows;
    const d = M.cols;
    const classes = uniqueLabels(labels);
    if (classes.length < 2) {
      throw new Error(`LogisticRegression needs samples of at least 2 classes in the data, but the data contains only one class: ${JSON.stringify(classes[0])}.`);
    }
    const index = new Map(classes.map((c, k) => [c, k]));
    const yIdx = Int32Array.from(labels, (l) => index.get(l)!);
    const sw = checkSampleWeight(sampleWeight, n, this.estimatorName) ?? new Float64Array(n).fill(1);
    if (classWeight !== null && classWeight !== 'balanced') {
      for (const key of Object.keys(classWeight)) {
        if (!classes.some((c) => String(c) === key)) throw new Error(`LogisticRegression: classWeight names the class ${JSON.stringify(key)}, which is not in the training labels.`);
      }
      const byClass = classes.map((c) => classWeight[String(c)] ?? 1);
      for (let i = 0; i < n; i++) sw[i] *= byClass[yIdx[i]];
    }
    const K = classes.length;
    const multinomial = this.params.multiClass === 'multinomial' || (this.params.multiClass === 'auto' && K > 2);

    const solve = (problem: LogisticProblem, start: Float64Array | null): { w: Float64Array; nIter: number } => {
      const w0 = start ?? new Float64Array(nParams(problem));
      const { C: Cval, maxIter, tol } = this.params;
      if (solver === 'saga') {
        const rho = penalty === 'l1' ? 1 : penalty === 'elasticnet' ? l1Ratio! : 0;
        const penalised = penalty !== 'none';
        const res = sagaLogistic(problem, w0, {
          l1: penalised ? rho / Cval : 0, l2: penalised ? (1 - rho) / Cval : 0, maxIter, tol,
          rng: new Generator(this.params.randomState ?? Math.floor(Math.random() * 2 ** 32)),
        });
        return { w: res.w, nIter: res.nIter };
      }
      const fg = logisticValueAndGrad(problem);
      // ftol 0: stop on the gradient (tol) alone, not on a slowing decrease of f as SciPy
      // does, which at a tight tol leaves scikit-learn's lbfgs short of the optimum.
      const res = solver === 'lbfgs'
        ? lbfgs(fg, w0, { maxIter, gtol: tol, ftol: 0 })
        : newtonCg(fg, logisticHessian(problem), w0, { maxIter, tol });
      return { w: res.x, nIter: res.nIter };
    };
    const l2 = penalty === 'none' ? 0 : 1 / this.params.C;
    const base = { X: M.data, n, d, fitIntercept, l2 };
    // Where a warm start begins: the previous fit's (K', d) coefficients, if shapes match.
    const startFor = (rows: number[], K2: number): Float64Array | null => {
      if (!previous || previous.coef[0]?.length !== d) return null;
      const w = new Float64Array(K2 * (d + (fitIntercept ? 1 : 0)));
      rows.forEach((r, k) => {
        if (previous.coef[r] === undefined) return;
        w.set(previous.coef[r], k * d);
        if (fitIntercept) w[K2 * d + k] = previous.intercept[r];
      });
      return w;
    };

    const coef: number[][] = [];
    const intercept: number[] = [];
    const nIter: number[] = [];
    if (multinomial) {
      const problem: LogisticProblem = { ...base, K, y: yIdx, sw: this.classWeighted(sw, yIdx, K) };
      const { w, nIter: it } = solve(problem, previous && previous.coef.length === K ? startFor([...classes.keys()], K) : null);
      // Softmax scores are unchanged by adding a constant to every intercept; centre them
      // (the solvers keep Σ b_k = 0 from a zero start anyway).
      const bMean = fitIntercept ? w.subarray(K * d).reduce((a, b) => a + b, 0) / K : 0;
      for (let k = 0; k < K; k++) {
        coef.push(Array.from(w.subarray(k * d, (k + 1) * d)));
        intercept.push(fitIntercept ? w[K * d + k] - bMean : 0);
      }
      nIter.push(it);
      // Two classes with a softmax: scikit-learn keeps the second row (scores [−z, z]).
      if (K === 2) { coef.splice(0, 1); intercept.splice(0, 1); }
    } else {
      const positives = K === 2 ? [1] : [...classes.keys()];
      for (const c of positives) {
        const yBin = Int32Array.from(yIdx, (k) => (k === c ? 1 : 0));
        const problem: LogisticProblem = { ...base, K: 1, y: yBin, sw: this.classWeighted(sw, yBin, 2) };
        const { w, nIter: it } = solve(problem, startFor([K === 2 ? 0 : c], 1));
        coef.push(Array.from(w.subarray(0, d)));
        intercept.push(fitIntercept ? w[d] : 0);
        nIter.push(it);
      }
    }
    this.classes_ = classes;
    this.coef_ = coef;
    this.intercept_ = intercept;
    this.nIter_ = nIter;
    this.multinomial_ = multinomial;
    this.nFeaturesIn_ = d;
    return this;
  }

  /** 'balanced' class weights n / (nClasses·count), computed on the labels being fitted (binary masks for one-vs-rest, as scikit-learn does). */
  private classWeighted(sw: Float64Array, y: Int32Array, K: number): Float64Array {
    if (this.params.classWeight !== 'balanced') return sw;
    const counts = new Float64Array(K);
    for (const k of y) counts[k]++;
    return sw.map((s, i) => (s * y.length) / (K * counts[y[i]]));
  }

  /** Scores W·x + b: one per sample for two classes (positive favours classes_[1]), else one per class. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    return linearDecision(this.checkPredictInput(X), this.coef_, this.intercept_);
  }

  /** Class probabilities, columns in the order of `classes_`. */
  predictProba(X: MatrixLike): number[][] {
    const scores = this.decisionFunction(X);
    return scores.map((s) => {
      if (typeof s === 'number') {
        // Two classes: a sigmoid, or (multinomial) a softmax over [−z, z] = σ(2z).
        const p = sigmoid(this.multinomial_ ? 2 * s : s);
        return [1 - p, p];
      }
      if (this.multinomial_) {
        const m = Math.max(...s);
        const e = s.map((v) => Math.exp(v - m));
        const sum = e.reduce((a, b) => a + b, 0);
        return e.map((v) => v / sum);
      }
      // One-vs-rest: each class's sigmoid, normalised to sum to one.
      const p = s.map(sigmoid);
      const sum = p.reduce((a, b) => a + b, 0);
      return p.map((v) => v / sum);
    });
  }

  /** Natural log of `predictProba`. */
  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  predict(X: MatrixLike): Label[] {
    return classesFromScores(this.decisionFunction(X), this.classes_);
  }
}
