/**
 * What every recommender here shares: the seen-items matrix from `fit`, scores for all
 * items of one user, top-k lists that skip what the user has already seen, and a small
 * symmetric positive-definite solver for the least-squares steps of ALS and ridge.
 */
import { choleskyKernel } from '../linalg/cholesky-kernel.js';
import { fromData } from '../linalg/matrix.js';
import { checkUser, type Csr, notFitted } from './interactions.js';

/** Options of `recommend`. */
export interface RecommendOptions {
  /** Leave out the items the user interacted with in the training data (default true). */
  excludeSeen?: boolean;
}

/** A fitted model that scores items for a user. */
export abstract class Recommender {
  /** The training matrix by user (rows: users, sorted item ids); set by `fit`. */
  seen_?: Csr;

  /** The name used in error messages. */
  protected abstract get owner(): string;

  /** Scores of every item for user `u` (higher is better), length nItems. */
  abstract scoreUser(u: number): Float64Array;

  /** The training matrix, or the not-fitted error. */
  protected fitted(): Csr {
    return this.seen_ ?? notFitted(this.owner);
  }

  /**
   * The `k` best items for user `u`, best first, skipping seen items unless told not to.
   *
   * @example
   * ```ts
   * const top = model.recommend(0, 10); // Int32Array of 10 item ids
   * ```
   */
  recommend(u: number, k: number, options: RecommendOptions = {}): Int32Array {
    const R = this.fitted();
    checkUser(`${this.owner}.recommend`, u, R.nRows);
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`${this.owner}.recommend: k must be a positive integer; got ${k}`);
    const exclude = options.excludeSeen === false ? undefined : R.indices.subarray(R.indptr[u], R.indptr[u + 1]);
    return topK(this.scoreUser(u), k, exclude);
  }

  /**
   * Scores for (user, item) pairs: a predicted rating for explicit models.
   *
   * @example
   * ```ts
   * model.predict([0, 1], [5, 7]); // Float64Array(2)
   * ```
   */
  predict(users: ArrayLike<number>, items: ArrayLike<number>): Float64Array {
    const R = this.fitted();
    const fn = `${this.owner}.predict`;
    if (users.length !== items.length) throw new RangeError(`${fn}: users and items must have the same length; got ${users.length} and ${items.length}`);
    const out = new Float64Array(users.length);
    for (let n = 0; n < users.length; n++) {
      checkUser(fn, users[n], R.nRows);
      const i = items[n];
      if (!Number.isInteger(i) || i < 0 || i >= R.nCols) throw new RangeError(`${fn}: item ${i} is not an integer id in [0, ${R.nCols})`);
      out[n] = this.predictOne(users[n], i);
    }
    return out;
  }

  /** One score; models override this when scoring all items would be wasteful. */
  protected predictOne(u: number, i: number): number {
    return this.scoreUser(u)[i];
  }
}

/**
 * Indices of the `k` largest scores, largest first (ties: lower index first), skipping
 * the sorted ids in `exclude`. A size-k min-heap makes it O(n log k), not a full sort.
 *
 * @example
 * ```ts
 * Array.from(topK(new Float64Array([0.1, 0.9, 0.5]), 2)); // [1, 2]
 * ```
 */
export function topK(scores: ArrayLike<number>, k: number, exclude?: ArrayLike<number>): Int32Array {
  const heap: number[] = []; // item ids; heap[0] is the worst kept
  const worse = (a: number, b: number): boolean => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  let e = 0;
  for (let i = 0; i < scores.length; i++) {
    if (exclude !== undefined) {
      while (e < exclude.length && exclude[e] < i) e++;
      if (e < exclude.length && exclude[e] === i) continue;
    }
    if (Number.isNaN(scores[i])) continue;
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c], heap[p])) break;
        [heap[c], heap[p]] = [heap[p], heap[c]];
        c = p;
      }
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      for (let p = 0; ; ) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && worse(heap[l], heap[m])) m = l;
        if (r < heap.length && worse(heap[r], heap[m])) m = r;
        if (m === p) break;
        [heap[m], heap[p]] = [heap[p], heap[m]];
        p = m;
      }
    }
  }
  heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return Int32Array.from(heap);
}

/**
 * Solve A·x = b for a symmetric positive-definite n×n `A` (row-major) by Cholesky,
 * writing x into `out`. ALS calls this once per user and item per sweep.
 */
export function solveSpd(A: Float64Array, b: Float64Array, n: number, out: Float64Array): Float64Array {
  const res = choleskyKernel(fromData(A, n, n));
  if ('failedMinor' in res) throw new Error('solveSpd: the normal equations are not positive definite; increase the regularization');
  const L = res.L.data;
  // L·y = b (forward), then Lᵀ·x = y (backward).
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let j = 0; j < i; j++) s -= L[i * n + j] * out[j];
    out[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i];
    for (let j = i + 1; j < n; j++) s -= L[j * n + i] * out[j];
    out[i] = s / L[i * n + i];
  }
  return out;
}

/** Dot product of row `a` of `A` and row `b` of `B`, both with `f` columns. */
export function rowDot(A: Float64Array, a: number, B: Float64Array, b: number, f: number): number {
  let s = 0;
  for (let k = 0; k < f; k++) s += A[a * f + k] * B[b * f + k];
  return s;
}
