/**
 * Exact path-dependent Tree SHAP (Lundberg, Erion & Lee, "Consistent Individualized Feature
 * Attribution for Tree Ensembles", 2018, Algorithm 2): the Shapley values of a tree's
 * prediction in O(L·D²) per row instead of O(2^M), where a feature outside the coalition
 * is marginalised by following both children weighted by their training cover. This is a
 * transcription of the reference algorithm (shap's `tree_shap_recursive`) for
 * `descent/learn` trees, forests and gradient-boosted ensembles, whose nodes send x left when
 * x[feature] <= threshold (and NaN to the side the histogram trees learned).
 */
import type { TreeArrays } from '../learn/tree/tree-arrays.js';
import type { HistTree } from '../learn/ensemble/hist-grower.js';
import { checkArray, type MatrixLike } from '../learn/base/validation.js';

/**
 * The parts of a binary tree that Tree SHAP reads: children (−1 at a leaf), the split, and
 * each node's cover (the training weight that reached it, which marginalises a feature
 * outside the coalition). `missingGoLeft[n] === 1` sends NaN left; without it NaN goes right.
 */
export interface ShapTree {
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  cover: ArrayLike<number>;
  missingGoLeft?: ArrayLike<number>;
}

/** A `descent/learn` decision tree (`tree_`) seen by Tree SHAP: cover is the weighted sample count. */
export function shapTreeOf(t: TreeArrays): ShapTree {
  return { left: t.childrenLeft, right: t.childrenRight, feature: t.feature, threshold: t.threshold, cover: t.weightedNNodeSamples };
}

/** A histogram gradient-boosting tree seen by Tree SHAP: cover is the training count. */
export function shapTreeOfHist(t: HistTree): ShapTree {
  return { left: t.left, right: t.right, feature: t.feature, threshold: t.threshold, cover: t.count, missingGoLeft: t.missingGoLeft };
}

/** Which child x goes to at an internal node. */
function hotChild(t: ShapTree, node: number, v: number): number {
  const left = Number.isNaN(v) ? t.missingGoLeft?.[node] === 1 : v <= t.threshold[node];
  return left ? t.left[node] : t.right[node];
}

/**
 * The cover-weighted mean of `leafValue` over the leaves: what the tree predicts on average
 * over its training data, the base value its Shapley values start from.
 */
export function treeExpectedValue(t: ShapTree, leafValue: (node: number) => number, node = 0): number {
  const l = t.left[node];
  if (l < 0) return leafValue(node);
  const r = t.right[node];
  return (t.cover[l] * treeExpectedValue(t, leafValue, l) + t.cover[r] * treeExpectedValue(t, leafValue, r)) / t.cover[node];
}

/** One element of the path of unique features: which feature, the fractions of zero and one paths through it, and its permutation weight. */
interface PathElement { feature: number; zero: number; one: number; weight: number }

function extendPath(path: PathElement[], depth: number, zero: number, one: number, feature: number): void {
  path[depth] = { feature, zero, one, weight: depth === 0 ? 1 : 0 };
  for (let i = depth - 1; i >= 0; i--) {
    path[i + 1].weight += (one * path[i].weight * (i + 1)) / (depth + 1);
    path[i].weight = (zero * path[i].weight * (depth - i)) / (depth + 1);
  }
}

function unwindPath(path: PathElement[], depth: number, index: number): void {
  const { one, zero } = path[index];
  let next = path[depth].weight;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = path[i].weight;
      path[i].weight = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (path[i].weight * zero * (depth - i)) / (depth + 1);
    } else {
      path[i].weight = (path[i].weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) path[i] = { ...path[i + 1], weight: path[i].weight };
}

/** Σ of the path weights after unwinding element `index`, without changing the path. */
function unwoundPathSum(path: PathElement[], depth: number, index: number): number {
  const { one, zero } = path[index];
  let next = path[depth].weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = path[i].weight - tmp * zero * ((depth - i) / (depth + 1));
    } else {
      total += path[i].weight / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

/**
 * Adds one tree's Shapley values for row x into phi, for the output `leafValue(node)`.
 * `tree` is a `descent/learn` `tree_` or any {@link ShapTree}.
 *
 * ```ts
 * const phi = new Float64Array(X[0].length);
 * treeShap(model.tree_, X[0], (n) => model.tree_.value[n], phi); // Σ phi = f(x) − E[f]
 * ```
 */
export function treeShap(tree: TreeArrays | ShapTree, x: ArrayLike<number>, leafValue: (node: number) => number, phi: Float64Array): void {
  const t = 'childrenLeft' in tree ? shapTreeOf(tree) : tree;
  const cover = t.cover;
  const recurse = (node: number, parentPath: PathElement[], depthIn: number, zero: number, one: number, feature: number): void => {
    let depth = depthIn;
    const path = parentPath.slice(0, depth + 1).map((e) => ({ ...e }));
    extendPath(path, depth, zero, one, feature);
    const left = t.left[node];
    if (left < 0) {
      const v = leafValue(node);
      for (let i = 1; i <= depth; i++) {
        const w = unwoundPathSum(path, depth, i);
        phi[path[i].feature] += w * (path[i].one - path[i].zero) * v;
      }
      return;
    }
    const split = t.feature[node];
    const hot = hotChild(t, node, x[split]);
    const cold = hot === left ? t.right[node] : left;
    let inZero = 1;
    let inOne = 1;
    let k = 0;
    while (k <= depth && path[k].feature !== split) k++;
    if (k <= depth) {
      // Split on this feature before: undo that element and fold its fractions into this split's.
      inZero = path[k].zero;
      inOne = path[k].one;
      unwindPath(path, depth, k);
      depth -= 1;
    }
    recurse(hot, path, depth + 1, (cover[hot] / cover[node]) * inZero, inOne, split);
    recurse(cold, path, depth + 1, (cover[cold] / cover[node]) * inZero, 0, split);
  };
  recurse(0, [], 0, 1, 1, -1);
}

/**
 * What TreeExplainer reads: one tree (`tree_`), a forest averaging its trees (`estimators_`
 * of trees), gradient boosting (`estimators_` as stages of regression trees with `initRaw_`
 * and `params.learningRate`) or histogram gradient boosting (`predictors_` with
 * `baselinePrediction_`).
 */
export interface TreeModel {
  tree_?: TreeArrays;
  estimators_?: { tree_: TreeArrays }[] | { tree_: TreeArrays }[][];
  initRaw_?: number[];
  predictors_?: HistTree[][];
  baselinePrediction_?: number[];
  /** Gradient boosting's parameters, for `learningRate`. */
  params?: object;
  classes_?: unknown[];
}

/** One output as a sum: bias + Σ_trees scale · tree(x), with each tree's leaf values. */
interface Additive { bias: number; terms: { tree: ShapTree; scale: number; leafValue: (node: number) => number }[] }

/**
 * Shapley values of a decision tree, random forest or gradient-boosted ensemble from
 * `descent/learn`: exact and fast. What is explained (`modelOutput`):
 * - trees and forests: the prediction, or each class's predicted probability for classifiers;
 * - GradientBoosting and HistGradientBoosting: the raw score, i.e. the sum of the trees
 *   (regression: the prediction, or the log of it for the Poisson loss; two classes: the
 *   log-odds of the second class; more classes: one raw score per class, before softmax).
 *   Shapley values add over the trees, so the ensemble's are the sum of each tree's times the
 *   learning rate (Lundberg et al. 2018, §3).
 *
 * ```ts
 * const tree = new DecisionTreeRegressor({ maxDepth: 3 }).fit(X, y);
 * const ex = new TreeExplainer(tree);
 * const phi = ex.shapValues(X.slice(0, 1))[0];     // regressors: one value per feature
 * ex.expectedValue[0] + phi.reduce((a, b) => a + b); // = tree.predict(X.slice(0, 1))[0]
 * ```
 */
export class TreeExplainer {
  private readonly outputs: Additive[];
  /** Histogram boosting learned where NaN goes; the other trees take finite input only. */
  private readonly allowNaN: boolean = false;
  /** Outputs per row: 1 for regressors and two-class boosting, the number of classes otherwise. */
  readonly nOutputs: number;
  /** 'probability' for tree and forest classifiers, 'raw' for boosting, 'prediction' for tree and forest regressors. */
  readonly modelOutput: 'prediction' | 'probability' | 'raw';
  /** The model's mean output over the training data (per output): where the Shapley values start. */
  readonly expectedValue: number[];

  constructor(model: TreeModel) {
    const classifier = Array.isArray(model.classes_);
    const est = model.estimators_;
    if (model.tree_ || (Array.isArray(est) && est.length > 0 && est.every((e) => !Array.isArray(e) && e?.tree_))) {
      const trees = model.tree_ ? [model.tree_] : (est as { tree_: TreeArrays }[]).map((e) => e.tree_);
      this.modelOutput = classifier ? 'probability' : 'prediction';
      const n = classifier ? trees[0].nValues : 1;
      this.outputs = Array.from({ length: n }, (_, c) => ({
        bias: 0,
        terms: trees.map((t) => ({ tree: shapTreeOf(t), scale: 1 / trees.length, leafValue: (node: number) => classShare(t, node, c, classifier) })),
      }));
    } else if (Array.isArray(est) && Array.isArray(model.initRaw_) && est.every((s) => Array.isArray(s))) {
      const lr = (model.params as { learningRate?: unknown } | undefined)?.learningRate;
      if (typeof lr !== 'number') throw new Error('TreeExplainer: a gradient-boosting model needs params.learningRate; pass the fitted GradientBoostingRegressor or GradientBoostingClassifier itself.');
      this.modelOutput = 'raw';
      this.outputs = model.initRaw_.map((bias, k) => ({
        bias,
        terms: (est as { tree_: TreeArrays }[][]).map((stage) => {
          const t = stage[k].tree_;
          return { tree: shapTreeOf(t), scale: lr, leafValue: (node: number) => t.value[node * t.nValues] };
        }),
      }));
    } else if (Array.isArray(model.predictors_) && Array.isArray(model.baselinePrediction_)) {
      const stages = model.predictors_;
      this.modelOutput = 'raw';
      this.allowNaN = true;
      this.outputs = model.baselinePrediction_.map((bias, k) => ({
        bias,
        terms: stages.map((stage) => ({ tree: shapTreeOfHist(stage[k]), scale: 1, leafValue: (node: number) => stage[k].value[node] })),
      }));
    } else {
      throw new Error('TreeExplainer: expected a fitted decision tree (with tree_), a forest of them (estimators_ with tree_) or a gradient-boosting model, such as DecisionTreeRegressor, RandomForestClassifier or HistGradientBoostingClassifier.');
    }
    this.nOutputs = this.outputs.length;
    this.expectedValue = this.outputs.map((o) => o.terms.reduce((s, term) => s + term.scale * treeExpectedValue(term.tree, term.leafValue), o.bias));
  }

  /**
   * One output: (n, nFeatures). Several (classifiers' probabilities, multiclass boosting):
   * (n, nOutputs, nFeatures). Each row sums to the output minus `expectedValue` (local accuracy).
   */
  shapValues(X: MatrixLike): number[][] | number[][][] {
    const M = checkArray(X, { caller: 'TreeExplainer', allowNaN: this.allowNaN });
    const out = Array.from({ length: M.rows }, (_, i) => {
      const x = M.data.subarray(i * M.cols, (i + 1) * M.cols);
      return this.outputs.map((o) => {
        const phi = new Float64Array(M.cols);
        const one = new Float64Array(M.cols);
        for (const term of o.terms) {
          one.fill(0);
          treeShap(term.tree, x, term.leafValue, one);
          for (let j = 0; j < M.cols; j++) phi[j] += term.scale * one[j];
        }
        return Array.from(phi);
      });
    });
    return this.nOutputs > 1 ? out : out.map((r) => r[0]);
  }
}

/** A node's output: its value for regressors, its share of class c for classifiers. */
function classShare(t: TreeArrays, n: number, c: number, classifier: boolean): number {
  if (!classifier) return t.value[n * t.nValues];
  let s = 0;
  for (let k = 0; k < t.nValues; k++) s += t.value[n * t.nValues + k];
  return s > 0 ? t.value[n * t.nValues + c] / s : 0;
}
