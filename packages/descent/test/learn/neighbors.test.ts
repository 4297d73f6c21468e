// Neighbours estimators against scikit-learn 1.2.1 (tools/fixtures/neighbors.py): kneighbors
// distances and indices, radius neighbours, graphs, predictions and probabilities on iris,
// wine, a regression set and integer grids full of exact ties.
//
// Ties: sklearn's brute force keeps the same points as we do (lowest indices among those
// tied for the last places) but lists tied points in arbitrary order, so indices are
// compared as sets within each group of equal distances.
import { describe, expect, it } from 'vitest';
import {
  KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors, RadiusNeighborsClassifier, RadiusNeighborsRegressor,
  getEstimatorClass, loadEstimator, type BaseEstimator,
} from '../../src/learn/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';

interface Search {
  name: string; params: Record<string, unknown>; k: number; radius: number; allDistances: number[][]; allIndices: number[][];
  distances: number[][]; indices: number[][]; radiusDistances: number[][]; radiusIndices: number[][];
}
interface Case {
  name: string; estimator: string; params: Record<string, unknown>; fitX: number[][]; fitY: (number | string)[]; testX: number[][];
  predict: (number | string)[]; predictProba?: number[][]; distances?: number[][]; indices?: number[][];
}
const fx = decodeNonFinite(loadFixture('neighbors.json')) as {
  source: string; grid: { X: number[][]; Q: number[][] }; searches: Search[];
  selfQuery: { k: number; distances: number[][]; indices: number[][]; allDistances: number[][]; allIndices: number[][]; graphConnectivity: number[][]; graphDistance: number[][]; radiusGraph: number[][] };
  classifiers: Case[]; regressors: Case[];
};

function expectNumbers(actual: number[][], expected: number[][], label: string, tol = 1e-10): void {
  expect(actual.length, label).toBe(expected.length);
  expected.forEach((row, i) => {
    expect(actual[i].length, `${label}[${i}] length`).toBe(row.length);
    row.forEach((e, j) => {
      const a = actual[i][j];
      if (Number.isNaN(e)) return void expect(Number.isNaN(a), `${label}[${i}][${j}]`).toBe(true);
      if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) throw new Error(`${label}[${i}][${j}]: got ${a}, expected ${e}`);
    });
  });
}

/**
 * Same neighbours as sklearn: distances within tol; within each group of equal distances,
 * the same set of points (ours listed by index when the distances are exactly equal). A
 * group cut off by k must hold points of the full tied group (`all`: every training
 * point's distance); with `exact` (integer data, no rounding) it holds the lowest indices.
 */
function expectSameNeighbors(
  got: { distances: number[][]; indices: number[][] }, dist: number[][], ind: number[][], label: string,
  all?: { distances: number[][]; indices: number[][]; exact: boolean },
): void {
  expectNumbers(got.distances, dist, `${label} distances`);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  ind.forEach((row, i) => {
    let s = 0;
    while (s < row.length) {
      let e = s + 1;
      while (e < row.length && near(dist[i][e], dist[i][s])) e++;
      const ours = got.indices[i].slice(s, e);
      const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
      const where = `${label} query ${i}, tie group ${s}..${e}`;
      const full = all ? all.indices[i].filter((_, j) => near(all.distances[i][j], dist[i][s])) : row.slice(s, e);
      if (full.length === e - s) expect(sorted(ours), where).toEqual(sorted(row.slice(s, e)));
      else if (all?.exact) expect(ours, `${where} (cut by k)`).toEqual(sorted(full).slice(0, e - s));
      else ours.forEach((j) => expect(full, `${where} (cut by k)`).toContain(j));
      if (all?.exact) expect(ours, `${where}: ties listed by index`).toEqual(sorted(ours));
      s = e;
    }
  });
}

describe(`neighbour search agrees with ${fx.source}`, () => {
  for (const s of fx.searches) {
    for (const algorithm of ['brute', 'kd_tree'] as const) {
      if (s.name === 'cosine' && algorithm === 'kd_tree') continue;
      it(`${s.name}, ${algorithm}: kneighbors and radiusNeighbors with ties`, () => {
        const nn = new NearestNeighbors({ ...s.params, algorithm, leafSize: 3, nNeighbors: s.k }).fit(fx.grid.X);
        expect(nn.fitMethod_).toBe(algorithm);
        expectSameNeighbors(nn.kneighbors(fx.grid.Q), s.distances, s.indices, s.name,
          { distances: s.allDistances, indices: s.allIndices, exact: s.name !== 'cosine' });
        const r = nn.radiusNeighbors(fx.grid.Q, s.radius);
        expect(r.indices).toEqual(s.radiusIndices); // unsorted: index order, as sklearn's brute force
        expectNumbers(r.distances, s.radiusDistances, 'radius distances');
        const sorted = nn.radiusNeighbors(fx.grid.Q, s.radius, { sortResults: true });
        sorted.distances.forEach((row) => expect(row).toEqual([...row].sort((a, b) => a - b)));
      });
    }
  }

  it('kneighbors() without X leaves each point out of its own neighbours; graphs', () => {
    const q = fx.selfQuery;
    for (const algorithm of ['brute', 'kd_tree'] as const) {
      const nn = new NearestNeighbors({ nNeighbors: q.k, algorithm, leafSize: 2 }).fit(fx.grid.X);
      expectSameNeighbors(nn.kneighbors(), q.distances, q.indices, `self ${algorithm}`, { distances: q.allDistances, indices: q.allIndices, exact: true });
      const Q5 = fx.grid.Q.slice(0, 5);
      expect(nn.kneighborsGraph(Q5, 3)).toEqual(q.graphConnectivity);
      expectNumbers(nn.kneighborsGraph(Q5, 3, 'distance'), q.graphDistance, 'graph distance');
      expect(nn.radiusNeighborsGraph(Q5, 1)).toEqual(q.radiusGraph);
      // The radius estimators share the same search (sklearn's RadiusNeighborsMixin).
      const y = fx.grid.X.map((_, i) => i % 2);
      expect(new RadiusNeighborsClassifier({ algorithm, leafSize: 2 }).fit(fx.grid.X, y).radiusNeighborsGraph(Q5, 1)).toEqual(q.radiusGraph);
      expect(new RadiusNeighborsRegressor({ algorithm, leafSize: 2 }).fit(fx.grid.X, y).radiusNeighborsGraph(Q5, 1)).toEqual(q.radiusGraph);
    }
  });

  it.each(fx.classifiers.map((c) => [c.name, c] as const))('classifier %s', (_n, c) => {
    const Cls = getEstimatorClass(c.estimator);
    const est = new Cls(c.params) as BaseEstimator & Record<string, (...a: unknown[]) => unknown>;
    est.fit(c.fitX, c.fitY);
    expect(est.predict(c.testX)).toEqual(c.predict);
    expectNumbers(est.predictProba(c.testX) as number[][], c.predictProba!, 'predictProba', 1e-12);
    if (c.indices) expectSameNeighbors(est.kneighbors(c.testX) as never, c.distances!, c.indices, 'kneighbors');
    // A saved model answers the same.
    const loaded = loadEstimator(JSON.stringify(est)) as typeof est;
    expect(loaded.predict(c.testX)).toEqual(c.predict);
  });

  it.each(fx.regressors.map((c) => [c.name, c] as const))('regressor %s', (_n, c) => {
    const Cls = getEstimatorClass(c.estimator);
    for (const algorithm of ['brute', 'kd_tree'] as const) {
      if (c.params.algorithm && c.params.algorithm !== algorithm) continue;
      const est = new Cls({ ...c.params, algorithm }) as BaseEstimator & { predict(X: number[][]): number[] } & { fit(X: unknown, y: unknown): unknown };
      est.fit(c.fitX, c.fitY);
      expectNumbers([est.predict(c.testX)], [c.predict as number[]], `predict ${algorithm}`, 1e-12);
    }
  });
});

describe('neighbours behaviour', () => {
  const X = [[0, 0], [1, 0], [0, 2], [5, 5]];

  it('doc examples', () => {
    const nn = new NearestNeighbors({ nNeighbors: 2 }).fit(X);
    const r = nn.kneighbors([[0.9, 0.1]]);
    expect(r.indices).toEqual([[1, 0]]);
    expect(r.distances[0][0]).toBeCloseTo(Math.SQRT2 / 10, 14);
    expect(nn.radiusNeighbors([[0, 0]], 1.5).indices).toEqual([[0, 1]]);
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit([[0], [1], [2], [3]], ['a', 'a', 'b', 'b']);
    expect(knn.predict([[1.1]])).toEqual(['a']);
    expect(knn.predictProba([[1.1]])[0][0]).toBeCloseTo(2 / 3, 15);
    const rc = new RadiusNeighborsClassifier({ radius: 1.5, outlierLabel: 'most_frequent' }).fit([[0], [1], [2], [10]], ['a', 'a', 'b', 'b']);
    expect(rc.predict([[0.5], [20]])).toEqual(['a', 'a']);
    expect(new KNeighborsRegressor({ nNeighbors: 2 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]).predict([[1.6]])).toEqual([0.5]);
    expect(new RadiusNeighborsRegressor({ radius: 1 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]).predict([[1.5], [9]])).toEqual([0.5, NaN]);
  });

  it('auto picks a k-d tree for few features, brute force for many, large k or cosine', () => {
    expect(new NearestNeighbors().fit(Array.from({ length: 20 }, (_, i) => [i, i % 3])).fitMethod_).toBe('kd_tree');
    expect(new NearestNeighbors().fit(Array.from({ length: 20 }, (_, i) => Array.from({ length: 16 }, (_, j) => i * j))).fitMethod_).toBe('brute');
    expect(new NearestNeighbors({ nNeighbors: 10 }).fit(Array.from({ length: 20 }, (_, i) => [i])).fitMethod_).toBe('brute');
    expect(new NearestNeighbors({ metric: 'cosine' }).fit(X).fitMethod_).toBe('brute');
    expect(new NearestNeighbors({ metric: 'minkowski', p: 2 }).fit(X).effectiveMetric_).toBe('euclidean');
  });

  it('clear errors', () => {
    expect(() => new NearestNeighbors({ metric: 'cosine', algorithm: 'kd_tree' }).fit(X)).toThrow(/Metric 'cosine' not valid for algorithm 'kd_tree'/);
    expect(() => new KNeighborsClassifier({ nNeighbors: 5 }).fit(X, [0, 1, 0, 1]).predict(X)).toThrow(/Expected n_neighbors <= n_samples_fit, but n_neighbors = 5, n_samples_fit = 4/);
    expect(() => new RadiusNeighborsClassifier({ radius: 0.5 }).fit(X, [0, 1, 0, 1]).predict([[9, 9]])).toThrow(/No neighbors found for test samples \[0\]/);
    expect(() => new RadiusNeighborsClassifier({ outlierLabel: 'x' }).fit(X, [0, 1, 0, 1])).toThrow(/outlierLabel "x" is a string but the classes are numbers/);
    expect(() => new NearestNeighbors().kneighbors(X)).toThrow(/not fitted/);
    expect(() => new KNeighborsClassifier({ weights: (d) => d.map((r) => r.slice(1)) }).fit(X, [0, 1, 0, 1]).setParams({ nNeighbors: 2 }).predict(X))
      .toThrow(/same shape as the distances/);
  });

  it('a weights function gets the distances and its weights are used', () => {
    const gauss = (d: number[][]) => d.map((r) => r.map((v) => Math.exp(-v * v)));
    const clf = new KNeighborsClassifier({ nNeighbors: 3, weights: gauss }).fit([[0], [1], [3]], ['a', 'b', 'b']);
    const w = [1, Math.exp(-1), Math.exp(-9)];
    expect(clf.predictProba([[0]])[0][0]).toBeCloseTo(w[0] / (w[0] + w[1] + w[2]), 14);
    expect(() => JSON.stringify(clf)).toThrow(/a function has no JSON form/);
  });

  it('NearestNeighbors saves its training set and reloads equal (not registered: it has no predict/transform for the common checks)', async () => {
    const { registerEstimator } = await import('../../src/learn/index.js');
    registerEstimator(NearestNeighbors);
    const nn = new NearestNeighbors({ nNeighbors: 2, algorithm: 'kd_tree' }).fit(X);
    const loaded = loadEstimator<NearestNeighbors>(JSON.stringify(nn));
    expect(loaded.kneighbors([[1, 1]])).toEqual(nn.kneighbors([[1, 1]]));
    expect(loaded.fitMethod_).toBe('kd_tree');
    expect(nn.clone().isFitted()).toBe(false);
    nn.fit([[1], [2], [3]]);
    expect(nn.nFeaturesIn_).toBe(1);
  });
});
