/**
 * Histogram-based gradient boosting (scikit-learn's `HistGradientBoostingClassifier` and
 * `HistGradientBoostingRegressor`; the ideas of LightGBM and XGBoost): features binned once
 * into at most 255 bins, second-order (Newton) split gains and leaf values with L2
 * regularization, leaf-wise growth up to `maxLeafNodes`, NaN sent to the side that helps,
 * and early stopping on a held-out validation loss. See `hist-grower.ts` for the tree.
 *
 * Each iteration computes, per sample, g = ∂L/∂F and h = ∂²L/∂F² at the current raw
 * prediction F and grows one tree per output on them.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import { checkArray, checkSampleWeight, checkXLabels, checkXy, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { argmax } from '../tree/decision-tree.js';
import { seedOf } from '../tree/params.js';
import { percentile, weightedPercentile } from './gb-losses.js';
import { validationSplit } from './gradient-boosting.js';
import { knownCategories, resolveCategorical } from './hist-categorical.js';
import { binData, binThresholds, growHistTree, predictHistTree, type Binned, type HistTree } from './hist-grower.js';

type HGBLoss = 'squared_error' | 'absolute_error' | 'poisson' | 'quantile' | 'log_loss';

interface HGBBaseParams {
  learningRate: number;
  /** Boosting iterations (trees per output). */
  maxIter: number;
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  /** λ in −G/(H + λ). */
  l2Regularization: number;
  /** Bins per feature for non-missing values, at most 255. */
  maxBins: number;
  /** 'auto': on when there are more than 10,000 samples. */
  earlyStopping: 'auto' | boolean;
  /** Held-out fraction for early stopping; null uses the training loss. */
  validationFraction: number | null;
  nIterNoChange: number;
  tol: number;
  randomState: number | null;
  /**
   * Features to split natively as categories: a boolean mask or a list of indices (null:
   * none). Their values must be integers in [0, maxBins) (encode them with OrdinalEncoder).
   */
  categoricalFeatures: null | boolean[] | number[];
}
export interface HistGradientBoostingRegressorParams extends HGBBaseParams {
  loss: 'squared_error' | 'absolute_error' | 'poisson' | 'quantile';
  /** The quantile for loss 'quantile'. */
  quantile: number | null;
}
export interface HistGradientBoostingClassifierParams extends HGBBaseParams {
  loss: 'log_loss';
}

const DEFAULTS = {
  learningRate: 0.1, maxIter: 100, maxLeafNodes: 31, maxDepth: null, minSamplesLeaf: 20, l2Regularization: 0, maxBins: 255,
  earlyStopping: 'auto', validationFraction: 0.1, nIterNoChange: 10, tol: 1e-7, randomState: null, categoricalFeatures: null,
} as const;
const CONSTRAINTS = {
  learningRate: [C.number({ min: 0, minExclusive: true })],
  maxIter: [C.integer({ min: 1 })],
  maxLeafNodes: [C.integer({ min: 2 }), C.null],
  maxDepth: [C.integer({ min: 1 }), C.null],
  minSamplesLeaf: [C.integer({ min: 1 })],
  l2Regularization: [C.number({ min: 0 })],
  maxBins: [C.integer({ min: 2, max: 255 })],
  earlyStopping: [C.options('auto'), C.boolean],
  validationFraction: [C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: true }), C.null],
  nIterNoChange: [C.integer({ min: 1 })],
  tol: [C.number({ min: 0 })],
  randomState: [C.integer(), C.null],
  categoricalFeatures: [C.null, C.custom('a boolean mask or an array of feature indices', (v) => Array.isArray(v) && (v.every((x) => typeof x === 'boolean') || v.every((x) => Number.isInteger(x))))],
};

/** Gradients, hessians, the starting constant and the loss value of each loss. */
class HistLoss {
  /** `weighted`: sample weights were given (else medians and quantiles interpolate, as NumPy's). */
  constructor(readonly name: HGBLoss, readonly K: number, readonly quantile = 0.5, readonly weighted = false) {}

  /** The (weighted) q-quantile: scikit-learn's `fit_intercept_only` for absolute error and pinball loss. */
  quantileOf(values: ArrayLike<number>, w: ArrayLike<number>, q: number): number {
    return this.weighted ? weightedPercentile(values, w, 100 * q) : percentile(values, 100 * q);
  }

  baseline(y: Float64Array, w: Float64Array): Float64Array {
    const W = w.reduce((a, b) => a + b, 0);
    const mean = y.reduce((s, v, i) => s + w[i] * v, 0) / W;
    const eps = 2.220446049250313e-16;
    switch (this.name) {
      case 'squared_error': return Float64Array.of(mean);
      case 'absolute_error': return Float64Array.of(this.quantileOf(y, w, 0.5));
      case 'quantile': return Float64Array.of(this.quantileOf(y, w, this.quantile));
      case 'poisson': return Float64Array.of(Math.log(Math.max(mean, eps)));
      case 'log_loss': {
        if (this.K === 1) {
          const p = Math.min(Math.max(mean, eps), 1 - eps);
          return Float64Array.of(Math.log(p / (1 - p)));
        }
        const prior = new Float64Array(this.K);
        y.forEach((c, i) => (prior[c] += w[i] / W));
        const logs = prior.map((p) => Math.log(Math.min(Math.max(p, eps), 1 - eps)));
        const m = logs.reduce((a, b) => a + b, 0) / this.K;
        return logs.map((v) => v - m);
      }
    }
  }

  /**
   * Fills g, h (k-th output at [k·n, (k+1)·n)) from raw predictions, rounded to float32 as
   * scikit-learn stores them: the rounding decides near-ties between splits, so keeping it
   * makes the trees identical to scikit-learn's.
   */
  gradients(y: Float64Array, w: Float64Array, raw: Float64Array, g: Float64Array, h: Float64Array): void {
    const K = this.K;
    const n = y.length;
    const e = new Float64Array(K); // exp(raw − max) of one sample's classes
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (this.name === 'log_loss' && K > 1) {
        let m = -Infinity;
        for (let k = 0; k < K; k++) m = Math.max(m, raw[i * K + k]);
        let s = 0;
        for (let k = 0; k < K; k++) s += (e[k] = Math.exp(raw[i * K + k] - m));
        for (let k = 0; k < K; k++) {
          const p = e[k] / s;
          g[k * n + i] = Math.fround(wi * (p - (y[i] === k ? 1 : 0)));
          h[k * n + i] = Math.fround(wi * p * (1 - p));
        }
        continue;
      }
      const f = raw[i];
      switch (this.name) {
        case 'squared_error': g[i] = wi * (f - y[i]); h[i] = wi; break;
        case 'absolute_error': g[i] = wi * (f > y[i] ? 1 : -1); h[i] = wi; break;
        case 'quantile': g[i] = wi * (y[i] > f ? -this.quantile : 1 - this.quantile); h[i] = wi; break;
        case 'poisson': g[i] = wi * (Math.exp(f) - y[i]); h[i] = wi * Math.exp(f); break;
        case 'log_loss': {
          const p = 1 / (1 + Math.exp(-f));
          g[i] = wi * (p - y[i]);
          h[i] = wi * p * (1 - p);
        }
      }
      g[i] = Math.fround(g[i]);
      h[i] = Math.fround(h[i]);
    }
  }

  /** Mean loss (up to a constant). */
  value(y: Float64Array, w: Float64Array, raw: Float64Array): number {
    const K = this.K;
    let s = 0;
    let W = 0;
    for (let i = 0; i < y.length; i++) {
      W += w[i];
      const f = raw[i * K];
      let l: number;
      switch (this.name) {
        case 'squared_error': l = 0.5 * (y[i] - f) ** 2; break;
        case 'absolute_error': l = Math.abs(y[i] - f); break;
        case 'quantile': l = y[i] > f ? this.quantile * (y[i] - f) : (1 - this.quantile) * (f - y[i]); break;
        case 'poisson': l = Math.exp(f) - y[i] * f; break;
        default: {
          if (K === 1) {
            l = (f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f))) - y[i] * f;
          } else {
            let m = -Infinity;
            for (let k = 0; k < K; k++) m = Math.max(m, raw[i * K + k]);
            let e = 0;
            for (let k = 0; k < K; k++) e += Math.exp(raw[i * K + k] - m);
            l = m + Math.log(e) - raw[i * K + y[i]];
          }
        }
      }
      s += w[i] * l;
    }
    return s / W;
  }

  /** Absolute error and quantile refit each leaf to a (weighted) quantile of y − F. */
  get refitsLeaves(): boolean {
    return this.name === 'absolute_error' || this.name === 'quantile';
  }
}

interface Fitted { baseline: Float64Array; predictors: HistTree[][]; thresholds: Float64Array[]; trainScore: number[]; validationScore: number[] }

function take(M: Matrix, rows: readonly number[]): Matrix {
  const data = new Float64Array(rows.length * M.cols);
  rows.forEach((i, r) => data.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), r * M.cols));
  return { data, rows: rows.length, cols: M.cols };
}

/** scikit-learn's `_should_stop`: no score among the last k beats the one k + 1 back by `tol`. */
function shouldStop(scores: number[], k: number, tol: number): boolean {
  if (scores.length < k + 1) return false;
  const ref = scores[scores.length - k - 1] + tol;
  return !scores.slice(-k).some((s) => s > ref);
}

function fitHist(p: HGBBaseParams, loss: HistLoss, Mall: Matrix, yAll: Float64Array, wAll: Float64Array, stratify: boolean, caller: string): Fitted {
  // Categories are read from all the training data, before any validation split (as scikit-learn).
  const isCategorical = resolveCategorical(p.categoricalFeatures, Mall.cols, caller);
  const categories = isCategorical.map((c, f) => (c ? knownCategories(Mall, f, p.maxBins, caller) : null));
  const rng = new Generator(seedOf(p.randomState));
  const early = p.earlyStopping === 'auto' ? Mall.rows > 10000 : p.earlyStopping;
  let M = Mall;
  let y = yAll;
  let w = wAll;
  let val: { M: Matrix; y: Float64Array; w: Float64Array } | null = null;
  if (early && p.validationFraction !== null) {
    const split = validationSplit(Mall.rows, p.validationFraction, rng, stratify ? yAll : null);
    M = take(Mall, split.train);
    y = Float64Array.from(split.train, (i) => yAll[i]);
    w = Float64Array.from(split.train, (i) => wAll[i]);
    val = { M: take(Mall, split.val), y: Float64Array.from(split.val, (i) => yAll[i]), w: Float64Array.from(split.val, (i) => wAll[i]) };
  }
  const { rows: n, cols: d } = M;
  const thresholds: Float64Array[] = [];
  const hasMissing: boolean[] = [];
  const col = new Float64Array(n);
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < n; i++) col[i] = M.data[i * d + f];
    thresholds.push(categories[f] ?? binThresholds(col, p.maxBins));
    hasMissing.push(col.some(Number.isNaN));
  }
  const B: Binned = { bins: binData(M.data, n, d, thresholds), n, d, thresholds, hasMissing, isCategorical };
  const K = loss.K;
  const baseline = loss.baseline(y, w);
  const raw = new Float64Array(n * K);
  for (let i = 0; i < n; i++) raw.set(baseline, i * K);
  const valRaw = val ? new Float64Array(val.M.rows * K) : null;
  if (val && valRaw) for (let i = 0; i < val.M.rows; i++) valRaw.set(baseline, i * K);
  const g = new Float64Array(n * K);
  const h = new Float64Array(n * K);
  const predictors: HistTree[][] = [];
  const trainScore: number[] = [];
  const validationScore: number[] = [];
  const record = () => {
    if (!early) return false;
    trainScore.push(-loss.value(y, w, raw));
    if (val && valRaw) {
      validationScore.push(-loss.value(val.y, val.w, valRaw));
      return shouldStop(validationScore, p.nIterNoChange, p.tol);
    }
    return shouldStop(trainScore, p.nIterNoChange, p.tol);
  };
  record();
  const rows = new Int32Array(n);
  for (let it = 0; it < p.maxIter; it++) {
    loss.gradients(y, w, raw, g, h);
    const stage: HistTree[] = [];
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) rows[i] = i;
      const { tree, leafRows } = growHistTree(B, g.subarray(k * n, (k + 1) * n), h.subarray(k * n, (k + 1) * n), rows, {
        maxLeafNodes: p.maxLeafNodes, maxDepth: p.maxDepth, minSamplesLeaf: p.minSamplesLeaf, l2Regularization: p.l2Regularization,
        learningRate: p.learningRate, minHessianToSplit: 1e-3,
      });
      if (loss.refitsLeaves) {
        const q = loss.name === 'quantile' ? loss.quantile : 0.5;
        for (const [leaf, idx] of leafRows) {
          const diff = Array.from(idx, (i) => y[i] - raw[i]);
          tree.value[leaf] = p.learningRate * loss.quantileOf(diff, Array.from(idx, (i) => w[i]), q) + 0;
        }
      }
      // The training rows' predictions from the leaves that hold them (the tree partitioned
      // them by their bins, which agree with its thresholds): the same additions as walking
      // the tree for each row, without the walk.
      for (const [leaf, idx] of leafRows) {
        const v = tree.value[leaf];
        for (let j = 0; j < idx.length; j++) raw[idx[j] * K + k] += v;
      }
      if (val && valRaw) predictHistTree(tree, val.M.data, val.M.rows, d, valRaw, K, k);
      stage.push(tree);
    }
    predictors.push(stage);
    if (record()) break;
  }
  return { baseline, predictors, thresholds, trainScore, validationScore };
}

function rawOf(baseline: ArrayLike<number>, predictors: HistTree[][], M: Matrix): Float64Array {
  const K = baseline.length;
  const raw = new Float64Array(M.rows * K);
  for (let i = 0; i < M.rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = baseline[k];
  for (const stage of predictors) stage.forEach((t, k) => predictHistTree(t, M.data, M.rows, M.cols, raw, K, k));
  return raw;
}

const readX = (X: MatrixLike, caller: string) => checkArray(X, { caller, allowNaN: true });

/** The fitted attributes the regressor and the classifier share. */
interface HistFittedAttrs {
  nFeaturesIn_: number;
  baselinePrediction_: number[];
  predictors_: HistTree[][];
  binThresholds_: Float64Array[];
  nIter_: number;
  trainScore_: number[];
  validationScore_: number[];
}

function storeFitted(est: HistFittedAttrs, r: Fitted, nFeatures: number): void {
  est.nFeaturesIn_ = nFeatures;
  est.baselinePrediction_ = Array.from(r.baseline);
  est.predictors_ = r.predictors;
  est.binThresholds_ = r.thresholds;
  est.nIter_ = r.predictors.length;
  est.trainScore_ = r.trainScore;
  est.validationScore_ = r.validationScore;
}

/**
 * Histogram gradient boosting for regression: squared error, absolute error, Poisson
 * (log link) or the pinball loss of `quantile`. NaN in X is allowed.
 *
 * ```ts
 * const { data: X, target: y } = loadDiabetes();
 * const hgb = new HistGradientBoostingRegressor({ maxIter: 200, learningRate: 0.05, randomState: 0 }).fit(X, y);
 * hgb.nIter_;   // iterations run (fewer with early stopping)
 * ```
 */
export class HistGradientBoostingRegressor extends Regressor<HistGradientBoostingRegressorParams> {
  static override readonly spec: EstimatorSpec<HistGradientBoostingRegressorParams> = {
    name: 'HistGradientBoostingRegressor',
    defaults: { ...DEFAULTS, loss: 'squared_error', quantile: null },
    constraints: {
      ...CONSTRAINTS,
      loss: [C.options('squared_error', 'absolute_error', 'poisson', 'quantile')],
      quantile: [C.number({ min: 0, max: 1 }), C.null],
    },
    tags: { estimatorType: 'regressor', requiresY: true, allowNaN: true },
  };
  declare baselinePrediction_: number[];
  /** The trees, one per iteration. */
  declare predictors_: HistTree[][];
  /** Bin edges per feature. */
  declare binThresholds_: Float64Array[];
  declare nIter_: number;
  /** −loss after each iteration (recorded with early stopping). */
  declare trainScore_: number[];
  declare validationScore_: number[];

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: v } = checkXy(X, y, { caller: this.estimatorName, allowNaN: true });
    const { loss: name, quantile } = this.params;
    if (name === 'quantile' && quantile === null) throw new Error(`${this.estimatorName}: loss 'quantile' needs the \`quantile\` parameter (a number in [0, 1]).`);
    if (name === 'poisson' && (v.some((t) => t < 0) || v.every((t) => t === 0))) throw new Error(`${this.estimatorName}: loss 'poisson' needs y >= 0 with some y > 0.`);
    const w = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? new Float64Array(M.rows).fill(1);
    const r = fitHist(this.params, new HistLoss(name, 1, quantile ?? 0.5, sampleWeight !== undefined), M, v, w, false, this.estimatorName);
    storeFitted(this, r, M.cols);
    return this;
  }

  predict(X: MatrixLike): number[] {
    this.checkIsFitted();
    const M = readX(X, this.estimatorName);
    this.checkNFeatures(M);
    const raw = rawOf(this.baselinePrediction_, this.predictors_, M);
    return Array.from(raw, (f) => (this.params.loss === 'poisson' ? Math.exp(f) : f));
  }
}

/**
 * Histogram gradient boosting for classification with the log-loss (one tree per class
 * per iteration for more than two classes). NaN in X is allowed.
 *
 * ```ts
 * const { data: X, target: y } = loadDigits();
 * const hgb = new HistGradientBoostingClassifier({ randomState: 0 }).fit(X, y);
 * hgb.predictProba([X[0]]);
 * ```
 */
export class HistGradientBoostingClassifier extends Classifier<HistGradientBoostingClassifierParams> {
  static override readonly spec: EstimatorSpec<HistGradientBoostingClassifierParams> = {
    name: 'HistGradientBoostingClassifier',
    defaults: { ...DEFAULTS, loss: 'log_loss' },
    constraints: { ...CONSTRAINTS, loss: [C.options('log_loss')] },
    tags: { estimatorType: 'classifier', requiresY: true, allowNaN: true },
  };
  declare baselinePrediction_: number[];
  declare predictors_: HistTree[][];
  declare binThresholds_: Float64Array[];
  declare nIter_: number;
  declare trainScore_: number[];
  declare validationScore_: number[];

  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName, allowNaN: true });
    const classes = uniqueLabels(labels);
    if (classes.length < 2) throw new Error(`${this.estimatorName}: y has only one class (${String(classes[0])}); a classifier needs at least two.`);
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    const codes = Float64Array.from(labels, (l) => index.get(l)!);
    const w = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? new Float64Array(M.rows).fill(1);
    const K = classes.length > 2 ? classes.length : 1;
    const r = fitHist(this.params, new HistLoss('log_loss', K), M, codes, w, true, this.estimatorName);
    this.classes_ = classes;
    storeFitted(this, r, M.cols);
    return this;
  }

  /** Raw scores: log-odds of the second class (two classes) or one column per class. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    this.checkIsFitted();
    const M = readX(X, this.estimatorName);
    this.checkNFeatures(M);
    const raw = rawOf(this.baselinePrediction_, this.predictors_, M);
    const K = this.baselinePrediction_.length;
    if (K === 1) return Array.from(raw);
    return Array.from({ length: M.rows }, (_, i) => Array.from(raw.subarray(i * K, (i + 1) * K)));
  }

  predictProba(X: MatrixLike): number[][] {
    const F = this.decisionFunction(X);
    return F.map((f) => {
      if (typeof f === 'number') {
        const p = 1 / (1 + Math.exp(-f));
        return [1 - p, p];
      }
      const m = Math.max(...f);
      const e = f.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
  }

  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((r) => this.classes_[argmax(r)]);
  }
}
