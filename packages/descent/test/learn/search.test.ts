// GridSearchCV against scikit-learn 1.2.1 with unshuffled folds (tools/fixtures/model_selection.py):
// every cvResults_ score column, the ranks, the best candidate. RandomizedSearchCV draws
// from our own generator, so it is tested for determinism and for staying inside its
// distributions.
import { describe, expect, it } from 'vitest';
import { loadDiabetes, loadIris, loadWine } from '../../src/datasets/index.js';
import {
  GaussianNB, GridSearchCV, KFold, RandomizedSearchCV, Ridge, StandardScaler, loadEstimator, loguniform, makePipeline,
  parameterGrid, parameterSampler, randint, uniform, type BaseEstimator,
} from '../../src/learn/index.js';
import { Generator } from '../../src/random/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface SearchCase {
  name: string; bestParams: Record<string, unknown>; bestScore: number; bestIndex: number;
  params: Record<string, unknown>[]; results: Record<string, number[]>;
}
const fx = decodeNonFinite(loadFixture('model-selection.json')) as { source: string; searches: SearchCase[] };

/** scikit-learn's parameter names in ours: 'ridge__fit_intercept' → 'ridge__fitIntercept'. */
const ourName = (k: string) => k.split('__').map((s) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())).join('__');
const ourParams = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [ourName(k), v]));
const camel = (k: string) => k.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());

const diabetes = loadDiabetes();
const wine = loadWine();

const SEARCHES: Record<string, () => { search: GridSearchCV; X: number[][]; y: number[] }> = {
  'ridge alphas': () => ({
    search: new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: [0.001, 0.01, 0.1, 1, 10, 100] }, cv: 5, returnTrainScore: true }),
    X: diabetes.data, y: diabetes.target,
  }),
  'pipeline scaler ridge': () => ({
    search: new GridSearchCV({
      estimator: makePipeline(new StandardScaler(), new Ridge()),
      paramGrid: { ridge__alpha: [0.1, 1, 10, 100], ridge__fitIntercept: [true, false] }, cv: 5,
    }),
    X: diabetes.data, y: diabetes.target,
  }),
  'ridge multimetric': () => ({
    search: new GridSearchCV({
      estimator: new Ridge(), paramGrid: [{ alpha: [0.01, 1] }, { alpha: [10], fitIntercept: [false] }], cv: 3,
      scoring: ['r2', 'neg_mean_squared_error'], refit: 'neg_mean_squared_error',
    }),
    X: diabetes.data, y: diabetes.target,
  }),
  'gaussian nb var smoothing': () => ({
    search: new GridSearchCV({ estimator: new GaussianNB(), paramGrid: { varSmoothing: [1e-9, 1e-3, 1e-1, 1] }, cv: 4, scoring: 'accuracy' }),
    X: wine.data, y: wine.target,
  }),
};

describe(`GridSearchCV equals ${fx.source}`, () => {
  it.each(fx.searches.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { search, X, y } = SEARCHES[c.name]();
    search.fit(X, y);
    expect(search.cvResults_.params).toEqual(c.params.map(ourParams));
    for (const [key, expected] of Object.entries(c.results)) {
      const ours = search.cvResults_[camel(key)];
      expect(ours, camel(key)).toBeDefined();
      if (key.startsWith('rank_')) expect(ours, key).toEqual(expected);
      else expectAllClose(ours, expected, 1e-8, key);
    }
    expect(search.bestParams_).toEqual(ourParams(c.bestParams));
    expect(search.bestIndex_).toBe(c.bestIndex);
    expectAllClose(search.bestScore_, c.bestScore, 1e-8, 'bestScore_');
    // The refitted best estimator is the chosen candidate fitted on everything.
    const direct = (search.params.estimator.clone().setParams(search.bestParams_) as BaseEstimator & { fit(X: number[][], y: number[]): { predict(X: number[][]): unknown } }).fit(X, y);
    expect(search.predict(X.slice(0, 5))).toEqual(direct.predict(X.slice(0, 5)));
  });
});

describe('GridSearchCV behaviour', () => {
  const X = diabetes.data.slice(0, 120);
  const y = diabetes.target.slice(0, 120);

  it('records times, parameter columns in camelCase and a refit time', () => {
    const s = new GridSearchCV({ estimator: makePipeline(new StandardScaler(), new Ridge()), paramGrid: { ridge__alpha: [1, 10] }, cv: 3 }).fit(X, y);
    expect(s.cvResults_.paramRidgeAlpha).toEqual([1, 10]);
    for (const k of ['meanFitTime', 'stdFitTime', 'meanScoreTime', 'stdScoreTime']) expect((s.cvResults_[k] as number[]).every((t) => t >= 0), k).toBe(true);
    expect(s.refitTime_).toBeGreaterThanOrEqual(0);
    expect(s.nSplits_).toBe(3);
  });

  it('a failed fit scores NaN and ranks last, or raises with errorScore "raise"', () => {
    const s = new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: [1, -1, 10] }, cv: 3 }).fit(X, y);
    expect(Number.isNaN(s.cvResults_.meanTestScore![1])).toBe(true);
    expect(s.cvResults_.rankTestScore![1]).toBe(3);
    const raising = new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: [1, -1] }, cv: 3, errorScore: 'raise' });
    expect(() => raising.fit(X, y)).toThrow('The `alpha` parameter of Ridge must be a number >= 0. Got -1 instead.');
  });

  it('refit: false keeps the results but has no estimator to predict with', () => {
    const s = new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: [1, 10] }, cv: 3, refit: false }).fit(X, y);
    expect(s.bestParams_).toBeDefined();
    expect(() => s.predict(X)).toThrow(/available only after refitting/);
  });

  it('several metrics need refit to name one', () => {
    const s = new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: [1] }, scoring: ['r2', 'neg_mean_absolute_error'] });
    expect(() => s.fit(X, y)).toThrow(/`refit` must be false or the name of the metric .* got true/);
    s.setParams({ refit: 'neg_mean_absolute_error' }).fit(X, y);
    expect(s.score(X, y)).toBeLessThan(0);
    expect(s.cvResults_.rankTestNegMeanAbsoluteError).toEqual([1]);
  });

  it('saves and loads with its KFold and best estimator', () => {
    const s = new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: [0.1, 1] }, cv: new KFold({ nSplits: 3 }) }).fit(X, y);
    const loaded = loadEstimator<GridSearchCV>(JSON.stringify(s));
    expect(loaded.params.cv).toBeInstanceOf(KFold);
    expect((loaded.params.cv as KFold).options).toEqual({ nSplits: 3, shuffle: false, randomState: null });
    expect(loaded.predict(X.slice(0, 3))).toEqual(s.predict(X.slice(0, 3)));
    loaded.fit(X, y);
    expect(loaded.cvResults_.meanTestScore).toEqual(s.cvResults_.meanTestScore);
  });

  it('bad grids and scorings get the uniform parameter message', () => {
    expect(() => new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: 1 } as never }).fit(X, y)).toThrow(/The `paramGrid` parameter of GridSearchCV must be a record of non-empty arrays/);
    expect(() => new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: [1] }, scoring: 'r_2' }).fit(X, y)).toThrow(/The `scoring` parameter of GridSearchCV must be/);
    expect(() => new GridSearchCV({ estimator: new Ridge(), paramGrid: { lambda: [1] } }).fit(X, y)).toThrow(/Invalid parameter `lambda` for estimator Ridge/);
  });
});

describe('parameterGrid and RandomizedSearchCV', () => {
  it('parameterGrid orders like scikit-learn: names sorted, the last varying fastest', () => {
    expect(parameterGrid({ b: [1, 2], a: ['x', 'y'] })).toEqual([{ a: 'x', b: 1 }, { a: 'x', b: 2 }, { a: 'y', b: 1 }, { a: 'y', b: 2 }]);
    expect(parameterGrid([{ a: [1] }, { b: [2, 3] }])).toEqual([{ a: 1 }, { b: 2 }, { b: 3 }]);
  });

  it('parameterSampler draws inside each distribution, and lists without replacement', () => {
    const draws = parameterSampler({ a: uniform(2, 3), b: loguniform(1e-3, 1e3), c: randint(1, 4), d: ['p', 'q'] }, 200, new Generator(0));
    expect(draws.every((p) => (p.a as number) >= 2 && (p.a as number) <= 5)).toBe(true);
    expect(draws.every((p) => (p.b as number) >= 1e-3 && (p.b as number) <= 1e3)).toBe(true);
    expect(new Set(draws.map((p) => p.c))).toEqual(new Set([1, 2, 3]));
    expect(new Set(draws.map((p) => p.d))).toEqual(new Set(['p', 'q']));
    // Log-uniform: about half the draws below the geometric midpoint 1.
    const below = draws.filter((p) => (p.b as number) < 1).length;
    expect(below).toBeGreaterThan(70);
    expect(below).toBeLessThan(130);
    const grid = parameterSampler({ a: [1, 2, 3], b: [true, false] }, 10, new Generator(1));
    expect(grid.length).toBe(6);
    expect(new Set(grid.map((g) => JSON.stringify(g))).size).toBe(6);
    expect(() => loguniform(0, 1)).toThrow(/0 < a < b/);
  });

  it('a seed reproduces the candidates and the results; the best has the highest mean score', () => {
    const iris = loadIris();
    const make = (seed: number) => new RandomizedSearchCV({
      estimator: new GaussianNB(), paramDistributions: { varSmoothing: loguniform(1e-9, 1) }, nIter: 5, randomState: seed, cv: 3,
    }).fit(iris.data, iris.target);
    const a = make(3);
    const b = make(3);
    expect(a.cvResults_.params).toEqual(b.cvResults_.params);
    expect(a.cvResults_.meanTestScore).toEqual(b.cvResults_.meanTestScore);
    expect(make(4).cvResults_.params).not.toEqual(a.cvResults_.params);
    expect(a.bestScore_).toBe(Math.max(...a.cvResults_.meanTestScore!));
    expect(a.predictProba(iris.data.slice(0, 2))[0].length).toBe(3);
    expect(a.classes_).toEqual([0, 1, 2]);
  });
});
