/**
 * ONNX export of fitted `descent/learn` models: linear models as MatMul + Add (with Sigmoid or
 * Softmax for logistic regression); classification trees and forests as ONNX-ML
 * TreeEnsembleClassifier; regression trees, forests and gradient boosting (whose class
 * scores go through a sigmoid or softmax) as TreeEnsembleRegressor scoring every target at
 * once, followed by the same standard ops Descent applies.
 *
 * The graph takes `X` (float32, (N, nFeatures)); regressors output `variable` (N,),
 * classifiers `label` (N,) and `probabilities` (N, nClasses) in the order of `classes_`.
 *
 * ```ts
 * const clf = new RandomForestClassifier({ nEstimators: 20 }).fit(X, y);
 * const bytes = exportOnnxEstimator(clf);
 * ```
 */
import type { BaseEstimator } from '../learn/base/base-estimator.js';
import { LogisticRegression } from '../learn/linear-model/logistic.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../learn/tree/decision-tree.js';
import { GradientBoostingClassifier, GradientBoostingRegressor } from '../learn/ensemble/gradient-boosting.js';
import type { TreeArrays } from '../learn/tree/tree-arrays.js';
import { GraphBuilder } from './graph-builder.js';
import { DataType } from './proto.js';

type Label = number | string | boolean;

/**
 * The largest float32 not above `t`. Descent sends x left when fround(x) ≤ t; in float32,
 * fround(x) ≤ t exactly when fround(x) ≤ floor32(t), so the exported tree splits identically.
 */
export function floorFloat32(t: number): number {
  const f = Math.fround(t);
  if (f <= t) return f;
  const buf = new Float32Array([f]);
  const bits = new Int32Array(buf.buffer);
  bits[0] += f > 0 ? -1 : 1;                 // one ulp towards −∞
  if (f === 0) return -1.401298464324817e-45;
  return buf[0];
}

interface ScoredTree { tree: TreeArrays; weight: (leaf: number, k: number) => number }

/** TreeEnsembleRegressor attributes for trees each scoring K targets; returns the (N, K) score name. */
function treeEnsemble(g: GraphBuilder, x: string, trees: ScoredTree[], K: number, base: number[]): string {
  const a = {
    nodes_treeids: [] as number[], nodes_nodeids: [] as number[], nodes_featureids: [] as number[], nodes_values: [] as number[],
    nodes_modes: [] as string[], nodes_truenodeids: [] as number[], nodes_falsenodeids: [] as number[],
    target_treeids: [] as number[], target_nodeids: [] as number[], target_ids: [] as number[], target_weights: [] as number[],
  };
  trees.forEach(({ tree, weight }, t) => {
    for (let i = 0; i < tree.nodeCount; i++) {
      const leaf = tree.childrenLeft[i] === -1;
      a.nodes_treeids.push(t);
      a.nodes_nodeids.push(i);
      a.nodes_featureids.push(leaf ? 0 : tree.feature[i]);
      a.nodes_values.push(leaf ? 0 : floorFloat32(tree.threshold[i]));
      a.nodes_modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      a.nodes_truenodeids.push(leaf ? 0 : tree.childrenLeft[i]);
      a.nodes_falsenodeids.push(leaf ? 0 : tree.childrenRight[i]);
      if (!leaf) continue;
      for (let k = 0; k < K; k++) {
        a.target_treeids.push(t);
        a.target_nodeids.push(i);
        a.target_ids.push(k);
        a.target_weights.push(weight(i, k));
      }
    }
  });
  const [scores] = g.node('TreeEnsembleRegressor', [x], {
    ...a, nodes_values: { floats: a.nodes_values }, target_weights: { floats: a.target_weights },
    n_targets: K, aggregate_function: 'SUM', post_transform: 'NONE', base_values: { floats: base },
  }, 1, 'ai.onnx.ml');
  return scores;
}

/**
 * Trees voting class shares through ai.onnx.ml TreeEnsembleClassifier, which also writes the
 * label; integer or string classes only (ONNX-ML has no float class labels). Every leaf lists
 * every class, which keeps ONNX Runtime off its special two-class path (one weight per leaf).
 */
function treeClassifier(g: GraphBuilder, x: string, trees: ScoredTree[], classes: Label[]): boolean {
  const ints = classes.every((c) => typeof c === 'number' && Number.isInteger(c));
  if (!ints && !classes.every((c) => typeof c === 'string')) return false;
  const regressorNode = treeEnsemble(g, x, trees, classes.length, new Array(classes.length).fill(0));
  const node = g.nodes.find((n) => n.output[0] === regressorNode)!;
  g.nodes.splice(g.nodes.indexOf(node), 1);
  const rename: Record<string, string> = { target_treeids: 'class_treeids', target_nodeids: 'class_nodeids', target_ids: 'class_ids', target_weights: 'class_weights' };
  const attribute = node.attribute
    .filter((at) => !['n_targets', 'aggregate_function', 'base_values'].includes(at.name))
    .map((at) => ({ ...at, name: rename[at.name] ?? at.name }));
  attribute.push(ints ? { name: 'classlabels_int64s', type: 7, ints: classes as number[] } : { name: 'classlabels_strings', type: 8, strings: classes as string[] });
  const [label, proba] = [g.fresh('label_raw'), g.fresh('probabilities_raw')];
  g.nodes.push({ ...node, opType: 'TreeEnsembleClassifier', output: [label, proba], attribute });
  g.output(label, 'label', ['N'], ints ? DataType.INT64 : DataType.STRING);
  g.output(proba, 'probabilities', ['N', classes.length]);
  return true;
}

/** A leaf's class shares (classifier trees store weighted counts). */
function shares(tree: TreeArrays, leaf: number, k: number): number {
  const K = tree.nValues;
  let s = 0;
  for (let j = 0; j < K; j++) s += tree.value[leaf * K + j];
  return s > 0 ? tree.value[leaf * K + k] / s : 0;
}

/** Writes `label` = classes_[argmax(probabilities)] and `probabilities`. */
function classifierOutputs(g: GraphBuilder, proba: string, classes: Label[]): void {
  const [idx] = g.node('ArgMax', [proba], { axis: 1, keepdims: 0 });
  let labels: string;
  let elem: number;
  if (classes.every((c) => typeof c === 'number' && Number.isInteger(c))) {
    labels = g.initializer('classes', BigInt64Array.from(classes as number[], (c) => BigInt(c)), [classes.length], DataType.INT64);
    elem = DataType.INT64;
  } else if (classes.every((c) => typeof c === 'number')) {
    labels = g.initializer('classes', Float32Array.from(classes as number[]), [classes.length]);
    elem = DataType.FLOAT;
  } else {
    labels = g.initializer('classes', classes.map(String), [classes.length], DataType.STRING);
    elem = DataType.STRING;
  }
  g.output(g.node('Gather', [labels, idx], { axis: 0 })[0], 'label', ['N'], elem);
  g.output(proba, 'probabilities', ['N', classes.length]);
}

/** From two-class scores s (N, 1): [1 − σ(c·s), σ(c·s)]. */
function binaryProba(g: GraphBuilder, score: string, c: number): string {
  const [p] = g.node('Sigmoid', [c === 1 ? score : g.node('Mul', [score, g.scalar('scale', c)])[0]]);
  return g.node('Concat', [g.node('Sub', [g.scalar('one', 1), p])[0], p], { axis: 1 })[0];
}

const matrixOf = (coef: number[] | number[][]): number[][] => (Array.isArray(coef[0]) ? (coef as number[][]) : [coef as number[]]);

/** W (K, p) → a (p, K) initializer, x·Wᵀ + b. */
function affine(g: GraphBuilder, x: string, W: number[][], b: number[]): string {
  const p = W[0].length, K = W.length;
  const wt = new Float32Array(p * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) wt[j * K + k] = W[k][j];
  const [y] = g.node('MatMul', [x, g.initializer('coef_t', wt, [p, K])]);
  return g.node('Add', [y, g.initializer('intercept', Float32Array.from(b), [K])])[0];
}

/**
 * Exports a fitted linear model (anything with `coef_` and `intercept_` that predicts
 * x·coef + intercept, e.g. LinearRegression, Ridge, Lasso; or LogisticRegression), a decision
 * tree, a random forest / extra trees, or gradient boosting, to ONNX bytes.
 */
export function exportOnnxEstimator(est: BaseEstimator): Uint8Array {
  const name = (est as { constructor: { name: string } }).constructor.name;
  if (!est || typeof (est as { isFitted?: unknown }).isFitted !== 'function') throw new TypeError('exportOnnxEstimator: expected a descent/learn estimator');
  if (!est.isFitted()) throw new Error(`exportOnnxEstimator: ${name} is not fitted; call fit(X, y) before exporting`);
  const e = est as unknown as Record<string, unknown>;
  const p = e.nFeaturesIn_ as number;
  const g = new GraphBuilder();
  const x = g.input('X', ['N', p]);
  const classes = e.classes_ as Label[] | undefined;

  if (est instanceof LogisticRegression) {
    const s = affine(g, x, est.coef_, est.intercept_);
    if (est.coef_.length === 1) return finish(g, name, classifierOutputs, binaryProba(g, s, est.multinomial_ ? 2 : 1), classes!);
    if (est.multinomial_) return finish(g, name, classifierOutputs, g.node('Softmax', [s], { axis: 1 })[0], classes!);
    const [sig] = g.node('Sigmoid', [s]);                                  // one-vs-rest: normalized sigmoids
    return finish(g, name, classifierOutputs, g.node('Div', [sig, g.node('ReduceSum', [sig, g.int64s('axis', [1])], { keepdims: 1 })[0]])[0], classes!);
  }
  if (est instanceof DecisionTreeClassifier) {
    const tree = est.tree_;
    if (treeClassifier(g, x, [{ tree, weight: (l, k) => shares(tree, l, k) }], classes!)) return g.encode(name);
    return finish(g, name, classifierOutputs, treeEnsemble(g, x, [{ tree, weight: (l, k) => shares(tree, l, k) }], classes!.length, new Array(classes!.length).fill(0)), classes!);
  }
  if (est instanceof DecisionTreeRegressor) {
    const tree = est.tree_;
    return regression(g, name, treeEnsemble(g, x, [{ tree, weight: (l) => tree.value[l] }], 1, [0]));
  }
  if (est instanceof GradientBoostingRegressor || est instanceof GradientBoostingClassifier) {
    const stages = est.estimators_, lr = est.params.learningRate, K = est.initRaw_.length;
    const trees = stages.flatMap((stage) => stage.map((t, k) => ({ tree: t.tree_, weight: (l: number, j: number) => (j === k ? lr * t.tree_.value[l] : 0) })));
    const raw = treeEnsemble(g, x, trees, K, est.initRaw_);
    if (est instanceof GradientBoostingRegressor) return regression(g, name, raw);
    if (K === 1) return finish(g, name, classifierOutputs, binaryProba(g, raw, est.params.loss === 'exponential' ? 2 : 1), classes!);
    return finish(g, name, classifierOutputs, g.node('Softmax', [raw], { axis: 1 })[0], classes!);
  }
  const forest = e.estimators_;
  if (Array.isArray(forest) && forest.length > 0 && forest.every((t) => t instanceof DecisionTreeClassifier)) {
    const B = forest.length;
    const trees = (forest as DecisionTreeClassifier[]).map((t) => ({ tree: t.tree_, weight: (l: number, k: number) => shares(t.tree_, l, k) / B }));
    if (treeClassifier(g, x, trees, classes!)) return g.encode(name);
    return finish(g, name, classifierOutputs, treeEnsemble(g, x, trees, classes!.length, new Array(classes!.length).fill(0)), classes!);
  }
  if (Array.isArray(forest) && forest.length > 0 && forest.every((t) => t instanceof DecisionTreeRegressor)) {
    const B = forest.length;
    const trees = (forest as DecisionTreeRegressor[]).map((t) => ({ tree: t.tree_, weight: (l: number) => t.tree_.value[l] / B }));
    return regression(g, name, treeEnsemble(g, x, trees, 1, [0]));
  }
  if (classes === undefined && 'coef_' in e && 'intercept_' in e) {
    const coef = e.coef_ as number[] | number[][];
    const W = matrixOf(coef);
    const b = typeof e.intercept_ === 'number' ? [e.intercept_] : (e.intercept_ as number[]);
    const y = affine(g, x, W, b);
    if (Array.isArray(coef[0])) { g.output(y, 'variable', ['N', W.length]); return g.encode(name); }
    return regression(g, name, y);
  }
  throw new Error(`exportOnnxEstimator: ${name} is not supported; linear regressors (coef_, intercept_), LogisticRegression, decision trees, random forests / extra trees and gradient boosting are`);
}

function regression(g: GraphBuilder, name: string, y: string): Uint8Array {
  g.output(g.node('Reshape', [y, g.int64s('flat', [-1])])[0], 'variable', ['N']);
  return g.encode(name);
}

function finish(g: GraphBuilder, name: string, outputs: typeof classifierOutputs, proba: string, classes: Label[]): Uint8Array {
  outputs(g, proba, classes);
  return g.encode(name);
}
