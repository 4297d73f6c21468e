/**
 * `descent/recommend`: recommender systems from first principles — neighbourhood
 * collaborative filtering, matrix factorization (ALS, biased SGD), implicit feedback
 * (weighted ALS, BPR), content-based cold start, baselines, top-k metrics and splits.
 *
 * ```ts
 * import { makeRatings } from 'descent/datasets';
 * import { ALS, leaveOneOut, evaluateTopK } from 'descent/recommend';
 * const data = makeRatings({ nUsers: 200, nItems: 100, seed: 0 });
 * const { train, test } = leaveOneOut(data, { timestamps: data.timestamps });
 * evaluateTopK(new ALS({ factors: 8 }).fit(train), test, 10).ndcg;
 * ```
 */
export { checkInteractions, toCsr, type Csr, type Interactions } from './interactions.js';
export { Recommender, topK, type RecommendOptions } from './base.js';
export { Popularity, ItemMean, type ItemMeanParams } from './baselines.js';
export { UserKNN, ItemKNN, rowSimilarities, type KNNParams } from './neighbors.js';
export { ALS, FunkSVD, alsHalfStep, type ALSParams, type FunkSVDParams } from './factorization.js';
export { ImplicitALS, BPR, implicitAlsHalfStep, type ImplicitALSParams, type BPRParams } from './implicit.js';
export { ContentToFactors } from './cold-start.js';
export {
  precisionAtK, recallAtK, hitRateAtK, averagePrecisionAtK, ndcgAtK, ndcgScore, coverage, evaluateTopK, type TopKReport,
} from './metrics.js';
export { leaveOneOut, temporalSplit, type InteractionSplit } from './split.js';
