/**
 * Growing a tree (scikit-learn's `DepthFirstTreeBuilder` and `BestFirstTreeBuilder`,
 * `sklearn/tree/_tree.pyx`).
 *
 * Depth-first: a stack of nodes to split; node ids come out in pre-order, left subtree
 * first. Best-first (when `maxLeafNodes` is set): every node's best split is computed as
 * soon as the node exists, and a max-heap on the improvement decides which node to split
 * next, until `maxLeafNodes − 1` splits have been made; ids follow creation order.
 *
 * A node becomes a leaf when it is at `maxDepth`, has fewer than `minSamplesSplit`
 * samples (or fewer than 2·`minSamplesLeaf`), is pure (impurity <= machine epsilon), no
 * valid split exists, or the best split improves the weighted impurity by less than
 * `minImpurityDecrease`.
 */
import type { Generator } from '../../random/index.js';
import { AbsoluteErrorCriterion } from './absolute-error.js';
import { ClassificationCriterion, RegressionCriterion, type Criterion, type CriterionName } from './criterion.js';
import { Splitter, type SplitRecord } from './splitter.js';
import { TreeBuilderStore, type TreeArrays } from './tree-arrays.js';

const EPSILON = 2.220446049250313e-16;

/** Everything the builder needs, already validated and resolved to numbers. */
export interface GrowOptions {
  /** X column-major in float32 (as scikit-learn stores it): feature f of sample i at Xc[f·n + i]. */
  Xc: Float32Array;
  nSamples: number;
  nFeatures: number;
  /** Targets: class codes 0..nClasses−1, or real values. */
  y: Float64Array;
  /** Sample weights (null: all ones). Samples with weight 0 are left out. */
  sampleWeight: Float64Array | null;
  /** Number of classes, or 0 for regression. */
  nClasses: number;
  criterion: CriterionName;
  random: boolean;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minWeightLeaf: number;
  maxFeatures: number;
  maxLeafNodes: number | null;
  minImpurityDecrease: number;
  rng: Generator;
}

export function makeCriterion(o: GrowOptions, weightedNSamples: number): Criterion {
  const { y, sampleWeight: w, criterion } = o;
  if (o.nClasses > 0) return new ClassificationCriterion(y, w, weightedNSamples, o.nClasses, criterion !== 'gini');
  if (criterion === 'absolute_error') return new AbsoluteErrorCriterion(y, w, weightedNSamples);
  return new RegressionCriterion(y, w, weightedNSamples, criterion as 'squared_error' | 'friedman_mse' | 'poisson');
}

interface NodeTask {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
  impurity: number;
  nConstant: number;
}

/** Grows one tree on the samples with positive weight. */
export function growTree(o: GrowOptions): TreeArrays {
  // Samples of weight zero (out of a bootstrap) are not part of any node, as in
  // scikit-learn, which keeps only indices with positive weight.
  const idx: number[] = [];
  let weightedNSamples = 0;
  for (let i = 0; i < o.nSamples; i++) {
    const wi = o.sampleWeight === null ? 1 : o.sampleWeight[i];
    if (wi > 0) {
      idx.push(i);
      weightedNSamples += wi;
    }
  }
  const samples = Int32Array.from(idx);
  const criterion = makeCriterion(o, weightedNSamples);
  const splitter = new Splitter({
    Xc: o.Xc, nSamples: o.nSamples, nFeatures: o.nFeatures, maxFeatures: o.maxFeatures,
    minSamplesLeaf: o.minSamplesLeaf, minWeightLeaf: o.minWeightLeaf, random: o.random, rng: o.rng,
  }, criterion, samples);
  const nValues = o.nClasses > 0 ? o.nClasses : 1;
  const store = new TreeBuilderStore(nValues);
  const value = new Float64Array(nValues);
  const split: SplitRecord = { feature: -1, pos: 0, threshold: 0, improvement: 0, impurityLeft: 0, impurityRight: 0 };
  const minSamplesSplit = Math.max(o.minSamplesSplit, 2 * o.minSamplesLeaf);

  /** Evaluates one node: adds it to the store and returns its best split (pos === end for a leaf). */
  const addNode = (t: NodeTask, first: boolean): { id: number; leaf: boolean; pos: number; improvement: number; left: number; right: number; nConstant: number } => {
    criterion.init(samples, t.start, t.end);
    const wn = criterion.weightedNNodeSamples;
    const n = t.end - t.start;
    const impurity = first ? criterion.nodeImpurity() : t.impurity;
    let leaf = t.depth >= o.maxDepth || n < minSamplesSplit || n < 2 * o.minSamplesLeaf || wn < 2 * o.minWeightLeaf || impurity <= EPSILON;
    let nConstant = t.nConstant;
    if (!leaf) {
      nConstant = splitter.nodeSplit(t.start, t.end, impurity, t.nConstant, split);
      leaf = split.pos >= t.end || split.improvement + EPSILON < o.minImpurityDecrease;
    }
    const id = store.addNode(t.parent, t.isLeft, leaf, split.feature, split.threshold, impurity, n, wn, t.depth);
    // The node's totals are untouched by the split search's reset/update calls.
    criterion.nodeValue(value, 0);
    for (let k = 0; k < nValues; k++) store.value[id * nValues + k] = value[k];
    return leaf
      ? { id, leaf, pos: t.end, improvement: 0, left: impurity, right: impurity, nConstant }
      : { id, leaf, pos: split.pos, improvement: split.improvement, left: split.impurityLeft, right: split.impurityRight, nConstant };
  };

  const root: NodeTask = { start: 0, end: samples.length, depth: 0, parent: -1, isLeft: false, impurity: Infinity, nConstant: 0 };
  if (o.maxLeafNodes === null) {
    const stack: NodeTask[] = [root];
    let first = true;
    while (stack.length) {
      const t = stack.pop()!;
      const r = addNode(t, first);
      first = false;
      if (!r.leaf) {
        stack.push({ start: r.pos, end: t.end, depth: t.depth + 1, parent: r.id, isLeft: false, impurity: r.right, nConstant: r.nConstant });
        stack.push({ start: t.start, end: r.pos, depth: t.depth + 1, parent: r.id, isLeft: true, impurity: r.left, nConstant: r.nConstant });
      }
    }
  } else {
    type Rec = ReturnType<typeof addNode> & { t: NodeTask };
    const heap: Rec[] = [];
    const push = (r: Rec) => {
      heap.push(r);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p].improvement >= heap[i].improvement) break;
        [heap[p], heap[i]] = [heap[i], heap[p]];
        i = p;
      }
    };
    const pop = (): Rec => {
      const top = heap[0];
      const last = heap.pop()!;
      if (heap.length) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && heap[l].improvement > heap[m].improvement) m = l;
          if (r < heap.length && heap[r].improvement > heap[m].improvement) m = r;
          if (m === i) break;
          [heap[m], heap[i]] = [heap[i], heap[m]];
          i = m;
        }
      }
      return top;
    };
    let splitsLeft = o.maxLeafNodes - 1;
    push({ ...addNode(root, true), t: root });
    while (heap.length) {
      const rec = pop();
      if (rec.leaf || splitsLeft <= 0) {
        store.makeLeaf(rec.id);
        continue;
      }
      splitsLeft--;
      const { t } = rec;
      const lt: NodeTask = { start: t.start, end: rec.pos, depth: t.depth + 1, parent: rec.id, isLeft: true, impurity: rec.left, nConstant: rec.nConstant };
      const left = addNode(lt, false);
      const rt: NodeTask = { start: rec.pos, end: t.end, depth: t.depth + 1, parent: rec.id, isLeft: false, impurity: rec.right, nConstant: rec.nConstant };
      const right = addNode(rt, false);
      push({ ...left, t: lt });
      push({ ...right, t: rt });
    }
  }
  return store.finish();
}
