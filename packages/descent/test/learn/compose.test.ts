// ColumnTransformer and FeatureUnion against scikit-learn 1.2.1 (tools/fixtures/preprocessing2.py):
// a table with numeric gaps and string categories selected by dtype and by name, a matrix by
// position with 'drop', passthrough and weights, a transformer as remainder; FeatureUnion with
// weights, passthrough and 'drop', and over text columns; nested params
// through Pipeline get/set/clone; the penguins table end to end.
import { describe, expect, it } from 'vitest';
import {
  ColumnTransformer, DataFrame, FeatureUnion, KNeighborsClassifier, MinMaxScaler, OneHotEncoder, OrdinalEncoder, PolynomialFeatures, SimpleImputer,
  StandardScaler, loadEstimator, makeColumnSelector, makeColumnTransformer, makePipeline, type Cell,
} from '../../src/learn/index.js';
import { loadPenguins } from '../../src/datasets/index.js';
import { tensor } from '../../src/tensor/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';

type Rows = number[][];
const fx = decodeNonFinite(loadFixture('preprocessing2.json')) as {
  source: string;
  compose: {
    table: Record<string, Cell>[]; testTable: Record<string, Cell>[];
    columnTransformerFrame: { fitTransform: Rows; transform: Rows; names: string[] };
    columnTransformerMatrix: { X: Rows; transform: Rows; names: string[] };
    columnTransformerRemainder: { transform: Rows; names: string[] };
    featureUnion: { transform: Rows; names: string[] };
    featureUnionPassthrough: { transform: Rows; names: string[] };
    featureUnionTable: { fitTransform: Rows; names: string[] };
  };
};
const c = fx.compose;

function expectRows(actual: Rows, expected: Rows, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  expected.forEach((r, i) => {
    expect(actual[i].length, `${label}[${i}] length`).toBe(r.length);
    r.forEach((e, j) => {
      if (!(Math.abs(actual[i][j] - e) <= 1e-10 * Math.max(1, Math.abs(e)))) throw new Error(`${label}[${i}][${j}]: got ${actual[i][j]}, expected ${e}`);
    });
  });
}

const tableCT = () => new ColumnTransformer({
  transformers: [
    ['num', makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler()), makeColumnSelector({ dtypeInclude: 'number' })],
    ['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), ['island', 'sex']],
  ],
});

describe(`composition agrees with ${fx.source}`, () => {
  it('ColumnTransformer on a DataFrame: selector and names, feature names out', () => {
    const ct = tableCT();
    const table = DataFrame.fromRecords(c.table);
    expectRows(ct.fitTransform(table), c.columnTransformerFrame.fitTransform, 'fitTransform');
    expectRows(ct.transform(DataFrame.fromRecords(c.testTable)), c.columnTransformerFrame.transform, 'transform');
    expect(ct.getFeatureNamesOut()).toEqual(c.columnTransformerFrame.names);
    // A saved ColumnTransformer (selector included) transforms the same.
    const loaded = loadEstimator<ColumnTransformer>(JSON.stringify(ct));
    expectRows(loaded.transform(DataFrame.fromRecords(c.testTable)), c.columnTransformerFrame.transform, 'after JSON');
  });

  it("ColumnTransformer on a matrix: positions, 'drop', passthrough remainder, weights", () => {
    const ct = new ColumnTransformer({
      transformers: [['scale', new StandardScaler(), [0, 1]], ['gone', 'drop', [2]]], remainder: 'passthrough', transformerWeights: { scale: 2 },
    }).fit(c.columnTransformerMatrix.X);
    expectRows(ct.transform(c.columnTransformerMatrix.X.slice(0, 6)), c.columnTransformerMatrix.transform, 'transform');
    expect(ct.getFeatureNamesOut()).toEqual(c.columnTransformerMatrix.names);
  });

  it('ColumnTransformer with a transformer as remainder', () => {
    const ct = new ColumnTransformer({ transformers: [['mm', new MinMaxScaler(), [1]]], remainder: new StandardScaler() }).fit(c.columnTransformerMatrix.X);
    expectRows(ct.transform(c.columnTransformerMatrix.X.slice(0, 6)), c.columnTransformerRemainder.transform, 'transform');
    expect(ct.getFeatureNamesOut()).toEqual(c.columnTransformerRemainder.names);
  });

  it('FeatureUnion with weights', () => {
    const X = c.columnTransformerMatrix.X.map((r) => r.slice(0, 2));
    const fu = new FeatureUnion({ transformerList: [['std', new StandardScaler()], ['poly', new PolynomialFeatures()]], transformerWeights: { poly: 0.5 } }).fit(X);
    expectRows(fu.transform(X.slice(0, 6)), c.featureUnion.transform, 'transform');
    expect(fu.getFeatureNamesOut()).toEqual(c.featureUnion.names);
  });

  it("FeatureUnion with a weighted passthrough and 'drop', from rows, a Tensor and { data, shape }", () => {
    const X = c.columnTransformerMatrix.X;
    const make = () => new FeatureUnion({ transformerList: [['std', new StandardScaler()], ['raw', 'passthrough'], ['gone', 'drop']], transformerWeights: { raw: 2 } });
    const fu = make().fit(X);
    expectRows(fu.transform(X.slice(0, 6)), c.featureUnionPassthrough.transform, 'transform');
    expect(fu.getFeatureNamesOut()).toEqual(c.featureUnionPassthrough.names);
    const shaped = { data: Float64Array.from(X.flat()), shape: [X.length, X[0].length] };
    expectRows(make().fitTransform(shaped).slice(0, 6), c.featureUnionPassthrough.transform, 'from { data, shape }');
    expectRows(make().fitTransform(tensor(X, { dtype: 'float64' })).slice(0, 6), c.featureUnionPassthrough.transform, 'from a Tensor');
    expect(() => fu.transform(X.map((r) => r.slice(1)))).toThrow(/X has 2 features, but FeatureUnion is expecting 3/);
  });

  it('FeatureUnion over the text columns of a DataFrame', () => {
    const table = DataFrame.fromRecords(c.table).select(['island', 'sex']);
    const fu = new FeatureUnion({ transformerList: [['oh', new OneHotEncoder()], ['ord', new OrdinalEncoder()]] });
    expectRows(fu.fitTransform(table).slice(0, 6), c.featureUnionTable.fitTransform, 'fitTransform');
    expect(fu.getFeatureNamesOut()).toEqual(c.featureUnionTable.names);
    const withPassthrough = new FeatureUnion({ transformerList: [['oh', new OneHotEncoder()], ['raw', 'passthrough']] });
    expect(() => withPassthrough.fit(table)).toThrow(/column island passed through by 'raw' holds strings or nulls/);
  });
});

describe('composition behaviour', () => {
  it('nested params ct__num__scaler__withMean through Pipeline get/set/clone', () => {
    const ct = new ColumnTransformer({ transformers: [['num', makePipeline(new SimpleImputer(), new StandardScaler()), [0]], ['cat', 'drop', [1]]] });
    const pipe = makePipeline(ct, new KNeighborsClassifier({ nNeighbors: 1 }));
    expect(pipe.getParams()).toMatchObject({ columntransformer__num__standardscaler__withMean: true, kneighborsclassifier__nNeighbors: 1 });
    pipe.setParams({ columntransformer__num__standardscaler__withMean: false, columntransformer__cat: 'passthrough' });
    const clone = pipe.clone();
    expect(clone.getParams()).toMatchObject({ columntransformer__num__standardscaler__withMean: false });
    const inner = clone.namedSteps.columntransformer as ColumnTransformer;
    expect(inner.params.transformers[1][1]).toBe('passthrough');
    expect(inner.params.transformers[0][1]).not.toBe(ct.params.transformers[0][1]); // deep copy
    clone.fit([[1, 0], [2, 1], [10, 0]], ['a', 'a', 'b']);
    expect(clone.predict([[9, 0]])).toEqual(['b']);
    expect(() => pipe.setParams({ columntransformer__nope__x: 1 })).toThrow(/no nested estimator is called `nope`/);
  });

  it('makeColumnTransformer names by class and takes options', () => {
    const ct = makeColumnTransformer([new StandardScaler(), [0]], [new StandardScaler(), [1]], ['passthrough', [2]], { remainder: 'drop' });
    expect(ct.params.transformers.map((e) => e[0])).toEqual(['standardscaler-1', 'standardscaler-2', 'passthrough']);
    expect(ct.fitTransform([[1, 2, 3], [3, 4, 5]])).toEqual([[-1, -1, 3], [1, 1, 5]]);
  });

  it('selectors by pattern and dtype exclusion; clear errors', () => {
    const df = DataFrame.fromColumns({ bill_len: [1, 2], bill_depth: [3, 4], island: ['a', 'b'] });
    const ct = new ColumnTransformer({ transformers: [['b', new StandardScaler(), makeColumnSelector({ pattern: '^bill', dtypeExclude: 'string' })]] });
    expect(ct.fit(df).getFeatureNamesOut()).toEqual(['b__bill_len', 'b__bill_depth']);
    expect(() => new ColumnTransformer({ transformers: [['s', new StandardScaler(), ['bill']]] }).fit([[1]])).toThrow(/by name needs a DataFrame/);
    expect(() => new ColumnTransformer({ transformers: [['s', new StandardScaler(), ['nope']]] }).fit(df)).toThrow(/no column named 'nope'/);
    expect(() => new ColumnTransformer({ transformers: [['s', 'passthrough', ['island']]] }).fit(df)).toThrow(/holds strings or nulls/);
    expect(() => ct.transform(df.select(['bill_depth', 'bill_len', 'island']))).toThrow(/columns differ from those seen in fit/);
    expect(() => new StandardScaler().fit(df)).toThrow(/'island' hold strings/);
  });

  it('the penguins: impute, scale, one-hot, then k-NN', () => {
    const { frame } = loadPenguins();
    const X = frame.select(['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex']).fillna({ sex: 'unknown' });
    const y = frame.column('species') as string[];
    const prep = tableCT();
    const model = makePipeline(prep, new KNeighborsClassifier());
    const train = Array.from({ length: frame.nRows }, (_, i) => i).filter((i) => i % 4 !== 0);
    const test = Array.from({ length: frame.nRows }, (_, i) => i).filter((i) => i % 4 === 0);
    model.fit(X.take(train), train.map((i) => y[i]));
    const pred = model.predict(X.take(test));
    const acc = pred.filter((p, k) => p === y[test[k]]).length / test.length;
    expect(acc).toBeGreaterThan(0.95);
    expect(prep.getFeatureNamesOut()).toEqual([
      'num__bill_length_mm', 'num__bill_depth_mm', 'num__flipper_length_mm', 'num__body_mass_g',
      'cat__island_Biscoe', 'cat__island_Dream', 'cat__island_Torgersen', 'cat__sex_female', 'cat__sex_male', 'cat__sex_unknown',
    ]);
  });
});
