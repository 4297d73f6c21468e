/**
 * Gradient boosting with regression trees (Friedman 2001; stochastic variant: Friedman,
 * "Stochastic gradient boosting", 2002), after scikit-learn's `GradientBoostingClassifier`
 * and `GradientBoostingRegressor`:
 *
 *   F₀ = argmin_c Σ L(yᵢ, c)
 *   for m = 1..M:  rᵢ = −∂L(yᵢ, F)/∂F at F_{m−1}(xᵢ)        (pseudo-residuals)
 *                  fit a depth-limited tree h_m to r          (friedman_mse splits)
 *                  each leaf j gets γ_j = argmin_γ Σ_{i∈j} L(yᵢ, F_{m−1}(xᵢ) + γ)
 *                  F_m = F_{m−1} + ν · h_m                    (ν = learningRate)
 *
 * With `subsample < 1` each stage sees a random fraction of the rows, and the rows left
 * out give `oobImprovement_`. With `nIterNoChange`, a `validationFraction` of the data is
 * held out and boosting stops once its loss has not improved by `tol` for that many stages.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import { checkSampleWeight, checkXLabels, checkXy, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { growTree } from '../tree/builder.js';
import { argmax, DecisionTreeRegressor } from '../tree/decision-tree.js';
import { columnMajor, growOptions, resolveMaxFeatures, seedOf, type MaxFeatures, type TreeParams } from '../tree/params.js';
import { pruneTree } from '../tree/pruning.js';
import { applyTree, TREE_LEAF, treeFeatureImportances, type TreeArrays } from '../tree/tree-arrays.js';
import { GBLoss, type GBClassificationLoss, type GBRegressionLoss } from './gb-losses.js';

interface GBBaseParams {
  learningRate: number;
  nEstimators: number;
  /** Fraction of rows each stage is fitted on (< 1: stochastic gradient boosting). */
  subsample: number;
  criterion: 'friedman_mse' | 'squared_error';
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minWeightFractionLeaf: number;
  maxDepth: number | null;
  minImpurityDecrease: number;
  /** null: start from the loss's best constant; 'zero': start from 0. */
  init: null | 'zero';
  randomState: number | null;
  maxFeatures: MaxFeatures;
  maxLeafNodes: number | null;
  validationFraction: number;
  /** Stop when the validation loss has not improved by `tol` for this many stages (null: never). */
  nIterNoChange: number | null;
  tol: number;
  ccpAlpha: number;
}

export interface GradientBoostingRegressorParams extends GBBaseParams {
  loss: GBRegressionLoss;
  /** The quantile for 'quantile', and the quantile of |residual| where 'huber' turns linear. */
  alpha: number;
}
export interface GradientBoostingClassifierParams extends GBBaseParams {
  loss: GBClassificationLoss;
}

const BASE_DEFAULTS = {
  learningRate: 0.1, nEstimators: 100, subsample: 1, criterion: 'friedman_mse', minSamplesSplit: 2, minSamplesLeaf: 1,
  minWeightFractionLeaf: 0, maxDepth: 3, minImpurityDecrease: 0, init: null, randomState: null, maxFeatures: null,
  maxLeafNodes: null, validationFraction: 0.1, nIterNoChange: null, tol: 1e-4, ccpAlpha: 0,
} as const;

const frac = (hi: boolean) => C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: !hi });
const BASE_CONSTRAINTS = {
  learningRate: [C.number({ min: 0 })],
  nEstimators: [C.integer({ min: 1 })],
  subsample: [frac(true)],
  criterion: [C.options('friedman_mse', 'squared_error')],
  minSamplesSplit: [C.integer({ min: 2 }), frac(true)],
  minSamplesLeaf: [C.integer({ min: 1 }), frac(false)],
  minWeightFractionLeaf: [C.number({ min: 0, max: 0.5 })],
  maxDepth: [C.integer({ min: 1 }), C.null],
  minImpurityDecrease: [C.number({ min: 0 })],
  init: [C.null, C.options('zero')],
  randomState: [C.integer(), C.null],
  maxFeatures: [C.integer({ min: 1 }), frac(true), C.options('sqrt', 'log2'), C.null],
  maxLeafNodes: [C.integer({ min: 2 }), C.null],
  validationFraction: [frac(false)],
  nIterNoChange: [C.integer({ min: 1 }), C.null],
  tol: [C.number({ min: 0 })],
  ccpAlpha: [C.number({ min: 0 })],
};

/** scikit-learn's `_random_sample_mask`: exactly nInBag of n rows, each subset equally likely. */
function randomSampleMask(n: number, nInBag: number, rng: Generator): Uint8Array {
  const mask = new Uint8Array(n);
  let taken = 0;
  for (let i = 0; i < n; i++) {
    if (rng.random() * (n - i) < nInBag - taken) {
      mask[i] = 1;
      taken++;
    }
  }
  return mask;
}

interface Boosted {
  init: Float64Array;
  stages: TreeArrays[][];
  trainScore: number[];
  oobImprovement: number[] | null;
}

/** Splits off a validation set: a seeded shuffle, stratified by class when `strata` is given. */
export function validationSplit(n: number, fraction: number, rng: Generator, strata: Float64Array | null): { train: number[]; val: number[] } {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = strata ? strata[i] : 0;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(i);
  }
  const val: number[] = [];
  for (const idx of groups.values()) {
    rng.shuffle(idx);
    val.push(...idx.slice(0, Math.round(fraction * idx.length)));
  }
  const isVal = new Uint8Array(n);
  for (const i of val) isVal[i] = 1;
  return { train: Array.from({ length: n }, (_, i) => i).filter((i) => !isVal[i]), val: val.sort((a, b) => a - b) };
}

function subset(M: Matrix, rows: readonly number[]): Matrix {
  const data = new Float64Array(rows.length * M.cols);
  rows.forEach((i, r) => data.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), r * M.cols));
  return { data, rows: rows.length, cols: M.cols };
}

/** The boosting loop shared by both estimators. `y` holds class codes for classification. */
function boost(p: GBBaseParams, loss: GBLoss, Mall: Matrix, yAll: Float64Array, swAll: Float64Array | null, nClasses: number, caller: string): Boosted {
  const rng = new Generator(seedOf(p.randomState));
  let M = Mall;
  let y = yAll;
  let sw = swAll;
  let val: { M: Matrix; y: Float64Array; w: Float64Array | null } | null = null;
  if (p.nIterNoChange !== null) {
    const split = validationSplit(Mall.rows, p.validationFraction, rng, nClasses > 0 ? yAll : null);
    M = subset(Mall, split.train);
    y = Float64Array.from(split.train, (i) => yAll[i]);
    sw = swAll && Float64Array.from(split.train, (i) => swAll[i]);
    val = { M: subset(Mall, split.val), y: Float64Array.from(split.val, (i) => yAll[i]), w: swAll && Float64Array.from(split.val, (i) => swAll[i]) };
  }
  const n = M.rows;
  const K = loss.K;
  const init = p.init === 'zero' ? new Float64Array(K) : loss.initRaw(y, sw, nClasses);
  const raw = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = init[k];
  const valRaw = val ? new Float64Array(val.M.rows * K) : null;
  if (val && valRaw) for (let i = 0; i < val.M.rows; i++) for (let k = 0; k < K; k++) valRaw[i * K + k] = init[k];
  const Xc = columnMajor(M.data, n, M.cols);
  const treeParams: TreeParams = { ...p, splitter: 'best' } as TreeParams;
  const ones = new Float64Array(n).fill(1);
  const baseW = sw ?? ones;
  const doOob = p.subsample < 1;
  const nInBag = Math.max(1, Math.floor(p.subsample * n));
  const stages: TreeArrays[][] = [];
  const trainScore: number[] = [];
  const oobImprovement: number[] | null = doOob ? [] : null;
  const history = new Array<number>(p.nIterNoChange ?? 0).fill(Infinity);
  const yk = new Float64Array(n);
  const all = Array.from({ length: n }, (_, i) => i);
  for (let m = 0; m < p.nEstimators; m++) {
    let w = baseW;
    let inBag = all;
    let outBag: number[] = [];
    let oldOob = 0;
    if (doOob) {
      const mk = randomSampleMask(n, nInBag, rng);
      w = baseW.map((v, i) => v * mk[i]);
      inBag = all.filter((i) => mk[i]);
      outBag = all.filter((i) => !mk[i]);
      oldOob = loss.value(y, raw, sw, outBag);
    }
    const rawCopy = raw.slice();
    const stage: TreeArrays[] = [];
    for (let k = 0; k < K; k++) {
      const target = loss.name === 'multinomial' ? yk.map((_, i) => (y[i] === k ? 1 : 0)) : y;
      const residual = loss.negativeGradient(target, rawCopy, k, sw);
      let tree = growTree(growOptions(treeParams, { Xc, n, d: M.cols, y: residual, sampleWeight: sw || doOob ? w : null, nClasses: 0, caller, rng }));
      if (p.ccpAlpha > 0) tree = pruneTree(tree, p.ccpAlpha);
      const leaves = applyTree(tree, M.data, n, M.cols);
      if (loss.name !== 'squared_error') {
        const byLeaf = new Map<number, number[]>();
        for (const i of inBag) {
          const l = leaves[i];
          if (!byLeaf.has(l)) byLeaf.set(l, []);
          byLeaf.get(l)!.push(i);
        }
        for (let t = 0; t < tree.nodeCount; t++) {
          if (tree.childrenLeft[t] !== TREE_LEAF) continue;
          const idx = byLeaf.get(t);
          if (idx) tree.value[t] = loss.leafValue(idx, target, residual, raw, k, w);
        }
      }
      for (let i = 0; i < n; i++) raw[i * K + k] += p.learningRate * tree.value[leaves[i]];
      if (val && valRaw) {
        const vl = applyTree(tree, val.M.data, val.M.rows, val.M.cols);
        for (let i = 0; i < val.M.rows; i++) valRaw[i * K + k] += p.learningRate * tree.value[vl[i]];
      }
      stage.push(tree);
    }
    stages.push(stage);
    if (doOob) {
      trainScore.push(loss.value(y, raw, sw, inBag));
      oobImprovement!.push(oldOob - loss.value(y, raw, sw, outBag));
    } else {
      trainScore.push(loss.value(y, raw, sw, null));
    }
    if (val && valRaw) {
      const vLoss = loss.value(val.y, valRaw, val.w, null);
      if (history.some((h) => vLoss + p.tol < h)) history[m % history.length] = vLoss;
      else break;
    }
  }
  return { init, stages, trainScore, oobImprovement };
}

/** Raw predictions F(x): (n, K) row-major. */
function rawPredict(init: ArrayLike<number>, stages: DecisionTreeRegressor[][], lr: number, M: Matrix, upTo = stages.length): Float64Array {
  const K = init.length;
  const raw = new Float64Array(M.rows * K);
  for (let i = 0; i < M.rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = init[k];
  for (let m = 0; m < upTo; m++) {
    stages[m].forEach((est, k) => {
      const t = est.tree_;
      const leaves = applyTree(t, M.data, M.rows, M.cols);
      for (let i = 0; i < M.rows; i++) raw[i * K + k] += lr * t.value[leaves[i]];
    });
  }
  return raw;
}

/** Mean over all trees with a split of their unnormalized importances, normalized to sum 1. */
function boostedImportances(stages: TreeArrays[][], d: number): Float64Array {
  const trees = stages.flat().filter((t) => t.nodeCount > 1);
  const out = new Float64Array(d);
  for (const t of trees) {
    const imp = treeFeatureImportances(t, d, false);
    for (let j = 0; j < d; j++) out[j] += imp[j] / trees.length;
  }
  const s = out.reduce((a, b) => a + b, 0);
  return s > 0 ? out.map((v) => v / s) : out;
}

function wrapTrees(p: GBBaseParams, stages: TreeArrays[][], d: number, caller: string): DecisionTreeRegressor[][] {
  const { criterion, maxDepth, minSamplesSplit, minSamplesLeaf, minWeightFractionLeaf, maxFeatures, maxLeafNodes, minImpurityDecrease, ccpAlpha } = p;
  return stages.map((stage) => stage.map((tree) => new DecisionTreeRegressor({
    criterion, maxDepth, minSamplesSplit, minSamplesLeaf, minWeightFractionLeaf, maxFeatures, maxLeafNodes, minImpurityDecrease, ccpAlpha,
  }).restoreFitted({ tree_: tree, nFeaturesIn_: d, maxFeatures_: resolveMaxFeatures(maxFeatures, d, caller), featureImportances_: treeFeatureImportances(tree, d) })));
}

/** The fitted attributes the regressor and the classifier share. */
interface BoostedAttrs {
  nFeaturesIn_: number;
  initRaw_: number[];
  estimators_: DecisionTreeRegressor[][];
  trainScore_: number[];
  oobImprovement_: number[];
  nEstimators_: number;
  featureImportances_: Float64Array;
}

function storeFitted(est: BoostedAttrs, p: GBBaseParams, r: Boosted, d: number, caller: string): void {
  est.nFeaturesIn_ = d;
  est.initRaw_ = Array.from(r.init);
  est.estimators_ = wrapTrees(p, r.stages, d, caller);
  est.trainScore_ = r.trainScore;
  if (r.oobImprovement) est.oobImprovement_ = r.oobImprovement;
  est.nEstimators_ = r.stages.length;
  est.featureImportances_ = boostedImportances(r.stages, d);
}

/**
 * Gradient boosting for regression: squared error (default), absolute error, Huber, or
 * the pinball loss of quantile `alpha`.
 *
 * ```ts
 * const { data: X, target: y } = loadDiabetes();
 * const gb = new GradientBoostingRegressor({ nEstimators: 200, learningRate: 0.05, maxDepth: 2, subsample: 0.8, randomState: 0 }).fit(X, y);
 * gb.trainScore_;           // training loss after each stage
 * ```
 */
export class GradientBoostingRegressor extends Regressor<GradientBoostingRegressorParams> {
  static override readonly spec: EstimatorSpec<GradientBoostingRegressorParams> = {
    name: 'GradientBoostingRegressor',
    defaults: { ...BASE_DEFAULTS, loss: 'squared_error', alpha: 0.9 },
    constraints: {
      ...BASE_CONSTRAINTS,
      loss: [C.options('squared_error', 'absolute_error', 'huber', 'quantile')],
      alpha: [C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: true })],
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  /** The trees, one per stage: (nEstimators_, 1). */
  declare estimators_: DecisionTreeRegressor[][];
  /** The starting constant F₀. */
  declare initRaw_: number[];
  declare trainScore_: number[];
  declare oobImprovement_: number[];
  /** Stages actually fitted (fewer than nEstimators after early stopping). */
  declare nEstimators_: number;
  declare featureImportances_: Float64Array;

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: v } = checkXy(X, y, { caller: this.estimatorName });
    const sw = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? null;
    const loss = new GBLoss(this.params.loss, 0, this.params.alpha);
    const r = boost(this.params, loss, M, v, sw, 0, this.estimatorName);
    storeFitted(this, this.params, r, M.cols, this.estimatorName);
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return Array.from(rawPredict(this.initRaw_, this.estimators_, this.params.learningRate, M));
  }

  /** Predictions after each stage: stagedPredict(X)[m] uses the first m + 1 trees. */
  stagedPredict(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return this.estimators_.map((_, m) => Array.from(rawPredict(this.initRaw_, this.estimators_, this.params.learningRate, M, m + 1)));
  }
}

/**
 * Gradient boosting for classification: the log-loss (binomial, or multinomial with one
 * tree per class per stage) or, for two classes, the exponential loss (AdaBoost's).
 *
 * ```ts
 * const { data: X, target: y } = loadBreastCancer();
 * const gb = new GradientBoostingClassifier({ nEstimators: 100, randomState: 0 }).fit(X, y);
 * gb.predictProba([X[0]]);   // [[P(0), P(1)]]
 * ```
 */
export class GradientBoostingClassifier extends Classifier<GradientBoostingClassifierParams> {
  static override readonly spec: EstimatorSpec<GradientBoostingClassifierParams> = {
    name: 'GradientBoostingClassifier',
    defaults: { ...BASE_DEFAULTS, loss: 'log_loss' },
    constraints: { ...BASE_CONSTRAINTS, loss: [C.options('log_loss', 'exponential')] },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** The trees: (nEstimators_, 1) for two classes, (nEstimators_, nClasses) otherwise. */
  declare estimators_: DecisionTreeRegressor[][];
  declare initRaw_: number[];
  declare trainScore_: number[];
  declare oobImprovement_: number[];
  declare nEstimators_: number;
  declare nClasses_: number;
  declare featureImportances_: Float64Array;

  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const classes = uniqueLabels(labels);
    if (classes.length < 2) throw new Error(`${this.estimatorName}: y has only one class (${String(classes[0])}); a classifier needs at least two.`);
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    const codes = Float64Array.from(labels, (l) => index.get(l)!);
    if (this.params.loss === 'exponential' && classes.length > 2) {
      throw new Error(`${this.estimatorName}: loss 'exponential' is for two classes; y has ${classes.length}. Use loss 'log_loss'.`);
    }
    const sw = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? null;
    const loss = new GBLoss(classes.length > 2 ? 'multinomial' : this.params.loss, classes.length);
    const r = boost(this.params, loss, M, codes, sw, classes.length, this.estimatorName);
    this.classes_ = classes;
    this.nClasses_ = classes.length;
    storeFitted(this, this.params, r, M.cols, this.estimatorName);
    return this;
  }

  /** The raw score F(x): one column for two classes (log-odds of the second), else one per class. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    const M = this.checkPredictInput(X);
    const raw = rawPredict(this.initRaw_, this.estimators_, this.params.learningRate, M);
    const K = this.initRaw_.length;
    if (K === 1) return Array.from(raw);
    return Array.from({ length: M.rows }, (_, i) => Array.from(raw.subarray(i * K, (i + 1) * K)));
  }

  private probaFromRaw(raw: Float64Array, n: number): number[][] {
    const K = this.initRaw_.length;
    if (K === 1) {
      const scale = this.params.loss === 'exponential' ? 2 : 1;
      return Array.from(raw, (f) => {
        const p = 1 / (1 + Math.exp(-scale * f));
        return [1 - p, p];
      });
    }
    return Array.from({ length: n }, (_, i) => {
      const row = Array.from(raw.subarray(i * K, (i + 1) * K));
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
  }

  predictProba(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return this.probaFromRaw(rawPredict(this.initRaw_, this.estimators_, this.params.learningRate, M), M.rows);
  }

  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((r) => this.classes_[argmax(r)]);
  }

  /** Class probabilities after each stage. */
  stagedPredictProba(X: MatrixLike): number[][][] {
    const M = this.checkPredictInput(X);
    return this.estimators_.map((_, m) => this.probaFromRaw(rawPredict(this.initRaw_, this.estimators_, this.params.learningRate, M, m + 1), M.rows));
  }
}
