// Preprocessing transformers and Pipeline against scikit-learn 1.2.1: fitted attributes,
// transform of held-out rows and inverse_transform, from tools/fixtures/preprocessing.py.
import { describe, expect, it } from 'vitest';
import {
  DummyRegressor, LabelEncoder, OneHotEncoder, PolynomialFeatures, SimpleImputer, StandardScaler, getEstimatorClass, makePipeline, type BaseEstimator,
} from '../../src/learn/index.js';
import { loadFixture, decodeNonFinite } from '../helpers/fixtures.js';

interface Case {
  name: string; estimator: string; params: Record<string, unknown>; fitX: unknown[][]; testX: unknown[][];
  attrs: Record<string, unknown>; transform: unknown; inverse?: unknown; featureNames?: string[];
}
const fx = loadFixture<{ source: string; cases: Case[]; labelEncoder: { classes_: string[]; transform: number[] }; pipeline: { fitX: unknown[][]; testX: unknown[][]; transform: unknown; names: string[] } }>('preprocessing.json');

const decode = decodeNonFinite;

function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    if (Number.isNaN(expected)) return void expect(Number.isNaN(actual as number), `${path}: expected NaN, got ${actual}`).toBe(true);
    const a = actual as number;
    const err = Math.abs(a - expected);
    if (!(err <= 1e-10 * Math.max(1, Math.abs(expected)))) throw new Error(`${path}: got ${a}, expected ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path}: got ${JSON.stringify(actual)}`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe(`preprocessing agrees with ${fx.source}`, () => {
  it.each(fx.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const Cls = getEstimatorClass(c.estimator);
    const est = new Cls(decode(c.params) as Record<string, unknown>) as BaseEstimator & Record<string, (...a: unknown[]) => unknown>;
    est.fit(decode(c.fitX));
    for (const [k, v] of Object.entries(c.attrs)) expectClose((est as unknown as Record<string, unknown>)[k], decode(v), `${c.estimator}.${k}`);
    const out = est.transform(decode(c.testX));
    expectClose(out, decode(c.transform), 'transform');
    if (c.inverse !== undefined) expectClose(est.inverseTransform(out), decode(c.inverse), 'inverseTransform');
    if (c.featureNames) expect((est.getFeatureNamesOut as () => string[])()).toEqual(c.featureNames);
  });

  it('LabelEncoder', () => {
    const le = new LabelEncoder().fit(['paris', 'paris', 'tokyo', 'amsterdam']);
    expect(le.classes_).toEqual(fx.labelEncoder.classes_);
    expect(le.transform(['tokyo', 'amsterdam', 'paris'])).toEqual(fx.labelEncoder.transform);
    expect(le.inverseTransform([2, 0])).toEqual(['tokyo', 'amsterdam']);
    expect(() => le.transform(['rome'])).toThrow('y contains previously unseen labels: ["rome"]');
  });

  it('Pipeline: imputer → scaler → polynomial features, and makePipeline names', () => {
    const pipe = makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler(), new PolynomialFeatures());
    expect(pipe.params.steps.map((s) => s[0])).toEqual(fx.pipeline.names);
    pipe.fit(decode(fx.pipeline.fitX) as number[][]);
    expectClose(pipe.transform(decode(fx.pipeline.testX) as number[][]), decode(fx.pipeline.transform), 'pipeline');
  });
});

describe('preprocessing behaviour', () => {
  it('nested params reach into pipeline steps', () => {
    const pipe = makePipeline(new StandardScaler(), new PolynomialFeatures());
    expect(pipe.getParams()).toMatchObject({ standardscaler__withMean: true, polynomialfeatures__degree: 2 });
    pipe.setParams({ polynomialfeatures__degree: 3, standardscaler__withStd: false });
    expect(pipe.namedSteps.polynomialfeatures.params).toMatchObject({ degree: 3 });
    expect(() => pipe.setParams({ nope__degree: 1 })).toThrow(/no nested estimator is called `nope`/);
    pipe.setParams({ polynomialfeatures: new OneHotEncoder() });
    expect(pipe.namedSteps.polynomialfeatures).toBeInstanceOf(OneHotEncoder);
    expect(makePipeline(new StandardScaler(), new StandardScaler()).params.steps.map((s) => s[0])).toEqual(['standardscaler-1', 'standardscaler-2']);
  });
  it('pipelines refuse a non-transformer in the middle', () => {
    const pipe = makePipeline(new DummyRegressor(), new StandardScaler());
    expect(() => pipe.fit([[1]])).toThrow(/intermediate steps should be transformers/);
  });
  it('unknown categories raise by default', () => {
    const enc = new OneHotEncoder().fit([['a'], ['b']]);
    expect(() => enc.transform([['c']])).toThrow('Found unknown categories ["c"] in column 0 during transform');
  });
  it('constraints are enforced with the uniform message', () => {
    expect(() => new StandardScaler({ withMean: 1 as unknown as boolean }).fit([[1]])).toThrow(
      'The `withMean` parameter of StandardScaler must be a boolean. Got 1 instead.',
    );
    expect(() => new PolynomialFeatures({ degree: -1 }).fit([[1]])).toThrow(
      'The `degree` parameter of PolynomialFeatures must be an integer >= 0. Got -1 instead.',
    );
  });
});
