/**
 * Top-k ranking metrics. Each per-user function takes the ranked list a model produced
 * (best first) and the user's relevant held-out items; `evaluateTopK` averages them over
 * users. Conventions follow the usual references: AP@k divides by min(k, |relevant|)
 * (Hamner's ml_metrics), NDCG uses gains with a log2(rank + 1) discount (Järvelin &
 * Kekäläinen 2002), and `ndcgScore` reproduces scikit-learn's `ndcg_score`, ties included.
 */
import type { Recommender } from './base.js';
import { type Interactions, toCsr } from './interactions.js';

type Ids = ArrayLike<number>;

function hits(recommended: Ids, relevant: Ids, k: number): number {
  const rel = new Set(Array.from(relevant));
  let h = 0;
  for (let n = 0; n < Math.min(k, recommended.length); n++) if (rel.has(recommended[n])) h++;
  return h;
}

/**
 * Fraction of the top k that is relevant: |top-k ∩ relevant| / k.
 *
 * @example
 * ```ts
 * precisionAtK([3, 1, 2], [1, 9], 2); // 0.5
 * ```
 */
export function precisionAtK(recommended: Ids, relevant: Ids, k: number): number {
  checkK('precisionAtK', k);
  return hits(recommended, relevant, k) / k;
}

/**
 * Fraction of the relevant items found in the top k (0 when nothing is relevant).
 *
 * @example
 * ```ts
 * recallAtK([3, 1, 2], [1, 9], 2); // 0.5
 * ```
 */
export function recallAtK(recommended: Ids, relevant: Ids, k: number): number {
  checkK('recallAtK', k);
  return relevant.length === 0 ? 0 : hits(recommended, relevant, k) / new Set(Array.from(relevant)).size;
}

/**
 * 1 if any relevant item is in the top k, else 0 (with one held-out item per user,
 * as in leave-one-out, it equals recall@k).
 *
 * @example
 * ```ts
 * hitRateAtK([3, 1, 2], [2], 2); // 0
 * ```
 */
export function hitRateAtK(recommended: Ids, relevant: Ids, k: number): number {
  checkK('hitRateAtK', k);
  return hits(recommended, relevant, k) > 0 ? 1 : 0;
}

/**
 * Average precision at k: Σ_{n≤k} P@n·[item n relevant] / min(k, |relevant|).
 *
 * @example
 * ```ts
 * averagePrecisionAtK([1, 3, 2], [1, 2], 3); // (1/1 + 2/3) / 2
 * ```
 */
export function averagePrecisionAtK(recommended: Ids, relevant: Ids, k: number): number {
  checkK('averagePrecisionAtK', k);
  const rel = new Set(Array.from(relevant));
  if (rel.size === 0) return 0;
  let h = 0;
  let sum = 0;
  for (let n = 0; n < Math.min(k, recommended.length); n++) {
    if (rel.has(recommended[n])) {
      h++;
      sum += h / (n + 1);
    }
  }
  return sum / Math.min(k, rel.size);
}

/**
 * NDCG@k of a ranked list: DCG = Σ_{n<k} gain(item n) / log2(n + 2), divided by the DCG of
 * the best possible order. Binary gains when `relevant` is a list; pass a Map for graded gains.
 *
 * @example
 * ```ts
 * ndcgAtK([1, 3, 2], [2], 3); // 1 / log2(4) = 0.5
 * ```
 */
export function ndcgAtK(recommended: Ids, relevant: Ids | ReadonlyMap<number, number>, k: number): number {
  checkK('ndcgAtK', k);
  const gain = relevant instanceof Map ? relevant : new Map(Array.from(relevant as Ids, (i) => [i, 1] as const));
  let dcg = 0;
  for (let n = 0; n < Math.min(k, recommended.length); n++) dcg += (gain.get(recommended[n]) ?? 0) / Math.log2(n + 2);
  const ideal = [...gain.values()].sort((a, b) => b - a);
  let idcg = 0;
  for (let n = 0; n < Math.min(k, ideal.length); n++) idcg += ideal[n] / Math.log2(n + 2);
  return idcg > 0 ? dcg / idcg : 0;
}

/**
 * scikit-learn's `ndcg_score(y_true, y_score, k=k)`: mean NDCG over rows, where tied
 * scores share the average gain of their group (McSherry & Najork 2008), and rows with no
 * relevance score 0.
 *
 * @example
 * ```ts
 * ndcgScore([[10, 0, 0, 1, 5]], [[0.1, 0.2, 0.3, 4, 70]]); // 0.6956940443813076
 * ```
 */
export function ndcgScore(yTrue: readonly Ids[], yScore: readonly Ids[], k?: number): number {
  if (yTrue.length !== yScore.length || yTrue.length === 0) {
    throw new RangeError(`ndcgScore: yTrue and yScore need the same, non-zero number of rows; got ${yTrue.length} and ${yScore.length}`);
  }
  let total = 0;
  for (let r = 0; r < yTrue.length; r++) {
    const t = Array.from(yTrue[r]);
    const s = Array.from(yScore[r]);
    if (t.length !== s.length) throw new RangeError(`ndcgScore: row ${r} has ${t.length} true values but ${s.length} scores`);
    const cut = k ?? t.length;
    const ideal = tieAveragedDcg(t, t, cut);
    total += ideal > 0 ? tieAveragedDcg(t, s, cut) / ideal : 0;
  }
  return total / yTrue.length;
}

function tieAveragedDcg(gains: number[], scores: number[], k: number): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let dcg = 0;
  for (let start = 0; start < order.length && start < k; ) {
    let end = start;
    let g = 0;
    while (end < order.length && scores[order[end]] === scores[order[start]]) g += gains[order[end++]];
    let discount = 0;
    for (let n = start; n < Math.min(end, k); n++) discount += 1 / Math.log2(n + 2);
    dcg += (g / (end - start)) * discount;
    start = end;
  }
  return dcg;
}

/**
 * Catalogue coverage: the fraction of all items that appear in at least one list.
 *
 * @example
 * ```ts
 * coverage([[0, 1], [1, 2]], 10); // 0.3
 * ```
 */
export function coverage(lists: readonly Ids[], nItems: number): number {
  const seen = new Set<number>();
  for (const l of lists) for (let n = 0; n < l.length; n++) seen.add(l[n]);
  return seen.size / nItems;
}

/** Averages returned by `evaluateTopK`. */
export interface TopKReport {
  precision: number;
  recall: number;
  map: number;
  ndcg: number;
  hitRate: number;
  coverage: number;
  /** Users with at least one test item (the ones averaged over). */
  users: number;
}

/**
 * Fit-free evaluation of a fitted model: for each user with test items, recommend k unseen
 * items and score the list against the test items (those with value ≥ `threshold`).
 *
 * @example
 * ```ts
 * const report = evaluateTopK(model, test, 10); // { precision, recall, map, ndcg, hitRate, coverage, users }
 * ```
 */
export function evaluateTopK(model: Recommender, test: Interactions, k: number, threshold = -Infinity): TopKReport {
  checkK('evaluateTopK', k);
  const T = toCsr(test, true);
  const lists: Int32Array[] = [];
  const sum = { precision: 0, recall: 0, map: 0, ndcg: 0, hitRate: 0 };
  for (let u = 0; u < T.nRows; u++) {
    const rel: number[] = [];
    for (let p = T.indptr[u]; p < T.indptr[u + 1]; p++) if (T.data[p] >= threshold) rel.push(T.indices[p]);
    if (rel.length === 0) continue;
    const rec = model.recommend(u, k);
    lists.push(rec);
    sum.precision += precisionAtK(rec, rel, k);
    sum.recall += recallAtK(rec, rel, k);
    sum.map += averagePrecisionAtK(rec, rel, k);
    sum.ndcg += ndcgAtK(rec, rel, k);
    sum.hitRate += hitRateAtK(rec, rel, k);
  }
  const n = lists.length;
  if (n === 0) throw new RangeError('evaluateTopK: no user has a test item at or above the threshold; nothing to evaluate');
  return {
    precision: sum.precision / n, recall: sum.recall / n, map: sum.map / n, ndcg: sum.ndcg / n,
    hitRate: sum.hitRate / n, coverage: coverage(lists, test.nItems), users: n,
  };
}

function checkK(fn: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${fn}: k must be a positive integer; got ${k}`);
}
