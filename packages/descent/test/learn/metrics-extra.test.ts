// The metrics added in issue 11 against scikit-learn 1.2.1 on fixed vectors with ties, string
// labels, sample weights and edge cases: fixture written by tools/fixtures/metrics_extra.py.
import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/learn/metrics/index.js';
import { describeMetricGolden } from '../helpers/metric-golden.js';

describeMetricGolden('metrics-extra.json');

describe('errors of the added metrics', () => {
  it('Tweedie deviances name the power and the domain', () => {
    expect(() => metrics.meanPoissonDeviance([1, 2], [0, 1])).toThrow(/power=1 can only be used on non-negative y and strictly positive yPred/);
    expect(() => metrics.meanTweedieDeviance([1, 2], [1, 1], { power: 0.5 })).toThrow(/power must be <= 0 or >= 1/);
  });
  it('squared log error refuses negative targets; DET needs two classes; Jaccard binary refuses multiclass', () => {
    expect(() => metrics.meanSquaredLogError([1, -2], [1, 1])).toThrow(/negative values/);
    expect(() => metrics.detCurve([1, 1, 1], [0.2, 0.3, 0.4])).toThrow(/Only one class present/);
    expect(() => metrics.jaccardScore([0, 1, 2], [0, 1, 1])).toThrow(/average='binary'/);
  });
  it('D² scores are NaN for one sample', () => {
    expect(metrics.d2AbsoluteErrorScore([1], [2])).toBeNaN();
  });
});
