/**
 * Multi-layer perceptrons with scikit-learn's parameters and defaults (`MLPClassifier`,
 * `MLPRegressor`), trained with `descent/nn` layers and `descent/optim` optimizers. After
 * training, the weights are copied out as scikit-learn's `coefs_` (one (in, out) matrix per
 * layer) and `intercepts_`, and prediction is a plain forward pass over them.
 */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkXLabels, checkXy, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { accuracyScore } from '../metrics/accuracy.js';
import { r2Score } from '../metrics/regression.js';
import { Generator } from '../../random/index.js';
import { tensor, type Tensor } from '../../tensor/index.js';
import { F, Linear } from '../../nn/index.js';
import { Adam, SGD } from '../../optim/index.js';

export interface MLPParams {
  /** Units per hidden layer. Default [100]. */
  hiddenLayerSizes: number[];
  /** Hidden activation. Default 'relu'. */
  activation: 'identity' | 'logistic' | 'tanh' | 'relu';
  /** 'adam' (default) or 'sgd' (with momentum). */
  solver: 'adam' | 'sgd';
  /** L2 penalty on the weights (not the biases): loss + α/(2·batch) · Σ‖W‖². Default 1e-4. */
  alpha: number;
  /** Minibatch size, or 'auto' = min(200, n). */
  batchSize: 'auto' | number;
  /** Step size. Default 1e-3. */
  learningRateInit: number;
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
  hiddenLayerSizes: [100], activation: 'relu', solver: 'adam', alpha: 1e-4, batchSize: 'auto', learningRateInit: 1e-3, maxIter: 200,
  shuffle: true, randomState: null, tol: 1e-4, momentum: 0.9, nesterovsMomentum: true, earlyStopping: false, validationFraction: 0.1,
  beta1: 0.9, beta2: 0.999, epsilon: 1e-8, nIterNoChange: 10,
};

const CONSTRAINTS = {
  hiddenLayerSizes: [C.custom('an array of positive integers', (v) => Array.isArray(v) && v.every((h) => Number.isInteger(h) && h > 0))],
  activation: [C.options('identity', 'logistic', 'tanh', 'relu')],
  solver: [C.options('adam', 'sgd')],
  alpha: [C.number({ min: 0 })],
  batchSize: [C.options('auto'), C.integer({ min: 1 })],
  learningRateInit: [C.number({ min: 0, minExclusive: true })],
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

type Out = 'identity' | 'softmax' | 'logistic';

function activate(v: number, a: MLPParams['activation']): number {
  if (a === 'relu') return v > 0 ? v : 0;
  if (a === 'tanh') return Math.tanh(v);
  if (a === 'logistic') return 1 / (1 + Math.exp(-v));
  return v;
}

/** The network as trained: Linear layers (descent/nn) with the hidden activation between them. */
function forwardTensor(layers: Linear[], X: Tensor, a: MLPParams['activation']): Tensor {
  let h = X;
  layers.forEach((l, i) => {
    h = l.forward(h);
    if (i < layers.length - 1) h = a === 'relu' ? F.relu(h) : a === 'tanh' ? h.tanh() : a === 'logistic' ? h.sigmoid() : h;
  });
  return h;
}

/** Fits an MLP on (X, targets) and returns coefs_/intercepts_/lossCurve_; targets is (n, k) one-hot or values. */
function train(p: MLPParams, X: Matrix, T: number[][], out: Out, score: (pred: number[][], rows: number[]) => number, caller: string) {
  const n = X.rows;
  const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 31));
  const sizes = [X.cols, ...p.hiddenLayerSizes, T[0].length];
  // Glorot uniform, scikit-learn's initialisation (factor 2 for the logistic activation).
  const layers = sizes.slice(1).map((fanOut, i) => {
    const fanIn = sizes[i];
    const l = new Linear(fanIn, fanOut, { dtype: 'float64' });
    const bound = Math.sqrt((p.activation === 'logistic' ? 2 : 6) / (fanIn + fanOut));
    const w = l.weight.data as Float64Array;
    // (out, in) layout; sklearn draws coefs (in, out) then intercepts: draw in that order.
    for (let a = 0; a < fanIn; a++) for (let b = 0; b < fanOut; b++) w[b * fanIn + a] = rng.uniform(-bound, bound);
    const bias = l.bias!.data as Float64Array;
    for (let b = 0; b < fanOut; b++) bias[b] = rng.uniform(-bound, bound);
    return l;
  });
  const params = layers.flatMap((l) => [l.weight, l.bias!]);
  const opt: { zeroGrad(): void; step(): void } = p.solver === 'adam'
    ? new Adam(params, { lr: p.learningRateInit, betas: [p.beta1, p.beta2], eps: p.epsilon })
    : new SGD(params, { lr: p.learningRateInit, momentum: p.momentum, nesterov: p.nesterovsMomentum && p.momentum > 0 });
  let trainIdx = Array.from({ length: n }, (_, i) => i);
  let valIdx: number[] = [];
  if (p.earlyStopping) {
    const perm = rng.permutation(n);
    const nVal = Math.max(1, Math.ceil(p.validationFraction * n));
    if (n - nVal < 1) throw new Error(`${caller}: too few samples for earlyStopping with validationFraction ${p.validationFraction}.`);
    valIdx = perm.slice(0, nVal);
    trainIdx = perm.slice(nVal);
  }
  const bs = p.batchSize === 'auto' ? Math.min(200, trainIdx.length) : Math.min(p.batchSize, trainIdx.length);
  const rowsOf = (idx: number[]) => tensor(idx.map((i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols))), { dtype: 'float64' });
  const lossCurve: number[] = [];
  const validationScores: number[] = [];
  let best = Infinity;
  let bestScore = -Infinity;
  let bestWeights: Float64Array[] | null = null;
  let noImprovement = 0;
  let nIter = 0;
  for (let epoch = 0; epoch < p.maxIter; epoch++) {
    const order = p.shuffle ? rng.permutation(trainIdx.length).map((k) => trainIdx[k]) : trainIdx;
    let total = 0;
    for (let s = 0; s < order.length; s += bs) {
      const batch = order.slice(s, s + bs);
      opt.zeroGrad();
      const logits = forwardTensor(layers, rowsOf(batch), p.activation);
      const target = tensor(batch.map((i) => T[i]), { dtype: 'float64' });
      let loss: Tensor;
      if (out === 'identity') loss = F.mseLoss(logits, target).mul(0.5);            // ((y − ŷ)²).mean() / 2
      else if (out === 'logistic') loss = F.binaryCrossEntropyWithLogits(logits, target);
      else loss = F.crossEntropy(logits, tensor(batch.map((i) => T[i].indexOf(1)), { dtype: 'int32' }));
      let penalty: Tensor | null = null;
      for (const l of layers) {
        const sq = l.weight.mul(l.weight).sum();
        penalty = penalty === null ? sq : penalty.add(sq);
      }
      loss = loss.add(penalty!.mul((0.5 * p.alpha) / batch.length));
      loss.backward();
      opt.step();
      total += (loss.item() as number) * batch.length;
    }
    nIter = epoch + 1;
    const epochLoss = total / order.length;
    lossCurve.push(epochLoss);
    if (!Number.isFinite(epochLoss)) throw new Error(`${caller}: the training loss became ${epochLoss}; lower learningRateInit or scale X (StandardScaler).`);
    if (p.earlyStopping) {
      const pred = predictRaw(extract(layers), rowsToArrays(X, valIdx), p.activation, out);
      const sc = score(pred, valIdx);
      validationScores.push(sc);
      noImprovement = sc < bestScore + p.tol ? noImprovement + 1 : 0;
      if (sc > bestScore) {
        bestScore = sc;
        bestWeights = params.map((t) => Float64Array.from(t.data as Float64Array));
      }
    } else {
      noImprovement = epochLoss > best - p.tol ? noImprovement + 1 : 0;
      if (epochLoss < best) best = epochLoss;
    }
    if (noImprovement > p.nIterNoChange) break;
  }
  if (bestWeights) params.forEach((t, k) => (t.data as Float64Array).set(bestWeights![k]));
  return { ...extract(layers), lossCurve, nIter, validationScores, bestLoss: best };
}

function extract(layers: Linear[]): { coefs: number[][][]; intercepts: number[][] } {
  return {
    // scikit-learn's coefs_[i] is (in, out); the Linear weight is (out, in).
    coefs: layers.map((l) => Array.from({ length: l.inFeatures }, (_, a) => Array.from({ length: l.outFeatures }, (_, b) => (l.weight.data as Float64Array)[b * l.inFeatures + a]))),
    intercepts: layers.map((l) => Array.from(l.bias!.data as Float64Array)),
  };
}

function rowsToArrays(X: Matrix, idx: number[]): number[][] {
  return idx.map((i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
}

/** Forward pass over coefs_/intercepts_: the output layer's activations (identity, softmax or logistic). */
function predictRaw(w: { coefs: number[][][]; intercepts: number[][] }, rows: number[][], activation: MLPParams['activation'], out: Out): number[][] {
  return rows.map((x) => {
    let h = x;
    w.coefs.forEach((W, layer) => {
      const b = w.intercepts[layer];
      const z = b.map((bj, j) => h.reduce((s, hi, i) => s + hi * W[i][j], bj));
      h = layer < w.coefs.length - 1 ? z.map((v) => activate(v, activation)) : z;
    });
    if (out === 'logistic') return h.map((v) => 1 / (1 + Math.exp(-v)));
    if (out === 'softmax') {
      const m = Math.max(...h);
      const e = h.map((v) => Math.exp(v - m));
      const s = e.reduce((a, c) => a + c, 0);
      return e.map((v) => v / s);
    }
    return h;
  });
}

abstract class BaseMLP extends BaseEstimator<MLPParams> {
  /** Weights per layer, (in, out) as in scikit-learn. */
  declare coefs_: number[][][];
  declare intercepts_: number[][];
  /** Mean training loss (with the L2 term) per epoch. */
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
    this.validationScores_ = this.params.earlyStopping ? r.validationScores : null;
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
    const T = labels.map((l) => (k === 2 ? [l === classes[1] ? 1 : 0] : classes.map((c) => (c === l ? 1 : 0))));
    const out: Out = k === 2 ? 'logistic' : 'softmax';
    const score = (P: number[][], rows: number[]) => accuracyScore(rows.map((i) => labels[i]), P.map((p) => classes[k === 2 ? (p[0] > 0.5 ? 1 : 0) : p.indexOf(Math.max(...p))]));
    const r = train(this.params, M, T, out, score, this.estimatorName);
    this.classes_ = classes;
    this.storeFitted(r, M.cols);
    return this;
  }

  predictProba(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const k = this.classes_.length;
    const P = predictRaw({ coefs: this.coefs_, intercepts: this.intercepts_ }, rowsToArrays(M, Array.from({ length: M.rows }, (_, i) => i)), this.params.activation, k === 2 ? 'logistic' : 'softmax');
    return k === 2 ? P.map((p) => [1 - p[0], p[0]]) : P;
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
    const score = (P: number[][], rows: number[]) => r2Score(rows.map((i) => t[i]), P.map((p) => p[0]));
    const r = train(this.params, M, Array.from(t, (v) => [v]), 'identity', score, this.estimatorName);
    this.storeFitted(r, M.cols);
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return predictRaw({ coefs: this.coefs_, intercepts: this.intercepts_ }, rowsToArrays(M, Array.from({ length: M.rows }, (_, i) => i)), this.params.activation, 'identity').map((p) => p[0]);
  }

  score(X: MatrixLike, y: VectorLike): number {
    return r2Score(y, this.predict(X));
  }
}
