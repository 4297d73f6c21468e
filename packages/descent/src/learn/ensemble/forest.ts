/**
 * Random forests (Breiman, "Random forests", Machine Learning 45, 2001) and extremely
 * randomized trees (Geurts, Ernst & Wehenkel, Machine Learning 63, 2006), after
 * scikit-learn's `sklearn/ensemble/_forest.py`.
 *
 * Each tree is grown on a bootstrap sample (drawn with replacement; passed to the tree as
 * integer sample weights, as scikit-learn does) and looks at a random subset of
 * `maxFeatures` features at each split; the forest averages the trees' class
 * probabilities or predictions. Averaging many decorrelated, low-bias trees cuts the
 * variance: for B trees of variance σ² and pairwise correlation ρ, the average has
 * variance ρσ² + (1 − ρ)σ²/B. The samples a tree never saw (about 1/e ≈ 37%) give a free
 * out-of-bag estimate of the generalization score.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import {
  checkSampleWeight, checkXLabels, checkXy, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike,
} from '../base/validation.js';
import { accuracyScore } from '../metrics/accuracy.js';
import { r2Score } from '../metrics/regression.js';
import { Generator } from '../../random/index.js';
import { growTree } from '../tree/builder.js';
import { argmax, DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreeClassifier, ExtraTreeRegressor } from '../tree/decision-tree.js';
import { classWeightFactors, columnMajor, growOptions, resolveMaxFeatures, seedOf, TREE_CONSTRAINTS, type TreeParams } from '../tree/params.js';
import { pruneTree } from '../tree/pruning.js';
import { applyTree, treeFeatureImportances, type TreeArrays } from '../tree/tree-arrays.js';

interface ForestOwnParams {
  /** Number of trees. */
  nEstimators: number;
  /** Grow each tree on a bootstrap sample (true) or on all the data (false). */
  bootstrap: boolean;
  /** Estimate the score on each sample from the trees that did not see it (needs `bootstrap`). */
  oobScore: boolean;
  /** Bootstrap sample size: null (n), a count, or a fraction of n in (0, 1]. */
  maxSamples: number | null;
}

export type ForestClassifierParams = Omit<TreeParams, 'splitter'> & ForestOwnParams & {
  criterion: 'gini' | 'entropy' | 'log_loss';
  /** As for trees, plus 'balanced_subsample': balanced weights recomputed on each bootstrap sample. */
  classWeight: null | 'balanced' | 'balanced_subsample' | Record<string, number>;
};

export type ForestRegressorParams = Omit<TreeParams, 'splitter'> & ForestOwnParams & {
  criterion: 'squared_error' | 'friedman_mse' | 'absolute_error' | 'poisson';
};

const { splitter: _unused, ...TREE_C } = TREE_CONSTRAINTS;
void _unused;

const FOREST_CONSTRAINTS = {
  ...TREE_C,
  nEstimators: [C.integer({ min: 1 })],
  bootstrap: [C.boolean],
  oobScore: [C.boolean],
  maxSamples: [C.integer({ min: 1 }), C.number({ min: 0, max: 1, minExclusive: true }), C.null],
};

const FOREST_DEFAULTS = {
  nEstimators: 100, maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minWeightFractionLeaf: 0,
  maxLeafNodes: null, minImpurityDecrease: 0, bootstrap: true, oobScore: false, randomState: null, ccpAlpha: 0, maxSamples: null,
} as const;

const isWeightMap = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x));

/** Bootstrap size from `maxSamples`. */
function bootstrapSize(maxSamples: number | null, n: number, caller: string): number {
  if (maxSamples === null) return n;
  if (Number.isInteger(maxSamples) && maxSamples !== 1) {
    if (maxSamples > n) throw new Error(`${caller}: maxSamples is ${maxSamples} but X has only ${n} samples; use a count <= ${n} or a fraction.`);
    return maxSamples;
  }
  return Math.max(Math.round(n * maxSamples), 1);
}

interface Grown { trees: TreeArrays[]; seeds: number[]; counts: Int32Array[] | null }

/**
 * Grows the forest's trees on shared column-major data. `counts[t][i]` is how often
 * sample i is in tree t's bootstrap (null without bootstrap).
 */
function growForest(p: ForestClassifierParams | ForestRegressorParams, random: boolean, M: Matrix, y: Float64Array, sw: Float64Array | null,
  nClasses: number, caller: string, balancedSubsample: boolean): Grown {
  const n = M.rows;
  const Xc = columnMajor(M.data, n, M.cols);
  const master = new Generator(seedOf(p.randomState));
  const size = bootstrapSize(p.maxSamples, n, caller);
  const trees: TreeArrays[] = [];
  const seeds: number[] = [];
  const counts: Int32Array[] = [];
  const treeParams: TreeParams = { ...p, splitter: random ? 'random' : 'best' } as TreeParams;
  for (let t = 0; t < p.nEstimators; t++) {
    const seed = master.integers(0, 2 ** 31 - 1);
    seeds.push(seed);
    const rng = new Generator(seed);
    let w = sw;
    if (p.bootstrap) {
      const c = new Int32Array(n);
      for (let k = 0; k < size; k++) c[rng.integers(0, n)]++;
      counts.push(c);
      w = new Float64Array(n);
      for (let i = 0; i < n; i++) w[i] = (sw ? sw[i] : 1) * c[i];
      if (balancedSubsample) {
        // 'balanced' weights from the classes as they occur in this bootstrap sample.
        const cnt = new Float64Array(nClasses);
        for (let i = 0; i < n; i++) cnt[y[i]] += c[i];
        for (let i = 0; i < n; i++) w[i] *= size / (nClasses * cnt[y[i]]);
      }
    }
    let tree = growTree(growOptions(treeParams, { Xc, n, d: M.cols, y, sampleWeight: w, nClasses, caller, rng }));
    if (p.ccpAlpha > 0) tree = pruneTree(tree, p.ccpAlpha);
    trees.push(tree);
  }
  return { trees, seeds, counts: p.bootstrap ? counts : null };
}

/** Mean of the trees' normalized importances over trees with at least one split, renormalized. */
function forestImportances(trees: TreeArrays[], d: number): Float64Array {
  const out = new Float64Array(d);
  const split = trees.filter((t) => t.nodeCount > 1);
  for (const t of split) {
    const imp = treeFeatureImportances(t, d);
    for (let j = 0; j < d; j++) out[j] += imp[j] / split.length;
  }
  const s = out.reduce((a, b) => a + b, 0);
  return s > 0 ? out.map((v) => v / s) : out;
}

function checkOob(p: ForestOwnParams, caller: string): void {
  if (p.oobScore && !p.bootstrap) throw new Error(`${caller}: oobScore needs bootstrap: true (without bootstrap every tree sees every sample).`);
}

/** Adds each tree's leaf values, normalized per row, for the rows where `use(t, i)`; returns the per-row counts. */
function accumulate(trees: TreeArrays[], M: Matrix, out: Float64Array, k: number, use: ((t: number, i: number) => boolean) | null): Float64Array {
  const nPred = new Float64Array(M.rows);
  trees.forEach((tree, t) => {
    const leaves = applyTree(tree, M.data, M.rows, M.cols);
    for (let i = 0; i < M.rows; i++) {
      if (use && !use(t, i)) continue;
      nPred[i]++;
      const off = leaves[i] * k;
      if (k === 1) {
        out[i] += tree.value[off];
        continue;
      }
      let s = 0;
      for (let c = 0; c < k; c++) s += tree.value[off + c];
      if (s > 0) for (let c = 0; c < k; c++) out[i * k + c] += tree.value[off + c] / s;
    }
  });
  return nPred;
}

abstract class ForestClassifierBase extends Classifier<ForestClassifierParams> {
  protected abstract readonly random: boolean;
  protected abstract makeTree(params: Record<string, unknown>): DecisionTreeClassifier;
  /** The fitted trees, each a full `DecisionTreeClassifier`. */
  declare estimators_: DecisionTreeClassifier[];
  declare nClasses_: number;
  declare featureImportances_: Float64Array;
  /** Out-of-bag accuracy (with `oobScore`). */
  declare oobScore_: number;
  /** Out-of-bag class probabilities per training sample (with `oobScore`). */
  declare oobDecisionFunction_: number[][];

  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    checkOob(this.params, this.estimatorName);
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const classes = uniqueLabels(labels);
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    const codes = Float64Array.from(labels, (l) => index.get(l)!);
    let sw = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? null;
    const cw = this.params.classWeight;
    const balancedSubsample = cw === 'balanced_subsample' && this.params.bootstrap;
    const factors = cw === 'balanced_subsample' ? (balancedSubsample ? null : classWeightFactors('balanced', classes, codes, this.estimatorName))
      : classWeightFactors(cw, classes, codes, this.estimatorName);
    if (factors) sw = (sw ?? new Float64Array(M.rows).fill(1)).map((w, i) => w * factors[codes[i]]);
    const grown = growForest(this.params, this.random, M, codes, sw, classes.length, this.estimatorName, balancedSubsample);
    const { nEstimators: _n, bootstrap: _b, oobScore: _o, maxSamples: _m, classWeight: _c, ...treeParams } = this.params;
    this.estimators_ = grown.trees.map((tree, t) => this.makeTree({ ...treeParams, randomState: grown.seeds[t] }).restoreFitted({
      tree_: tree, classes_: classes, nClasses_: classes.length, nFeaturesIn_: M.cols,
      maxFeatures_: resolveMaxFeatures(treeParams.maxFeatures, M.cols, this.estimatorName),
      featureImportances_: treeFeatureImportances(tree, M.cols),
    }));
    this.classes_ = classes;
    this.nClasses_ = classes.length;
    this.nFeaturesIn_ = M.cols;
    this.featureImportances_ = forestImportances(grown.trees, M.cols);
    if (this.params.oobScore && grown.counts) {
      const k = classes.length;
      const sum = new Float64Array(M.rows * k);
      const counts = grown.counts;
      const nPred = accumulate(grown.trees, M, sum, k, (t, i) => counts[t][i] === 0);
      this.oobDecisionFunction_ = Array.from({ length: M.rows }, (_, i) => Array.from(sum.subarray(i * k, (i + 1) * k), (v) => v / Math.max(nPred[i], 1)));
      this.oobScore_ = accuracyScore(labels, this.oobDecisionFunction_.map((r) => classes[argmax(r)]));
    }
    return this;
  }

  /** Mean of the trees' class probabilities: (n, nClasses). */
  predictProba(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const k = this.classes_.length;
    const sum = new Float64Array(M.rows * k);
    accumulate(this.estimators_.map((e) => e.tree_), M, sum, k, null);
    const B = this.estimators_.length;
    return Array.from({ length: M.rows }, (_, i) => Array.from(sum.subarray(i * k, (i + 1) * k), (v) => v / B));
  }

  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((r) => this.classes_[argmax(r)]);
  }

  /** The leaf of every tree for every row: (n, nEstimators). */
  apply(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const per = this.estimators_.map((e) => applyTree(e.tree_, M.data, M.rows, M.cols));
    return Array.from({ length: M.rows }, (_, i) => per.map((l) => l[i]));
  }
}

abstract class ForestRegressorBase extends Regressor<ForestRegressorParams> {
  protected abstract readonly random: boolean;
  protected abstract makeTree(params: Record<string, unknown>): DecisionTreeRegressor;
  declare estimators_: DecisionTreeRegressor[];
  declare featureImportances_: Float64Array;
  /** Out-of-bag R² (with `oobScore`). */
  declare oobScore_: number;
  /** Out-of-bag prediction per training sample (with `oobScore`). */
  declare oobPrediction_: number[];

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    checkOob(this.params, this.estimatorName);
    const { X: M, y: v } = checkXy(X, y, { caller: this.estimatorName });
    if (this.params.criterion === 'poisson' && (v.some((t) => t < 0) || v.every((t) => t === 0))) {
      throw new Error(`${this.estimatorName}: criterion 'poisson' needs y >= 0 with some y > 0.`);
    }
    const sw = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? null;
    const grown = growForest(this.params, this.random, M, v, sw, 0, this.estimatorName, false);
    const { nEstimators: _n, bootstrap: _b, oobScore: _o, maxSamples: _m, ...treeParams } = this.params;
    this.estimators_ = grown.trees.map((tree, t) => this.makeTree({ ...treeParams, randomState: grown.seeds[t] }).restoreFitted({
      tree_: tree, nFeaturesIn_: M.cols, maxFeatures_: resolveMaxFeatures(treeParams.maxFeatures, M.cols, this.estimatorName),
      featureImportances_: treeFeatureImportances(tree, M.cols),
    }));
    this.nFeaturesIn_ = M.cols;
    this.featureImportances_ = forestImportances(grown.trees, M.cols);
    if (this.params.oobScore && grown.counts) {
      const sum = new Float64Array(M.rows);
      const counts = grown.counts;
      const nPred = accumulate(grown.trees, M, sum, 1, (t, i) => counts[t][i] === 0);
      this.oobPrediction_ = Array.from(sum, (s, i) => s / Math.max(nPred[i], 1));
      this.oobScore_ = r2Score(v, this.oobPrediction_);
    }
    return this;
  }

  /** Mean of the trees' predictions. */
  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    const sum = new Float64Array(M.rows);
    accumulate(this.estimators_.map((e) => e.tree_), M, sum, 1, null);
    const B = this.estimators_.length;
    return Array.from(sum, (s) => s / B);
  }

  apply(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const per = this.estimators_.map((e) => applyTree(e.tree_, M.data, M.rows, M.cols));
    return Array.from({ length: M.rows }, (_, i) => per.map((l) => l[i]));
  }
}

const CLASSIFIER_CONSTRAINTS = {
  criterion: [C.options('gini', 'entropy', 'log_loss')],
  ...FOREST_CONSTRAINTS,
  classWeight: [C.null, C.options('balanced', 'balanced_subsample'), C.custom('an object mapping each class label to a weight >= 0', isWeightMap)],
};
const REGRESSOR_CONSTRAINTS = {
  criterion: [C.options('squared_error', 'friedman_mse', 'absolute_error', 'poisson')],
  ...FOREST_CONSTRAINTS,
};

/**
 * A random forest classifier: `nEstimators` trees, each on a bootstrap sample with
 * `maxFeatures` ('sqrt' by default) candidate features per split; the class with the
 * highest mean probability wins.
 *
 * ```ts
 * const { data: X, target: y } = loadDigits();
 * const rf = new RandomForestClassifier({ nEstimators: 100, oobScore: true, randomState: 0 }).fit(X, y);
 * rf.oobScore_;                // out-of-bag accuracy, about 0.97
 * rf.featureImportances_;      // mean decrease in impurity per pixel
 * ```
 */
export class RandomForestClassifier extends ForestClassifierBase {
  static override readonly spec: EstimatorSpec<ForestClassifierParams> = {
    name: 'RandomForestClassifier',
    defaults: { ...FOREST_DEFAULTS, criterion: 'gini', maxFeatures: 'sqrt', classWeight: null },
    constraints: CLASSIFIER_CONSTRAINTS,
    tags: { estimatorType: 'classifier', requiresY: true },
  };
  protected readonly random: boolean = false;
  protected makeTree(params: Record<string, unknown>): DecisionTreeClassifier {
    return new DecisionTreeClassifier(params as never);
  }
}

/**
 * A random forest regressor: the mean of `nEstimators` bootstrap trees. scikit-learn's
 * default looks at every feature per split (`maxFeatures: null` here, 1.0 there), so
 * the trees differ only by their bootstrap samples unless you lower it.
 *
 * ```ts
 * const { data: X, target: y } = loadDiabetes();
 * const rf = new RandomForestRegressor({ nEstimators: 200, maxFeatures: 0.33, randomState: 0 }).fit(X, y);
 * ```
 */
export class RandomForestRegressor extends ForestRegressorBase {
  static override readonly spec: EstimatorSpec<ForestRegressorParams> = {
    name: 'RandomForestRegressor',
    defaults: { ...FOREST_DEFAULTS, criterion: 'squared_error', maxFeatures: null },
    constraints: REGRESSOR_CONSTRAINTS,
    tags: { estimatorType: 'regressor', requiresY: true },
  };
  protected readonly random: boolean = false;
  protected makeTree(params: Record<string, unknown>): DecisionTreeRegressor {
    return new DecisionTreeRegressor(params as never);
  }
}

/**
 * Extremely randomized trees: like a random forest, but each candidate feature gets one
 * random threshold (uniform between its min and max in the node), and by default no
 * bootstrap. More bias per tree, less variance, and no sorting, so faster to grow.
 *
 * ```ts
 * const et = new ExtraTreesClassifier({ nEstimators: 100, randomState: 0 }).fit(X, y);
 * ```
 */
export class ExtraTreesClassifier extends ForestClassifierBase {
  static override readonly spec: EstimatorSpec<ForestClassifierParams> = {
    name: 'ExtraTreesClassifier',
    defaults: { ...FOREST_DEFAULTS, bootstrap: false, criterion: 'gini', maxFeatures: 'sqrt', classWeight: null },
    constraints: CLASSIFIER_CONSTRAINTS,
    tags: { estimatorType: 'classifier', requiresY: true },
  };
  protected readonly random: boolean = true;
  protected makeTree(params: Record<string, unknown>): DecisionTreeClassifier {
    return new ExtraTreeClassifier(params as never);
  }
}

/** Extremely randomized trees for regression (all features per split by default, no bootstrap). */
export class ExtraTreesRegressor extends ForestRegressorBase {
  static override readonly spec: EstimatorSpec<ForestRegressorParams> = {
    name: 'ExtraTreesRegressor',
    defaults: { ...FOREST_DEFAULTS, bootstrap: false, criterion: 'squared_error', maxFeatures: null },
    constraints: REGRESSOR_CONSTRAINTS,
    tags: { estimatorType: 'regressor', requiresY: true },
  };
  protected readonly random: boolean = true;
  protected makeTree(params: Record<string, unknown>): DecisionTreeRegressor {
    return new ExtraTreeRegressor(params as never);
  }
}
