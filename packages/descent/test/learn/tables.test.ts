// Preprocessing for real tables against scikit-learn 1.2.1 (tools/fixtures/tables.py):
// SimpleImputer on text columns ('most_frequent', 'constant'), the four scalers ignoring NaN
// in fit and passing it through, and encoders with text categories in a chosen order.
import { describe, expect, it } from 'vitest';
import {
  ColumnTransformer, DataFrame, MaxAbsScaler, MinMaxScaler, OneHotEncoder, OrdinalEncoder, RobustScaler, SimpleImputer, StandardScaler,
  makePipeline, type BaseEstimator, type Cell, type Label,
} from '../../src/learn/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';

interface Fixture {
  imputers: { name: string; params: { strategy: 'most_frequent' | 'constant'; fill_value?: string }; X?: Cell[][]; statistics: (string | null)[]; transform: Cell[][] }[];
  scalers: { name: string; attributes: Record<string, number[] | number>; transform: number[][]; inverseTransform: number[][] }[];
  encoders: {
    X: Label[][]; categories: Label[][]; ordinal: number[][]; ordinalInverse: Label[][]; onehot: number[][]; onehotNames: string[];
    onehotDropFirst: number[][]; errors: { numericUnsorted: string; unknownInFit: string };
  };
}
const fx = decodeNonFinite(loadFixture('tables.json')) as Fixture;

function expectNear(actual: unknown, expected: unknown, label: string): void {
  if (typeof expected === 'number') {
    const a = actual as number;
    if (Number.isNaN(expected)) return void expect(Number.isNaN(a), `${label}: expected NaN, got ${a}`).toBe(true);
    if (!(Math.abs(a - expected) <= 1e-12 * Math.max(1, Math.abs(expected)))) throw new Error(`${label}: got ${a}, expected ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual) && actual.length === expected.length, `${label} length`).toBe(true);
    expected.forEach((e, i) => expectNear((actual as unknown[])[i], e, `${label}[${i}]`));
    return;
  }
  expect(actual, label).toEqual(expected);
}

// The imputers' training table (the fixture's T, np.nan as null) and new rows.
const T: Cell[][] = [['b', 'x', 'red'], [null, 'y', null], ['a', null, 'blue'], ['b', 'y', null], ['a', null, null]];
const Tnew: Cell[][] = [[null, null, null], ['c', 'z', 'green']];

describe('SimpleImputer on text columns (scikit-learn 1.2.1, object arrays)', () => {
  for (const c of fx.imputers) {
    it(c.name, () => {
      const imp = new SimpleImputer({ strategy: c.params.strategy, fillValue: c.params.fill_value ?? null });
      imp.fit(c.X ?? T);
      expectNear(imp.statistics_.map((s) => (typeof s === 'number' && Number.isNaN(s) ? null : s)), c.statistics, 'statistics_');
      expect(imp.transform(c.X ?? Tnew)).toEqual(c.transform);
    });
  }

  it('reads a DataFrame: text columns by mode or constant, numeric columns by their own rule', () => {
    const df = DataFrame.fromRecords([
      { sex: 'male', mass: 3750 }, { sex: null, mass: NaN }, { sex: 'female', mass: 3250 }, { sex: 'female', mass: 3450 },
    ]);
    const mode = new SimpleImputer({ strategy: 'most_frequent' }).fit(df);
    expect(mode.statistics_).toEqual(['female', 3250]);   // mass: all three values tie, the smallest wins
    expect(mode.transform(df)).toEqual([['male', 3750], ['female', 3250], ['female', 3250], ['female', 3450]]);
    expect(new SimpleImputer({ strategy: 'constant' }).fitTransform(df)[1]).toEqual(['missing_value', 0]);
    // undefined is missing too (rows built by hand often have holes).
    expect(new SimpleImputer({ strategy: 'most_frequent' }).fitTransform([['a'], [undefined as unknown as null], ['a']])).toEqual([['a'], ['a'], ['a']]);
  });

  it('refuses what cannot work, naming the fix', () => {
    expect(() => new SimpleImputer().fit(T)).toThrow(/Cannot use mean strategy with non-numeric data: column 0 holds text. Use strategy 'most_frequent' or 'constant'/);
    expect(() => new SimpleImputer({ strategy: 'median' }).fit(DataFrame.fromRecords([{ sex: 'male' }]))).toThrow(/column 'sex' holds text/);
    expect(() => new SimpleImputer({ strategy: 'constant', fillValue: 0 }).fit(T)).toThrow(/fillValue 0 does not fit column 0, which holds text; give a string/);
    expect(() => new SimpleImputer({ strategy: 'constant', fillValue: 'x' }).fit([[1], [NaN]])).toThrow(/which holds numbers; give a number/);
    expect(() => new SimpleImputer({ strategy: 'most_frequent' }).fit([['a', 1], [2, 'b']] as Cell[][])).toThrow(/column 0 mixes numbers and strings/);
    const fitted = new SimpleImputer({ strategy: 'most_frequent' }).fit([[1, 2], [3, NaN]]);
    expect(() => fitted.transform([['a', 2]])).toThrow(/column 0 holds text, but it held numbers in fit/);
    expect(() => fitted.transform([[1]])).toThrow(/X has 1 features, but SimpleImputer is expecting 2/);
  });

  it('numbers keep the numeric path: mean and median as before', () => {
    expect(new SimpleImputer().fitTransform([[1, 2], [NaN, 3], [7, 6]])).toEqual([[1, 2], [4, 3], [7, 6]]);
    expect(new SimpleImputer({ missingValues: -1, strategy: 'median' }).fitTransform([[-1], [2], [10], [3]])).toEqual([[3], [2], [10], [3]]);
  });
});

const Xn = [[1, NaN, NaN], [2, 5, NaN], [NaN, 7, NaN], [4, 7, NaN], [-3, 6.5, NaN], [0.5, NaN, NaN]];
const XnNew = [[NaN, 1, 2], [10, NaN, NaN], [0, 0, 0]];
const SCALERS: Record<string, () => BaseEstimator & { fit(X: number[][]): unknown; transform(X: number[][]): number[][]; inverseTransform(X: number[][]): number[][] }> = {
  StandardScaler: () => new StandardScaler(), MinMaxScaler: () => new MinMaxScaler(), MaxAbsScaler: () => new MaxAbsScaler(), RobustScaler: () => new RobustScaler(),
};
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('scalers ignore NaN in fit and pass it through (scikit-learn 1.2.1)', () => {
  for (const c of fx.scalers) {
    it(c.name, () => {
      const s = SCALERS[c.name]();
      s.fit(Xn);
      expect(s.tags.allowNaN).toBe(true);
      for (const [k, v] of Object.entries(c.attributes)) {
        // mean_ → mean_, n_samples_seen_ → nSamplesSeen_, data_min_ → dataMin_, max_abs_ → maxAbs_
        const name = camel(k.slice(0, -1)) + '_';
        expectNear((s as unknown as Record<string, unknown>)[name], v, `${c.name}.${name}`);
      }
      const Z = s.transform(XnNew);
      expectNear(Z, c.transform, 'transform');
      expectNear(s.inverseTransform(Z), c.inverseTransform, 'inverseTransform');
    });
  }

  it('nSamplesSeen_ is one number without NaN, as in scikit-learn', () => {
    expect(new StandardScaler().fit([[1, 2], [3, 4]]).nSamplesSeen_).toBe(2);
    expect(new StandardScaler().fit([[1, 2], [NaN, 4]]).nSamplesSeen_).toEqual([1, 2]);
  });

  it('infinity is still refused', () => {
    for (const make of Object.values(SCALERS)) expect(() => make().fit([[1], [Infinity]])).toThrow(/contains infinity/);
  });

  it('a scaler before an imputer fills after scaling, each column with its observed statistics', () => {
    const model = makePipeline(new StandardScaler(), new SimpleImputer({ strategy: 'constant' }));
    const out = model.fitTransform([[1, 10], [NaN, 20], [3, NaN]]);
    expect(out).toEqual([[-1, -1], [0, 1], [1, 0]]);
  });
});

describe('encoders with text categories in a chosen order (scikit-learn 1.2.1)', () => {
  const e = fx.encoders;
  it('OrdinalEncoder codes follow the given order, and back', () => {
    const enc = new OrdinalEncoder({ categories: e.categories }).fit(e.X);
    expect(enc.categories_).toEqual(e.categories);
    expect(enc.transform(e.X)).toEqual(e.ordinal);
    expect(enc.inverseTransform([[2, 0], [0, 2]])).toEqual(e.ordinalInverse);
  });

  it('OneHotEncoder columns follow the given order; drop first drops the first given', () => {
    const enc = new OneHotEncoder({ categories: e.categories }).fit(e.X);
    expect(enc.transform(e.X)).toEqual(e.onehot);
    expect(enc.getFeatureNamesOut(['size', 'n'])).toEqual(e.onehotNames);
    expect(new OneHotEncoder({ categories: e.categories, drop: 'first' }).fit(e.X).transform(e.X)).toEqual(e.onehotDropFirst);
  });

  it('numeric categories must still be sorted; unknown values in fit are named', () => {
    expect(() => new OrdinalEncoder({ categories: [[3, 1, 2]] }).fit([[1], [2], [3]])).toThrow(e.errors.numericUnsorted);
    expect(() => new OrdinalEncoder({ categories: [['small', 'large'], [1, 2, 3]] }).fit(e.X)).toThrow(/Found unknown categories \["medium"\] in column 0 during fit/);
    expect(() => new OrdinalEncoder({ categories: [['a', 'b', 'a']] }).fit([['a']])).toThrow(/duplicate categories/);
  });

  it('in a ColumnTransformer on a DataFrame', () => {
    const df = DataFrame.fromRecords([{ size: 'large' }, { size: 'small' }, { size: 'medium' }]);
    const ct = new ColumnTransformer({ transformers: [['size', new OrdinalEncoder({ categories: [['small', 'medium', 'large']] }), ['size']]] });
    expect(ct.fitTransform(df)).toEqual([[2], [0], [1]]);
  });
});
