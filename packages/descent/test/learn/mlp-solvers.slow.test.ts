// The Digits cases of mlp-solvers.test.ts (the slow group: ~6 and ~16 s of CPU): 5-fold CV
// accuracy of StandardScaler + MLPClassifier (lbfgs, and SGD with the 'adaptive' schedule) on
// the ensembles.json folds, mean over seeds 0–2, within a point of scikit-learn 1.2.1's
// (measured 2026-12-07: lbfgs [32] 0.9679 vs 0.9696, sgd adaptive [32] 0.9727 vs 0.9744).
import { describe, it } from 'vitest';
import { expectQuality, fx } from './mlp-quality.js';

describe('MLP solvers on Digits: quality within a point of scikit-learn on the same folds', () => {
  for (const c of fx.cases.filter((k) => k.data === 'digits')) {
    it(`${c.estimator} ${c.data} ${JSON.stringify(c.params)}`, () => expectQuality(c), 600_000);
  }
});
