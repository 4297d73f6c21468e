// descent/recommend against scikit-learn 1.2.1 and NumPy (fixture: tools/fixtures/recommend.py),
// plus behaviour checks on the seeded simulator: what each model must beat, and bad input.
import { describe, expect, it } from 'vitest';
import { makeRatings } from '../../src/datasets/index.js';
import { NotFittedError } from '../../src/learn/base/errors.js';
import {
  ALS, BPR, ContentToFactors, FunkSVD, ImplicitALS, ItemKNN, ItemMean, Popularity, UserKNN, alsHalfStep, averagePrecisionAtK, coverage,
  evaluateTopK, hitRateAtK, implicitAlsHalfStep, leaveOneOut, ndcgAtK, ndcgScore, precisionAtK, recallAtK, rowSimilarities, temporalSplit,
  toCsr, topK, type Interactions,
} from '../../src/recommend/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Fixture {
  ndcg: { yTrue: number[][]; yScore: number[][]; k: number | null; ndcg: number }[];
  ratings: Interactions;
  cosine: number[][]; pearson: number[][];
  Y: number[][]; f: number; lambda: number; alpha: number;
  alsHalfStep: number[][]; implicitAlsHalfStep: number[][];
  features: number[][]; ridgeAlpha: number; ridgeCoef: number[][]; ridgeIntercept: number[]; ridgePredict: number[][];
}
const fx = loadFixture<Fixture>('recommend.json');

function expectRows(actual: ArrayLike<number>, expected: number[][], tol = 1e-9): void {
  const flat = expected.flat();
  expect(actual.length).toBe(flat.length);
  flat.forEach((v, n) => expect(actual[n]).toBeCloseTo(v, -Math.log10(tol)));
}

describe('goldens', () => {
  it('ndcgScore equals scikit-learn ndcg_score, ties and k included', () => {
    for (const c of fx.ndcg) expect(ndcgScore(c.yTrue, c.yScore, c.k ?? undefined)).toBeCloseTo(c.ndcg, 12);
  });
  it('ndcgAtK on a ranked list equals ndcg_score on the scores that rank it', () => {
    // Graded gains of 6 items, ranked by distinct scores: both functions see the same order.
    const yTrue = [3, 0, 2, 1, 0, 2];
    const yScore = [0.1, 0.9, 0.5, 0.3, 0.8, 0.2];
    const ranked = Array.from(topK(yScore, 6));
    const gains = new Map(yTrue.map((g, i) => [i, g] as const).filter(([, g]) => g > 0));
    for (const k of [1, 3, 6]) expect(ndcgAtK(ranked, gains, k)).toBeCloseTo(ndcgScore([yTrue], [yScore], k), 12);
  });
  it('item similarities equal cosine_similarity (raw and item-centred)', () => {
    const byItem = toCsr(fx.ratings, false);
    expectRows(rowSimilarities(byItem, 'cosine'), fx.cosine, 1e-12);
    expectRows(rowSimilarities(byItem, 'pearson'), fx.pearson, 1e-12);
  });
  it('alsHalfStep and implicitAlsHalfStep equal dense numpy solves', () => {
    const R = toCsr(fx.ratings, true);
    const Y = Float64Array.from(fx.Y.flat());
    expectRows(alsHalfStep(R, Y, fx.f, fx.lambda, new Float64Array(R.nRows * fx.f)), fx.alsHalfStep, 1e-10);
    expectRows(implicitAlsHalfStep(R, Y, fx.f, fx.lambda, fx.alpha, new Float64Array(R.nRows * fx.f)), fx.implicitAlsHalfStep, 1e-10);
  });
  it('ContentToFactors equals sklearn Ridge with an intercept', () => {
    const map = new ContentToFactors({ alpha: fx.ridgeAlpha }).fit(fx.features, Float64Array.from(fx.Y.flat()), fx.f);
    expectRows(map.coef_ as Float64Array, fx.ridgeCoef, 1e-10);
    expectRows(map.intercept_ as Float64Array, [fx.ridgeIntercept], 1e-10);
    expectRows(map.transform([[1, 0, 1, 1], [0, 0, 0, 0]]), fx.ridgePredict, 1e-10);
  });
});

describe('ranking metrics by hand', () => {
  const rec = [5, 2, 9, 1, 7];
  const rel = [2, 7, 8];
  it('precision, recall, hit rate, AP, coverage', () => {
    expect(precisionAtK(rec, rel, 2)).toBe(0.5);
    expect(recallAtK(rec, rel, 5)).toBeCloseTo(2 / 3, 15);
    expect(hitRateAtK(rec, rel, 1)).toBe(0);
    expect(hitRateAtK(rec, rel, 2)).toBe(1);
    // hits at ranks 2 and 5: (1/2 + 2/5) / min(5, 3)
    expect(averagePrecisionAtK(rec, rel, 5)).toBeCloseTo((1 / 2 + 2 / 5) / 3, 15);
    expect(coverage([[0, 1], [1, 2]], 10)).toBe(0.3);
    expect(() => precisionAtK(rec, rel, 0)).toThrow(/precisionAtK: k must be a positive integer/);
  });
  it('topK skips excluded ids and breaks ties by the lower id', () => {
    expect(Array.from(topK([1, 3, 3, 2, 0], 3))).toEqual([1, 2, 3]);
    expect(Array.from(topK([1, 3, 3, 2, 0], 3, [1, 3]))).toEqual([2, 0, 4]);
  });
});

describe('models on the simulator', () => {
  const data = makeRatings({ nUsers: 300, nItems: 150, seed: 1 });
  const { train, test } = leaveOneOut(data, { timestamps: data.timestamps });
  const split = temporalSplit(data, data.timestamps, 0.2);
  const rmse = (m: { predict: (u: ArrayLike<number>, i: ArrayLike<number>) => Float64Array }): number => {
    const p = m.predict(split.test.users, split.test.items);
    let s = 0;
    for (let n = 0; n < p.length; n++) s += (p[n] - split.test.values[n]) ** 2;
    return Math.sqrt(s / p.length);
  };

  it('splits: leave-one-out holds out each user’s latest; temporal is a time cutoff', () => {
    expect(train.users.length + test.users.length).toBe(data.users.length);
    expect(test.users.length).toBe(data.nUsers);
    const at = new Map(Array.from(data.users, (u, m) => [u * data.nItems + data.items[m], data.timestamps[m]] as const));
    const time = (d: Interactions): number[] => Array.from(d.users, (u, n) => at.get(u * data.nItems + d.items[n]) as number);
    expect(Math.max(...time(split.train))).toBeLessThan(Math.min(...time(split.test)));
    expect(split.test.users.length / data.users.length).toBeCloseTo(0.2, 2);
  });

  it('rating models beat the item mean on held-out future ratings', () => {
    const base = rmse(new ItemMean({ damping: 5 }).fit(split.train));
    const als = rmse(new ALS({ factors: 8 }).fit(split.train));
    const funk = rmse(new FunkSVD({ epochs: 30 }).fit(split.train));
    const knn = rmse(new ItemKNN().fit(split.train));
    expect(als).toBeLessThan(base - 0.02);
    expect(funk).toBeLessThan(base - 0.02);
    expect(knn).toBeLessThan(base);
    // User-based CF is the weakest here (few ratings per user): it beats the global mean only.
    const mu = Array.from(split.train.values).reduce((a, b) => a + b, 0) / split.train.values.length;
    const global = Math.sqrt(Array.from(split.test.values).reduce((s, v) => s + (v - mu) ** 2, 0) / split.test.values.length);
    expect(rmse(new UserKNN().fit(split.train))).toBeLessThan(global);
  });

  it('ALS training error decreases every sweep; FunkSVD’s decreases overall', () => {
    const als = new ALS({ factors: 6, iterations: 8 }).fit(train);
    for (let t = 1; t < als.trainRmse_.length; t++) expect(als.trainRmse_[t]).toBeLessThanOrEqual(als.trainRmse_[t - 1] + 1e-12);
    const funk = new FunkSVD({ epochs: 10 }).fit(train);
    expect(funk.trainRmse_[9]).toBeLessThan(funk.trainRmse_[0]);
  });

  it('BPR beats popularity on leave-one-out NDCG@10; every model ranks unseen items only', () => {
    const pop = evaluateTopK(new Popularity().fit(train), test, 10);
    const bpr = new BPR({ factors: 16, epochs: 30 }).fit(train);
    const res = evaluateTopK(bpr, test, 10);
    expect(res.ndcg).toBeGreaterThan(pop.ndcg);
    expect(res.coverage).toBeGreaterThan(pop.coverage);
    expect(bpr.trainAuc_[bpr.trainAuc_.length - 1]).toBeGreaterThan(0.8);
    const ials = new ImplicitALS({ factors: 16, alpha: 10 }).fit(train);
    const R = toCsr(train, true);
    for (let u = 0; u < 20; u++) {
      const seen = new Set(Array.from(R.indices.subarray(R.indptr[u], R.indptr[u + 1])));
      for (const i of ials.recommend(u, 10)) expect(seen.has(i)).toBe(false);
    }
    expect(evaluateTopK(ials, test, 10).hitRate).toBeGreaterThan(0.1);
  });

  it('cold start: content-mapped factors rank a new item better than chance', () => {
    // Hide 30 items entirely, learn the feature → factor map on the rest, score the hidden ones.
    const hidden = new Set(Array.from({ length: 30 }, (_, k) => k * 5));
    const keep = Array.from(data.items, (i, n) => (hidden.has(i) ? -1 : n)).filter((n) => n >= 0);
    const warm: Interactions = {
      users: keep.map((n) => data.users[n]), items: keep.map((n) => data.items[n]), values: keep.map((n) => data.values[n]),
      nUsers: data.nUsers, nItems: data.nItems,
    };
    const als = new ALS({ factors: 4, regularization: 0.1 }).fit(warm);
    const warmIds = Array.from({ length: data.nItems }, (_, i) => i).filter((i) => !hidden.has(i));
    const f = 4;
    const factors = Float64Array.from(warmIds.flatMap((i) => Array.from(als.itemFactors_.subarray(i * f, (i + 1) * f))));
    const map = new ContentToFactors({ alpha: 1 }).fit(warmIds.map((i) => data.itemFeatures[i]), factors, f);
    const cold = [...hidden];
    const q = map.transform(cold.map((i) => data.itemFeatures[i]));
    // Correlation between predicted and true affinity over all (user, cold item) pairs.
    const xs: number[] = [];
    const ys: number[] = [];
    for (let u = 0; u < data.nUsers; u++) {
      cold.forEach((i, c) => {
        let s = 0;
        for (let a = 0; a < f; a++) s += als.userFactors_[u * f + a] * q[c * f + a];
        xs.push(s);
        ys.push(data.trueAffinity[u * data.nItems + i]);
      });
    }
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    let sxy = 0, sxx = 0, syy = 0;
    xs.forEach((x, n) => { sxy += (x - mx) * (ys[n] - my); sxx += (x - mx) ** 2; syy += (ys[n] - my) ** 2; });
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.2);
  });
});

describe('bad input', () => {
  const ok: Interactions = { users: [0, 1], items: [1, 0], values: [5, 3], nUsers: 2, nItems: 2 };
  it('names the function, the problem and the fix', () => {
    expect(() => new ALS().fit({ ...ok, users: [0, 2] })).toThrow(/ALS\.fit: users\[1\] = 2 is not an integer id in \[0, 2\)/);
    expect(() => new BPR().fit({ ...ok, users: [0, 0], items: [1, 1] })).toThrow(/appears twice; aggregate duplicates/);
    expect(() => new FunkSVD().fit({ ...ok, values: [5, NaN] })).toThrow(/FunkSVD\.fit: values\[1\] = NaN is not finite/);
    expect(() => new ALS({ factors: 0 }).fit(ok)).toThrow('The `factors` parameter of ALS must be an int in the range [1, inf). Got 0 instead.');
    expect(() => new UserKNN({ similarity: 'jaccard' as 'cosine' }).fit(ok)).toThrow(/`similarity` parameter of UserKNN/);
    expect(() => new ImplicitALS().fit({ ...ok, values: [1, -1] })).toThrow(/ImplicitALS\.fit: values\[1\] = -1 is negative/);
    expect(() => new ALS().recommend(0, 3)).toThrow(NotFittedError);
    expect(() => new Popularity().fit(ok).recommend(5, 1)).toThrow(/Popularity\.recommend: user 5 is not an integer id/);
    expect(() => new FunkSVD({ learningRate: 50, epochs: 50 }).fit(makeRatings({ nUsers: 20, nItems: 10, seed: 0 }))).toThrow(/diverged.*lower the learningRate/);
  });
  const models = { ALS, BPR, FunkSVD, ImplicitALS, ItemKNN, ItemMean, Popularity, UserKNN };
  it('every model rejects each bad input with an error naming it', () => {
    const bad: [Interactions, RegExp][] = [
      [{ ...ok, users: [0, -1] }, /users\[1\] = -1 is not an integer id/],
      [{ ...ok, items: [0, 0.5] }, /items\[1\] = 0\.5 is not an integer id/],
      [{ ...ok, values: [1, Infinity] }, /values\[1\] = Infinity is not finite/],
      [{ ...ok, values: [1] }, /users, items and values must have one entry per interaction/],
      [{ ...ok, nUsers: 0 }, /`nUsers` must be a positive integer/],
      [{ users: [], items: [], values: [], nUsers: 1, nItems: 1 }, /no interactions to learn from/],
    ];
    for (const [name, Model] of Object.entries(models)) {
      for (const [data, message] of bad) {
        expect(() => new Model().fit(data)).toThrow(new RegExp(`^${name}\\.fit: ${message.source}`));
      }
    }
  });
  it('every model scores tiny data without NaN, including a user with no ratings', () => {
    const tiny: Interactions = { users: [0, 1], items: [0, 1], values: [4, 2], nUsers: 3, nItems: 3 };
    for (const Model of Object.values(models)) {
      const m = new Model().fit(tiny);
      for (let u = 0; u < 3; u++) expect(Array.from(m.scoreUser(u)).every(Number.isFinite)).toBe(true);
      expect(m.recommend(2, 5).length).toBe(3);
      expect(m.recommend(0, 5).length).toBe(2);
    }
  });
});
