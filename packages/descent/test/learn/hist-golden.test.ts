// Histogram gradient boosting against scikit-learn 1.2.1 (tools/fixtures/boosting.py),
// without early stopping, where both are deterministic: the leaf count of every tree and
// the predictions, to 1e-9. Getting there took scikit-learn's exact arithmetic: gradients and
// hessians rounded to float32, the gain computed term by term as in its `_split_gain`, node
// values −G/(H + λ + 1e-15), and NaN-left splits scanned right to left: with ±1 gradients
// (absolute error) or many classes, splits tie and rounding picks the winner.
import { describe, expect, it } from 'vitest';
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface Case { name: string; estimator: string; params: Record<string, unknown>; target: string; nan: boolean; nLeaves: number[]; predict?: number[]; predictProba?: number[][] }
const fx = loadFixture('boosting.json') as {
  source: string; X: number[][]; Xtest: number[][]; Xnan: (number | string)[][]; XtestNan: (number | string)[][]; targets: Record<string, number[]>; hgb: Case[];
};
const num = (M: (number | string)[][]) => M.map((r) => r.map(Number));

describe(`HistGradientBoosting equals ${fx.source}`, () => {
  for (const c of fx.hgb) {
    it(c.name, () => {
      const [X, Xt] = c.nan ? [num(fx.Xnan), num(fx.XtestNan)] : [fx.X, fx.Xtest];
      const params = { ...c.params, earlyStopping: false, randomState: 0 } as never;
      const est = c.estimator === 'HistGradientBoostingClassifier'
        ? new HistGradientBoostingClassifier(params).fit(X, fx.targets[c.target])
        : new HistGradientBoostingRegressor(params).fit(X, fx.targets[c.target]);
      expect(est.predictors_.flat().map((t) => t.left.filter((l) => l === -1).length)).toEqual(c.nLeaves);
      if (est instanceof HistGradientBoostingClassifier) expectAllClose(est.predictProba(Xt), c.predictProba, 1e-9, 'predictProba');
      else expectAllClose(est.predict(Xt), c.predict, 1e-9, 'predict');
    });
  }
});
