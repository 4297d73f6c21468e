/**
 * A fitted tree as flat typed arrays, one entry per node, as scikit-learn's `tree_`:
 * node 0 is the root; an internal node sends a sample left when
 * `x[feature[i]] <= threshold[i]`; a leaf has `childrenLeft[i] === childrenRight[i] === -1`
 * and `feature[i] === threshold[i] === -2`. `value` holds `nValues` numbers per node:
 * the weighted class counts (classifiers) or the prediction (regressors).
 */
export interface TreeArrays {
  nodeCount: number;
  /** Depth of the deepest leaf (the root alone has depth 0). */
  maxDepth: number;
  /** Numbers per node in `value`: the number of classes, or 1. */
  nValues: number;
  childrenLeft: Int32Array;
  childrenRight: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  /** (nodeCount, nValues), row-major. */
  value: Float64Array;
  impurity: Float64Array;
  nNodeSamples: Int32Array;
  weightedNNodeSamples: Float64Array;
}

export const TREE_LEAF = -1;
export const TREE_UNDEFINED = -2;

/** Collects nodes while a tree grows; `finish` packs them into typed arrays. */
export class TreeBuilderStore {
  left: number[] = [];
  right: number[] = [];
  feature: number[] = [];
  threshold: number[] = [];
  impurity: number[] = [];
  nSamples: number[] = [];
  wSamples: number[] = [];
  value: number[] = [];
  maxDepth = 0;

  constructor(readonly nValues: number) {}

  get count(): number {
    return this.left.length;
  }

  /** Appends a node and links it from its parent; returns its id. */
  addNode(parent: number, isLeft: boolean, isLeaf: boolean, feature: number, threshold: number, impurity: number, nSamples: number, wSamples: number, depth: number): number {
    const id = this.left.length;
    if (parent >= 0) {
      if (isLeft) this.left[parent] = id;
      else this.right[parent] = id;
    }
    this.left.push(TREE_LEAF);
    this.right.push(TREE_LEAF);
    this.feature.push(isLeaf ? TREE_UNDEFINED : feature);
    this.threshold.push(isLeaf ? TREE_UNDEFINED : threshold);
    this.impurity.push(impurity);
    this.nSamples.push(nSamples);
    this.wSamples.push(wSamples);
    for (let k = 0; k < this.nValues; k++) this.value.push(0);
    if (depth > this.maxDepth) this.maxDepth = depth;
    return id;
  }

  makeLeaf(id: number): void {
    this.left[id] = TREE_LEAF;
    this.right[id] = TREE_LEAF;
    this.feature[id] = TREE_UNDEFINED;
    this.threshold[id] = TREE_UNDEFINED;
  }

  finish(): TreeArrays {
    return {
      nodeCount: this.count,
      maxDepth: this.maxDepth,
      nValues: this.nValues,
      childrenLeft: Int32Array.from(this.left),
      childrenRight: Int32Array.from(this.right),
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      value: Float64Array.from(this.value),
      impurity: Float64Array.from(this.impurity),
      nNodeSamples: Int32Array.from(this.nSamples),
      weightedNNodeSamples: Float64Array.from(this.wSamples),
    };
  }
}

/** The leaf each row of X (row-major, `cols` features) lands in; values are rounded to float32 as in `fit`. */
export function applyTree(tree: TreeArrays, data: Float64Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  const { childrenLeft: L, childrenRight: R, feature: F, threshold: T } = tree;
  for (let i = 0; i < rows; i++) {
    let node = 0;
    const base = i * cols;
    while (L[node] !== TREE_LEAF) node = Math.fround(data[base + F[node]]) <= T[node] ? L[node] : R[node];
    out[i] = node;
  }
  return out;
}

/** For each row, the ids of the nodes it passes through, root first. */
export function decisionPathOf(tree: TreeArrays, data: Float64Array, rows: number, cols: number): number[][] {
  const { childrenLeft: L, childrenRight: R, feature: F, threshold: T } = tree;
  return Array.from({ length: rows }, (_, i) => {
    const path = [0];
    let node = 0;
    while (L[node] !== TREE_LEAF) {
      node = Math.fround(data[i * cols + F[node]]) <= T[node] ? L[node] : R[node];
      path.push(node);
    }
    return path;
  });
}

/**
 * Mean decrease in impurity per feature (Breiman et al. 1984): each split credits its
 * feature with N_t·i(t) − N_L·i(L) − N_R·i(R), divided by the root's weight; normalized
 * to sum to 1 unless `normalize` is false (the tree is a single leaf: all zeros).
 */
export function treeFeatureImportances(tree: TreeArrays, nFeatures: number, normalize = true): Float64Array {
  const imp = new Float64Array(nFeatures);
  const { childrenLeft: L, childrenRight: R, feature: F, impurity: I, weightedNNodeSamples: W } = tree;
  for (let t = 0; t < tree.nodeCount; t++) {
    if (L[t] === TREE_LEAF) continue;
    imp[F[t]] += W[t] * I[t] - W[L[t]] * I[L[t]] - W[R[t]] * I[R[t]];
  }
  for (let j = 0; j < nFeatures; j++) imp[j] /= W[0];
  if (normalize) {
    let s = 0;
    for (let j = 0; j < nFeatures; j++) s += imp[j];
    if (s > 0) for (let j = 0; j < nFeatures; j++) imp[j] /= s;
  }
  return imp;
}

/** Depth of every node (root 0). */
export function nodeDepths(tree: TreeArrays): Int32Array {
  const depth = new Int32Array(tree.nodeCount);
  for (let t = 0; t < tree.nodeCount; t++) {
    const l = tree.childrenLeft[t];
    if (l !== TREE_LEAF) {
      depth[l] = depth[t] + 1;
      depth[tree.childrenRight[t]] = depth[t] + 1;
    }
  }
  return depth;
}
