// Every metric against scikit-learn 1.2.1 on fixed vectors with ties, string labels,
// sample weights and edge cases: fixture written by tools/fixtures/metrics.py.
import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/learn/metrics/index.js';
import { describeMetricGolden } from '../helpers/metric-golden.js';

describeMetricGolden('metrics.json');

describe('metric errors and conventions', () => {
  it('binary average refuses multiclass targets', () => {
    expect(() => metrics.f1Score([0, 1, 2], [0, 1, 1])).toThrow(/Target is multiclass but average='binary'/);
  });
  it('string labels need posLabel for binary curves', () => {
    expect(() => metrics.rocCurve(['a', 'b'], [0.1, 0.9])).toThrow(/posLabel/);
    expect(() => metrics.brierScoreLoss(['a', 'b'], [0.1, 0.9])).toThrow(/posLabel/);
  });
  it('roc auc needs both classes and multiclass needs a strategy', () => {
    expect(() => metrics.rocAucScore([1, 1, 1], [0.2, 0.3, 0.4])).toThrow(/Only one class present/);
    expect(() => metrics.rocAucScore([0, 1, 2], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toThrow(/multiClass/);
    expect(() => metrics.rocAucScore([0, 1, 2], [[1, 1, 0], [0, 1, 0], [0, 0, 1]], { multiClass: 'ovr' })).toThrow(/sum up to 1/);
  });
  it('silhouette needs 2..n-1 clusters', () => {
    expect(() => metrics.silhouetteScore([[0], [1], [2]], [0, 0, 0])).toThrow(/Number of labels is 1/);
  });
  it('mismatched lengths raise', () => {
    expect(() => metrics.meanSquaredError([1, 2], [1])).toThrow(/inconsistent numbers of samples: \[2, 1\]/);
    expect(() => metrics.accuracyScore([1, 2], [1])).toThrow(/inconsistent/);
  });
  it('the report renders a table', () => {
    const text = metrics.classificationReport(['a', 'b', 'b', 'a'], ['a', 'b', 'a', 'a']);
    expect(text).toContain('precision');
    expect(text).toMatch(/accuracy\s+0\.75\s+4/);
    expect(text).toMatch(/weighted avg/);
  });
  it('gammaln matches known values', () => {
    expect(metrics.gammaln(1)).toBeCloseTo(0, 14);
    expect(metrics.gammaln(10)).toBeCloseTo(Math.log(362880), 12);
    expect(metrics.gammaln(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
  });
});
