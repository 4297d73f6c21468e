// MLPClassifier/MLPRegressor: the 'lbfgs' solver and SGD's learning-rate schedules against
// scikit-learn 1.2.1 (tools/fixtures/mlp_extra.py): mean 5-fold score over seeds 0–2 of
// StandardScaler + MLP on the folds of ensembles.json, within one point (0.02 R² for
// regression). Our random streams differ from NumPy's, so the methods are compared, not
// the weights. The digits cases (~6 and ~12 s of CPU) are in mlp-solvers.slow.test.ts. The
// gradient of the typed-array backward pass is checked against central differences.
import { describe, expect, it } from 'vitest';
import { MLPClassifier } from '../../src/learn/index.js';
import { glorotInit, lossAndGrad } from '../../src/learn/neural-network/mlp-solvers.js';
import { SGDSchedule } from '../../src/learn/neural-network/mlp-train.js';
import { Generator } from '../../src/random/index.js';
import { expectQuality, fx } from './mlp-quality.js';

describe('MLP solvers: quality within a point of scikit-learn on the same folds', () => {
  for (const c of fx.cases.filter((k) => k.data !== 'digits')) {
    it(`${c.estimator} ${c.data} ${JSON.stringify(c.params)}`, () => expectQuality(c), 120_000);
  }
});

describe('MLP solver pieces', () => {
  it('the lbfgs loss gradient equals central differences (softmax, logistic, identity outputs)', () => {
    const rng = new Generator(3);
    const n = 7;
    const X = { rows: n, cols: 3, data: Float64Array.from({ length: n * 3 }, () => rng.normal()) };
    for (const [out, k] of [['softmax', 3], ['logistic', 1], ['identity', 1]] as const) {
      for (const act of ['tanh', 'logistic', 'relu', 'identity'] as const) {
        const w = glorotInit([3, 4, 5, k], act, rng);
        const T = out === 'softmax' ? Float64Array.from({ length: n * k }, (_, i) => (i % k === (Math.floor(i / k) % k) ? 1 : 0))
          : out === 'logistic' ? Float64Array.from({ length: n }, (_, i) => i % 2) : Float64Array.from({ length: n }, () => rng.normal());
        const grads = glorotInit([3, 4, 5, k], act, rng);
        lossAndGrad(w, X, T, out, act, 0.3, grads);
        const h = 1e-6;
        for (const [arrs, garrs] of [[w.coefs, grads.coefs], [w.intercepts, grads.intercepts]] as const) {
          arrs.forEach((a, l) => {
            for (let i = 0; i < a.length; i += 3) {
              const v = a[i];
              a[i] = v + h;
              const up = lossAndGrad(w, X, T, out, act, 0.3, glorotInit([3, 4, 5, k], act, rng));
              a[i] = v - h;
              const down = lossAndGrad(w, X, T, out, act, 0.3, glorotInit([3, 4, 5, k], act, rng));
              a[i] = v;
              expect(garrs[l][i], `${out}/${act} layer ${l} entry ${i}`).toBeCloseTo((up - down) / (2 * h), 6);
            }
          });
        }
      }
    }
  });

  it('SGD schedules: invscaling follows η₀/(t+1)^powerT, adaptive divides by 5 and stops below 1e-6', () => {
    const inv = new SGDSchedule({ lr: 0.5, schedule: 'invscaling', powerT: 0.25 });
    inv.iterationEnds(150);
    expect(inv.lr).toBeCloseTo(0.5 / 151 ** 0.25, 14);
    const ada = new SGDSchedule({ lr: 1e-5, schedule: 'adaptive', powerT: 0.5 });
    expect(ada.triggerStopping()).toBe(false);
    expect(ada.lr).toBeCloseTo(2e-6, 18);
    expect(ada.triggerStopping()).toBe(false);
    expect(ada.triggerStopping()).toBe(true);
    expect(new SGDSchedule({ lr: 0.1, schedule: 'constant', powerT: 0.5 }).triggerStopping()).toBe(true);
  });

  it('lbfgs records a falling loss per iteration, obeys maxIter and maxFun, and has no validation scores', () => {
    const X = Array.from({ length: 60 }, (_, i) => [Math.sin(i), Math.cos(i * 0.7)]);
    const y = X.map((r) => (r[0] * r[1] > 0 ? 'a' : 'b'));
    const m = new MLPClassifier({ solver: 'lbfgs', hiddenLayerSizes: [8], maxIter: 30, randomState: 0 }).fit(X, y);
    expect(m.nIter_).toBeLessThanOrEqual(30);
    expect(m.lossCurve_.length).toBe(m.nIter_);
    expect(m.lossCurve_.at(-1)!).toBeLessThan(m.lossCurve_[0]);
    expect(m.validationScores_).toBeNull();
    const few = new MLPClassifier({ solver: 'lbfgs', hiddenLayerSizes: [8], maxFun: 5, randomState: 0 }).fit(X, y);
    expect(few.nIter_).toBeLessThan(5);
  });
});
