// Histogram gradient boosting: missing values go to the side learned in training, early
// stopping stops, binning follows scikit-learn's rule, and leaf values are the Newton step.
import { describe, expect, it } from 'vitest';
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from '../../src/learn/index.js';
import { binOf, binThresholds } from '../../src/learn/ensemble/hist-grower.js';
import { Generator } from '../../src/random/index.js';

const g = new Generator(3);
const X = Array.from({ length: 400 }, () => [g.normal(), g.normal(), g.normal()]);

describe('HistGradientBoosting', () => {
  it('learns where NaN goes: a missing x0 means class 1 here', () => {
    const y = X.map((r, i) => (i % 4 === 0 ? 1 : r[1] > 0.8 ? 1 : 0));
    const Xm = X.map((r, i) => (i % 4 === 0 ? [NaN, r[1], r[2]] : r));
    const clf = new HistGradientBoostingClassifier({ maxIter: 30, randomState: 0 }).fit(Xm, y);
    const probe = [[NaN, -1, 0], [NaN, -2, 1], [0.3, -1, 0]];
    expect(clf.predict(probe)).toEqual([1, 1, 0]);
  });
  it('stops early once the validation loss stops improving', () => {
    const y = X.map((r) => r[0] + 3 * g.normal());
    const reg = new HistGradientBoostingRegressor({ earlyStopping: true, maxIter: 500, nIterNoChange: 5, randomState: 0 }).fit(X, y);
    expect(reg.nIter_).toBeLessThan(500);
    expect(reg.validationScore_).toHaveLength(reg.nIter_ + 1);
  });
  it('bins at midpoints of distinct values, or at quantiles when there are many', () => {
    expect(Array.from(binThresholds(Float64Array.of(3, 1, 2, 2, NaN), 255))).toEqual([1.5, 2.5]);
    const many = Float64Array.from({ length: 1000 }, (_, i) => i);
    const edges = binThresholds(many, 4);
    expect(Array.from(edges)).toEqual([249.5, 499.5, 749.5]);
    expect([binOf(edges, 249.5), binOf(edges, 250), binOf(edges, NaN)]).toEqual([0, 1, 4]);
  });
  it('one iteration with one leaf predicts baseline − lr·G/(H + λ)', () => {
    const y = X.map((r) => r[0]);
    const reg = new HistGradientBoostingRegressor({ maxIter: 1, maxLeafNodes: 2, minSamplesLeaf: 400 - 1, l2Regularization: 2, learningRate: 0.5 }).fit(X, y);
    // With one leaf, G = Σ(F₀ − y) = 0 for the mean baseline (up to the float32 rounding of
    // each gradient): the prediction stays the mean.
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(reg.predict([[0, 0, 0]])[0]).toBeCloseTo(mean, 6);
  });
});
