import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

/**
 * The node arrays of a fitted tree, as `tree_` of `DecisionTreeClassifier` and
 * `DecisionTreeRegressor` holds them (leaves have childrenLeft === -1).
 */
export interface TreeDiagramData {
  childrenLeft: ArrayLike<number>;
  childrenRight: ArrayLike<number>;
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  /** nValues numbers per node: class weights (classifier) or the prediction (regressor). */
  value: ArrayLike<number>;
  nValues: number;
  impurity: ArrayLike<number>;
  nNodeSamples: ArrayLike<number>;
}

export interface TreeDiagramOptions extends ChartOptions {
  featureNames?: readonly string[];
  /** Class names for a classifier's value columns; without them values are shown as numbers. */
  classNames?: readonly (string | number)[];
  /** Draw only this many levels below the root (deeper nodes are left out). Default 4. */
  maxDepth?: number;
  /** Name of the impurity in node labels. Default 'impurity'. */
  impurityName?: string;
}

interface Placed { id: number; depth: number; x: number }

/**
 * A fitted decision tree as a node-link diagram: each split shows its rule, impurity and
 * sample count; each leaf its prediction. Leaves are spaced evenly left to right in
 * order and each parent sits midway above its children (a simple tidy layout), and the
 * root is at the top.
 *
 * @example
 * const tree = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, y);
 * treeDiagram(tree.tree_, { featureNames: ['petal length', 'petal width'], classNames: tree.classes_ });
 */
export function treeDiagram(tree: TreeDiagramData, options: TreeDiagramOptions = {}): ChartSpec {
  const maxDepth = options.maxDepth ?? 4;
  const placed: Placed[] = [];
  let nextLeaf = 0;
  const place = (id: number, depth: number): number => {
    const left = tree.childrenLeft[id];
    if (left === -1 || depth >= maxDepth) {
      placed.push({ id, depth, x: nextLeaf });
      return nextLeaf++;
    }
    const xl = place(left, depth + 1);
    const xr = place(tree.childrenRight[id], depth + 1);
    const x = (xl + xr) / 2;
    placed.push({ id, depth, x });
    return x;
  };
  place(0, 0);
  const parentOf = new Map<number, number>();
  for (const { id, depth } of placed) {
    if (tree.childrenLeft[id] !== -1 && depth < maxDepth) {
      parentOf.set(tree.childrenLeft[id], id);
      parentOf.set(tree.childrenRight[id], id);
    }
  }
  const pos = new Map(placed.map((p) => [p.id, p]));
  const k = tree.nValues;
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  const nodes = placed.map(({ id, depth, x }) => {
    const values = Array.from({ length: k }, (_, c) => tree.value[id * k + c]);
    const isSplit = tree.childrenLeft[id] !== -1;
    const truncated = isSplit && depth >= maxDepth;
    const lines: string[] = [];
    if (isSplit && !truncated) {
      const f = tree.feature[id];
      lines.push(`${options.featureNames?.[f] ?? `x[${f}]`} <= ${fmt(tree.threshold[id])}`);
    }
    lines.push(`${options.impurityName ?? 'impurity'} = ${tree.impurity[id].toFixed(3)}`, `samples = ${tree.nNodeSamples[id]}`);
    let predicted: string;
    if (k > 1) {
      let best = 0;
      for (let c = 1; c < k; c++) if (values[c] > values[best]) best = c;
      predicted = String(options.classNames?.[best] ?? best);
      lines.push(`value = [${values.map(fmt).join(', ')}]`, `class = ${predicted}`);
    } else {
      predicted = fmt(values[0]);
      lines.push(`value = ${predicted}`);
    }
    if (truncated) lines.push('(subtree not shown)');
    return { id, x, depth, label: lines, predicted, leaf: !isSplit || truncated };
  });
  const edges = placed.filter((p) => parentOf.has(p.id)).map((p) => {
    const parent = pos.get(parentOf.get(p.id)!)!;
    return { x: parent.x, depth: parent.depth, x2: p.x, depth2: p.depth, side: tree.childrenLeft[parent.id] === p.id ? 'yes' : 'no' };
  });
  const levels = Math.max(...placed.map((p) => p.depth)) + 1;
  const x = { field: 'x', type: 'quantitative', axis: null, scale: { domain: [-0.6, Math.max(nextLeaf - 0.4, 0.6)] } };
  const y = { field: 'depth', type: 'quantitative', axis: null, scale: { domain: [-0.5, levels - 0.4], reverse: true } };
  return {
    ...baseSpec(options, { width: Math.max(200, 150 * nextLeaf), height: Math.max(120, 120 * levels) }),
    layer: [
      {
        data: { values: edges },
        mark: { type: 'rule', color: '#999' },
        encoding: { x, y, x2: { field: 'x2' }, y2: { field: 'depth2' } },
      },
      {
        data: { values: nodes },
        mark: { type: 'point', shape: 'square', size: 9000, filled: true, opacity: 1 },
        encoding: { x, y, color: { field: k > 1 ? 'predicted' : 'leaf', type: 'nominal', legend: null, scale: { scheme: 'pastel1' } } },
      },
      {
        data: { values: nodes },
        // Multi-line text hangs below its anchor: lift it by half its height to centre it.
        mark: { type: 'text', fontSize: 10, lineHeight: 12, baseline: 'middle', dy: -6 * (Math.max(...nodes.map((n) => n.label.length)) - 1) },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  };
}
