/**
 * Multi-layer perceptrons with scikit-learn's parameters and defaults (`MLPClassifier`,
 * `MLPRegressor`). The network is the stack of `Linear` layers and activations that
 * `descent/nn` builds (lesson 21 trains one by hand, then with autograd); here the forward and backward
 * passes are written out over typed arrays with `gemm` (mlp-solvers.ts), which is an order of
 * magnitude faster on small batches, and the updates are scikit-learn's own Adam, SGD (with
 * its learning-rate schedules) and full-batch L-BFGS. The weights are kept as
 * scikit-learn's `coefs_` (one (in, out) matrix per layer) and `intercepts_`.
 */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkXLabels, checkXy, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { accuracyScore } from '../metrics/accuracy.js';
import { r2Score } from '../metrics/regression.js';
import { Generator } from '../../random/index.js';
import { forward, glorotInit, lossAndGrad, SklearnAdam, SklearnSGD, trainLbfgs, type Activation, type Out, type Weights } from './mlp-solvers.js';

export interface MLPParams {
  /** Units per hidden layer. Default [100]. */
  hiddenLayerSizes: number[];
  /** Hidden activation. Default 'relu'. */
  activation: 'identity' | 'logistic' | 'tanh' | 'relu';
  /** 'adam' (default), 'sgd' (with momentum) or 'lbfgs' (full-batch quasi-Newton; good for small data). */
  solver: 'adam' | 'sgd' | 'lbfgs';
  /** L2 penalty on the weights (not the biases): loss + α/(2·batch) · Σ‖W‖². Default 1e-4. */
  alpha: number;
  /** Minibatch size, or 'auto' = min(200, n). */
  batchSize: 'auto' | number;
  /** Step size. Default 1e-3. */
  learningRateInit: number;
  /** SGD's schedule: 'constant', 'invscaling' (η₀/(t+1)^powerT, t = samples seen) or 'adaptive' (η/5 when stalled). */
  learningRate: 'constant' | 'invscaling' | 'adaptive';
  /** The exponent of 'invscaling'. Default 0.5. */
  powerT: number;
  /** lbfgs: most loss evaluations. Default 15000. */
  maxFun: number;
  /** Epochs at most. Default 200. */
  maxIter: number;
  /** Reshuffle the samples every epoch. Default true. */
  shuffle: boolean;
  randomState: number | null;
  /** Improvement below this for `nIterNoChange` epochs stops training. Default 1e-4. */
  tol: number;
  /** SGD momentum. Default 0.9. */
  momentum: number;
  nesterovsMomentum: boolean;
  /** Hold out `validationFraction` of the data and stop when its score stops improving; keep the best weights. */
  earlyStopping: boolean;
  validationFraction: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  nIterNoChange: number;
}

const DEFAULTS: MLPParams = {
  hiddenLayerSizes: [100], activation: 'relu', solver: 'adam', alpha: 1e-4, batchSize: 'auto', learningRateInit: 1e-3, learningRate: 'constant',
  powerT: 0.5, maxFun: 15000, maxIter: 200,
  shuffle: true, randomState: null, tol: 1e-4, momentum: 0.9, nesterovsMomentum: true, earlyStopping: false, validationFraction: 0.1,
  beta1: 0.9, beta2: 0.999, epsilon: 1e-8, nIterNoChange: 10,
};

const CONSTRAINTS = {
  hiddenLayerSizes: [C.custom('an array of positive integers', (v) => Array.isArray(v) && v.every((h) => Number.isInteger(h) && h > 0))],
  activation: [C.options('identity', 'logistic', 'tanh', 'relu')],
  solver: [C.options('adam', 'sgd', 'lbfgs')],
  alpha: [C.number({ min: 0 })],
  batchSize: [C.options('auto'), C.integer({ min: 1 })],
  learningRateInit: [C.number({ min: 0, minExclusive: true })],
  learningRate: [C.options('constant', 'invscaling', 'adaptive')],
  powerT: [C.number({ min: 0 })],
  maxFun: [C.integer({ min: 1 })],
  maxIter: [C.integer({ min: 1 })],
  shuffle: [C.boolean],
  randomState: [C.null, C.integer({ min: 0 })],
  tol: [C.number({ min: 0 })],
  momentum: [C.number({ min: 0, max: 1 })],
  nesterovsMomentum: [C.boolean],
  earlyStopping: [C.boolean],
  validationFraction: [C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: true })],
  beta1: [C.number({ min: 0, max: 1, maxExclusive: true })],
  beta2: [C.number({ min: 0, max: 1, maxExclusive: true })],
  epsilon: [C.number({ min: 0, minExclusive: true })],
  nIterNoChange: [C.integer({ min: 1 })],
};

/** The winning class of row t of P (n, width): P > 0.5 for one logistic output, else the argmax. */
function argmaxRow(P: Float64Array, t: number, width: number): number {
  if (width === 1) return P[t] > 0.5 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < width; j++) if (P[t * width + j] > P[t * width + best]) best = j;
  return best;
}

/** Rows `idx` of X as a new matrix (a minibatch). */
function takeRows(X: Matrix, idx: readonly number[]): Matrix {
  const data = new Float64Array(idx.length * X.cols);
  idx.forEach((r, t) => data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), t * X.cols));
  return { rows: idx.length, cols: X.cols, data };
}

/** Fits an MLP on (X, targets) and returns coefs_/intercepts_/lossCurve_; T is (n, k) one-hot or values, row-major. */
function train(p: MLPParams, X: Matrix, T: Float64Array, k: number, out: Out, score: (pred: Float64Array, rows: number[]) => number, caller: string) {
  const n = X.rows;
  const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 31));
  const sizes = [X.cols, ...p.hiddenLayerSizes, k];
  // Glorot uniform, scikit-learn's initialisation and draw order (mlp-solvers.ts).
  const w = glorotInit(sizes, p.activation, rng);
  if (p.solver === 'lbfgs') {
    const r = trainLbfgs(w, X, T, out, { activation: p.activation, alpha: p.alpha, maxIter: p.maxIter, maxFun: p.maxFun, tol: p.tol });
    if (!Number.isFinite(r.loss)) throw new Error(`${caller}: the training loss became ${r.loss}; scale X (StandardScaler) or raise alpha.`);
    return { ...nested(r.weights), lossCurve: r.lossCurve, nIter: r.nIter, validationScores: [], bestLoss: r.loss };
  }
  const params = [...w.coefs, ...w.intercepts];
  // Gradient buffers, overwritten by each backward pass.
  const grads: Weights = { sizes, coefs: w.coefs.map((W) => new Float64Array(W.length)), intercepts: w.intercepts.map((b) => new Float64Array(b.length)) };
  const gradList = [...grads.coefs, ...grads.intercepts];
  const adam = p.solver === 'adam' ? new SklearnAdam(params, { lr: p.learningRateInit, beta1: p.beta1, beta2: p.beta2, epsilon: p.epsilon }) : null;
  const sgd = p.solver === 'sgd'
    ? new SklearnSGD(params, { lr: p.learningRateInit, momentum: p.momentum, nesterov: p.nesterovsMomentum && p.momentum > 0, schedule: p.learningRate, powerT: p.powerT })
    : null;
  let trainIdx = Array.from({ length: n }, (_, i) => i);
  let valIdx: number[] = [];
  if (p.earlyStopping) {
    const perm = rng.permutation(n);
    const nVal = Math.max(1, Math.ceil(p.validationFraction * n));
    if (n - nVal < 1) throw new Error(`${caller}: too few samples for earlyStopping with validationFraction ${p.validationFraction}.`);
    valIdx = perm.slice(0, nVal);
    trainIdx = perm.slice(nVal);
  }
  const Xval = takeRows(X, valIdx);
  const bs = p.batchSize === 'auto' ? Math.min(200, trainIdx.length) : Math.min(p.batchSize, trainIdx.length);
  const lossCurve: number[] = [];
  const validationScores: number[] = [];
  let best = Infinity;
  let bestScore = -Infinity;
  let bestWeights: Float64Array[] | null = null;
  let noImprovement = 0;
  let nIter = 0;
  let samplesSeen = 0;
  for (let epoch = 0; epoch < p.maxIter; epoch++) {
    const order = p.shuffle ? rng.permutation(trainIdx.length).map((j) => trainIdx[j]) : trainIdx;
    let total = 0;
    for (let s = 0; s < order.length; s += bs) {
      const batch = order.slice(s, s + bs);
      const Tb = new Float64Array(batch.length * k);
      batch.forEach((r, t) => Tb.set(T.subarray(r * k, (r + 1) * k), t * k));
      // Loss with the L2 term α/(2·batch)·Σ‖W‖², and its gradient (mlp-solvers.ts).
      const loss = lossAndGrad(w, takeRows(X, batch), Tb, out, p.activation, p.alpha, grads);
      if (adam) adam.step(gradList);
      else sgd!.step(gradList);
      total += loss * batch.length;
    }
    nIter = epoch + 1;
    samplesSeen += order.length;
    sgd?.iterationEnds(samplesSeen);
    const epochLoss = total / order.length;
    lossCurve.push(epochLoss);
    if (!Number.isFinite(epochLoss)) throw new Error(`${caller}: the training loss became ${epochLoss}; lower learningRateInit or scale X (StandardScaler).`);
    if (p.earlyStopping) {
      const sc = score(forward(w, Xval, out, p.activation).at(-1)!, valIdx);
      validationScores.push(sc);
      noImprovement = sc < bestScore + p.tol ? noImprovement + 1 : 0;
      if (sc > bestScore) {
        bestScore = sc;
        bestWeights = params.map((t) => t.slice());
      }
    } else {
      noImprovement = epochLoss > best - p.tol ? noImprovement + 1 : 0;
      if (epochLoss < best) best = epochLoss;
    }
    // Stalled: stop, except that the 'adaptive' schedule first divides the step by 5.
    if (noImprovement > p.nIterNoChange) {
      if (!sgd || sgd.triggerStopping()) break;
      noImprovement = 0;
    }
  }
  if (bestWeights) params.forEach((t, j) => t.set(bestWeights![j]));
  return { ...nested(w), lossCurve, nIter, validationScores, bestLoss: best };
}

/** scikit-learn's coefs_ ((in, out) nested per layer) and intercepts_. */
function nested(w: Weights): { coefs: number[][][]; intercepts: number[][] } {
  return {
    coefs: w.coefs.map((W, l) => Array.from({ length: w.sizes[l] }, (_, a) => Array.from(W.subarray(a * w.sizes[l + 1], (a + 1) * w.sizes[l + 1])))),
    intercepts: w.intercepts.map((b) => Array.from(b)),
  };
}

/** The output layer's activations (identity, softmax or logistic) for rows of X, (n, k) row-major. */
function predictRaw(c: { coefs: number[][][]; intercepts: number[][] }, X: Matrix, activation: Activation, out: Out): Float64Array {
  const sizes = [X.cols, ...c.intercepts.map((b) => b.length)];
  const w: Weights = { sizes, coefs: c.coefs.map((W) => Float64Array.from(W.flat())), intercepts: c.intercepts.map((b) => Float64Array.from(b)) };
  return forward(w, X, out, activation).at(-1)!;
}

abstract class BaseMLP extends BaseEstimator<MLPParams> {
  /** Weights per layer, (in, out) as in scikit-learn. */
  declare coefs_: number[][][];
  declare intercepts_: number[][];
  /** Mean training loss (with the L2 term) per epoch; for lbfgs, the loss after each iteration. */
  declare lossCurve_: number[];
  declare nIter_: number;
  /** Validation score per epoch when `earlyStopping`, else null. */
  declare validationScores_: number[] | null;
  declare nLayers_: number;

  /** Sets the fitted attributes from `train`'s result (d: number of input features). */
  protected storeFitted(r: ReturnType<typeof train>, d: number): void {
    this.coefs_ = r.coefs;
    this.intercepts_ = r.intercepts;
    this.lossCurve_ = r.lossCurve;
    this.nIter_ = r.nIter;
    this.validationScores_ = this.params.earlyStopping && this.params.solver !== 'lbfgs' ? r.validationScores : null; // lbfgs has no early stopping, as in scikit-learn
    this.nLayers_ = this.params.hiddenLayerSizes.length + 2;
    this.nFeaturesIn_ = d;
  }
}

/**
 * A feed-forward network for classification: softmax cross-entropy (a logistic output for
 * two classes), trained by Adam or SGD on minibatches.
 *
 * ```ts
 * const mlp = new MLPClassifier({ hiddenLayerSizes: [16], maxIter: 300, randomState: 0 }).fit(X, y);
 * mlp.predictProba(X.slice(0, 1)); mlp.lossCurve_.length;
 * ```
 */
export class MLPClassifier extends BaseMLP {
  static override readonly spec: EstimatorSpec<MLPParams> = {
    name: 'MLPClassifier', defaults: DEFAULTS, constraints: CONSTRAINTS, tags: { estimatorType: 'classifier', requiresY: true },
  };

  declare classes_: Label[];

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const classes = [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (classes.length < 2) throw new Error(`${this.estimatorName}: needs samples of at least 2 classes; got only ${JSON.stringify(classes[0])}.`);
    const k = classes.length;
    const width = k === 2 ? 1 : k;
    const T = Float64Array.from(labels.flatMap((l) => (k === 2 ? [l === classes[1] ? 1 : 0] : classes.map((c) => (c === l ? 1 : 0)))));
    const out: Out = k === 2 ? 'logistic' : 'softmax';
    const score = (P: Float64Array, rows: number[]) => accuracyScore(rows.map((i) => labels[i]), rows.map((_, t) => classes[argmaxRow(P, t, width)]));
    const r = train(this.params, M, T, width, out, score, this.estimatorName);
    this.classes_ = classes;
    this.storeFitted(r, M.cols);
    return this;
  }

  predictProba(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const k = this.classes_.length;
    const P = predictRaw({ coefs: this.coefs_, intercepts: this.intercepts_ }, M, this.params.activation, k === 2 ? 'logistic' : 'softmax');
    if (k === 2) return Array.from(P, (p) => [1 - p, p]);
    return Array.from({ length: M.rows }, (_, i) => Array.from(P.subarray(i * k, (i + 1) * k)));
  }

  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((p) => this.classes_[p.indexOf(Math.max(...p))]);
  }

  score(X: MatrixLike, y: LabelsLike): number {
    return accuracyScore(y, this.predict(X));
  }
}

/**
 * A feed-forward network for regression: identity output, squared error, Adam or SGD.
 *
 * ```ts
 * const mlp = new MLPRegressor({ hiddenLayerSizes: [32], maxIter: 500, randomState: 0 }).fit(X, y);
 * mlp.predict(X.slice(0, 2));
 * ```
 */
export class MLPRegressor extends BaseMLP {
  static override readonly spec: EstimatorSpec<MLPParams> = {
    name: 'MLPRegressor', defaults: DEFAULTS, constraints: CONSTRAINTS, tags: { estimatorType: 'regressor', requiresY: true },
  };

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const score = (P: Float64Array, rows: number[]) => r2Score(rows.map((i) => t[i]), Array.from(P));
    const r = train(this.params, M, Float64Array.from(t), 1, 'identity', score, this.estimatorName);
    this.storeFitted(r, M.cols);
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return Array.from(predictRaw({ coefs: this.coefs_, intercepts: this.intercepts_ }, M, this.params.activation, 'identity'));
  }

  score(X: MatrixLike, y: VectorLike): number {
    return r2Score(y, this.predict(X));
  }
}
