// Gradient boosting against scikit-learn 1.2.1 (tools/fixtures/boosting.py): with
// subsample 1 and no ties in the split search the fit is deterministic, so the starting
// constant, the training loss after every stage, the first tree, predictions,
// probabilities, decision functions and importances must all agree.
import { describe, expect, it } from 'vitest';
import { GradientBoostingClassifier, GradientBoostingRegressor } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface Case {
  name: string; estimator: string; params: Record<string, unknown>; target: string; weighted: boolean;
  initRaw: number[]; trainScore: number[]; firstTree: { feature: number[]; threshold: number[]; value: number[] };
  featureImportances: number[]; predict: number[]; predictProba?: number[][]; decisionFunction?: number[] | number[][];
}
const fx = loadFixture('boosting.json') as {
  source: string; X: number[][]; Xtest: number[][]; targets: Record<string, number[]>; weights: number[]; cases: Case[];
};

describe(`gradient boosting equals ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const y = fx.targets[c.target];
      const sw = c.weighted ? fx.weights : undefined;
      const est = c.estimator === 'GradientBoostingClassifier'
        ? new GradientBoostingClassifier({ ...c.params, randomState: 0 } as never).fit(fx.X, y, sw)
        : new GradientBoostingRegressor({ ...c.params, randomState: 0 } as never).fit(fx.X, y, sw);
      expectAllClose(est.initRaw_, c.initRaw, 1e-12, 'initRaw');
      const t = est.estimators_[0][0].tree_;
      expect(Array.from(t.feature)).toEqual(c.firstTree.feature);
      expect(Array.from(t.threshold)).toEqual(c.firstTree.threshold);
      expectAllClose(Array.from(t.value), c.firstTree.value, 1e-10, 'firstTree.value');
      expectAllClose(est.trainScore_, c.trainScore, 1e-9, 'trainScore');
      expectAllClose(Array.from(est.featureImportances_), c.featureImportances, 1e-9, 'featureImportances');
      if (est instanceof GradientBoostingClassifier) {
        expect(est.predict(fx.Xtest)).toEqual(c.predict);
        expectAllClose(est.predictProba(fx.Xtest), c.predictProba, 1e-9, 'predictProba');
        expectAllClose(est.decisionFunction(fx.Xtest), c.decisionFunction, 1e-9, 'decisionFunction');
      } else {
        expectAllClose(est.predict(fx.Xtest), c.predict, 1e-9, 'predict');
      }
    });
  }
});
