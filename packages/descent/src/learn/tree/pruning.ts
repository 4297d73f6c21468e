/**
 * Minimal cost-complexity pruning (Breiman et al., "Classification and Regression Trees",
 * 1984, ch. 3; scikit-learn's `_cost_complexity_prune`).
 *
 * The cost of a subtree T is R_α(T) = R(T) + α·|leaves(T)|, with R(T) the sum over its
 * leaves of (node weight / total weight) · impurity. Collapsing the branch under an
 * internal node t trades R(branch_t) for R(t); it pays off once α exceeds
 *
 *   g(t) = (R(t) − R(branch_t)) / (|leaves(branch_t)| − 1).
 *
 * Weakest-link pruning repeatedly collapses the node with the smallest g(t); the
 * sequence of those g values is the pruning path, and `ccpAlpha` keeps the largest
 * subtree whose next g exceeds it.
 */
import { TREE_LEAF, TREE_UNDEFINED, TreeBuilderStore, type TreeArrays } from './tree-arrays.js';

export interface PruningPath {
  /** Effective alphas, increasing, starting at 0. */
  ccpAlphas: number[];
  /** Total leaf impurity R(T) of the subtree at each alpha. */
  impurities: number[];
}

/**
 * Runs weakest-link pruning. Stops before collapsing a node whose g exceeds `alpha`
 * (Infinity runs to the root). Returns which nodes are leaves of the pruned subtree and
 * the path taken.
 */
function prune(tree: TreeArrays, alpha: number): { leaves: Uint8Array; path: PruningPath } {
  const n = tree.nodeCount;
  const { childrenLeft: L, childrenRight: R, weightedNNodeSamples: W, impurity: I } = tree;
  const total = W[0];
  const rNode = new Float64Array(n);
  for (let i = 0; i < n; i++) rNode[i] = (W[i] * I[i]) / total;
  const parent = new Int32Array(n).fill(TREE_UNDEFINED);
  const leaves = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (L[i] === TREE_LEAF) leaves[i] = 1;
    else {
      parent[L[i]] = i;
      parent[R[i]] = i;
    }
  }
  const nLeaves = new Float64Array(n);
  const rBranch = new Float64Array(n);
  for (let leaf = 0; leaf < n; leaf++) {
    if (!leaves[leaf]) continue;
    rBranch[leaf] = rNode[leaf];
    const r = rNode[leaf];
    let t = leaf;
    while (t !== 0) {
      const p = parent[t];
      rBranch[p] += r;
      nLeaves[p] += 1;
      t = p;
    }
  }
  const candidate = Uint8Array.from(leaves, (v) => 1 - v);
  const inSubtree = new Uint8Array(n).fill(1);
  const path: PruningPath = { ccpAlphas: [0], impurities: [rBranch[0]] };
  while (candidate[0]) {
    let effective = Number.MAX_VALUE;
    let pruned = -1;
    for (let i = 0; i < n; i++) {
      if (!candidate[i]) continue;
      const g = (rNode[i] - rBranch[i]) / (nLeaves[i] - 1);
      if (g < effective) {
        effective = g;
        pruned = i;
      }
    }
    if (alpha < effective) break;
    const stack = [pruned];
    while (stack.length) {
      const t = stack.pop()!;
      if (!inSubtree[t]) continue;
      candidate[t] = 0;
      leaves[t] = 0;
      inSubtree[t] = 0;
      if (L[t] !== TREE_LEAF) stack.push(L[t], R[t]);
    }
    leaves[pruned] = 1;
    inSubtree[pruned] = 1;
    const nPrunedLeaves = nLeaves[pruned] - 1;
    nLeaves[pruned] = 0;
    const rDiff = rNode[pruned] - rBranch[pruned];
    rBranch[pruned] = rNode[pruned];
    for (let t = parent[pruned]; t !== TREE_UNDEFINED; t = parent[t]) {
      nLeaves[t] -= nPrunedLeaves;
      rBranch[t] += rDiff;
    }
    path.ccpAlphas.push(effective);
    path.impurities.push(rBranch[0]);
  }
  return { leaves, path };
}

/** The pruning path of a fitted tree (what `costComplexityPruningPath` returns). */
export function pruningPath(tree: TreeArrays): PruningPath {
  return prune(tree, Infinity).path;
}

/** The subtree kept for `ccpAlpha`, renumbered depth-first (left before right). */
export function pruneTree(tree: TreeArrays, ccpAlpha: number): TreeArrays {
  const { leaves } = prune(tree, ccpAlpha);
  const k = tree.nValues;
  const store = new TreeBuilderStore(k);
  const stack: [number, number, number, boolean][] = [[0, 0, -1, false]];
  while (stack.length) {
    const [orig, depth, parent, isLeft] = stack.pop()!;
    const isLeaf = leaves[orig] === 1;
    const id = store.addNode(parent, isLeft, isLeaf, tree.feature[orig], tree.threshold[orig], tree.impurity[orig],
      tree.nNodeSamples[orig], tree.weightedNNodeSamples[orig], depth);
    for (let c = 0; c < k; c++) store.value[id * k + c] = tree.value[orig * k + c];
    if (!isLeaf) {
      stack.push([tree.childrenRight[orig], depth + 1, id, false]);
      stack.push([tree.childrenLeft[orig], depth + 1, id, true]);
    }
  }
  return store.finish();
}
