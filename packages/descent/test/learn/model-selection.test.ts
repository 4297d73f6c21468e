// Splitters, cross-validation and curves against scikit-learn 1.2.1
// (tools/fixtures/model_selection.py). Unshuffled folds must equal scikit-learn's exactly;
// shuffled ones use our own generator, so they are tested for determinism, partitioning
// and stratification balance instead of scikit-learn's indices.
import { describe, expect, it } from 'vitest';
import { loadDiabetes, loadIris, loadWine } from '../../src/datasets/index.js';
import {
  DummyClassifier, GroupKFold, KFold, LeaveOneOut, LinearRegression, RepeatedKFold, RepeatedStratifiedKFold, Ridge, ShuffleSplit,
  StratifiedKFold, StratifiedShuffleSplit, TimeSeriesSplit, crossValPredict, crossValScore, crossValidate, getEstimatorClass,
  learningCurve, trainTestSplit, validationCurve, type BaseEstimator, type Splitter, type TrainTest,
} from '../../src/learn/index.js';
import { tensor } from '../../src/tensor/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface SplitterCase { name: string; splitter: string; options: Record<string, unknown>; n: number; y?: (number | string)[]; groups?: (number | string)[]; folds: TrainTest[] }
interface Fixture {
  source: string;
  splitters: SplitterCase[];
  trainTestSplit: { options: Record<string, number>; train: number[][]; test: number[][] }[];
  crossValScore: { name: string; estimator: string; data: string; cv: number; scoring: string | null; scores: number[] }[];
  crossValidate: Record<string, number[]>;
  crossValPredict: { predict: number[]; predictProba: number[][] };
  curves: {
    learningRidge: { trainSizesAbs: number[]; trainScores: number[][]; testScores: number[][] };
    learningNB: { trainSizes: number[]; trainSizesAbs: number[]; trainScores: number[][]; testScores: number[][] };
    validationRidge: { paramRange: number[]; trainScores: number[][]; testScores: number[][] };
  };
}
const fx = decodeNonFinite(loadFixture('model-selection.json')) as Fixture;

const SPLITTERS: Record<string, new (o: Record<string, unknown>) => Splitter> = {
  KFold, StratifiedKFold, GroupKFold, LeaveOneOut, TimeSeriesSplit,
} as unknown as Record<string, new (o: Record<string, unknown>) => Splitter>;

const DATA = {
  diabetes: () => { const d = loadDiabetes(); return { X: d.data, y: d.target }; },
  iris: () => { const d = loadIris(); return { X: d.data, y: d.target }; },
  wine: () => { const d = loadWine(); return { X: d.data, y: d.target }; },
} as const;

const ESTIMATORS: Record<string, () => BaseEstimator> = {
  ridge: () => new Ridge({ alpha: 1 }),
  ols: () => new LinearRegression(),
  dummy: () => new DummyClassifier({ strategy: 'most_frequent' }),
  gnb: () => new (getEstimatorClass('GaussianNB'))(),
};

const n = (k: number) => Array.from({ length: k }, (_, i) => [i]);

/** Every index in exactly one test set, train = the complement. */
function expectPartition(folds: TrainTest[], size: number): void {
  const seen = new Array<number>(size).fill(0);
  for (const [train, test] of folds) {
    for (const i of test) seen[i]++;
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
  }
  expect(seen.every((c) => c === 1)).toBe(true);
}

describe(`splitters equal ${fx.source} without shuffling`, () => {
  it.each(fx.splitters.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const s = new SPLITTERS[c.splitter](c.options);
    expect([...s.split(n(c.n), c.y ?? null, c.groups ?? null)]).toEqual(c.folds);
    expect(s.getNSplits(n(c.n))).toBe(c.folds.length);
  });

  it('trainTestSplit without shuffle takes the first rows for training', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [2 * i, 2 * i + 1]);
    for (const c of fx.trainTestSplit) {
      const [train, test] = trainTestSplit(rows, { ...c.options, shuffle: false });
      expect([train, test]).toEqual([c.train, c.test]);
    }
  });
});

describe('shuffled splitters: seeded, partitions, balanced', () => {
  const y = [...new Array(30).fill('a'), ...new Array(12).fill('b'), ...new Array(6).fill('c')];
  const X = n(y.length);

  it('KFold and StratifiedKFold with a seed repeat, partition, and differ from the unshuffled folds', () => {
    for (const S of [KFold, StratifiedKFold]) {
      const a = [...new S({ nSplits: 4, shuffle: true, randomState: 3 }).split(X, y)];
      const b = [...new S({ nSplits: 4, shuffle: true, randomState: 3 }).split(X, y)];
      expect(a).toEqual(b);
      expectPartition(a, y.length);
      expect(a).not.toEqual([...new S({ nSplits: 4 }).split(X, y)]);
      expect(a).not.toEqual([...new S({ nSplits: 4, shuffle: true, randomState: 4 }).split(X, y)]);
    }
  });

  it('stratified folds hold each class in proportion (within one sample)', () => {
    for (const folds of [
      [...new StratifiedKFold({ nSplits: 3, shuffle: true, randomState: 0 }).split(X, y)],
      [...new RepeatedStratifiedKFold({ nSplits: 3, nRepeats: 2, randomState: 0 }).split(X, y)],
    ]) {
      for (const [, test] of folds) {
        for (const [cls, total] of [['a', 30], ['b', 12], ['c', 6]] as const) {
          const got = test.filter((i) => y[i] === cls).length;
          expect(Math.abs(got - total / 3)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('RepeatedKFold: each repeat is a partition, repeats differ, a seed reproduces', () => {
    const s = new RepeatedKFold({ nSplits: 3, nRepeats: 4, randomState: 1 });
    const folds = [...s.split(n(20))];
    expect(folds.length).toBe(s.getNSplits());
    for (let r = 0; r < 4; r++) expectPartition(folds.slice(3 * r, 3 * r + 3), 20);
    expect(folds.slice(0, 3)).not.toEqual(folds.slice(3, 6));
    expect([...s.split(n(20))]).toEqual(folds);
  });

  it('ShuffleSplit and StratifiedShuffleSplit: sizes like scikit-learn, disjoint train and test, balanced classes', () => {
    for (const [train, test] of new ShuffleSplit({ nSplits: 5, testSize: 0.25, randomState: 0 }).split(X)) {
      expect([train.length, test.length]).toEqual([36, 12]); // ceil(0.25·48) test, the rest train
      expect(new Set([...train, ...test]).size).toBe(48);
    }
    const sss = [...new StratifiedShuffleSplit({ nSplits: 5, testSize: 12, trainSize: 24, randomState: 0 }).split(X, y)];
    for (const [train, test] of sss) {
      expect(Math.abs(test.filter((i) => y[i] === 'a').length - 30 / 4)).toBe(0.5); // 7 or 8
      expect(train.filter((i) => y[i] === 'b').length).toBe(6);
      expect(new Set([...train, ...test]).size).toBe(36);
    }
    expect(sss[0]).not.toEqual(sss[1]);
  });

  it('trainTestSplit: seeded, keeps rows with their labels, stratifies, splits Tensors and typed arrays', () => {
    const rows = y.map((_, i) => [i, i * 10]);
    const [XTr, XTe, yTr, yTe] = trainTestSplit(rows, y, { testSize: 0.25, randomState: 7, stratify: y });
    expect([XTr.length, XTe.length]).toEqual([36, 12]);
    expect(XTe.map((r) => y[r[0]])).toEqual(yTe);
    expect(Math.abs(yTe.filter((v) => v === 'c').length - 6 / 4)).toBe(0.5); // a quarter of each class: 1 or 2 of 6
    expect(trainTestSplit(rows, y, { testSize: 0.25, randomState: 7, stratify: y })).toEqual([XTr, XTe, yTr, yTe]);
    const [a] = trainTestSplit(Float64Array.from(y.map((_, i) => i)), { randomState: 7 });
    expect(a).toBeInstanceOf(Float64Array);
    expect(a.length).toBe(36);
    const [T1, T2] = trainTestSplit(tensor([[1, 2], [3, 4], [5, 6], [7, 8]]), { testSize: 1, randomState: 0 });
    expect([T1.shape, T2.shape]).toEqual([[3, 2], [1, 2]]);
    expect([...T1.toArray() as number[][], ...T2.toArray() as number[][]].map((r) => r[0]).sort()).toEqual([1, 3, 5, 7]);
  });

  it('bad options and inputs name the problem', () => {
    expect(() => new KFold({ nSplits: 1 })).toThrow('KFold: `nSplits` must be an integer >= 2; got 1.');
    expect(() => new KFold({ randomState: 0 })).toThrow(/has no effect since `shuffle` is false/);
    expect(() => [...new KFold({ nSplits: 5 }).split(n(3))]).toThrow(/nSplits=5 greater than the number of samples: nSamples=3/);
    expect(() => [...new StratifiedKFold().split(n(10))]).toThrow(/needs the `y` argument/);
    expect(() => [...new StratifiedKFold({ nSplits: 3 }).split(n(4), [0, 0, 1, 1])]).toThrow(/cannot be greater than the number of members in each class/);
    expect(() => [...new GroupKFold({ nSplits: 3 }).split(n(4), null, [0, 0, 1, 1])]).toThrow(/greater than the number of groups: 2/);
    expect(() => [...new TimeSeriesSplit({ nSplits: 5 }).split(n(5))]).toThrow(/nFolds=6/);
    expect(() => trainTestSplit(n(4), [1, 2, 3])).toThrow(/inconsistent numbers of samples: \[4, 3\]/);
    expect(() => trainTestSplit(n(4), { testSize: 1.5 })).toThrow(/`testSize` must be a fraction in \(0, 1\)/);
    expect(() => trainTestSplit(n(4), { shuffle: false, stratify: [0, 0, 1, 1] })).toThrow(/needs shuffle: true/);
    expect(() => new KFold({ nFolds: 3 } as never)).toThrow(/unexpected option `nFolds`/);
  });
});

describe(`cross-validation equals ${fx.source}`, () => {
  it.each(fx.crossValScore.map((c) => [c.name, c] as const))('crossValScore: %s', (_name, c) => {
    const { X, y } = DATA[c.data as keyof typeof DATA]();
    expectAllClose(crossValScore(ESTIMATORS[c.estimator](), X, y, { cv: c.cv, scoring: c.scoring }), c.scores, 1e-8, c.name);
  });

  it('crossValidate with several metrics and train scores (GaussianNB on iris)', () => {
    const { X, y } = DATA.iris();
    const res = crossValidate(ESTIMATORS.gnb(), X, y, { cv: 5, scoring: ['accuracy', 'f1_macro', 'balanced_accuracy'], returnTrainScore: true });
    for (const [key, expected] of Object.entries(fx.crossValidate)) {
      const camel = key.replace(/_+([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
      expectAllClose(res[camel], expected, 1e-10, camel);
    }
    expect(res.fitTime.length).toBe(5);
    expect(res.scoreTime.every((t) => t >= 0)).toBe(true);
  });

  it('crossValPredict: out-of-fold labels and probabilities (GaussianNB)', () => {
    const iris = DATA.iris();
    expect(crossValPredict(ESTIMATORS.gnb(), iris.X, iris.y, { cv: 5 })).toEqual(fx.crossValPredict.predict);
    const wine = DATA.wine();
    expectAllClose(crossValPredict(ESTIMATORS.gnb(), wine.X, wine.y, { cv: 3, method: 'predictProba' }), fx.crossValPredict.predictProba, 1e-8, 'proba');
    expect(() => crossValPredict(new Ridge(), wine.X, wine.y, { cv: new ShuffleSplit({ randomState: 0 }) })).toThrow(/only works for partitions/);
  });

  it('unknown scoring names list the valid ones', () => {
    const { X, y } = DATA.diabetes();
    expect(() => crossValScore(new Ridge(), X, y, { scoring: 'r_squared' })).toThrow(/'r_squared' is not a valid scoring value. Use one of .*'r2'/);
  });
});

describe(`learning and validation curves equal ${fx.source}`, () => {
  it('learningCurve: Ridge on diabetes, default sizes', () => {
    const { X, y } = DATA.diabetes();
    const c = fx.curves.learningRidge;
    const res = learningCurve(new Ridge(), X, y);
    expect(res.trainSizesAbs).toEqual(c.trainSizesAbs);
    expectAllClose(res.trainScores, c.trainScores, 1e-8, 'train');
    expectAllClose(res.testScores, c.testScores, 1e-8, 'test');
  });

  it('learningCurve: GaussianNB on iris, sizes as counts, stratified folds', () => {
    const { X, y } = DATA.iris();
    const c = fx.curves.learningNB;
    const res = learningCurve(ESTIMATORS.gnb(), X, y, { cv: 3, trainSizes: c.trainSizes });
    expect(res.trainSizesAbs).toEqual(c.trainSizesAbs);
    expectAllClose(res.trainScores, c.trainScores, 1e-10, 'train');
    expectAllClose(res.testScores, c.testScores, 1e-10, 'test');
  });

  it('validationCurve: Ridge alpha', () => {
    const { X, y } = DATA.diabetes();
    const c = fx.curves.validationRidge;
    const res = validationCurve(new Ridge(), X, y, { paramName: 'alpha', paramRange: c.paramRange, cv: 4 });
    expectAllClose(res.trainScores, c.trainScores, 1e-8, 'train');
    expectAllClose(res.testScores, c.testScores, 1e-8, 'test');
    expect(() => validationCurve(new Ridge(), X, y, { paramName: 'lambda', paramRange: [1] })).toThrow(/Ridge has no parameter "lambda"/);
  });
});
