/**
 * The decision-tree playground's model: a `DecisionTreeClassifier` from `descent/learn` grown
 * one split at a time. Growing best-first with `maxLeafNodes = s + 1` (scikit-learn's
 * BestFirstTreeBuilder) makes the s splits with the largest weighted impurity decrease, in
 * that order, so the tree after s + 1 splits is the tree after s plus one split. Each step is
 * a refit, which on a few hundred 2-D points takes a few milliseconds.
 */
import { DecisionTreeClassifier, exportText, type TreeArrays } from 'descent/learn';
import type { Data2D } from '../boundaries/models.js';

export type Criterion = 'gini' | 'entropy';

/** A leaf's box in the plane ([x0, x1] × [y0, y1], clipped to the view) and what it predicts. */
export interface LeafRegion { node: number; x0: number; x1: number; y0: number; y1: number; classIndex: number; impurity: number; samples: number }

/** A split drawn as a segment: the node, its feature and threshold, and the box it cuts. */
export interface SplitLine { node: number; feature: number; threshold: number; x0: number; x1: number; y0: number; y1: number; depth: number }

export interface Grown {
  model: DecisionTreeClassifier;
  tree: TreeArrays;
  classes: number[];
  /** Splits made (internal nodes). */
  splits: number;
  leaves: LeafRegion[];
  lines: SplitLine[];
  /** Σ over leaves of (samples / n)·impurity: what each split lowers. */
  weightedImpurity: number;
  trainAccuracy: number;
  testAccuracy: number;
  text: string;
}

/**
 * Fits the tree with `splits` splits (0: the root alone) on the training rows.
 *
 * ```ts
 * const g = growTree(makeData('moons', 200, 0.2, 0), 3, 'gini', [-2, 3, -2, 2]);
 * g.leaves.length; // 4
 * ```
 */
export function growTree(data: Data2D, splits: number, criterion: Criterion, extent: [number, number, number, number]): Grown {
  const Xtr = data.trainIdx.map((i) => data.X[i]);
  const ytr = data.trainIdx.map((i) => data.y[i]);
  // The root alone: no split can lower the impurity by 1e9. Otherwise best-first with s + 1 leaves.
  const params = splits === 0 ? { criterion, minImpurityDecrease: 1e9 } : { criterion, maxLeafNodes: splits + 1, randomState: 0 };
  const model = new DecisionTreeClassifier(params).fit(Xtr, ytr);
  const tree = model.tree_;
  const classes = model.classes_ as number[];
  const leaves: LeafRegion[] = [];
  const lines: SplitLine[] = [];
  const nRoot = tree.weightedNNodeSamples[0];
  let weightedImpurity = 0;
  const walk = (node: number, x0: number, x1: number, y0: number, y1: number, depth: number): void => {
    const left = tree.childrenLeft[node];
    if (left < 0) {
      let best = 0;
      for (let k = 1; k < tree.nValues; k++) if (tree.value[node * tree.nValues + k] > tree.value[node * tree.nValues + best]) best = k;
      leaves.push({ node, x0, x1, y0, y1, classIndex: best, impurity: tree.impurity[node], samples: tree.nNodeSamples[node] });
      weightedImpurity += (tree.weightedNNodeSamples[node] / nRoot) * tree.impurity[node];
      return;
    }
    const f = tree.feature[node];
    const t = tree.threshold[node];
    const right = tree.childrenRight[node];
    if (f === 0) {
      lines.push({ node, feature: 0, threshold: t, x0: t, x1: t, y0, y1, depth });
      walk(left, x0, Math.min(x1, t), y0, y1, depth + 1);
      walk(right, Math.max(x0, t), x1, y0, y1, depth + 1);
    } else {
      lines.push({ node, feature: 1, threshold: t, x0, x1, y0: t, y1: t, depth });
      walk(left, x0, x1, y0, Math.min(y1, t), depth + 1);
      walk(right, x0, x1, Math.max(y0, t), y1, depth + 1);
    }
  };
  const [ex0, ex1, ey0, ey1] = extent;
  walk(0, ex0, ex1, ey0, ey1, 0);
  const acc = (idx: number[]) => {
    if (idx.length === 0) return NaN;
    const pred = model.predict(idx.map((i) => data.X[i]));
    return pred.filter((p, k) => p === data.y[idx[k]]).length / idx.length;
  };
  return {
    model, tree, classes, splits: lines.length, leaves, lines, weightedImpurity,
    trainAccuracy: acc(data.trainIdx), testAccuracy: acc(data.testIdx), text: exportText(model, { featureNames: ['x', 'y'] }),
  };
}

/** The split in `next` that `prev` does not have (by feature and threshold), or null. */
export function newestSplit(prev: Grown | null, next: Grown): SplitLine | null {
  const key = (l: SplitLine) => `${l.feature}:${l.threshold}`;
  const old = new Set((prev?.lines ?? []).map(key));
  return next.lines.find((l) => !old.has(key(l))) ?? null;
}

/** What the newest split did: the parent's impurity and its children's, with their sizes. */
export function describeSplit(g: Grown, line: SplitLine): string {
  const t = g.tree;
  const n = line.node;
  const l = t.childrenLeft[n];
  const r = t.childrenRight[n];
  const f = (v: number) => v.toFixed(3);
  const name = line.feature === 0 ? 'x' : 'y';
  return `${name} ≤ ${line.threshold.toFixed(2)} splits ${t.nNodeSamples[n]} points (impurity ${f(t.impurity[n])}) into ${t.nNodeSamples[l]} (${f(t.impurity[l])}) and ${t.nNodeSamples[r]} (${f(t.impurity[r])}).`;
}
