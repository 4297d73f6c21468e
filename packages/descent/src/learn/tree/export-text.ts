/**
 * A fitted tree as indented text, in the format of scikit-learn's
 * `sklearn.tree.export_text` (so the two can be compared line by line).
 */
import type { Label } from '../base/validation.js';
import { TREE_LEAF, type TreeArrays } from './tree-arrays.js';

export interface ExportTextOptions {
  /** A name per feature; default `feature_0`, `feature_1`, ... */
  featureNames?: readonly string[];
  /** Deeper branches are summarized as "truncated branch of depth k". Default 10. */
  maxDepth?: number;
  /** Width of each indentation step. Default 3. */
  spacing?: number;
  /** Digits after the decimal point for thresholds and values. Default 2. */
  decimals?: number;
  /** Print the class weights in each leaf of a classifier. Default false. */
  showWeights?: boolean;
}

interface ExportableTree {
  tree_: TreeArrays;
  nFeaturesIn_: number;
  classes_?: Label[];
  isFitted(): boolean;
  estimatorName: string;
}

/** Python's "{:.Nf}" for a finite number (which rounds exact ties to even, unlike toFixed). */
function fixed(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  // toFixed rounds an exact half away from zero; Python rounds it to even.
  const scaled = v * 10 ** decimals;
  if (Number.isFinite(scaled) && Math.abs(scaled - Math.trunc(scaled)) === 0.5 && Math.abs(scaled) < 2 ** 52) {
    const down = Math.trunc(scaled);
    const even = down % 2 === 0 ? down : down + Math.sign(scaled);
    return (even / 10 ** decimals).toFixed(decimals);
  }
  return s;
}

/** Depth of the subtree under `node`, counting `node` as 1 (scikit-learn's `_compute_depth`). */
function subtreeDepth(t: TreeArrays, node: number): number {
  if (t.childrenLeft[node] === TREE_LEAF) return 1;
  return 1 + Math.max(subtreeDepth(t, t.childrenLeft[node]), subtreeDepth(t, t.childrenRight[node]));
}

/**
 * The rules of a fitted `DecisionTreeClassifier`/`DecisionTreeRegressor` as text.
 *
 * ```ts
 * const tree = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, y);
 * exportText(tree, { featureNames: ['sepal length', 'sepal width', 'petal length', 'petal width'] });
 * // |--- petal length <= 2.45
 * // |   |--- class: 0
 * // |--- petal length >  2.45
 * // ...
 * ```
 */
export function exportText(est: ExportableTree, options: ExportTextOptions = {}): string {
  if (!est.isFitted()) throw new Error(`exportText: this ${est.estimatorName} is not fitted yet; call fit first.`);
  const { maxDepth = 10, spacing = 3, decimals = 2, showWeights = false, featureNames } = options;
  if (!Number.isInteger(maxDepth) || maxDepth < 0) throw new Error(`exportText: maxDepth must be an integer >= 0, got ${maxDepth}.`);
  if (!Number.isInteger(spacing) || spacing <= 0) throw new Error(`exportText: spacing must be an integer > 0, got ${spacing}.`);
  if (!Number.isInteger(decimals) || decimals < 0) throw new Error(`exportText: decimals must be an integer >= 0, got ${decimals}.`);
  if (featureNames && featureNames.length !== est.nFeaturesIn_) {
    throw new Error(`exportText: featureNames must contain ${est.nFeaturesIn_} names (one per feature), got ${featureNames.length}.`);
  }
  const t = est.tree_;
  const classes = est.classes_;
  const k = t.nValues;
  const name = (f: number) => (featureNames ? featureNames[f] : `feature_${f}`);
  let report = '';

  const addLeaf = (node: number, indent: string) => {
    const value = Array.from(t.value.subarray(node * k, (node + 1) * k));
    let val = '';
    if (showWeights || !classes) val = `[${value.map((v) => fixed(v, decimals)).join(', ')}]`;
    if (classes) {
      let best = 0;
      for (let c = 1; c < k; c++) if (value[c] > value[best]) best = c;
      val += ` class: ${String(classes[best])}`;
      report += showWeights ? `${indent} weights: ${val}\n` : `${indent}${val}\n`;
    } else {
      report += `${indent} value: ${val}\n`;
    }
  };

  const recurse = (node: number, depth: number) => {
    let indent = ('|' + ' '.repeat(spacing)).repeat(depth);
    indent = indent.slice(0, indent.length - spacing) + '-'.repeat(spacing);
    if (depth <= maxDepth + 1) {
      if (t.childrenLeft[node] !== TREE_LEAF) {
        const f = name(t.feature[node]);
        const thr = fixed(t.threshold[node], decimals);
        report += `${indent} ${f} <= ${thr}\n`;
        recurse(t.childrenLeft[node], depth + 1);
        report += `${indent} ${f} >  ${thr}\n`;
        recurse(t.childrenRight[node], depth + 1);
      } else {
        addLeaf(node, indent);
      }
    } else {
      const d = subtreeDepth(t, node);
      if (d === 1) addLeaf(node, indent);
      else report += `${indent} truncated branch of depth ${d}\n`;
    }
  };
  recurse(0, 1);
  return report;
}
