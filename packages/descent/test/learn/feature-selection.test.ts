// Feature selection against scikit-learn 1.2.1: univariate scores and p-values, and the
// masks, rankings and cross-validated scores of every selector. Fixture written by
// tools/fixtures/feature_selection.py; the models inside the selectors are deterministic
// (least squares, ridge, lasso), so the selections must match exactly.
import { describe, expect, it } from 'vitest';
import {
  Lasso, LinearRegression, RFE, RFECV, Ridge, SelectFromModel, SelectKBest, SelectPercentile, SequentialFeatureSelector,
  VarianceThreshold, chi2, fClassif, fRegression, mutualInfoClassif, mutualInfoRegression, type BaseEstimator,
} from '../../src/learn/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';

interface Fx {
  X: number[][]; yReg: number[]; yClf: number[]; counts: number[][];
  fClassif: number[][]; fRegression: number[][]; fRegressionNoCenter: number[][]; chi2: number[][]; chi2Binary: number[][];
  varianceThreshold: { threshold: number; variances: number[]; support: boolean[] }[];
  selectKBest: { scoreFunc: 'fRegression' | 'chi2'; k: number | 'all'; support: boolean[]; first: number[][] }[];
  selectPercentile: { percentile: number; support: boolean[] }[];
  rfe: { nFeaturesToSelect: number | null; step: number; support: boolean[]; ranking: number[]; nFeatures: number; coef: number[] }[];
  rfecv: { step: number; minFeaturesToSelect: number; support: boolean[]; ranking: number[]; nFeatures: number; meanTestScore: number[]; stdTestScore: number[] }[];
  selectFromModel: { name: string; threshold: number | string; support: boolean[] }[];
  mutualInfoRegression: { nNeighbors: number; mi: number[] }[];
  mutualInfoClassif: { nNeighbors: number; mi: number[] }[];
  sequential: { direction: 'forward' | 'backward'; nFeaturesToSelect: number | 'auto'; tol: number | null; support: boolean[]; nFeatures: number }[];
}
const fx = loadFixture<Fx>('feature-selection.json');
const Xreg = fx.X.map((r) => r.slice(0, 6));

function close(actual: readonly number[], expected: readonly number[], rtol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = decodeNonFinite(expected[i]) as number;
    if (Number.isNaN(e)) return void expect(a).toBeNaN();
    if (!Number.isFinite(e)) return void expect(a).toBe(e);
    expect(Math.abs(a - e), `[${i}] ${a} vs ${e}`).toBeLessThanOrEqual(rtol * Math.max(1e-300, Math.abs(e)) + 1e-300);
  });
}

describe('univariate scores agree with scikit-learn', () => {
  it('fClassif (ANOVA F) and its p-values', () => {
    const [f, p] = fClassif(Xreg, fx.yClf);
    close(f, fx.fClassif[0]);
    close(p, fx.fClassif[1], 1e-7);
  });
  it('fRegression, centred (with a constant column: F = 0, p = 1) and not', () => {
    const [f, p] = fRegression(fx.X, fx.yReg);
    close(f, fx.fRegression[0]);
    close(p, fx.fRegression[1], 1e-7);
    const [f0, p0] = fRegression(Xreg, fx.yReg, { center: false });
    close(f0, fx.fRegressionNoCenter[0]);
    close(p0, fx.fRegressionNoCenter[1], 1e-7);
  });
  it('chi2 for three classes and for two', () => {
    const [c, p] = chi2(fx.counts, fx.yClf);
    close(c, fx.chi2[0]);
    close(p, fx.chi2[1], 1e-9);
    const [cb, pb] = chi2(fx.counts, fx.yClf.map((v) => (v === 2 ? 1 : 0)));
    close(cb, fx.chi2Binary[0]);
    close(pb, fx.chi2Binary[1], 1e-9);
  });
  it('mutual information (kNN estimators) for a continuous target and for classes', () => {
    // scikit-learn's tie-breaking noise (1e-10 scale) comes from its own generator; it moves
    // nothing at this tolerance on data without ties. Column 5 (0.01·N(0, 1) rounded to 1e-4)
    // has tied values, whose order the noise decides: it is left out of the comparison.
    const noTies = (v: number[]) => v.slice(0, 5);
    for (const c of fx.mutualInfoRegression) close(noTies(mutualInfoRegression(Xreg, fx.yReg, { nNeighbors: c.nNeighbors })), noTies(c.mi), 1e-6);
    for (const c of fx.mutualInfoClassif) close(noTies(mutualInfoClassif(Xreg, fx.yClf, { nNeighbors: c.nNeighbors })), noTies(c.mi), 1e-6);
    const sel = new SelectKBest({ scoreFunc: 'mutualInfoRegression', k: 1 }).fit(Xreg, fx.yReg);
    expect(sel.getSupport(true)).toEqual([0]);
    expect(sel.pvalues_).toBeNull();
  });
  it('chi2 refuses negative features', () => {
    expect(() => chi2([[1, -1], [0, 2]], [0, 1])).toThrow(/chi2: Input X must be non-negative/);
  });
});

describe('selectors agree with scikit-learn', () => {
  it('VarianceThreshold: variances and masks', () => {
    for (const c of fx.varianceThreshold) {
      const sel = new VarianceThreshold({ threshold: c.threshold }).fit(fx.X);
      close(sel.variances_, c.variances, 1e-12);
      expect(sel.getSupport(), `threshold ${c.threshold}`).toEqual(c.support);
    }
    expect(() => new VarianceThreshold({ threshold: 100 }).fit(fx.X)).toThrow(/No feature in X meets the variance threshold 100/);
  });
  it('SelectKBest: masks and transformed rows', () => {
    for (const c of fx.selectKBest) {
      const [X, y] = c.scoreFunc === 'chi2' ? [fx.counts, fx.yClf] : [fx.X, fx.yReg];
      const sel = new SelectKBest({ scoreFunc: c.scoreFunc, k: c.k }).fit(X, y);
      expect(sel.getSupport(), `${c.scoreFunc} k=${c.k}`).toEqual(c.support);
      expect(sel.transform(X.slice(0, 2))).toEqual(c.first);
    }
    expect(() => new SelectKBest({ k: 9 }).fit(Xreg, fx.yClf)).toThrow(/k should be <= n_features = 6; got 9/);
  });
  it('SelectPercentile: masks', () => {
    for (const c of fx.selectPercentile) {
      expect(new SelectPercentile({ percentile: c.percentile }).fit(Xreg, fx.yClf).getSupport(), `${c.percentile}%`).toEqual(c.support);
    }
  });
  it('RFE: support, ranking and the refitted model', () => {
    for (const c of fx.rfe) {
      const rfe = new RFE({ estimator: new LinearRegression(), nFeaturesToSelect: c.nFeaturesToSelect, step: c.step }).fit(Xreg, fx.yReg);
      expect(rfe.support_, `n=${c.nFeaturesToSelect} step=${c.step}`).toEqual(c.support);
      expect(rfe.ranking_).toEqual(c.ranking);
      expect(rfe.nFeatures_).toBe(c.nFeatures);
      close((rfe.estimator_ as LinearRegression).coef_, c.coef, 1e-8);
    }
  });
  it('RFECV: cross-validated scores per feature count and the chosen count', () => {
    for (const c of fx.rfecv) {
      const sel = new RFECV({ estimator: new Ridge({ alpha: 1 }), step: c.step, minFeaturesToSelect: c.minFeaturesToSelect, cv: 4 }).fit(Xreg, fx.yReg);
      close(sel.cvResults_.meanTestScore, c.meanTestScore, 1e-9);
      close(sel.cvResults_.stdTestScore, c.stdTestScore, 1e-6);
      expect(sel.nFeatures_).toBe(c.nFeatures);
      expect(sel.support_).toEqual(c.support);
      expect(sel.ranking_).toEqual(c.ranking);
    }
  });
  it('SelectFromModel: thresholds and masks', () => {
    const make: Record<string, () => SelectFromModel> = {
      'ridge-mean': () => new SelectFromModel({ estimator: new Ridge({ alpha: 1 }) }),
      'ridge-median': () => new SelectFromModel({ estimator: new Ridge({ alpha: 1 }), threshold: 'median' }),
      'ridge-1.25mean': () => new SelectFromModel({ estimator: new Ridge({ alpha: 1 }), threshold: '1.25*mean' }),
      'ridge-number': () => new SelectFromModel({ estimator: new Ridge({ alpha: 1 }), threshold: 0.3 }),
      'ridge-max2': () => new SelectFromModel({ estimator: new Ridge({ alpha: 1 }), threshold: -Infinity, maxFeatures: 2 }),
      'lasso-default': () => new SelectFromModel({ estimator: new Lasso({ alpha: 0.2 }) }),
    };
    for (const c of fx.selectFromModel) {
      const sel = make[c.name]().fit(Xreg, fx.yReg);
      close([sel.threshold_], [c.threshold as number], 1e-9);
      expect(sel.getSupport(), c.name).toEqual(c.support);
    }
  });
  it('SequentialFeatureSelector: forward, backward, and auto with tol', () => {
    for (const c of fx.sequential) {
      const sel = new SequentialFeatureSelector({
        estimator: new LinearRegression(), nFeaturesToSelect: c.nFeaturesToSelect, tol: c.tol, direction: c.direction, cv: 4,
      }).fit(Xreg, fx.yReg);
      expect(sel.getSupport(), `${c.direction} ${c.nFeaturesToSelect} tol=${c.tol}`).toEqual(c.support);
      expect(sel.nFeaturesToSelect_).toBe(c.nFeatures);
    }
  });
});

describe('selectors in use', () => {
  it('inverseTransform puts zeros in the dropped columns', () => {
    const sel = new SelectKBest({ scoreFunc: 'fRegression', k: 2 }).fit(Xreg, fx.yReg);
    const back = sel.inverseTransform(sel.transform(Xreg.slice(0, 1)));
    expect(back[0].filter((v) => v !== 0).length).toBe(2);
    expect(back[0].length).toBe(6);
  });
  it('RFE predicts with its refitted model on the kept columns', () => {
    const rfe = new RFE({ estimator: new LinearRegression(), nFeaturesToSelect: 3 }).fit(Xreg, fx.yReg);
    const cols = rfe.getSupport(true);
    const direct = new LinearRegression().fit(Xreg.map((r) => cols.map((j) => r[j])), fx.yReg);
    expect(rfe.predict(Xreg.slice(0, 3))).toEqual(direct.predict(Xreg.slice(0, 3).map((r) => cols.map((j) => r[j]))));
    expect(rfe.score(Xreg, fx.yReg)).toBeGreaterThan(0.95);
  });
  it('model-based selectors explain a model without importances', () => {
    const est = new RFE({ estimator: new (class extends LinearRegression {})() as unknown as BaseEstimator, importanceGetter: 'featureImportances_' });
    expect(() => est.fit(Xreg, fx.yReg)).toThrow(/must have `featureImportances_`/);
  });
});
