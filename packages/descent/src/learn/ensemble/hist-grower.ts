/**
 * Histogram-based tree growing for gradient boosting (scikit-learn's
 * `_hist_gradient_boosting`, after LightGBM: Ke et al., "LightGBM: a highly efficient
 * gradient boosting decision tree", NeurIPS 2017).
 *
 * 1. Binning: each feature is cut into at most `maxBins` bins at quantiles (midpoints
 *    between distinct values when there are few), once per fit. NaN gets a bin of its own.
 * 2. A node's histogram holds, per feature and bin, the sums of gradients g and hessians h
 *    and the count. The best split of a feature is one left-to-right sweep over its bins,
 *    with the second-order gain of XGBoost (Chen & Guestrin, KDD 2016):
 *        gain = G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ)
 *    and a leaf's value is −G/(H + λ) (times the learning rate). NaN is tried on both
 *    sides and goes where the gain is larger.
 * 3. Only the smaller child's histogram is built from its samples; the larger one is the
 *    parent's minus it. Nodes are split best-first (largest gain) until `maxLeafNodes`.
 * 4. Categorical features split on a set of categories (hist-categorical.ts).
 */
import { findKernel } from '../../tensor/backend.js';
import type { HistBuilderKernel } from '../../tensor/backends/wasm/hist.js';
import { bestCategoricalSplit } from './hist-categorical.js';
import { histLayout, type HistLayout } from './hist-layout.js';

export interface Binned {
  /**
   * Bin of sample i, feature f at `bins[f * n + i]` (column-major). A feature with k edges
   * has bins 0..k for values and bin k + 1 for NaN, so histograms are only as long as
   * each feature needs (digits' pixels take 17 values, not 255).
   */
  bins: Uint8Array;
  n: number;
  d: number;
  /** Upper edges: a value v is in bin b when thresholds[b−1] < v <= thresholds[b]. */
  thresholds: Float64Array[];
  /** Whether the feature had NaN in the training data. */
  hasMissing: boolean[];
  /** Categorical features (hist-categorical.ts): their thresholds are the categories, one bin each. */
  isCategorical?: boolean[];
  /** The histogram layout, made by the first tree grown on these bins and kept for the others. */
  layout?: HistLayout;
}

const ALMOST_INF = 1e300;

/** NumPy's `np.percentile(..., method='midpoint')` on sorted data. */
function midpointPercentile(sorted: Float64Array, q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  return (sorted[Math.floor(pos)] + sorted[Math.ceil(pos)]) / 2;
}

/** Bin edges of one column (scikit-learn's `_find_binning_thresholds`). */
export function binThresholds(values: Float64Array, maxBins: number): Float64Array {
  const finite = values.filter((v) => !Number.isNaN(v)).sort();
  const distinct: number[] = [];
  for (let i = 0; i < finite.length; i++) if (i === 0 || finite[i] !== finite[i - 1]) distinct.push(finite[i]);
  let mids: Float64Array;
  if (distinct.length <= maxBins) {
    mids = new Float64Array(Math.max(distinct.length - 1, 0));
    for (let i = 0; i + 1 < distinct.length; i++) mids[i] = (distinct[i] + distinct[i + 1]) * 0.5;
  } else {
    mids = new Float64Array(maxBins - 1);
    for (let b = 1; b < maxBins; b++) mids[b - 1] = midpointPercentile(finite, (100 * b) / maxBins);
  }
  return mids.map((v) => Math.min(v, ALMOST_INF));
}

/** The bin of a value: how many edges are below it (NaN: the bin after the last). */
export function binOf(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return edges.length + 1;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bins a row-major matrix with known edges. */
export function binData(data: Float64Array, n: number, d: number, thresholds: Float64Array[]): Uint8Array {
  const bins = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) {
    const edges = thresholds[f];
    for (let i = 0; i < n; i++) bins[f * n + i] = binOf(edges, data[i * d + f]);
  }
  return bins;
}

/** A fitted histogram tree, as flat arrays; a leaf has left === -1. */
export interface HistTree {
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  /** Real-valued threshold: x <= threshold goes left. */
  threshold: Float64Array;
  /** 1 when NaN goes left. */
  missingGoLeft: Int32Array;
  value: Float64Array;
  count: Int32Array;
  /** For a categorical split, the raw categories that go left (maybe none: NaN alone can go left); null for other nodes. Absent without categorical features. */
  leftCategories?: (number[] | null)[];
  /** Per feature, the categories seen in training (null for numeric features); an unseen category takes NaN's side, as in scikit-learn. */
  featureCategories?: (number[] | null)[];
}

export interface GrowerOptions {
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  l2Regularization: number;
  learningRate: number;
  minHessianToSplit: number;
}

interface Node {
  id: number;
  start: number;
  end: number;
  depth: number;
  G: number;
  H: number;
  hist: Float64Array | null;
  split: { gain: number; feature: number; bin: number; missingLeft: boolean; GL: number; HL: number; nL: number; leftBins?: Uint8Array } | null;
}

/**
 * Grows one tree on binned data. `g`, `h` are per-sample gradients and hessians; `rows`
 * the samples to use (their order is changed). Returns the tree and, for each leaf, its
 * samples (for losses that refit leaf values, such as absolute error).
 */
export function growHistTree(B: Binned, g: Float64Array, h: Float64Array, rows: Int32Array, o: GrowerOptions): { tree: HistTree; leafRows: Map<number, Int32Array> } {
  const { n, bins } = B;
  const layout = B.layout ?? (B.layout = histLayout(B));
  const { offset, size, active, slot, pool } = layout;
  const nActive = active.length;
  const lambda = o.l2Regularization;
  const nodes: { left: number; right: number; feature: number; threshold: number; missingLeft: boolean; value: number; count: number; leftCategories: number[] | null }[] = [];
  const isCat = B.isCategorical ?? [];
  const leafRows = new Map<number, Int32Array>();

  const release = (hist: Float64Array | null) => { if (hist) pool.push(hist); };

  // One pass over the node's samples, each adding its g and h to its bin of every active
  // feature. Every bin still sums its samples in the order of `rows`, so the sums are those
  // of a feature-by-feature loop, bit for bit. Four features at a time: their bins are
  // distinct, so the order among them changes no sum, and the four read-modify-writes
  // overlap (2.8 instead of 3.9 ns per sample and feature on digits, CPU time of a
  // micro-benchmark of this loop alone).
  // The registered kernel when there is one (hist.c under WebAssembly: the same sums in the
  // same order, without V8's bounds checks), set up with this tree's g and h.
  const kernel = findKernel<HistBuilderKernel>('histBuilder', 'float64');
  const build = kernel ? kernel(slot, nActive, g, h, size) : null;
  // With `parent`, also parent −= the new histogram (histogram subtraction), in place.
  const histogram = (start: number, end: number, parent?: Float64Array): Float64Array => {
    const hist = pool.pop() ?? new Float64Array(size);
    if (build) {
      build(rows, start, end, hist, parent);
      return hist;
    }
    hist.fill(0);
    for (let p = start; p < end; p++) {
      const i = rows[p];
      const gi = g[i];
      const hi = h[i];
      let a = i * nActive;
      const last = a + nActive;
      for (const stop = last - 3; a < stop; a += 4) {
        const b0 = slot[a];
        const b1 = slot[a + 1];
        const b2 = slot[a + 2];
        const b3 = slot[a + 3];
        hist[b0] += gi; hist[b0 + 1] += hi; hist[b0 + 2] += 1;
        hist[b1] += gi; hist[b1 + 1] += hi; hist[b1 + 2] += 1;
        hist[b2] += gi; hist[b2 + 1] += hi; hist[b2 + 2] += 1;
        hist[b3] += gi; hist[b3 + 1] += hi; hist[b3 + 2] += 1;
      }
      for (; a < last; a++) {
        const b = slot[a];
        hist[b] += gi; hist[b + 1] += hi; hist[b + 2] += 1;
      }
    }
    if (parent) for (let k = 0; k < size; k++) parent[k] -= hist[k];
    return hist;
  };

  // scikit-learn's compute_node_value: −G/(H + λ + 1e-15), the 1e-15 guarding against 0/0.
  const nodeValue = (G: number, H: number) => -G / (H + lambda + 1e-15);
  // + 0 turns −0 (from G = 0) into 0, which JSON keeps (a saved model must load back equal).
  const value = (G: number, H: number) => nodeValue(G, H) * o.learningRate + 0;

  const findSplit = (node: Node): void => {
    const nNode = node.end - node.start;
    const hist = node.hist!;
    const { G, H } = node;
    const minLeaf = o.minSamplesLeaf;
    const minHess = o.minHessianToSplit;
    // scikit-learn's `_split_gain`, term by term: its rounding decides exact ties (common with
    // ±1 gradients), so the gain is computed in the same order: loss(v) = G·v with v = −G/(H + λ).
    // The sweeps below write gainOf out in full (the same operations in the same order).
    const lossCurrent = G * nodeValue(G, H);
    const gainOf = (GL: number, HL: number, GR: number, HR: number) => lossCurrent - GL * nodeValue(GL, HL) - GR * nodeValue(GR, HR);
    // The best split so far as scalars (a gain must be > 0 to count).
    let bestGain = 0;
    let bestF = -1;
    let bestBin = 0;
    let bestMissingLeft = false;
    let bestGL = 0;
    let bestHL = 0;
    let bestNL = 0;
    let bestLeftBins: Uint8Array | undefined;
    for (let a = 0; a < nActive; a++) {
      const f = active[a];
      const base = 3 * offset[f];
      if (isCat[f]) {
        const c = bestCategoricalSplit(hist, base, B.thresholds[f].length, B.hasMissing[f], G, H, nNode, o, gainOf);
        if (c && c.gain > bestGain) {
          bestGain = c.gain; bestF = f; bestBin = 0; bestMissingLeft = c.leftBins[B.thresholds[f].length + 1] === 1;
          bestGL = c.GL; bestHL = c.HL; bestNL = c.nL; bestLeftBins = c.leftBins;
        }
        continue;
      }
      const nNonMissing = B.thresholds[f].length + 1;
      const hasMissing = B.hasMissing[f];
      // Missing values to the right, sweeping bins left to right...
      {
        let GL = 0;
        let HL = 0;
        let nL = 0;
        // The last non-missing bin can be a split only when NaN goes right alone.
        const lastBin = hasMissing ? nNonMissing : nNonMissing - 1;
        for (let b = 0; b < lastBin; b++) {
          if (b < nNonMissing) {
            const k = base + 3 * b;
            GL += hist[k];
            HL += hist[k + 1];
            nL += hist[k + 2];
          }
          const nR = nNode - nL;
          if (nL < minLeaf) continue;
          if (nR < minLeaf) break;
          const HR = H - HL;
          if (HL < minHess || HR < minHess) continue;
          const GR = G - GL;
          const gain = lossCurrent - GL * (-GL / (HL + lambda + 1e-15)) - GR * (-GR / (HR + lambda + 1e-15));
          if (gain > bestGain) {
            bestGain = gain; bestF = f; bestBin = Math.min(b, nNonMissing - 1); bestMissingLeft = false;
            bestGL = GL; bestHL = HL; bestNL = nL; bestLeftBins = undefined;
          }
        }
      }
      // ...then, if the feature had NaN, missing values to the left, sweeping right to left
      // (scikit-learn's order, which decides exact ties).
      if (hasMissing) {
        let GR = 0;
        let HR = 0;
        let nR = 0;
        for (let b = nNonMissing - 2; b >= 0; b--) {
          const k = base + 3 * (b + 1);
          GR += hist[k];
          HR += hist[k + 1];
          nR += hist[k + 2];
          const nL = nNode - nR;
          if (nR < minLeaf) continue;
          if (nL < minLeaf) break;
          const HL = H - HR;
          if (HR < minHess || HL < minHess) continue;
          const GL = G - GR;
          const gain = lossCurrent - GL * (-GL / (HL + lambda + 1e-15)) - GR * (-GR / (HR + lambda + 1e-15));
          if (gain > bestGain) {
            bestGain = gain; bestF = f; bestBin = b; bestMissingLeft = true;
            bestGL = GL; bestHL = HL; bestNL = nL; bestLeftBins = undefined;
          }
        }
      }
    }
    node.split = bestF < 0 ? null : {
      gain: bestGain, feature: bestF, bin: bestBin, missingLeft: bestMissingLeft, GL: bestGL, HL: bestHL, nL: bestNL,
      ...(bestLeftBins ? { leftBins: bestLeftBins } : {}),
    };
  };

  const addNode = (count: number, G: number, H: number): number => {
    nodes.push({ left: -1, right: -1, feature: -1, threshold: 0, missingLeft: false, value: value(G, H), count, leftCategories: null });
    return nodes.length - 1;
  };

  let G0 = 0;
  let H0 = 0;
  for (const i of rows) {
    G0 += g[i];
    H0 += h[i];
  }
  const root: Node = { id: addNode(rows.length, G0, H0), start: 0, end: rows.length, depth: 0, G: G0, H: H0, hist: null, split: null };
  const frontier: Node[] = [];
  const finalize = (node: Node) => {
    leafRows.set(node.id, rows.slice(node.start, node.end));
    release(node.hist);
    node.hist = null;
  };
  const consider = (node: Node) => {
    const count = node.end - node.start;
    if (count < 2 * o.minSamplesLeaf || node.H < o.minHessianToSplit || (o.maxDepth !== null && node.depth >= o.maxDepth)) return finalize(node);
    if (!node.hist) node.hist = histogram(node.start, node.end);
    findSplit(node);
    if (!node.split) return finalize(node);
    frontier.push(node);
  };
  consider(root);
  let nLeaves = 1;
  while (frontier.length) {
    let bi = 0;
    for (let k = 1; k < frontier.length; k++) if (frontier[k].split!.gain > frontier[bi].split!.gain) bi = k;
    const node = frontier.splice(bi, 1)[0];
    const s = node.split!;
    // Partition the node's rows: left are bins <= s.bin (NaN by s.missingLeft).
    const col = s.feature * n;
    const missingBin = B.thresholds[s.feature].length + 1;
    let p = node.start;
    let q = node.end;
    while (p < q) {
      const b = bins[col + rows[p]];
      const goLeft = s.leftBins ? s.leftBins[b] === 1 : b === missingBin ? s.missingLeft : b <= s.bin;
      if (goLeft) p++;
      else {
        q--;
        const t = rows[p];
        rows[p] = rows[q];
        rows[q] = t;
      }
    }
    const rec = nodes[node.id];
    rec.feature = s.feature;
    rec.threshold = s.leftBins ? NaN : s.bin < B.thresholds[s.feature].length ? B.thresholds[s.feature][s.bin] : Infinity;
    // A categorical split keeps the raw categories of its left bins (NaN's bin is not a category).
    if (s.leftBins) rec.leftCategories = Array.from(B.thresholds[s.feature]).filter((_, b) => s.leftBins![b] === 1);
    // A feature without NaN in training sends NaN at predict time to the larger child, as scikit-learn does.
    rec.missingLeft = B.hasMissing[s.feature] ? s.missingLeft : p - node.start > node.end - p;
    const left: Node = { id: addNode(p - node.start, s.GL, s.HL), start: node.start, end: p, depth: node.depth + 1, G: s.GL, H: s.HL, hist: null, split: null };
    const right: Node = { id: addNode(node.end - p, node.G - s.GL, node.H - s.HL), start: p, end: node.end, depth: node.depth + 1, G: node.G - s.GL, H: node.H - s.HL, hist: null, split: null };
    rec.left = left.id;
    rec.right = right.id;
    nLeaves++;
    if (o.maxLeafNodes !== null && nLeaves >= o.maxLeafNodes) {
      finalize(left);
      finalize(right);
      for (const f of frontier) finalize(f);
      frontier.length = 0;
      break;
    }
    // Histogram subtraction: build the smaller child's, derive the larger's.
    const [small, large] = left.end - left.start <= right.end - right.start ? [left, right] : [right, left];
    const canSplit = (c: Node) => c.end - c.start >= 2 * o.minSamplesLeaf && (o.maxDepth === null || c.depth < o.maxDepth);
    if (canSplit(small) || canSplit(large)) {
      // The parent's histogram is no longer needed: turn it into the larger child's in place.
      small.hist = histogram(small.start, small.end, node.hist!);
      large.hist = node.hist;
    } else {
      release(node.hist);
    }
    node.hist = null;
    consider(left);
    consider(right);
  }
  const tree: HistTree = {
    left: Int32Array.from(nodes, (x) => x.left),
    right: Int32Array.from(nodes, (x) => x.right),
    feature: Int32Array.from(nodes, (x) => x.feature),
    threshold: Float64Array.from(nodes, (x) => x.threshold),
    missingGoLeft: Int32Array.from(nodes, (x) => (x.missingLeft ? 1 : 0)),
    value: Float64Array.from(nodes, (x) => x.value),
    count: Int32Array.from(nodes, (x) => x.count),
  };
  if (isCat.some(Boolean)) {
    tree.leftCategories = nodes.map((x) => x.leftCategories);
    tree.featureCategories = B.thresholds.map((t, f) => (isCat[f] ? Array.from(t) : null));
  }
  return { tree, leafRows };
}

/** Adds the tree's leaf values for each row of X (row-major, real values; NaN follows missingGoLeft). */
export function predictHistTree(t: HistTree, data: Float64Array, rows: number, cols: number, out: Float64Array, stride = 1, offset = 0): void {
  if (!t.leftCategories) {
    // Numeric splits only: the same walk without the categorical checks.
    const { left: L, right: R, feature, threshold, missingGoLeft, value } = t;
    for (let i = 0; i < rows; i++) {
      const r = i * cols;
      let node = 0;
      while (L[node] !== -1) {
        const v = data[r + feature[node]];
        node = (v !== v ? missingGoLeft[node] === 1 : v <= threshold[node]) ? L[node] : R[node];
      }
      out[i * stride + offset] += value[node];
    }
    return;
  }
  for (let i = 0; i < rows; i++) {
    let node = 0;
    while (t.left[node] !== -1) {
      const v = data[i * cols + t.feature[node]];
      const cats = t.leftCategories?.[node];
      let left: boolean;
      if (cats) {
        // Categorical: NaN and categories unseen in training (non-integers too) follow the missing side.
        left = Number.isNaN(v) || !t.featureCategories![t.feature[node]]!.includes(v) ? t.missingGoLeft[node] === 1 : cats.includes(v);
      } else {
        left = Number.isNaN(v) ? t.missingGoLeft[node] === 1 : v <= t.threshold[node];
      }
      node = left ? t.left[node] : t.right[node];
    }
    out[i * stride + offset] += t.value[node];
  }
}
