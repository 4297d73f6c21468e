// KBinsDiscretizer, FunctionTransformer, KNNImputer and IterativeImputer against
// scikit-learn 1.2.1, and TargetEncoder against scikit-learn 1.3's formulas implemented
// with NumPy (1.2.1 has no TargetEncoder), all from tools/fixtures/preprocessing2.py.
import { describe, expect, it } from 'vitest';
import {
  FunctionTransformer, IterativeImputer, KBinsDiscretizer, KNNImputer, LinearRegression, Ridge, TargetEncoder, kmeans1d,
  loadEstimator, nanEuclidean, registerFunction,
} from '../../src/learn/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';

type Rows = number[][];
const fx = decodeNonFinite(loadFixture('preprocessing2.json')) as {
  source: string; kbinsX: Rows; kbinsTestX: Rows;
  kbins: { params: Record<string, unknown>; binEdges_: Rows; nBins_: number[]; transform: Rows; inverse: Rows }[];
  functionTransformer: { X: Rows; transform: Rows; inverse: Rows };
  targetEncoder: { name: string; params: { smooth: 'auto' | number }; X: string[][]; y: (number | string)[]; testX: string[][];
    categories_: string[][]; encodings_: Rows; targetMean_: number; transform: Rows; fitTransform: Rows }[];
  imputeX: Rows; imputeTestX: Rows;
  knnImputer: { params: Record<string, unknown>; fitTransform: Rows; transform: Rows }[];
  iterativeImputer: { name: string; params: Record<string, unknown>; fitTransform: Rows; transform: Rows; nIter_: number }[];
};

function expectClose(actual: unknown, expected: unknown, path: string, tol = 1e-10): void {
  if (typeof expected === 'number') {
    const a = actual as number;
    if (Number.isNaN(expected)) return void expect(Number.isNaN(a), `${path}: expected NaN, got ${a}`).toBe(true);
    if (!Number.isFinite(expected)) return void expect(a, path).toBe(expected);
    if (!(Math.abs(a - expected) <= tol * Math.max(1, Math.abs(expected)))) throw new Error(`${path}: got ${a}, expected ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`, tol));
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe(`preprocessing agrees with ${fx.source}`, () => {
  it.each(fx.kbins.map((c) => [JSON.stringify(c.params), c] as const))('KBinsDiscretizer %s', (_n, c) => {
    const est = new KBinsDiscretizer(c.params as never).fit(fx.kbinsX);
    expectClose(est.binEdges_, c.binEdges_, 'binEdges_');
    expect(est.nBins_).toEqual(c.nBins_);
    const out = est.transform(fx.kbinsTestX);
    expectClose(out, c.transform, 'transform');
    expectClose(est.inverseTransform(out), c.inverse, 'inverseTransform');
  });

  it('FunctionTransformer log1p / expm1 (named, so it saves)', () => {
    const ft = new FunctionTransformer({ func: 'log1p', inverseFunc: 'expm1' }).fit(fx.kbinsX.map((r) => r.map(Math.abs)));
    const out = ft.transform(fx.functionTransformer.X);
    expectClose(out, fx.functionTransformer.transform, 'transform', 1e-14);
    expectClose(ft.inverseTransform(out), fx.functionTransformer.inverse, 'inverse', 1e-12);
    expect(loadEstimator<FunctionTransformer>(JSON.stringify(ft)).transform(fx.functionTransformer.X)).toEqual(out);
  });

  it.each(fx.targetEncoder.map((c) => [c.name, c] as const))('TargetEncoder %s (sklearn 1.3 formulas)', (_n, c) => {
    const te = new TargetEncoder({ smooth: c.params.smooth });
    const crossFitted = te.fitTransform(c.X, c.y);
    expect(te.categories_).toEqual(c.categories_);
    expectClose(te.encodings_, c.encodings_, 'encodings_');
    expectClose(te.targetMean_, c.targetMean_, 'targetMean_');
    expectClose(te.transform(c.testX), c.transform, 'transform');
    expectClose(crossFitted, c.fitTransform, 'fitTransform (cross-fitted)');
    // fit alone gives the full-data encodings, which differ from the cross-fitted ones.
    expect(new TargetEncoder({ smooth: c.params.smooth }).fit(c.X, c.y).transform(c.X)).not.toEqual(crossFitted);
  });

  it.each(fx.knnImputer.map((c) => [JSON.stringify(c.params), c] as const))('KNNImputer %s', (_n, c) => {
    const imp = new KNNImputer(c.params as never).fit(fx.imputeX);
    expectClose(imp.transform(fx.imputeX), c.fitTransform, 'fitTransform');
    expectClose(imp.transform(fx.imputeTestX), c.transform, 'transform');
  });

  it.each(fx.iterativeImputer.map((c) => [c.name, c] as const))('IterativeImputer with %s', (_n, c) => {
    const { estimator, ...rest } = c.params;
    const est = estimator === undefined ? null : estimator === 'LinearRegression' ? new LinearRegression() : new Ridge({ alpha: 1 });
    const imp = new IterativeImputer({ ...rest, estimator: est } as never);
    expectClose(imp.fitTransform(fx.imputeX), c.fitTransform, 'fitTransform', 1e-8);
    expect(imp.nIter_).toBe(c.nIter_);
    expectClose(imp.transform(fx.imputeTestX), c.transform, 'transform', 1e-8);
    expectClose(loadEstimator<IterativeImputer>(JSON.stringify(imp)).transform(fx.imputeTestX), c.transform, 'transform after JSON', 1e-8);
  });
});

describe('preprocessing behaviour', () => {
  it('doc examples', () => {
    const kb = new KBinsDiscretizer({ nBins: 3, encode: 'ordinal', strategy: 'uniform' }).fit([[0], [3], [6], [9]]);
    expect(kb.binEdges_).toEqual([[0, 3, 6, 9]]);
    expect(kb.transform([[4], [9]])).toEqual([[1], [2]]);
    const ft = new FunctionTransformer({ func: 'log1p', inverseFunc: 'expm1' });
    expect(ft.fitTransform([[0, 1]])[0][1]).toBeCloseTo(Math.LN2, 15);
    registerFunction('ratio', (X) => X.map(([a, b]) => [a / b]));
    expect(new FunctionTransformer({ func: 'ratio' }).fitTransform([[6, 3]])).toEqual([[2]]);
    const te = new TargetEncoder({ smooth: 0 }).fit([['a'], ['a'], ['b']], [1.5, 2.5, 10]);
    expect(te.encodings_).toEqual([[2, 10]]);
    expect(te.transform([['b'], ['z']])).toEqual([[10], [14 / 3]]);
    expect(new KNNImputer({ nNeighbors: 2 }).fitTransform([[1, 2, NaN], [3, 4, 3], [NaN, 6, 5], [8, 8, 7]]))
      .toEqual([[1, 2, 4], [3, 4, 3], [5.5, 6, 5], [8, 8, 7]]);
    expect(nanEuclidean(Float64Array.of(3, NaN, NaN, 6), 0, Float64Array.of(1, NaN, 4, 5), 0, 4)).toBeCloseTo(Math.sqrt(10), 14);
    const out = new IterativeImputer({ estimator: new LinearRegression() }).fitTransform([[1, 2], [2, 4], [3, 6], [4, NaN]]);
    expect(out[3][1]).toBeCloseTo(8, 10);
  });

  it('kmeans1d: Lloyd from the given centres, empty clusters re-seeded', () => {
    expect(kmeans1d([0, 1, 10, 11], [0.5, 10.5])).toEqual([0.5, 10.5]);
    // The middle centre starts with no points; it takes the point farthest from its centre.
    const c = kmeans1d([0, 0.1, 0.2, 9.8, 9.9, 10, 30], [0, 15, 29]);
    expect(c.map((v) => +v.toFixed(6))).toEqual([0.1, 9.9, 30]);
  });

  it('clear errors', () => {
    const inverseWrong = new FunctionTransformer({ func: 'log1p', inverseFunc: 'exp' });
    expect(() => inverseWrong.fit([[1], [2]])).toThrow(/not strictly inverse of each other.*checkInverse: false/);
    expect(() => JSON.stringify(new FunctionTransformer({ func: (X) => X }))).toThrow(/func is a function, which JSON cannot hold. Register it by name/);
    expect(() => new FunctionTransformer({ func: 'nope' }).fit([[1]])).toThrow(/no function named 'nope'.*registerFunction/);
    expect(() => new KBinsDiscretizer({ nBins: [2, 3] }).fit([[1], [2]])).toThrow(/nBins has 2 entries but X has 1 features/);
    expect(() => new TargetEncoder().fit([['a'], ['b'], ['c']], ['x', 'y', 'z'])).toThrow(/multiclass is not/);
    expect(() => new TargetEncoder().fit([['a']])).toThrow(/requires y/);
    expect(() => new IterativeImputer({ minValue: 3, maxValue: 1 }).fit([[1, NaN], [2, 3]])).toThrow(/minValue \(3\) must be below maxValue \(1\)/);
  });

  it('TargetEncoder fitTransform with shuffle is seeded', () => {
    const X = Array.from({ length: 30 }, (_, i) => [['a', 'b', 'c'][i % 3]]);
    const y = X.map((_, i) => (i * 7) % 11);
    const a = new TargetEncoder({ targetType: 'continuous', shuffle: true, randomState: 1 }).fitTransform(X, y);
    expect(new TargetEncoder({ targetType: 'continuous', shuffle: true, randomState: 1 }).fitTransform(X, y)).toEqual(a);
    expect(new TargetEncoder({ targetType: 'continuous', shuffle: true, randomState: 2 }).fitTransform(X, y)).not.toEqual(a);
  });
});
