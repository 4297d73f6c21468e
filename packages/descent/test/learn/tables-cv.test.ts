// Model selection on real tables: cross-validation, search and curves take a DataFrame with
// text columns (or rows mixing numbers and strings) and only index its rows, leaving
// validation to the estimator, as scikit-learn does. Golden values from scikit-learn 1.2.1
// with pandas on the Palmer Penguins table (tools/fixtures/tables.py, unshuffled folds).
import { describe, expect, it } from 'vitest';
import {
  ColumnTransformer, DataFrame, GridSearchCV, KFold, LogisticRegression, OneHotEncoder, RandomizedSearchCV, Ridge, SimpleImputer,
  StandardScaler, crossValPredict, takeRows, crossValScore, crossValidate, learningCurve, makeColumnSelector, makePipeline, trainTestSplit,
  validationCurve, type Cell, type Pipeline,
} from '../../src/learn/index.js';
import { loadPenguins } from '../../src/datasets/index.js';
import { tensor } from '../../src/tensor/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';

interface Fixture {
  sexCv: {
    rows: number; crossValScore: number[]; negLogLoss: number[]; crossValPredict: string[];
    grid: { C: number[]; meanTestScore: number[]; rankTestScore: number[]; bestC: number; bestScore: number };
    learningCurve: { trainSizes: number[]; trainSizesAbs: number[]; trainScores: number[][]; testScores: number[][] };
  };
  islandCv: { crossValScore: number[] };
}
const fx = decodeNonFinite(loadFixture('tables.json')) as Fixture;

const NUM = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];
const { frame: penguins } = loadPenguins();
const known = penguins.column('sex').flatMap((s, i) => (s === null ? [] : [i]));
const Xs = penguins.take(known).select(['species', 'island', ...NUM]);
const ys = penguins.take(known).column('sex') as string[];

// scikit-learn's side uses tol=1e-10 too, so both sides reach the optimum, not their own stopping points.
const lr = () => new LogisticRegression({ tol: 1e-10, maxIter: 10_000 });
const sexModel = (): Pipeline => makePipeline(new ColumnTransformer({ transformers: [
  ['num', makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler()), makeColumnSelector({ dtypeInclude: 'number' })],
  ['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), makeColumnSelector({ dtypeInclude: 'string' })],
] }), lr());

function expectAllClose(actual: number[], expected: number[], tol: number, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  expected.forEach((e, i) => {
    if (!(Math.abs(actual[i] - e) <= tol * Math.max(1, Math.abs(e)))) throw new Error(`${label}[${i}]: got ${actual[i]}, expected ${e}`);
  });
}

describe('cross-validation on a DataFrame with text columns (scikit-learn 1.2.1 goldens)', () => {
  it('crossValScore: accuracy and log loss per fold', () => {
    expect(Xs.nRows).toBe(fx.sexCv.rows);
    // Accuracies are counts over ~67 penguins: any differing prediction would move them by 0.015.
    expectAllClose(crossValScore(sexModel(), Xs, ys, { cv: 5 }), fx.sexCv.crossValScore, 1e-12, 'accuracy');
    expectAllClose(crossValScore(sexModel(), Xs, ys, { cv: 5, scoring: 'neg_log_loss' }), fx.sexCv.negLogLoss, 1e-6, 'neg_log_loss');
  });

  it('crossValPredict: every out-of-fold label', () => {
    expect(crossValPredict(sexModel(), Xs, ys, { cv: 5 })).toEqual(fx.sexCv.crossValPredict);
  });

  it('GridSearchCV over the pipeline: mean scores, ranks, best C, refit predicts from the table', () => {
    const search = new GridSearchCV({ estimator: sexModel(), paramGrid: { logisticregression__C: fx.sexCv.grid.C }, cv: 5, recordTimes: false }).fit(Xs, ys);
    expectAllClose(search.cvResults_.meanTestScore!, fx.sexCv.grid.meanTestScore, 1e-12, 'meanTestScore');
    expect(search.cvResults_.rankTestScore).toEqual(fx.sexCv.grid.rankTestScore);
    expect(search.bestParams_).toEqual({ logisticregression__C: fx.sexCv.grid.bestC });
    expect(search.bestScore_).toBeCloseTo(fx.sexCv.grid.bestScore, 12);
    expect(search.nFeaturesIn_).toBe(6);
    const best = sexModel().setParams({ logisticregression__C: fx.sexCv.grid.bestC }).fit(Xs, ys);
    expect(search.predict(Xs.head(20))).toEqual(best.predict(Xs.head(20)));
    expect(search.score(Xs, ys)).toBe(best.score(Xs, ys));
  });

  it('learningCurve: sizes and scores', () => {
    const lc = fx.sexCv.learningCurve;
    const res = learningCurve(sexModel(), Xs, ys, { cv: 5, trainSizes: lc.trainSizes });
    expect(res.trainSizesAbs).toEqual(lc.trainSizesAbs);
    res.trainScores.forEach((r, k) => expectAllClose(r, lc.trainScores[k], 1e-12, `trainScores[${k}]`));
    res.testScores.forEach((r, k) => expectAllClose(r, lc.testScores[k], 1e-12, `testScores[${k}]`));
  });

  it('text gaps filled inside the folds, NaN passed through the scaler (island from species, sex and measurements)', () => {
    const X = penguins.select(['species', 'sex', ...NUM]);
    const y = penguins.column('island') as string[];
    expect(X.column('sex').filter((s) => s === null).length).toBe(11);
    const model = makePipeline(new ColumnTransformer({ transformers: [
      ['num', makePipeline(new StandardScaler(), new SimpleImputer({ strategy: 'constant' })), NUM],
      ['cat', makePipeline(new SimpleImputer({ strategy: 'most_frequent' }), new OneHotEncoder()), ['species', 'sex']],
    ] }), lr());
    expectAllClose(crossValScore(model, X, y, { cv: 5 }), fx.islandCv.crossValScore, 1e-12, 'island accuracy');
  });
});

describe('model selection only indexes rows', () => {
  it('rows of mixed values give the same scores as the DataFrame', () => {
    const rows = Xs.toRows();
    const byPosition = () => makePipeline(new ColumnTransformer({ transformers: [
      ['num', new StandardScaler(), [2, 3, 4, 5]],
      ['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), [0, 1]],
    ] }), lr());
    const scores = crossValScore(byPosition(), rows, ys, { cv: 5 });
    expectAllClose(scores, fx.sexCv.crossValScore, 1e-12, 'rows');
    const res = crossValidate(byPosition(), rows, ys, { cv: 5, scoring: ['accuracy', 'f1_macro'], returnTrainScore: true });
    expect(res.testAccuracy).toEqual(scores);
    expect((res.trainF1Macro as number[]).every((s) => s > 0.8)).toBe(true);
  });

  it('validationCurve and RandomizedSearchCV take the table too, and agree with GridSearchCV', () => {
    const Cs = [0.1, 10];
    const vc = validationCurve(sexModel(), Xs, ys, { paramName: 'logisticregression__C', paramRange: Cs, cv: 5 });
    const grid = new GridSearchCV({ estimator: sexModel(), paramGrid: { logisticregression__C: Cs }, cv: 5, recordTimes: false }).fit(Xs, ys);
    expect(vc.testScores.map((r) => r.reduce((a, b) => a + b) / r.length)).toEqual(grid.cvResults_.meanTestScore);
    const rand = new RandomizedSearchCV({
      estimator: sexModel(), paramDistributions: { logisticregression__C: Cs }, nIter: 2, randomState: 0, cv: 5, recordTimes: false,
    }).fit(Xs, ys);
    expect(rand.bestScore_).toBe(grid.bestScore_);
  });

  it('a Tensor, { data, shape } and number[][] give identical folds and scores', () => {
    const X = penguins.select(NUM).take(known).toRows() as number[][];
    const y = penguins.take(known).column('body_mass_g') as number[];
    const Xr = X.map((r) => r.slice(0, 3));
    const ref = crossValScore(new Ridge(), Xr, y, { cv: new KFold({ nSplits: 4, shuffle: true, randomState: 1 }) });
    const asTensor = tensor(Xr, { dtype: 'float64' });
    const asShaped = { data: Float64Array.from(Xr.flat()), shape: [Xr.length, 3] };
    expect(crossValScore(new Ridge(), asTensor, y, { cv: new KFold({ nSplits: 4, shuffle: true, randomState: 1 }) })).toEqual(ref);
    expect(crossValScore(new Ridge(), asShaped, y, { cv: new KFold({ nSplits: 4, shuffle: true, randomState: 1 }) })).toEqual(ref);
  });

  it('takeRows keeps the form: DataFrame, Tensor, { data, shape }, rows, typed arrays', () => {
    const df = DataFrame.fromRecords([{ a: 1, s: 'x' }, { a: 2, s: null }, { a: NaN, s: 'z' }]);
    const sub = takeRows(df, [2, 0]);
    expect(sub).toBeInstanceOf(DataFrame);
    expect(sub.toRows()).toEqual([[NaN, 'z'], [1, 'x']]);
    expect(takeRows(tensor([[1, 2], [3, 4], [5, 6]]), [2, 1]).toArray()).toEqual([[5, 6], [3, 4]]);
    expect(takeRows({ data: [1, 2, 3, 4, 5, 6], shape: [3, 2] }, [1])).toEqual({ data: Float64Array.from([3, 4]), shape: [1, 2] });
    expect(takeRows([[1, 'a'], [2, null]] as Cell[][], [1, 1])).toEqual([[2, null], [2, null]]);
    expect(takeRows(Int32Array.from([7, 8, 9]), [2, 0])).toEqual(Int32Array.from([9, 7]));
  });

  it('validation is the estimator\'s: its own message comes through', () => {
    const rows = Xs.toRows();
    // A plain model refuses the text column itself, naming the fix.
    expect(() => crossValScore(lr(), rows, ys, { cv: 3, errorScore: 'raise' })).toThrow(/expected a number. Encode categories first/);
    expect(() => crossValScore(lr(), Xs, ys, { cv: 3, errorScore: 'raise' })).toThrow(/hold strings, so this frame is not a numeric matrix/);
    expect(() => crossValScore(sexModel(), Xs, ys.slice(1), { cv: 3 })).toThrow(/inconsistent numbers of samples: \[333, 332\]/);
    expect(() => crossValScore(sexModel(), Xs.head(0), [], { cv: 3 })).toThrow(/0 sample\(s\)/);
  });

  it('trainTestSplit splits a DataFrame into DataFrames, rows matching y', () => {
    const [tr, te, ytr, yte] = trainTestSplit(Xs, ys, { testSize: 0.25, randomState: 0, stratify: ys });
    expect(tr).toBeInstanceOf(DataFrame);
    expect([tr.nRows, te.nRows]).toEqual([249, 84]);
    expect(ytr.length + yte.length).toBe(333);
    // Each row keeps its label: the split rows are rows of the table, y split the same way.
    const key = (r: Cell[]) => JSON.stringify(r);
    const labelOf = new Map(Xs.toRows().map((r, i) => [key(r), ys[i]]));
    te.toRows().forEach((r, i) => expect(labelOf.get(key(r))).toBe(yte[i]));
    const [a, b] = trainTestSplit(Xs, { testSize: 10, shuffle: false });
    expect(b.toRows()).toEqual(Xs.take([323, 324, 325, 326, 327, 328, 329, 330, 331, 332]).toRows());
    expect(a.nRows).toBe(323);
  });
});
