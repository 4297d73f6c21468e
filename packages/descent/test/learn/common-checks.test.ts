// The common checks: one suite run over every estimator in the registry (scikit-learn's
// `check_estimator`, adapted). A new estimator is covered by registering it; estimators
// without usable defaults get an example instance in `examples.ts`.
import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.js';
import { BaseEstimator, InvalidParameterError, NotFittedError, listEstimators, loadEstimator } from '../../src/learn/index.js';
import { SAMPLE_ORDER_EXEMPT, dataFor, exampleInstance, fitOn, outputsOf, type Data } from './examples.js';

function deepCopy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

// kneighbors: NearestNeighbors has no predict or transform; its queries are what it is fitted for.
const METHODS = ['predict', 'predictProba', 'transform', 'score', 'inverseTransform', 'kneighbors'] as const;

for (const Cls of listEstimators()) {
  const name = Cls.spec.name;
  describe(`common checks: ${name}`, () => {
    const make = (): BaseEstimator => exampleInstance(Cls);
    const data: Data = dataFor(make());

    it('constructs with defaults, and the params are the declared ones', () => {
      const est = make();
      expect(Object.keys(est.getParams(false)).sort()).toEqual(Object.keys(Cls.spec.defaults).sort());
      if (Cls.spec.tags?.requiredParams?.length) return;
      const plain = new Cls();
      expect(plain.getParams(false)).toEqual(Cls.spec.defaults);
      expect(plain.isFitted()).toBe(false);
    });

    it('get/set/clone round-trip', () => {
      const est = make();
      const params = est.getParams(true);
      const copy = est.clone();
      expect(copy).not.toBe(est);
      expect(copy.constructor).toBe(est.constructor);
      expect(JSON.stringify(copy.getParams(true))).toEqual(JSON.stringify(params));
      est.setParams(est.getParams(false));
      expect(JSON.stringify(est.getParams(true))).toEqual(JSON.stringify(params));
      expect(() => est.setParams({ notAParameter: 1 })).toThrow(/Invalid parameter `notAParameter`/);
      fitOn(est, data.train);
      const fresh = est.clone();
      expect(fresh.isFitted()).toBe(false);
    });

    it('fit returns this', () => {
      const est = make();
      expect(fitOn(est, data.train)).toBe(est);
      expect(est.isFitted()).toBe(true);
      expect(est.fittedAttributes().every((k) => k.endsWith('_'))).toBe(true);
    });

    it('unfitted use raises NotFittedError', () => {
      const base = make();
      const est = base as unknown as Record<string, (...a: unknown[]) => unknown>;
      let checked = 0;
      for (const m of METHODS) {
        if (!base.supports(m)) continue;
        expect(() => est[m](data.train.X, data.train.y), `${name}.${m}`).toThrow(NotFittedError);
        checked++;
      }
      // Transductive estimators (DBSCAN, AgglomerativeClustering, TSNE) only handle the data they
      // are fitted on: scikit-learn gives them fit_predict or fit_transform and nothing to call before fitting.
      if (checked === 0 && (base.supports('fitPredict') || base.supports('fitTransform'))) return;
      expect(checked).toBeGreaterThan(0);
    });

    it('invalid parameters raise the uniform message in fit', () => {
      for (const key of Object.keys(Cls.spec.defaults)) {
        const est = make();
        est.setParams({ [key]: { not: 'valid' } });
        const run = () => fitOn(est, data.train);
        expect(run, key).toThrow(InvalidParameterError);
        expect(run, key).toThrow(new RegExp(`^The \`${key}\` parameter of ${name} must be .+\\. Got \\{"not":"valid"\\} instead\\.$`));
      }
    });

    it('refit forgets the previous fit', () => {
      const est = make();
      fitOn(est, data.other);
      fitOn(est, data.train);
      const fresh = fitOn(make(), data.train);
      expect(est.fittedAttributes().sort()).toEqual(fresh.fittedAttributes().sort());
      expect(outputsOf(est, data.test)).toEqual(outputsOf(fresh, data.test));
    });

    it('does not mutate its inputs', () => {
      const train = deepCopy(data.train);
      const test = deepCopy(data.test);
      const est = fitOn(make(), train);
      outputsOf(est, test);
      expect(train).toEqual(data.train);
      expect(test).toEqual(data.test);
    });

    it('accepts Tensors and typed arrays with a shape, with the same results', () => {
      if (est0Input(make()) === 'labels') return;
      const asTensor = (X: number[][]) => tensor(X, { dtype: 'float64' });
      const asShaped = (X: number[][]) => ({ data: Float64Array.from(X.flat()), shape: [X.length, X[0].length] });
      const ref = outputsOf(fitOn(make(), data.train), data.test);
      for (const conv of [asTensor, asShaped]) {
        const est = fitOn(make(), { X: conv(data.train.X as number[][]) as never, y: data.train.y });
        expect(outputsOf(est, { X: conv(data.test.X as number[][]) as never, y: data.test.y })).toEqual(ref);
      }
    });

    it('NaN, infinity, wrong shapes and empty input raise clear errors', () => {
      const est = make();
      if (est0Input(est) === 'labels') {
        expect(() => fitOn(make(), { X: null, y: [] })).toThrow(/empty|0 sample/);
        expect(() => fitOn(make(), { X: null, y: [1, NaN] })).toThrow(/NaN/);
        return;
      }
      const X = data.train.X as number[][];
      const withValue = (v: number) => X.map((r, i) => (i === 1 ? [v, ...r.slice(1)] : r));
      if (!est.tags.allowNaN) expect(() => fitOn(make(), { X: withValue(NaN), y: data.train.y })).toThrow(/contains NaN/);
      expect(() => fitOn(make(), { X: withValue(Infinity), y: data.train.y })).toThrow(/contains infinity/);
      expect(() => fitOn(make(), { X: [], y: [] })).toThrow(/0 sample\(s\)/);
      expect(() => fitOn(make(), { X: X.map((r) => r[0]) as never, y: data.train.y })).toThrow(/Expected a 2D array/);
      if (est.tags.requiresY) {
        expect(() => fitOn(make(), { X, y: (data.train.y as unknown[]).slice(1) as never })).toThrow(/inconsistent numbers of samples/);
      }
      fitOn(est, data.train);
      const wider = (data.test.X as number[][]).map((r) => [...r, 1]);
      const m = ['predict', 'transform', 'kneighbors'].find((k) => est.supports(k));
      if (m === undefined) return; // a transductive estimator: nothing takes new data
      expect(() => (est as unknown as Record<string, (X: unknown) => unknown>)[m](wider)).toThrow(/features/);
    });

    // scikit-learn's `allow_nan` tag: NaN marks a missing value. Fitting on it and every output
    // on data holding it must work; an invertible transformer cannot have filled it, so it
    // must come back NaN in the same place from transform and inverseTransform (scalers).
    it('with the allowNaN tag, NaN goes through fit and every output', () => {
      const est = make();
      if (!est.tags.allowNaN || est0Input(est) !== 'matrix') return;
      const withNaN = (X: number[][]) => X.map((r, i) => (i === 1 ? [NaN, ...r.slice(1)] : r));
      const fitted = fitOn(make(), { X: withNaN(data.train.X as number[][]), y: data.train.y });
      const outputs = outputsOf(fitted, { X: withNaN(data.test.X as number[][]), y: data.test.y });
      if (est.supports('inverseTransform') && est.supports('transform')) {
        const Z = outputs.transform as number[][];
        const back = outputs.inverseTransform as number[][];
        expect(Number.isNaN(Z[1][0]) && Number.isNaN(back[1][0])).toBe(true);
        const finite = (M: number[][]) => M.every((r, i) => r.every((v, j) => (i === 1 && j === 0) || Number.isFinite(v)));
        expect(finite(Z) && finite(back)).toBe(true);
      }
    });

    it('sample order does not matter (up to rounding)', () => {
      // Clusterers are left out, as in scikit-learn: seedings draw samples by position, and
      // labels_ and cluster numbers follow the order of the samples.
      if (make().tags.estimatorType === 'clusterer') return;
      if (name in SAMPLE_ORDER_EXEMPT) return; // the reason is listed in examples.ts
      const n = (data.train.y as unknown[] | null)?.length ?? (data.train.X as unknown[]).length;
      const perm = Array.from({ length: n }, (_, i) => (i * 17 + 5) % n); // 17 is coprime with n = 40
      const pick = (v: unknown) => (Array.isArray(v) ? perm.map((i) => v[i]) : v);
      const a = outputsOf(fitOn(make(), data.train), data.test);
      const b = outputsOf(fitOn(make(), { X: pick(data.train.X), y: pick(data.train.y) }), data.test);
      delete a.kneighborsIndices;   // which training row is nearest moves with the rows; the distances must not
      delete b.kneighborsIndices;
      expectNear(b, a, 'outputs');
    });

    it('JSON round-trip gives identical outputs', () => {
      const unfitted = loadEstimator(JSON.stringify(make()));
      expect(unfitted.constructor).toBe(Cls);
      expect(unfitted.isFitted()).toBe(false);
      const est = fitOn(make(), data.train);
      const loaded = loadEstimator(JSON.stringify(est));
      expect(loaded.constructor).toBe(Cls);
      expect(JSON.stringify(loaded.getParams(true))).toEqual(JSON.stringify(est.getParams(true)));
      expect(outputsOf(loaded, data.test)).toEqual(outputsOf(est, data.test));
    });

    it('seeded runs reproduce', () => {
      const est = make();
      if (!('randomState' in est.params)) return;
      est.setParams({ randomState: 7 });
      const a = outputsOf(fitOn(est.clone(), data.train), data.test);
      const b = outputsOf(fitOn(est.clone(), data.train), data.test);
      expect(a).toEqual(b);
    });
  });
}

/** Deep equality with numbers equal to 1e-9 relative (summation order changes rounding). */
function expectNear(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    const a = actual as number;
    if (Number.isNaN(expected)) return void expect(Number.isNaN(a), path).toBe(true);
    if (!(Math.abs(a - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) throw new Error(`${path}: ${a} vs ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => expectNear((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    for (const [k, e] of Object.entries(expected)) expectNear((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

function est0Input(est: BaseEstimator): 'matrix' | 'categorical' | 'labels' {
  return est.tags.input;
}
