/**
 * Neighbourhood collaborative filtering (Herlocker et al. 1999; Sarwar et al. 2001):
 * predict a user's rating of an item from the k most similar users who rated it
 * (`UserKNN`) or from the user's own ratings of the k items most similar to it (`ItemKNN`).
 *
 * With mean-centering the prediction is r̂ = μ_e + Σ s·(r − μ_n) / Σ|s|, where e is the user
 * (or item) being predicted and n runs over its neighbours: it removes each person's
 * personal scale (a generous rater's 4 is a stingy rater's 3).
 */
import { Recommender } from './base.js';
import { checkInteractions, checkParam, type Csr, type Interactions, toCsr } from './interactions.js';

/** Hyper-parameters of `UserKNN` and `ItemKNN`. */
export interface KNNParams {
  /** Neighbours used per prediction (default 20). */
  k?: number;
  /**
   * `'cosine'` on the raw rating vectors (missing = 0) or `'pearson'`: cosine after
   * centring each vector by its own mean over its observed entries (default 'pearson').
   */
  similarity?: 'cosine' | 'pearson';
  /** Predict deviations from the means, then add the mean back (default true). */
  center?: boolean;
}

/**
 * Pairwise similarities between the rows of `E` (dense nRows × nRows, row-major),
 * accumulated column by column so the cost is Σ_c (entries in column c)², not nRows²·nCols.
 *
 * @example
 * ```ts
 * const S = rowSimilarities(toCsr(train, false), 'cosine'); // item-item
 * ```
 */
export function rowSimilarities(E: Csr, similarity: 'cosine' | 'pearson'): Float64Array {
  const n = E.nRows;
  const means = rowMeans(E);
  const centred = Float64Array.from(E.data);
  if (similarity === 'pearson') {
    for (let r = 0; r < n; r++) for (let p = E.indptr[r]; p < E.indptr[r + 1]; p++) centred[p] -= means[r];
  }
  const byCol = toCsr({ users: rowIds(E), items: E.indices, values: centred, nUsers: n, nItems: E.nCols }, false);
  const S = new Float64Array(n * n);
  for (let c = 0; c < byCol.nRows; c++) {
    for (let p = byCol.indptr[c]; p < byCol.indptr[c + 1]; p++) {
      const a = byCol.indices[p];
      const va = byCol.data[p];
      for (let q = byCol.indptr[c]; q < byCol.indptr[c + 1]; q++) S[a * n + byCol.indices[q]] += va * byCol.data[q];
    }
  }
  const norms = new Float64Array(n);
  for (let r = 0; r < n; r++) norms[r] = Math.sqrt(S[r * n + r]);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const d = norms[a] * norms[b];
      S[a * n + b] = d > 0 ? S[a * n + b] / d : 0;
    }
  }
  return S;
}

function rowIds(E: Csr): Int32Array {
  const ids = new Int32Array(E.indices.length);
  for (let r = 0; r < E.nRows; r++) ids.fill(r, E.indptr[r], E.indptr[r + 1]);
  return ids;
}

function rowMeans(E: Csr): Float64Array {
  const m = new Float64Array(E.nRows);
  for (let r = 0; r < E.nRows; r++) {
    let s = 0;
    for (let p = E.indptr[r]; p < E.indptr[r + 1]; p++) s += E.data[p];
    const cnt = E.indptr[r + 1] - E.indptr[r];
    m[r] = cnt > 0 ? s / cnt : NaN;
  }
  return m;
}

abstract class NeighborhoodModel extends Recommender {
  readonly params: Required<KNNParams>;
  /** Similarities between users (UserKNN) or items (ItemKNN), row-major. */
  similarity_: Float64Array = new Float64Array(0);
  /** Mean rating of each user (UserKNN) or item (ItemKNN); the global mean where none. */
  means_: Float64Array = new Float64Array(0);
  private byTarget?: Csr;

  constructor(params: KNNParams = {}) {
    super();
    this.params = { k: 20, similarity: 'pearson', center: true, ...params };
  }

  protected abstract get byUsers(): boolean;

  fit(data: Interactions): this {
    const { k, similarity, center } = this.params;
    checkParam(this.owner, 'k', k, Number.isInteger(k) && k >= 1, 'an int in the range [1, inf)');
    checkParam(this.owner, 'similarity', similarity, similarity === 'cosine' || similarity === 'pearson', "one of 'cosine', 'pearson'");
    checkParam(this.owner, 'center', center, typeof center === 'boolean', 'a boolean');
    checkInteractions(`${this.owner}.fit`, data);
    const byEntity = toCsr(data, this.byUsers);
    this.byTarget = toCsr(data, !this.byUsers);
    this.similarity_ = rowSimilarities(byEntity, similarity);
    let mu = 0;
    for (let n = 0; n < data.values.length; n++) mu += data.values[n];
    mu /= data.values.length;
    this.means_ = rowMeans(byEntity).map((m) => (Number.isNaN(m) ? mu : m));
    this.seen_ = this.byUsers ? byEntity : this.byTarget;
    return this;
  }

  scoreUser(u: number): Float64Array {
    const R = this.fitted();
    const out = new Float64Array(R.nCols);
    for (let i = 0; i < R.nCols; i++) out[i] = this.predictOne(u, i);
    return out;
  }

  protected override predictOne(u: number, i: number): number {
    const T = this.byTarget as Csr;
    const e = this.byUsers ? u : i;
    const t = this.byUsers ? i : u;
    const nE = this.means_.length;
    // Candidates: the other users who rated i (or the other items u rated), most similar first.
    const cand: number[] = [];
    for (let p = T.indptr[t]; p < T.indptr[t + 1]; p++) {
      const n = T.indices[p];
      if (n !== e && this.similarity_[e * nE + n] > 0) cand.push(p);
    }
    cand.sort((a, b) => this.similarity_[e * nE + T.indices[b]] - this.similarity_[e * nE + T.indices[a]] || a - b);
    let num = 0;
    let den = 0;
    for (let c = 0; c < Math.min(this.params.k, cand.length); c++) {
      const p = cand[c];
      const n = T.indices[p];
      const s = this.similarity_[e * nE + n];
      num += s * (this.params.center ? T.data[p] - this.means_[n] : T.data[p]);
      den += Math.abs(s);
    }
    if (den === 0) return this.means_[e]; // no usable neighbour: fall back to the mean
    return (this.params.center ? this.means_[e] : 0) + num / den;
  }
}

/**
 * User-based collaborative filtering.
 *
 * @example
 * ```ts
 * import { UserKNN } from 'descent/recommend';
 * const model = new UserKNN({ k: 30, similarity: 'pearson' }).fit(train);
 * model.predict([0], [3]);
 * ```
 */
export class UserKNN extends NeighborhoodModel {
  protected get owner(): string {
    return 'UserKNN';
  }
  protected get byUsers(): boolean {
    return true;
  }
}

/**
 * Item-based collaborative filtering (Sarwar et al. 2001): item similarities are stable
 * and few compared with users, which is why Amazon chose it (Linden, Smith & York 2003).
 *
 * @example
 * ```ts
 * import { ItemKNN } from 'descent/recommend';
 * const model = new ItemKNN({ k: 20, similarity: 'cosine' }).fit(train);
 * model.recommend(0, 10);
 * ```
 */
export class ItemKNN extends NeighborhoodModel {
  protected get owner(): string {
    return 'ItemKNN';
  }
  protected get byUsers(): boolean {
    return false;
  }
}
