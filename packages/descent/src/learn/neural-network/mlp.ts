/**
 * Multi-layer perceptrons with scikit-learn's parameters and defaults (`MLPClassifier`,
 * `MLPRegressor`). With the 'adam' and 'sgd' solvers the network is a `descent/nn`
 * `Sequential` of `Linear` layers and activations trained by `descent/optim`'s `Adam` and
 * `SGD`, set up to take scikit-learn's exact steps (mlp-train.ts); 'lbfgs' minimizes the
 * packed weights' loss with the typed-array forward and backward passes of mlp-solvers.ts.
 * The weights are kept as scikit-learn's `coefs_` (one (in, out) matrix per layer) and
 * `intercepts_`.
 */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkXLabels, checkXy, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { accuracyScore } from '../metrics/accuracy.js';
import { r2Score } from '../metrics/regression.js';
import { Generator } from '../../random/index.js';
import { forward, glorotInit, trainLbfgs, type Activation, type Out, type Weights } from './mlp-solvers.js';
import { toSequential, trainStochastic } from './mlp-train.js';
import { Sigmoid, Softmax, type Sequential } from '../../nn/index.js';

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

/** Fits an MLP on (X, targets) and returns coefs_/intercepts_/lossCurve_; T is (n, k) one-hot or values, row-major. */
function train(p: MLPParams, X: Matrix, T: Float64Array, k: number, out: Out, score: (pred: Float64Array, rows: number[]) => number, caller: string) {
  const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 31));
  const sizes = [X.cols, ...p.hiddenLayerSizes, k];
  // Glorot uniform, scikit-learn's initialisation and draw order (mlp-solvers.ts).
  const w = glorotInit(sizes, p.activation, rng);
  if (p.solver === 'lbfgs') {
    const r = trainLbfgs(w, X, T, out, { activation: p.activation, alpha: p.alpha, maxIter: p.maxIter, maxFun: p.maxFun, tol: p.tol });
    if (!Number.isFinite(r.loss)) throw new Error(`${caller}: the training loss became ${r.loss}; scale X (StandardScaler) or raise alpha.`);
    return { ...nested(r.weights), lossCurve: r.lossCurve, nIter: r.nIter, validationScores: [], bestLoss: r.loss };
  }
  // Adam or SGD on descent/nn layers and descent/optim optimizers (mlp-train.ts).
  const r = trainStochastic({ ...p, solver: p.solver }, w, X, T, out, score, caller, rng);
  return { ...nested(r.weights), lossCurve: r.lossCurve, nIter: r.nIter, validationScores: r.validationScores, bestLoss: r.bestLoss };
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

  /**
   * The trained network as a `descent/nn` float64 `Sequential`: `Linear` layers with these
   * weights, the hidden activations, and the output activation (softmax over classes, a
   * sigmoid for two classes, nothing for regression). Its forward pass gives `predictProba`'s
   * probabilities (the positive class's for two classes) or `predict`'s values.
   *
   * ```ts
   * const net = new MLPClassifier({ randomState: 0 }).fit(X, y).toModule();
   * net.forward(tensor(X, { dtype: 'float64' }));   // (n, nClasses) probabilities
   * ```
   */
  toModule(): Sequential {
    this.checkIsFitted();
    const sizes = [this.nFeaturesIn_, ...this.intercepts_.map((b) => b.length)];
    const k = sizes[sizes.length - 1];
    const outAct = this.tags.estimatorType !== 'classifier' ? undefined : k === 1 ? new Sigmoid() : new Softmax(1);
    return toSequential({ sizes, coefs: this.coefs_.map((W) => W.flat()), intercepts: this.intercepts_ }, this.params.activation, outAct);
  }

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
