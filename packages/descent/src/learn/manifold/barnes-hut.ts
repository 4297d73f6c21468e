/**
 * Barnes–Hut t-SNE (van der Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 15,
 * 2014), as scikit-learn's `method='barnes_hut'` does it:
 *
 * - P is sparse: each point's Gaussian covers only its ⌊3·perplexity + 1⌋ nearest neighbours
 *   (beyond three standard deviations the weights are negligible), so P has O(n·perplexity)
 *   entries instead of n².
 * - The gradient splits into an attractive part, Σ_j p_ij q_ij Z (y_i − y_j) over P's
 *   entries, and a repulsive part, Σ_j q_ij² Z² (y_i − y_j) / Z over all pairs. The repulsive
 *   sum is approximated with a space-partitioning tree (a quadtree in 2-D, an octree in 3-D):
 *   a cell of width w whose centre of mass is at distance d from y_i stands in for all its
 *   points when w/d < θ (`angle`), costing O(n log n) per step instead of O(n²).
 */
import type { Matrix } from '../base/validation.js';
import { bruteKnn } from '../neighbors/brute.js';
import { resolveMetric } from '../neighbors/distance.js';
import { binarySearchPerplexity } from './perplexity.js';

const FLOAT32_TINY = 1.1754943508222875e-38;
/** Points closer than this (per coordinate) share a leaf, as in scikit-learn's _QuadTree. */
const DUPLICATE_EPSILON = 1e-6;

/** A symmetric sparse matrix in compressed sparse row form. */
export interface SparseP { indptr: Int32Array; indices: Int32Array; data: Float64Array }

/**
 * P from the k = min(n − 1, ⌊3·perplexity + 1⌋) nearest neighbours of each row (scikit-learn's
 * _joint_probabilities_nn): conditional p_j|i by the same binary search as the exact method
 * but over the neighbours only, then P = (P_cond + P_condᵀ) / Σ, kept sparse.
 *
 * ```ts
 * const P = jointProbabilitiesNN({ data, rows: n, cols: d }, 30);   // CSR, about 2·91·n entries
 * ```
 */
export function jointProbabilitiesNN(M: Matrix, perplexity: number): SparseP {
  const n = M.rows;
  const k = Math.min(n - 1, Math.floor(3 * perplexity + 1));
  const metric = resolveMetric('euclidean');
  // k + 1 neighbours of each point among all points, then the point itself dropped.
  const { rdist, index } = bruteKnn(M.data, n, M.cols, M.data, n, k + 1, metric);
  const D = new Float32Array(n * k); // squared distances in float32, as scikit-learn passes them
  const nbr = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    let self = index[i].indexOf(i);
    if (self < 0) self = k; // a duplicate took its place: drop the farthest instead
    for (let a = 0, b = 0; a <= k; a++) {
      if (a === self) continue;
      // scikit-learn squares the square root of the reduced distance; keep that rounding.
      D[i * k + b] = Math.sqrt(rdist[i][a]) ** 2;
      nbr[i * k + b++] = index[i][a];
    }
  }
  const cond = binarySearchPerplexity(D, n, k, perplexity, false);
  // Symmetrize: every (i, j, p_j|i) also contributes to (j, i); sum duplicates row by row.
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = nbr[i * k + t];
      const v = cond[i * k + t];
      rows[i].set(j, (rows[i].get(j) ?? 0) + v);
      rows[j].set(i, (rows[j].get(i) ?? 0) + v);
    }
  }
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) indptr[i + 1] = indptr[i] + rows[i].size;
  const indices = new Int32Array(indptr[n]);
  const data = new Float64Array(indptr[n]);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const cols = [...rows[i].keys()].sort((a, b) => a - b);
    cols.forEach((j, t) => {
      indices[indptr[i] + t] = j;
      total += data[indptr[i] + t] = rows[i].get(j)!;
    });
  }
  total = Math.max(total, 2 ** -52);
  for (let t = 0; t < data.length; t++) data[t] /= total;
  return { indptr, indices, data };
}

/**
 * A 2^d-ary space-partitioning tree over the embedding (d = 2: quadtree, d = 3: octree). Each
 * cell keeps its point count, centre of mass and squared largest width; cells split at their
 * geometric centre until one point (or a clump of duplicates) remains.
 */
export class SpaceTree {
  readonly d: number;
  count: Int32Array;
  bary: Float64Array;
  sqWidth: Float64Array;
  /** children[c·2^d + q]: the child in orthant q, or −1. */
  children: Int32Array;
  /** 1 for a leaf (one point or a clump of duplicates). */
  leaf: Uint8Array;
  size = 0;
  private readonly fan: number;

  constructor(Y: Float32Array, n: number, d: number) {
    this.d = d;
    this.fan = 1 << d;
    const cap = 4 * n + 16;
    this.count = new Int32Array(cap);
    this.bary = new Float64Array(cap * d);
    this.sqWidth = new Float64Array(cap);
    this.children = new Int32Array(cap * this.fan);
    this.leaf = new Uint8Array(cap);
    const lo = new Float64Array(d).fill(Infinity);
    const hi = new Float64Array(d).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < d; a++) {
        lo[a] = Math.min(lo[a], Y[i * d + a]);
        hi[a] = Math.max(hi[a], Y[i * d + a]);
      }
    }
    // Pad the upper bound so no point lies on it (scikit-learn's build_tree does the same).
    for (let a = 0; a < d; a++) hi[a] = Math.max(hi[a] * (1 + 1e-3 * Math.sign(hi[a])), hi[a] + 1e-3);
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    this.code = new Uint8Array(n);
    this.build(Y, idx, new Int32Array(n), 0, n, lo, hi, 0);
  }

  /** Orthant code of each point while its cell is split. */
  private code = new Uint8Array(0);
  private bounds: Float64Array[] = [];

  /** The bounds buffer (side 0: lower, 1: upper) for cells at this depth. */
  private levelBounds(depth: number, side: number): Float64Array {
    while (this.bounds.length <= 2 * depth + side) this.bounds.push(new Float64Array(this.d));
    return this.bounds[2 * depth + side];
  }

  private grow(): void {
    const cap = this.count.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, m: number): T => {
      const b = new (a.constructor as new (len: number) => T)(cap * m);
      b.set(a);
      return b;
    };
    this.count = g(this.count, 1);
    this.bary = g(this.bary, this.d);
    this.sqWidth = g(this.sqWidth, 1);
    this.children = g(this.children, this.fan);
    this.leaf = g(this.leaf, 1);
  }

  /** Builds the cell holding idx[from, to) inside [lo, hi); returns its id. */
  private build(Y: Float32Array, idx: Int32Array, tmp: Int32Array, from: number, to: number, lo: Float64Array, hi: Float64Array, depth: number): number {
    if (this.size === this.count.length) this.grow();
    const d = this.d;
    const id = this.size++;
    this.count[id] = to - from;
    let w2 = 0;
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let t = from; t < to; t++) s += Y[idx[t] * d + a];
      this.bary[id * d + a] = s / (to - from);
      w2 = Math.max(w2, (hi[a] - lo[a]) ** 2);
    }
    this.sqWidth[id] = w2;
    this.children.fill(-1, id * this.fan, (id + 1) * this.fan);
    let duplicates = true;
    const first = idx[from];
    for (let t = from + 1; t < to && duplicates; t++) {
      for (let a = 0; a < d; a++) if (Math.abs(Y[idx[t] * d + a] - Y[first * d + a]) > DUPLICATE_EPSILON) { duplicates = false; break; }
    }
    this.leaf[id] = duplicates || depth > 60 ? 1 : 0;
    if (this.leaf[id]) return id;
    // Counting sort of the points into orthants (bit a set: coordinate a ≥ the centre).
    const code = this.code;
    const start = new Int32Array(this.fan + 1);
    for (let t = from; t < to; t++) {
      const i = idx[t];
      let q = 0;
      for (let a = 0; a < d; a++) if (Y[i * d + a] >= (lo[a] + hi[a]) / 2) q |= 1 << a;
      code[t] = q;
      start[q + 1]++;
    }
    for (let q = 0; q < this.fan; q++) start[q + 1] += start[q];
    const fill = start.slice();
    for (let t = from; t < to; t++) tmp[from + fill[code[t]]++] = idx[t];
    idx.set(tmp.subarray(from, to), from);
    // The children's bounds live in this depth's slot of a reusable buffer: each child is
    // built completely before the next one's bounds are written.
    const clo = this.levelBounds(depth + 1, 0);
    const chi = this.levelBounds(depth + 1, 1);
    for (let q = 0; q < this.fan; q++) {
      if (start[q] === start[q + 1]) continue;
      for (let a = 0; a < d; a++) {
        const mid = (lo[a] + hi[a]) / 2;
        clo[a] = q & (1 << a) ? mid : lo[a];
        chi[a] = q & (1 << a) ? hi[a] : mid;
      }
      const child = this.build(Y, idx, tmp, from + start[q], from + start[q + 1], clo, chi, depth + 1);
      this.children[id * this.fan + q] = child;
    }
    return id;
  }
}

/**
 * The t-SNE gradient with the Barnes–Hut repulsion, written into `grad` (n, d) as float32,
 * already multiplied by 2(ν + 1)/ν; returns KL(P‖Q) over P's entries when `withError`
 * (scikit-learn's _kl_divergence_bh and _barnes_hut_tsne.gradient).
 */
export function klGradientBH(Y: Float32Array, P: SparseP, n: number, d: number, dof: number, angle: number, grad: Float32Array, withError: boolean): number {
  const tree = new SpaceTree(Y, n, d);
  const theta2 = angle * angle;
  const exponent = (dof + 1) / 2;
  const neg = new Float64Array(n * d);
  const diff = new Float64Array(d);
  // The walk pushes at most 2^d children per level of a tree at most 62 levels deep.
  const stack = new Int32Array(64 << d);
  let sumQ = 0;
  for (let i = 0; i < n; i++) sumQ += d === 2 ? repulsion2d(tree, Y, i, theta2, dof, exponent, neg, stack) : repulsion(tree, Y, i, theta2, dof, exponent, neg, stack, diff);
  let error = 0;
  const cst = (2 * (dof + 1)) / dof;
  const pos = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    pos.fill(0);
    for (let t = P.indptr[i]; t < P.indptr[i + 1]; t++) {
      const j = P.indices[t];
      let dij = 0;
      for (let a = 0; a < d; a++) {
        diff[a] = Y[i * d + a] - Y[j * d + a];
        dij += diff[a] * diff[a];
      }
      let q = dof / (dof + dij);
      if (dof !== 1) q = q ** exponent;
      const pij = P.data[t];
      if (withError) {
        const qn = q / sumQ;
        error += pij * Math.log(Math.max(pij, FLOAT32_TINY) / Math.max(qn, FLOAT32_TINY));
      }
      const m = pij * q;
      for (let a = 0; a < d; a++) pos[a] += m * diff[a];
    }
    for (let a = 0; a < d; a++) grad[i * d + a] = Math.fround(Math.fround(pos[a] - neg[i * d + a] / sumQ) * cst);
  }
  return error;
}

/**
 * The repulsive force on point i, Σ over summarized cells of size·q²·(y_i − centre) with
 * q = (1 + dist²/ν)^(−(ν+1)/2), added into neg[i]; returns Σ size·q (this point's share of Z).
 * A cell is summarized when it is a leaf or its squared width / squared distance < θ²; a
 * leaf within 1e-6 in every coordinate is the point itself and is skipped (scikit-learn's summarize).
 */
function repulsion(tree: SpaceTree, Y: Float32Array, i: number, theta2: number, dof: number, exponent: number, neg: Float64Array, stack: Int32Array, diff: Float64Array): number {
  const { d, count, bary, sqWidth, children, leaf } = tree;
  const fan = 1 << d;
  let z = 0;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const c = stack[--top];
    let dist2 = 0;
    let duplicate = true;
    for (let a = 0; a < d; a++) {
      diff[a] = Y[i * d + a] - bary[c * d + a];
      dist2 += diff[a] * diff[a];
      if (Math.abs(diff[a]) > DUPLICATE_EPSILON) duplicate = false;
    }
    if (leaf[c] && duplicate) continue;
    if (leaf[c] || sqWidth[c] / dist2 < theta2) {
      let q = dof / (dof + dist2);
      if (dof !== 1) q = q ** exponent;
      z += count[c] * q;
      const mult = count[c] * q * q;
      for (let a = 0; a < d; a++) neg[i * d + a] += mult * diff[a];
      continue;
    }
    for (let q = fan - 1; q >= 0; q--) {
      const ch = children[c * fan + q];
      if (ch !== -1) stack[top++] = ch;
    }
  }
  return z;
}

/** `repulsion` for the usual 2-D embedding (ν = 1), with the coordinates in registers. */
function repulsion2d(tree: SpaceTree, Y: Float32Array, i: number, theta2: number, dof: number, exponent: number, neg: Float64Array, stack: Int32Array): number {
  const { count, bary, sqWidth, children, leaf } = tree;
  const yx = Y[2 * i];
  const yy = Y[2 * i + 1];
  let fx = 0;
  let fy = 0;
  let z = 0;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const c = stack[--top];
    const dx = yx - bary[2 * c];
    const dy = yy - bary[2 * c + 1];
    const dist2 = dx * dx + dy * dy;
    const isLeaf = leaf[c] === 1;
    if (isLeaf && Math.abs(dx) <= DUPLICATE_EPSILON && Math.abs(dy) <= DUPLICATE_EPSILON) continue;
    if (isLeaf || sqWidth[c] < theta2 * dist2) {
      let q = dof / (dof + dist2);
      if (dof !== 1) q = q ** exponent;
      const size = count[c];
      z += size * q;
      const mult = size * q * q;
      fx += mult * dx;
      fy += mult * dy;
      continue;
    }
    const base = 4 * c;
    for (let q = 3; q >= 0; q--) {
      const ch = children[base + q];
      if (ch !== -1) stack[top++] = ch;
    }
  }
  neg[2 * i] = fx;
  neg[2 * i + 1] = fy;
  return z;
}
