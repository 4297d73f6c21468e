/**
 * Ranking quality for retrieval and recommendation: each row of `yTrue` holds the
 * relevance of n documents for one query, and the matching row of `yScore` the scores
 * that rank them. DCG/NDCG follow sklearn.metrics.dcg_score/ndcg_score (ties in the
 * scores get the average gain of the tied block, McSherry & Najork 2008).
 */
import { checkArray, checkConsistentLength, type MatrixLike } from '../base/validation.js';

function rowsOf(yTrue: MatrixLike, yScore: MatrixLike): { T: number[][]; S: number[][] } {
  const t = checkArray(yTrue, { name: 'yTrue' });
  const s = checkArray(yScore, { name: 'yScore' });
  checkConsistentLength(t.rows, s.rows);
  if (t.cols !== s.cols) throw new Error(`yTrue and yScore have different shapes: (${t.rows}, ${t.cols}) and (${s.rows}, ${s.cols}).`);
  const rows = (m: typeof t) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return { T: rows(t), S: rows(s) };
}

/** Documents by decreasing score; equal scores keep their original order. */
function rankByScore(score: number[]): number[] {
  return score.map((_, j) => j).sort((a, b) => score[b] - score[a] || a - b);
}

/** DCG of one query with tied scores sharing their average gain. */
function tieAveragedDcg(rel: number[], score: number[], discountCumsum: number[]): number {
  const order = rankByScore(score);
  let dcg = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    let gain = 0;
    while (end < order.length && score[order[end]] === score[order[start]]) gain += rel[order[end++]];
    const discount = discountCumsum[end - 1] - (start > 0 ? discountCumsum[start - 1] : 0);
    dcg += (gain / (end - start)) * discount;
    start = end;
  }
  return dcg;
}

function dcgPerQuery(T: number[][], S: number[][], k: number | null, logBase: number, ignoreTies: boolean): number[] {
  const n = T[0].length;
  const discount = Array.from({ length: n }, (_, i) => (k !== null && i >= k ? 0 : 1 / (Math.log(i + 2) / Math.log(logBase))));
  const cumsum: number[] = [];
  discount.reduce((s, v, i) => (cumsum[i] = s + v), 0);
  return T.map((rel, q) => {
    if (!ignoreTies) return tieAveragedDcg(rel, S[q], cumsum);
    return rankByScore(S[q]).reduce((s, doc, r) => s + rel[doc] * discount[r], 0);
  });
}

/**
 * Discounted cumulative gain Σᵣ relᵣ / log_b(r + 1) over the top k ranks, averaged over queries.
 */
export function dcgScore(yTrue: MatrixLike, yScore: MatrixLike, options: { k?: number | null; logBase?: number; ignoreTies?: boolean } = {}): number {
  const { T, S } = rowsOf(yTrue, yScore);
  const d = dcgPerQuery(T, S, options.k ?? null, options.logBase ?? 2, options.ignoreTies ?? false);
  return d.reduce((s, v) => s + v, 0) / d.length;
}

/**
 * Normalised DCG: DCG divided by the DCG of the ideal ranking, in [0, 1]; a query with no
 * relevant documents scores 0. Relevances must be non-negative.
 *
 * ```ts
 * ndcgScore([[10, 0, 0, 1, 5]], [[0.1, 0.2, 0.3, 4, 70]]); // 0.6956940443813076
 * ```
 */
export function ndcgScore(yTrue: MatrixLike, yScore: MatrixLike, options: { k?: number | null; ignoreTies?: boolean } = {}): number {
  const { T, S } = rowsOf(yTrue, yScore);
  if (T.some((r) => r.some((v) => v < 0))) throw new Error('ndcgScore should not be used on negative yTrue values.');
  if (T[0].length <= 1) throw new Error('Computing NDCG is only meaningful when there is more than 1 document.');
  const k = options.k ?? null;
  const gain = dcgPerQuery(T, S, k, 2, options.ignoreTies ?? false);
  const ideal = dcgPerQuery(T, T, k, 2, true);
  const per = gain.map((g, q) => (ideal[q] === 0 ? 0 : g / ideal[q]));
  return per.reduce((s, v) => s + v, 0) / per.length;
}

/**
 * Precision at k: the fraction of the k top-scored documents that are relevant
 * (relevance > 0), averaged over queries. Ties in the scores keep document order.
 */
export function precisionAtK(yTrue: MatrixLike, yScore: MatrixLike, k: number): number {
  const { T, S } = rowsOf(yTrue, yScore);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`precisionAtK: k must be an integer >= 1, got ${k}`);
  const per = T.map((rel, q) => rankByScore(S[q]).slice(0, k).filter((doc) => rel[doc] > 0).length / k);
  return per.reduce((s, v) => s + v, 0) / per.length;
}

/**
 * Mean average precision: for each query, the average precision (as
 * `averagePrecisionScore`: Σₙ (Rₙ − Rₙ₋₁)·Pₙ, tied scores one threshold) of its
 * relevance > 0 labels under its scores; then the mean over queries.
 */
export function meanAveragePrecision(yTrue: MatrixLike, yScore: MatrixLike): number {
  const { T, S } = rowsOf(yTrue, yScore);
  const per = T.map((rel, q) => {
    const score = S[q];
    const nRel = rel.filter((v) => v > 0).length;
    if (nRel === 0) return 0;
    const order = rankByScore(score);
    let ap = 0;
    let tp = 0;
    let prevRecall = 0;
    for (let r = 0; r < order.length; r++) {
      tp += rel[order[r]] > 0 ? 1 : 0;
      // Only at the end of a block of tied scores is there a threshold.
      if (r < order.length - 1 && score[order[r + 1]] === score[order[r]]) continue;
      const recall = tp / nRel;
      ap += (recall - prevRecall) * (tp / (r + 1));
      prevRecall = recall;
    }
    return ap;
  });
  return per.reduce((s, v) => s + v, 0) / per.length;
}
