/**
 * A seeded simulator of a ratings data set, for lessons and tests of `descent/recommend`.
 *
 * Why a simulator: no real ratings data set that may be redistributed is available offline
 * here (MovieLens's licence forbids redistribution, and Debian packages none), so this
 * generates data with the three properties that make real ratings hard:
 *
 * 1. Low-rank taste: affinity a_ui = μ + b_u + b_i + θ_u·φ_i + ε, rating = round(a) clipped
 *    to 1..5 (the model matrix factorization assumes, Koren, Bell & Volinsky 2009).
 * 2. Popularity skew: items have Zipf weights w_i ∝ rank^(−s), so a few items collect most
 *    ratings (the long tail).
 * 3. Missing not at random: a user rates item i with probability ∝ w_i·exp(β·(a_ui − μ)):
 *    people rate what they chose to watch, and they choose what they expect to like
 *    (Marlin & Zemel 2009), so observed ratings skew high.
 *
 * Each user's number of ratings is log-normal, timestamps grow per user, and items carry
 * binary "genre" features correlated with their latent factors, for cold-start lessons.
 */
import { Generator } from '../random/index.js';

/** Options of `makeRatings`. */
export interface MakeRatingsOptions {
  nUsers?: number;
  nItems?: number;
  /** Rank of the true taste model (default 4). */
  nFactors?: number;
  /** Median number of ratings per user (default 20). */
  ratingsPerUser?: number;
  /** Zipf exponent s of item popularity; 0 is uniform (default 1). */
  popularity?: number;
  /** β, how strongly expected enjoyment drives what gets rated; 0 is missing at random (default 1). */
  mnar?: number;
  /** Standard deviation of the rating noise ε (default 0.5). */
  noise?: number;
  /** Number of binary content features per item (default 8). */
  nGenres?: number;
  seed?: number;
}

/** What `makeRatings` returns: interactions plus the truth behind them. */
export interface Ratings {
  users: Int32Array;
  items: Int32Array;
  /** Ratings 1..5. */
  values: Float64Array;
  /** Days since the start, increasing within each user's history. */
  timestamps: Float64Array;
  nUsers: number;
  nItems: number;
  /** (nItems, nGenres) 0/1 content features. */
  itemFeatures: number[][];
  /** The noise-free affinity μ + b_u + b_i + θ_u·φ_i of every pair, row-major (nUsers, nItems). */
  trueAffinity: Float64Array;
  /** The Zipf popularity weight of each item (sums to 1). */
  popularityWeights: Float64Array;
}

/**
 * Simulate ratings with low-rank taste, a long tail and missing-not-at-random observation.
 *
 * @example
 * ```ts
 * import { makeRatings } from 'descent/datasets';
 * const data = makeRatings({ nUsers: 300, nItems: 200, seed: 0 });
 * data.values.length; // about 300 × 20 ratings
 * ```
 */
export function makeRatings(options: MakeRatingsOptions = {}): Ratings {
  const {
    nUsers = 300, nItems = 200, nFactors = 4, ratingsPerUser = 20, popularity = 1, mnar = 1, noise = 0.5, nGenres = 8, seed = 0,
  } = options;
  const ints: [string, number, number][] = [['nUsers', nUsers, 1], ['nItems', nItems, 2], ['nFactors', nFactors, 1], ['nGenres', nGenres, 0]];
  for (const [name, v, min] of ints) {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`makeRatings: \`${name}\` must be an integer >= ${min}; got ${v}`);
  }
  for (const [name, v] of [['ratingsPerUser', ratingsPerUser], ['popularity', popularity], ['mnar', mnar], ['noise', noise]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`makeRatings: \`${name}\` must be a finite number >= 0; got ${v}`);
  }
  const g = new Generator(seed);
  const mu = 3.4;
  const scale = 1 / Math.sqrt(nFactors);
  const theta = Float64Array.from({ length: nUsers * nFactors }, () => g.normal(0, 1) * scale);
  const phi = Float64Array.from({ length: nItems * nFactors }, () => g.normal(0, 1));
  const bu = Float64Array.from({ length: nUsers }, () => g.normal(0, 0.3));
  const bi = Float64Array.from({ length: nItems }, () => g.normal(0, 0.4));
  // Zipf weights over a random popularity order.
  const rank = g.permutation(nItems);
  const w = Float64Array.from(rank, (r) => (r + 1) ** -popularity);
  const wsum = w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < nItems; i++) w[i] /= wsum;
  const affinity = new Float64Array(nUsers * nItems);
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      let s = mu + bu[u] + bi[i];
      for (let k = 0; k < nFactors; k++) s += theta[u * nFactors + k] * phi[i * nFactors + k];
      affinity[u * nItems + i] = s;
    }
  }
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  const times: number[] = [];
  const keys = new Float64Array(nItems);
  const order = Int32Array.from({ length: nItems }, (_, i) => i);
  for (let u = 0; u < nUsers; u++) {
    const n = Math.min(Math.floor(nItems / 2), Math.max(2, Math.round(ratingsPerUser * Math.exp(g.normal(0, 0.6)))));
    // Weighted sampling without replacement (Efraimidis & Spirakis 2006): keep the n largest ln(U)/weight.
    for (let i = 0; i < nItems; i++) {
      const weight = w[i] * Math.exp(mnar * (affinity[u * nItems + i] - mu));
      keys[i] = Math.log(1 - g.random()) / weight;
    }
    order.sort((a, b) => keys[b] - keys[a]);
    let t = g.uniform(0, 300);
    for (let c = 0; c < n; c++) {
      const i = order[c];
      const r = Math.min(5, Math.max(1, Math.round(affinity[u * nItems + i] + g.normal(0, noise))));
      t += -Math.log(1 - g.random()) * 3; // exponential gaps, mean 3 days
      users.push(u);
      items.push(i);
      values.push(r);
      times.push(t);
    }
    order.sort((a, b) => a - b);
  }
  // Genres: genre k is present when φ_i points along a random direction g_k, plus noise.
  const dirs = Float64Array.from({ length: nGenres * nFactors }, () => g.normal(0, 1));
  const itemFeatures: number[][] = [];
  for (let i = 0; i < nItems; i++) {
    const row: number[] = [];
    for (let k = 0; k < nGenres; k++) {
      let s = 0;
      for (let a = 0; a < nFactors; a++) s += phi[i * nFactors + a] * dirs[k * nFactors + a];
      row.push(s + g.normal(0, 0.5) > 0.5 ? 1 : 0);
    }
    itemFeatures.push(row);
  }
  return {
    users: Int32Array.from(users), items: Int32Array.from(items), values: Float64Array.from(values), timestamps: Float64Array.from(times),
    nUsers, nItems, itemFeatures, trueAffinity: affinity, popularityWeights: w,
  };
}
