// Naive Bayes against scikit-learn 1.2.1 (tools/fixtures/naive_bayes_da.py): fitted
// attributes, predictions and (log-)probabilities to 1e-10, for plain, weighted and
// batched (partialFit) fits.
import { describe, expect, it } from 'vitest';
import { loadBreastCancer, loadDigits, loadIris, loadWine } from '../../src/datasets/index.js';
import { BernoulliNB, GaussianNB, MultinomialNB, getEstimatorClass, type BaseNB } from '../../src/learn/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface Case {
  name: string; estimator: string; params: Record<string, unknown>; data: string; sampleWeight: number[] | null; batches: number | null;
  order: number[] | null; rows: number[]; attrs: Record<string, unknown>;
  predict: number[]; predictProba: number[][]; predictLogProba: number[][];
}
const fx = decodeNonFinite(loadFixture('naive-bayes-da.json')) as { source: string; naiveBayes: Case[] };

const DATA: Record<string, () => { X: number[][]; y: number[] }> = {
  iris: () => { const d = loadIris(); return { X: d.data, y: d.target }; },
  wine: () => { const d = loadWine(); return { X: d.data, y: d.target }; },
  digits: () => { const d = loadDigits(); return { X: d.data, y: d.target }; },
  cancer: () => { const d = loadBreastCancer(); return { X: d.data, y: d.target }; },
};

type NB = BaseNB<object> & {
  fit(X: number[][], y: number[], w?: number[]): NB;
  partialFit(X: number[][], y: number[], classes?: number[], w?: number[]): NB;
  predictLogProba(X: number[][]): number[][];
};

describe(`naive Bayes equals ${fx.source}`, () => {
  it.each(fx.naiveBayes.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { X, y } = DATA[c.data]();
    const model = new (getEstimatorClass(c.estimator))(c.params) as unknown as NB;
    if (c.batches) {
      const order = c.order!;
      const bounds = Array.from({ length: c.batches + 1 }, (_, i) => Math.floor((i * y.length) / c.batches!));
      for (let b = 0; b < c.batches; b++) {
        const idx = order.slice(bounds[b], bounds[b + 1]);
        model.partialFit(idx.map((i) => X[i]), idx.map((i) => y[i]), b === 0 ? [...new Set(y)].sort((p, q) => p - q) : undefined);
      }
    } else {
      model.fit(X, y, c.sampleWeight ?? undefined);
    }
    for (const [k, v] of Object.entries(c.attrs)) expectAllClose((model as unknown as Record<string, unknown>)[k], v, 1e-10, k);
    const rows = c.rows.map((i) => X[i]);
    expect(model.predict(rows)).toEqual(c.predict);
    expectAllClose(model.predictProba(rows), c.predictProba, 1e-10, 'predictProba');
    expectAllClose(model.predictLogProba(rows), c.predictLogProba, 1e-10, 'predictLogProba');
  });
});

describe('naive Bayes behaviour', () => {
  const { X, y } = DATA.iris();

  it('partialFit in batches equals one fit on everything (GaussianNB means and variances)', () => {
    const whole = new GaussianNB({ varSmoothing: 0 }).fit(X, y);
    const batched = new GaussianNB({ varSmoothing: 0 }).partialFit(X.slice(0, 40), y.slice(0, 40), [0, 1, 2]);
    batched.partialFit(X.slice(40, 110), y.slice(40, 110)).partialFit(X.slice(110), y.slice(110));
    expectAllClose(batched.theta_, whole.theta_, 1e-12, 'theta_');
    expectAllClose(batched.var_, whole.var_, 1e-12, 'var_');
    expect(batched.classCount_).toEqual([50, 50, 50]);
  });

  it('integer sample weights equal repeating samples', () => {
    const w = y.map((_, i) => (i % 3) + 1);
    const repeated = X.flatMap((r, i) => new Array(w[i]).fill(r) as number[][]);
    const yRep = y.flatMap((v, i) => new Array(w[i]).fill(v) as number[]);
    for (const make of [() => new GaussianNB(), () => new MultinomialNB()]) {
      const a = make().fit(X, y, w);
      const b = make().fit(repeated, yRep);
      expectAllClose(a.predictProba(X.slice(0, 20)), b.predictProba(X.slice(0, 20)), 1e-9, a.estimatorName);
    }
  });

  it('probabilities sum to 1 and strings work as labels', () => {
    const names = y.map((k) => ['setosa', 'versicolor', 'virginica'][k]);
    const nb = new BernoulliNB({ binarize: 3 }).fit(X, names);
    expect(nb.classes_).toEqual(['setosa', 'versicolor', 'virginica']);
    for (const row of nb.predictProba(X)) expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  it('bad input names the problem', () => {
    expect(() => new MultinomialNB().fit([[1, -2], [0, 1]], [0, 1])).toThrow(/Negative values in data passed to MultinomialNB/);
    expect(() => new GaussianNB().partialFit(X, y)).toThrow(/pass `classes` .* on the first call/);
    expect(() => new GaussianNB().partialFit(X.slice(90, 110), y.slice(90, 110), [0, 1])).toThrow(/label\(s\) \[2\] in y are not among the classes \[0, 1\]/);
    expect(() => new GaussianNB({ priors: [0.5, 0.6, 0.1] }).fit(X, y)).toThrow(/priors must sum to 1/);
    expect(() => new MultinomialNB({ alpha: [1, 2] }).fit(X, y)).toThrow(/alpha has 2 values but X has 4 features/);
    expect(() => new GaussianNB({ varSmoothing: -1 }).fit(X, y)).toThrow('The `varSmoothing` parameter of GaussianNB must be a number >= 0. Got -1 instead.');
  });
});

describe('naive Bayes partialFit checks its batches', () => {
  for (const make of [() => new GaussianNB(), () => new MultinomialNB(), () => new BernoulliNB()]) {
    const name = make().estimatorName;
    it(`${name}: classes on the first call, the same feature count after`, () => {
      expect(() => make().partialFit([[1, 2]], [0])).toThrow(/pass `classes` \(every class that can appear\) on the first call/);
      const nb = make().partialFit([[1, 2], [3, 4]], [0, 1], [0, 1]);
      expect(() => nb.partialFit([[1, 2, 3]], [0])).toThrow(new RegExp(`${name}.partialFit: X has 3 features, but the earlier batches had 2`));
      expect(() => nb.partialFit([[1, 2]], [7])).toThrow(/the label\(s\) \[7\] in y are not among the classes \[0, 1\]/);
    });
  }
});
