/**
 * Exact path-dependent Tree SHAP (Lundberg, Erion & Lee, "Consistent Individualized Feature
 * Attribution for Tree Ensembles", 2018, Algorithm 2): the Shapley values of a tree's
 * prediction in O(L·D²) per row instead of O(2^M), where a feature outside the coalition
 * is marginalised by following both children weighted by their training cover. This is a
 * transcription of the reference algorithm (shap's `tree_shap_recursive`) for
 * `descent/learn` trees and forests, whose nodes send x left when x[feature] <= threshold.
 */
import type { TreeArrays } from '../learn/tree/tree-arrays.js';
import { checkArray, type MatrixLike } from '../learn/base/validation.js';

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
 */
export function treeShap(tree: TreeArrays, x: ArrayLike<number>, leafValue: (node: number) => number, phi: Float64Array): void {
  const cover = tree.weightedNNodeSamples;
  const recurse = (node: number, parentPath: PathElement[], depthIn: number, zero: number, one: number, feature: number): void => {
    let depth = depthIn;
    const path = parentPath.slice(0, depth + 1).map((e) => ({ ...e }));
    extendPath(path, depth, zero, one, feature);
    const left = tree.childrenLeft[node];
    if (left < 0) {
      const v = leafValue(node);
      for (let i = 1; i <= depth; i++) {
        const w = unwoundPathSum(path, depth, i);
        phi[path[i].feature] += w * (path[i].one - path[i].zero) * v;
      }
      return;
    }
    const right = tree.childrenRight[node];
    const split = tree.feature[node];
    const hot = x[split] <= tree.threshold[node] ? left : right;
    const cold = hot === left ? right : left;
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

/** What TreeExplainer reads: one tree (`tree_`) or a forest averaging its trees (`estimators_`). */
export interface TreeModel {
  tree_?: TreeArrays;
  estimators_?: { tree_: TreeArrays }[];
  classes_?: unknown[];
}

/**
 * Shapley values of a decision tree or random forest from `descent/learn`: exact and fast.
 * For classifiers the explained output is the predicted probability of each class.
 *
 * ```ts
 * const tree = new DecisionTreeRegressor({ maxDepth: 3 }).fit(X, y);
 * const ex = new TreeExplainer(tree);
 * const phi = ex.shapValues(X.slice(0, 1))[0];     // regressors: one value per feature
 * ex.expectedValue[0] + phi.reduce((a, b) => a + b); // = tree.predict(X.slice(0, 1))[0]
 * ```
 */
export class TreeExplainer {
  private readonly trees: TreeArrays[];
  /** Outputs per row: 1 for regressors, the number of classes for classifiers. */
  readonly nOutputs: number;
  private readonly classifier: boolean;
  /** The model's mean output over the training data (per output): where the Shapley values start. */
  readonly expectedValue: number[];

  constructor(model: TreeModel) {
    if (model.tree_) this.trees = [model.tree_];
    else if (Array.isArray(model.estimators_) && model.estimators_.every((e) => e && e.tree_)) this.trees = model.estimators_.map((e) => e.tree_);
    else throw new Error('TreeExplainer: expected a fitted decision tree (with tree_) or a forest of them (estimators_ with tree_), such as DecisionTreeRegressor or RandomForestClassifier.');
    this.classifier = Array.isArray(model.classes_);
    this.nOutputs = this.classifier ? this.trees[0].nValues : 1;
    this.expectedValue = Array.from({ length: this.nOutputs }, (_, c) => this.trees.reduce((s, t) => s + this.nodeValue(t, 0, c), 0) / this.trees.length);
  }

  /** The output of node n for output c: the leaf's class share for classifiers, its value for regressors. */
  private nodeValue(t: TreeArrays, n: number, c: number): number {
    if (!this.classifier) return t.value[n * t.nValues];
    let s = 0;
    for (let k = 0; k < t.nValues; k++) s += t.value[n * t.nValues + k];
    return s > 0 ? t.value[n * t.nValues + c] / s : 0;
  }

  /**
   * Regressors: (n, nFeatures). Classifiers: (n, nClasses, nFeatures), one row of values per
   * class. Each row sums to the prediction minus `expectedValue` (local accuracy).
   */
  shapValues(X: MatrixLike): number[][] | number[][][] {
    const M = checkArray(X, { caller: 'TreeExplainer' });
    const out = Array.from({ length: M.rows }, (_, i) => {
      const x = M.data.subarray(i * M.cols, (i + 1) * M.cols);
      return Array.from({ length: this.nOutputs }, (_, c) => {
        const phi = new Float64Array(M.cols);
        for (const t of this.trees) treeShap(t, x, (n) => this.nodeValue(t, n, c), phi);
        return Array.from(phi, (v) => v / this.trees.length);
      });
    });
    return this.classifier ? out : out.map((r) => r[0]);
  }
}
