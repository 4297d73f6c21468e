/**
 * Decision trees for classification and regression (sklearn.tree.DecisionTreeClassifier,
 * DecisionTreeRegressor, ExtraTreeClassifier, ExtraTreeRegressor): CART (Breiman et al.,
 * "Classification and Regression Trees", 1984) grown greedily on axis-aligned splits
 * `x[j] <= t`, with minimal cost-complexity pruning.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import {
  checkSampleWeight, checkXLabels, checkXy, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike,
} from '../base/validation.js';
import { growTree } from './builder.js';
import type { CriterionName } from './criterion.js';
import { classWeightFactors, columnMajor, growOptions, resolveMaxFeatures, TREE_CONSTRAINTS, TREE_DEFAULTS, type TreeParams } from './params.js';
import { pruneTree, pruningPath, type PruningPath } from './pruning.js';
import { applyTree, decisionPathOf, nodeDepths, treeFeatureImportances, TREE_LEAF, type TreeArrays } from './tree-arrays.js';

export interface DecisionTreeClassifierParams extends TreeParams {
  criterion: 'gini' | 'entropy' | 'log_loss';
  /** null (all 1), 'balanced' (n / (nClasses·count)), or a weight per class label. */
  classWeight: null | 'balanced' | Record<string, number>;
}

export interface DecisionTreeRegressorParams extends TreeParams {
  criterion: 'squared_error' | 'friedman_mse' | 'absolute_error' | 'poisson';
}

const isWeightMap = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x));

/** What both kinds of tree do once fitted: the shared read-only queries. */
interface FittedTree {
  tree_: TreeArrays;
  nFeaturesIn_: number;
}

function leafCount(t: TreeArrays): number {
  let k = 0;
  for (let i = 0; i < t.nodeCount; i++) if (t.childrenLeft[i] === TREE_LEAF) k++;
  return k;
}

/** Grows, prunes and returns the tree and importances (the data are already checked). */
function fitTree(p: TreeParams, M: Matrix, y: Float64Array, sw: Float64Array | null, nClasses: number, caller: string): TreeArrays {
  const Xc = columnMajor(M.data, M.rows, M.cols);
  const tree = growTree(growOptions(p, { Xc, n: M.rows, d: M.cols, y, sampleWeight: sw, nClasses, caller }));
  return p.ccpAlpha > 0 ? pruneTree(tree, p.ccpAlpha) : tree;
}

/** Row-normalized class weights of the leaf each row lands in. */
function probaOf(tree: TreeArrays, M: Matrix): number[][] {
  const leaves = applyTree(tree, M.data, M.rows, M.cols);
  const k = tree.nValues;
  return Array.from(leaves, (leaf) => {
    const row = Array.from(tree.value.subarray(leaf * k, (leaf + 1) * k));
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (s > 0 ? v / s : v));
  });
}

/**
 * A classification tree. Each leaf predicts the class with the largest (weighted) count
 * of training samples in it; `predictProba` gives the leaf's class shares.
 *
 * ```ts
 * const { data: X, target: y } = loadIris();
 * const tree = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, y);
 * tree.predict([[5.1, 3.5, 1.4, 0.2]]); // [0]
 * console.log(exportText(tree, { featureNames: ['sepal length', 'sepal width', 'petal length', 'petal width'] }));
 * ```
 */
export class DecisionTreeClassifier extends Classifier<DecisionTreeClassifierParams> {
  static override readonly spec: EstimatorSpec<DecisionTreeClassifierParams> = {
    name: 'DecisionTreeClassifier',
    defaults: { criterion: 'gini', ...TREE_DEFAULTS, classWeight: null },
    constraints: {
      criterion: [C.options('gini', 'entropy', 'log_loss')],
      ...TREE_CONSTRAINTS,
      classWeight: [C.null, C.options('balanced'), C.custom('an object mapping each class label to a weight >= 0', isWeightMap)],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** The fitted tree's node arrays. */
  declare tree_: TreeArrays;
  declare nClasses_: number;
  /** Features considered per split, as a count. */
  declare maxFeatures_: number;
  /** Mean decrease in impurity per feature, summing to 1. */
  declare featureImportances_: Float64Array;

  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const classes = uniqueLabels(labels);
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    const codes = Float64Array.from(labels, (l) => index.get(l)!);
    let sw = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? null;
    const factors = classWeightFactors(this.params.classWeight, classes, codes, this.estimatorName);
    if (factors) {
      const base = sw ?? new Float64Array(M.rows).fill(1);
      sw = base.map((w, i) => w * factors[codes[i]]);
    }
    const tree = fitTree(this.params, M, codes, sw, classes.length, this.estimatorName);
    this.classes_ = classes;
    this.nClasses_ = classes.length;
    this.nFeaturesIn_ = M.cols;
    this.maxFeatures_ = growOptionsMaxFeatures(this.params, M.cols, this.estimatorName);
    this.tree_ = tree;
    this.featureImportances_ = treeFeatureImportances(tree, M.cols);
    return this;
  }

  /** P(class | leaf): (n, nClasses), the class shares of the training samples in each row's leaf. */
  predictProba(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return probaOf(this.tree_, M);
  }

  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((r) => this.classes_[argmax(r)]);
  }

  /** The id of the leaf each row lands in. */
  apply(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return Array.from(applyTree(this.tree_, M.data, M.rows, M.cols));
  }

  /** For each row, the node ids on its path from the root to its leaf (scikit-learn returns the same as a sparse indicator matrix). */
  decisionPath(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return decisionPathOf(this.tree_, M.data, M.rows, M.cols);
  }

  getDepth(): number {
    this.checkIsFitted();
    return this.tree_.maxDepth;
  }

  getNLeaves(): number {
    this.checkIsFitted();
    return leafCount(this.tree_);
  }

  /**
   * The effective alphas of minimal cost-complexity pruning for a tree grown on (X, y)
   * with these params and no pruning, and the total leaf impurity after each.
   *
   * ```ts
   * const { ccpAlphas, impurities } = new DecisionTreeClassifier({ randomState: 0 }).costComplexityPruningPath(X, y);
   * ```
   */
  costComplexityPruningPath(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): PruningPath {
    const est = this.clone().setParams({ ccpAlpha: 0 }).fit(X, y, sampleWeight);
    return pruningPath(est.tree_);
  }
}

/**
 * A regression tree: each leaf predicts the mean (squared error, Friedman MSE, Poisson)
 * or the median (absolute error) of the training targets in it.
 *
 * ```ts
 * const { data: X, target: y } = loadDiabetes();
 * const tree = new DecisionTreeRegressor({ maxDepth: 3 }).fit(X, y);
 * tree.predict([X[0]]); // the mean target of X[0]'s leaf
 * ```
 */
export class DecisionTreeRegressor extends Regressor<DecisionTreeRegressorParams> {
  static override readonly spec: EstimatorSpec<DecisionTreeRegressorParams> = {
    name: 'DecisionTreeRegressor',
    defaults: { criterion: 'squared_error', ...TREE_DEFAULTS },
    constraints: {
      criterion: [C.options('squared_error', 'friedman_mse', 'absolute_error', 'poisson')],
      ...TREE_CONSTRAINTS,
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare tree_: TreeArrays;
  declare maxFeatures_: number;
  declare featureImportances_: Float64Array;

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: v } = checkXy(X, y, { caller: this.estimatorName });
    if (this.params.criterion === 'poisson') {
      if (v.some((t) => t < 0)) throw new Error(`${this.estimatorName}: criterion 'poisson' needs y >= 0 (counts or rates); y has negative values.`);
      if (v.every((t) => t === 0)) throw new Error(`${this.estimatorName}: criterion 'poisson' needs some y > 0; y is all zeros.`);
    }
    const sw = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? null;
    const tree = fitTree(this.params, M, v, sw, 0, this.estimatorName);
    this.nFeaturesIn_ = M.cols;
    this.maxFeatures_ = growOptionsMaxFeatures(this.params, M.cols, this.estimatorName);
    this.tree_ = tree;
    this.featureImportances_ = treeFeatureImportances(tree, M.cols);
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return Array.from(applyTree(this.tree_, M.data, M.rows, M.cols), (leaf) => this.tree_.value[leaf]);
  }

  apply(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return Array.from(applyTree(this.tree_, M.data, M.rows, M.cols));
  }

  decisionPath(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return decisionPathOf(this.tree_, M.data, M.rows, M.cols);
  }

  getDepth(): number {
    this.checkIsFitted();
    return this.tree_.maxDepth;
  }

  getNLeaves(): number {
    this.checkIsFitted();
    return leafCount(this.tree_);
  }

  costComplexityPruningPath(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): PruningPath {
    const est = this.clone().setParams({ ccpAlpha: 0 }).fit(X, y, sampleWeight);
    return pruningPath(est.tree_);
  }
}

/**
 * One extremely randomized tree (Geurts, Ernst & Wehenkel, "Extremely randomized trees",
 * 2006): a random threshold per feature, the best of those. Meant for ensembles
 * (`ExtraTreesClassifier`); defaults as scikit-learn's: `splitter: 'random'`,
 * `maxFeatures: 'sqrt'`.
 */
export class ExtraTreeClassifier extends DecisionTreeClassifier {
  static override readonly spec: EstimatorSpec<DecisionTreeClassifierParams> = {
    ...DecisionTreeClassifier.spec,
    name: 'ExtraTreeClassifier',
    defaults: { ...DecisionTreeClassifier.spec.defaults, splitter: 'random', maxFeatures: 'sqrt' },
  };
}

/** One extremely randomized regression tree (`splitter: 'random'`, all features by default, as scikit-learn's `max_features=1.0`). */
export class ExtraTreeRegressor extends DecisionTreeRegressor {
  static override readonly spec: EstimatorSpec<DecisionTreeRegressorParams> = {
    ...DecisionTreeRegressor.spec,
    name: 'ExtraTreeRegressor',
    defaults: { ...DecisionTreeRegressor.spec.defaults, splitter: 'random', maxFeatures: null },
  };
}

function growOptionsMaxFeatures(p: TreeParams, d: number, caller: string): number {
  return resolveMaxFeatures(p.maxFeatures, d, caller);
}

export function argmax(r: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < r.length; k++) if (r[k] > r[best]) best = k;
  return best;
}

export type { CriterionName, FittedTree };
export { nodeDepths };
