// Native categorical splits in histogram gradient boosting against scikit-learn 1.2.1
// (tools/fixtures/hgb_categorical.py): without early stopping both are deterministic, so the
// leaf count of every tree and the predictions on held-out rows (with an unseen category and
// a NaN) must match, to 1e-9. Also: 5-fold CV R² with the columns declared categorical is
// scikit-learn's, and beats treating them as ordered numbers.
import { describe, expect, it } from 'vitest';
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor, loadEstimator, r2Score } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface Case { name: string; estimator: string; data: 'X' | 'Xnan'; target: string; params: Record<string, unknown>; nLeaves: number[]; predict?: number[]; predictProba?: number[][] }
const fx = loadFixture<{
  source: string; X: number[][]; Xnan: (number | string)[][]; Xtest: (number | string)[][]; targets: Record<string, number[]>; cases: Case[];
  quality: { fold: number[]; categorical: number; ordinal: number };
}>('hgb-categorical.json');
const num = (M: (number | string)[][]) => M.map((r) => r.map(Number));

describe(`HistGradientBoosting categorical splits equal ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const X = c.data === 'X' ? fx.X : num(fx.Xnan);
      const Xt = num(fx.Xtest);
      const params = { ...c.params, earlyStopping: false, randomState: 0 } as never;
      const est = c.estimator === 'HistGradientBoostingClassifier'
        ? new HistGradientBoostingClassifier(params).fit(X, fx.targets[c.target])
        : new HistGradientBoostingRegressor(params).fit(X, fx.targets[c.target]);
      expect(est.predictors_.flat().map((t) => t.left.filter((l) => l === -1).length)).toEqual(c.nLeaves);
      expect(est.predictors_.flat().some((t) => t.leftCategories?.some((cats) => cats !== null))).toBe(true);
      if (est instanceof HistGradientBoostingClassifier) expectAllClose(est.predictProba(Xt), c.predictProba!, 1e-9, 'predictProba');
      else expectAllClose(est.predict(Xt), c.predict!, 1e-9, 'predict');
      // A saved model keeps its category sets.
      const loaded = loadEstimator(JSON.stringify(est)) as typeof est;
      expect((loaded as HistGradientBoostingRegressor).predict(Xt)).toEqual((est as HistGradientBoostingRegressor).predict(Xt));
    });
  }

  it('5-fold CV R² equals scikit-learn\'s and beats ordinal treatment of the categories', () => {
    const y = fx.targets.reg;
    const cv = (categoricalFeatures: number[] | null) => {
      let total = 0;
      for (let k = 0; k < 5; k++) {
        const tr = fx.quality.fold.flatMap((f, i) => (f === k ? [] : [i]));
        const te = fx.quality.fold.flatMap((f, i) => (f === k ? [i] : []));
        const m = new HistGradientBoostingRegressor({ categoricalFeatures, randomState: 0 }).fit(tr.map((i) => fx.X[i]), tr.map((i) => y[i]));
        total += r2Score(te.map((i) => y[i]), m.predict(te.map((i) => fx.X[i])));
      }
      return total / 5;
    };
    const cat = cv([0, 2]);
    expect(cat).toBeCloseTo(fx.quality.categorical, 9);
    expect(cv(null)).toBeCloseTo(fx.quality.ordinal, 9);
    expect(cat).toBeGreaterThan(fx.quality.ordinal + 0.02);
  });

  it('names bad categoricalFeatures and bad category codes', () => {
    const X = fx.X.slice(0, 100);
    const y = fx.targets.reg.slice(0, 100);
    expect(() => new HistGradientBoostingRegressor({ categoricalFeatures: [true, false] }).fit(X, y)).toThrow(/HistGradientBoostingRegressor: categoricalFeatures as a boolean mask must have one entry per feature \(4\)/);
    expect(() => new HistGradientBoostingRegressor({ categoricalFeatures: [7] }).fit(X, y)).toThrow(/HistGradientBoostingRegressor: categoricalFeatures set as integer indices must be in \[0, 3\]/);
    expect(() => new HistGradientBoostingRegressor({ categoricalFeatures: [1] }).fit(X, y)).toThrow(/categorical feature at index 1 is expected to be encoded with integers in \[0, 254\]/);
  });
});
