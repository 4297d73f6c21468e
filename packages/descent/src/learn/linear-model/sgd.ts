/**
 * `SGDClassifier` and `SGDRegressor`: linear models fitted by plain stochastic gradient
 * descent, one sample at a time (sklearn.linear_model.SGDClassifier / SGDRegressor). The
 * loss picks the model (hinge: a linear SVM; log_loss: logistic regression;
 * squared_error: least squares; ...); `partialFit` learns from data that arrives in
 * batches. Scale the features first: SGD is sensitive to it.
 */
import { Generator } from '../../random/index.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C, validateParams } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import { checkXLabels, checkXy, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { checkSampleWeight, classesFromScores, linearDecision, linearPredict } from './base.js';
import { sigmoid } from './logistic-loss.js';
import { plainSgd, sgdLoss, type ClassificationLoss, type LearningRate, type RegressionLoss } from './sgd-fast.js';

/** What every SGD model shares. */
export interface SGDBaseParams {
  /** 'l2' (default), 'l1', 'elasticnet' or null (none). */
  penalty: 'l2' | 'l1' | 'elasticnet' | null;
  /** Penalty strength; also sets the 'optimal' learning rate. Default 1e-4. */
  alpha: number;
  /** L1 share of the 'elasticnet' penalty. Default 0.15. */
  l1Ratio: number;
  fitIntercept: boolean;
  /** Maximum epochs. Default 1000. */
  maxIter: number;
  /** Stop when an epoch's summed loss fails to improve on the best by tol·n, nIterNoChange times in a row; null never stops early. Default 1e-3. */
  tol: number | null;
  /** Shuffle the samples every epoch. Default true. */
  shuffle: boolean;
  /** Seed for shuffling; null draws a fresh seed. */
  randomState: number | null;
  /** 'optimal' η = 1/(α(t₀ + t)), 'constant' η = eta0, 'invscaling' η = eta0/t^powerT, 'adaptive' (eta0, divided by 5 when progress stalls). */
  learningRate: LearningRate;
  eta0: number;
  powerT: number;
  /** Epochs without improvement before stopping. Default 5. */
  nIterNoChange: number;
  warmStart: boolean;
  /** Width of the 'huber', 'epsilon_insensitive' and 'modified_huber'-free zone losses. Default 0.1. */
  epsilon: number;
}

export interface SGDClassifierParams extends SGDBaseParams {
  loss: ClassificationLoss;
  classWeight: null | 'balanced' | Record<string, number>;
}

export interface SGDRegressorParams extends SGDBaseParams {
  loss: RegressionLoss;
}

const isWeightMap = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x));

export const BASE_CONSTRAINTS = {
  penalty: [C.options('l2', 'l1', 'elasticnet'), C.null],
  alpha: [C.number({ min: 0 })],
  l1Ratio: [C.number({ min: 0, max: 1 })],
  fitIntercept: [C.boolean],
  maxIter: [C.integer({ min: 1 })],
  tol: [C.number(), C.null],
  shuffle: [C.boolean],
  randomState: [C.integer(), C.null],
  learningRate: [C.options('optimal', 'constant', 'invscaling', 'adaptive')],
  eta0: [C.number({ min: 0 })],
  powerT: [C.number()],
  nIterNoChange: [C.integer({ min: 1 })],
  warmStart: [C.boolean],
  epsilon: [C.number({ min: 0 })],
  classWeight: [C.null, C.options('balanced'), C.custom('an object mapping each class label to a weight >= 0', isWeightMap)],
};

function checkSchedule(name: string, p: SGDBaseParams): void {
  if (p.learningRate !== 'optimal' && p.eta0 <= 0) {
    throw new Error(`${name}: learningRate '${p.learningRate}' needs eta0 > 0 (the initial step size); got ${p.eta0}.`);
  }
  if (p.learningRate === 'optimal' && p.alpha === 0) {
    throw new Error(`${name}: alpha must be > 0 with learningRate 'optimal' (the step size is 1/(alpha·t)). Use another learningRate with alpha = 0.`);
  }
}

function seedOf(randomState: number | null): number {
  return randomState ?? Math.floor(Math.random() * 2 ** 32);
}

/** SGD classifiers: one binary problem (y ∈ {−1, +1}) per class, one-vs-rest, or one for two classes. */
export abstract class BaseSGDClassifier<P extends Omit<SGDClassifierParams, 'loss' | 'learningRate' | 'powerT' | 'epsilon'>> extends Classifier<P> {
  /** (1, d) for two classes, else (nClasses, d). */
  declare coef_: number[][];
  declare intercept_: number[];
  /** Epochs run (the most over the one-vs-rest problems). */
  declare nIter_: number;
  /** The step counter after training: 1 + samples seen. */
  declare t_: number;

  /** The full SGD settings, from this estimator's params. */
  protected abstract settings(): SGDClassifierParams;

  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    const previous = this.params.warmStart && this.isFitted() ? { coef: this.coef_, intercept: this.intercept_ } : null;
    this.beginFit();
    checkSchedule(this.estimatorName, this.settings());
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const classes = uniqueLabels(labels);
    if (classes.length < 2) throw new Error(`${this.estimatorName} needs at least 2 classes; got one: ${JSON.stringify(classes[0])}.`);
    const rows = classes.length === 2 ? 1 : classes.length;
    const reuse = previous && previous.coef.length === rows && previous.coef[0].length === M.cols;
    this.classes_ = classes;
    this.coef_ = reuse ? previous.coef.map((r) => [...r]) : Array.from({ length: rows }, () => new Array<number>(M.cols).fill(0));
    this.intercept_ = reuse ? [...previous.intercept] : new Array<number>(rows).fill(0);
    this.t_ = 1;
    this.nFeaturesIn_ = M.cols;
    this.run(M, labels, checkSampleWeight(sampleWeight, M.rows, this.estimatorName), this.params.maxIter);
    return this;
  }

  /**
   * One epoch over a batch, continuing from the current fit (and its learning-rate
   * schedule). The first call must list every class the model will see.
   *
   * ```ts
   * const clf = new SGDClassifier({ randomState: 0 });
   * for (const batch of batches) clf.partialFit(batch.X, batch.y, ['cat', 'dog']);
   * ```
   */
  partialFit(X: MatrixLike, y: LabelsLike, classes?: readonly Label[], sampleWeight?: ArrayLike<number>): this {
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    if (!this.isFitted()) {
      if (!classes) throw new Error(`${this.estimatorName}.partialFit: pass \`classes\` (every label the model will see) on the first call.`);
      this.beginFit();
      checkSchedule(this.estimatorName, this.settings());
      if (this.params.classWeight === 'balanced') throw new Error(`${this.estimatorName}.partialFit: classWeight 'balanced' needs all the data at once; pass a map of weights instead.`);
      const all = uniqueLabels([...classes]);
      if (all.length < 2) throw new Error(`${this.estimatorName}.partialFit: \`classes\` must hold at least 2 labels.`);
      const rows = all.length === 2 ? 1 : all.length;
      this.classes_ = all;
      this.coef_ = Array.from({ length: rows }, () => new Array<number>(M.cols).fill(0));
      this.intercept_ = new Array<number>(rows).fill(0);
      this.t_ = 1;
      this.nFeaturesIn_ = M.cols;
    } else {
      validateParams(this.estimatorName, this.params, this.spec.constraints);
      this.checkNFeatures(M);
    }
    const unknown = labels.find((l) => !this.classes_.includes(l));
    if (unknown !== undefined) throw new Error(`${this.estimatorName}.partialFit: label ${JSON.stringify(unknown)} is not one of the classes [${this.classes_.join(', ')}] given on the first call.`);
    this.run(M, labels, checkSampleWeight(sampleWeight, M.rows, this.estimatorName), 1);
    return this;
  }

  /** Runs SGD on every binary problem from the current coef_/intercept_. */
  private run(M: Matrix, labels: Label[], sw: Float64Array | undefined, maxIter: number): void {
    const s = this.settings();
    const classes = this.classes_;
    const K = classes.length;
    const n = M.rows;
    const weights = sw ?? new Float64Array(n).fill(1);
    const idx = labels.map((l) => classes.indexOf(l));
    let cw = classes.map(() => 1);
    if (s.classWeight === 'balanced') {
      const counts = classes.map((_, k) => idx.filter((i) => i === k).length);
      cw = counts.map((c) => (c > 0 ? n / (K * c) : 1));
    } else if (s.classWeight) {
      for (const key of Object.keys(s.classWeight)) {
        if (!classes.some((c) => String(c) === key)) throw new Error(`${this.estimatorName}: classWeight names the class ${JSON.stringify(key)}, which is not in the training labels.`);
      }
      cw = classes.map((c) => (s.classWeight as Record<string, number>)[String(c)] ?? 1);
    }
    const seeds = new Generator(seedOf(s.randomState));
    const loss = sgdLoss(s.loss, s.epsilon);
    let nIter = 0;
    const positives = K === 2 ? [1] : classes.map((_, k) => k);
    positives.forEach((pos, row) => {
      const yBin = Float64Array.from(idx, (k) => (k === pos ? 1 : -1));
      const w = Float64Array.from(this.coef_[row]);
      const res = plainSgd(M.data, yBin, weights, w, this.intercept_[row], {
        loss, penalty: s.penalty, alpha: s.alpha, l1Ratio: s.l1Ratio, maxIter, tol: s.tol, nIterNoChange: s.nIterNoChange,
        fitIntercept: s.fitIntercept, shuffle: s.shuffle, rng: new Generator(seeds.integers(0, 2 ** 31 - 1)),
        posWeight: cw[pos], negWeight: K === 2 ? cw[0] : 1,
        learningRate: s.learningRate, eta0: s.eta0, powerT: s.powerT, t0: this.t_,
      });
      this.coef_[row] = Array.from(w);
      this.intercept_[row] = res.intercept;
      nIter = Math.max(nIter, res.nIter);
    });
    this.nIter_ = nIter;
    this.t_ += nIter * n;
  }

  /** Signed distances to the hyperplanes: one per sample for two classes, else one per class. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    return linearDecision(this.checkPredictInput(X), this.coef_, this.intercept_);
  }

  predict(X: MatrixLike): Label[] {
    return classesFromScores(this.decisionFunction(X), this.classes_);
  }
}

/**
 * A linear classifier trained by SGD on the chosen loss: 'hinge' (default, a linear SVM),
 * 'log_loss' (logistic regression, with `predictProba`), 'modified_huber' (smooth hinge,
 * with `predictProba`), 'squared_hinge' or 'perceptron'.
 *
 * ```ts
 * const clf = new SGDClassifier({ loss: 'log_loss', randomState: 0 }).fit([[0, 0], [1, 1], [2, 2], [3, 3]], ['a', 'a', 'b', 'b']);
 * clf.predict([[0.2, 0.1], [2.8, 3]]); // ['a', 'b']
 * ```
 */
export class SGDClassifier extends BaseSGDClassifier<SGDClassifierParams> {
  static override readonly spec: EstimatorSpec<SGDClassifierParams> = {
    name: 'SGDClassifier',
    defaults: {
      loss: 'hinge', penalty: 'l2', alpha: 1e-4, l1Ratio: 0.15, fitIntercept: true, maxIter: 1000, tol: 1e-3, shuffle: true,
      randomState: null, learningRate: 'optimal', eta0: 0, powerT: 0.5, nIterNoChange: 5, warmStart: false, epsilon: 0.1, classWeight: null,
    },
    constraints: { ...BASE_CONSTRAINTS, loss: [C.options('hinge', 'log_loss', 'modified_huber', 'squared_hinge', 'perceptron')] },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  protected settings(): SGDClassifierParams {
    return this.params;
  }

  /** Probabilities exist for the 'log_loss' and 'modified_huber' losses only. */
  override supports(method: string): boolean {
    if (method === 'predictProba' || method === 'predictLogProba') return this.params.loss === 'log_loss' || this.params.loss === 'modified_huber';
    return super.supports(method);
  }

  /** Class probabilities ('log_loss': sigmoids, normalised one-vs-rest; 'modified_huber': (clip(score, −1, 1) + 1)/2, normalised). */
  predictProba(X: MatrixLike): number[][] {
    this.checkIsFitted();
    const { loss } = this.params;
    if (loss !== 'log_loss' && loss !== 'modified_huber') {
      throw new Error(`SGDClassifier: probability estimates are only available for loss 'log_loss' and 'modified_huber'; got '${loss}'.`);
    }
    const link = loss === 'log_loss' ? sigmoid : (s: number) => (Math.min(Math.max(s, -1), 1) + 1) / 2;
    return this.decisionFunction(X).map((s) => {
      if (typeof s === 'number') { const p = link(s); return [1 - p, p]; }
      const p = s.map(link);
      const sum = p.reduce((a, b) => a + b, 0);
      // modified_huber can put 0 on every class: then all classes are equally likely.
      return sum === 0 ? p.map(() => 1 / p.length) : p.map((v) => v / sum);
    });
  }

  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }
}

/**
 * A linear regressor trained by SGD on 'squared_error' (default), 'huber',
 * 'epsilon_insensitive' (linear SVR) or 'squared_epsilon_insensitive'.
 *
 * ```ts
 * const reg = new SGDRegressor({ randomState: 0 }).fit([[0], [1], [2], [3]], [1, 3, 5, 7]);
 * reg.predict([[4]]); // ≈ [9]
 * ```
 */
export class SGDRegressor extends Regressor<SGDRegressorParams> {
  static override readonly spec: EstimatorSpec<SGDRegressorParams> = {
    name: 'SGDRegressor',
    defaults: {
      loss: 'squared_error', penalty: 'l2', alpha: 1e-4, l1Ratio: 0.15, fitIntercept: true, maxIter: 1000, tol: 1e-3, shuffle: true,
      randomState: null, learningRate: 'invscaling', eta0: 0.01, powerT: 0.25, nIterNoChange: 5, warmStart: false, epsilon: 0.1,
    },
    constraints: (({ classWeight: _cw, ...rest }) => ({ ...rest, loss: [C.options('squared_error', 'huber', 'epsilon_insensitive', 'squared_epsilon_insensitive')] }))(BASE_CONSTRAINTS),
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare coef_: number[];
  declare intercept_: number;
  declare nIter_: number;
  declare t_: number;

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    const previous = this.params.warmStart && this.isFitted() ? { coef: this.coef_, intercept: this.intercept_ } : null;
    this.beginFit();
    checkSchedule(this.estimatorName, this.params);
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const reuse = previous && previous.coef.length === M.cols;
    this.coef_ = reuse ? [...previous.coef] : new Array<number>(M.cols).fill(0);
    this.intercept_ = reuse ? previous.intercept : 0;
    this.t_ = 1;
    this.nFeaturesIn_ = M.cols;
    this.run(M, t, checkSampleWeight(sampleWeight, M.rows, this.estimatorName), this.params.maxIter);
    return this;
  }

  /** One epoch over a batch, continuing from the current fit and its learning-rate schedule. */
  partialFit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    if (!this.isFitted()) {
      this.beginFit();
      checkSchedule(this.estimatorName, this.params);
      this.coef_ = new Array<number>(M.cols).fill(0);
      this.intercept_ = 0;
      this.t_ = 1;
      this.nFeaturesIn_ = M.cols;
    } else {
      validateParams(this.estimatorName, this.params, this.spec.constraints);
      this.checkNFeatures(M);
    }
    this.run(M, t, checkSampleWeight(sampleWeight, M.rows, this.estimatorName), 1);
    return this;
  }

  private run(M: Matrix, y: Float64Array, sw: Float64Array | undefined, maxIter: number): void {
    const p = this.params;
    const w = Float64Array.from(this.coef_);
    const res = plainSgd(M.data, y, sw ?? new Float64Array(M.rows).fill(1), w, this.intercept_, {
      loss: sgdLoss(p.loss, p.epsilon), penalty: p.penalty, alpha: p.alpha, l1Ratio: p.l1Ratio, maxIter, tol: p.tol,
      nIterNoChange: p.nIterNoChange, fitIntercept: p.fitIntercept, shuffle: p.shuffle,
      rng: new Generator(new Generator(seedOf(p.randomState)).integers(0, 2 ** 31 - 1)),
      posWeight: 1, negWeight: 1, learningRate: p.learningRate, eta0: p.eta0, powerT: p.powerT, t0: this.t_,
    });
    this.coef_ = Array.from(w);
    this.intercept_ = res.intercept;
    this.nIter_ = res.nIter;
    this.t_ += res.nIter * M.rows;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return linearPredict(M, this.coef_, this.intercept_);
  }
}
