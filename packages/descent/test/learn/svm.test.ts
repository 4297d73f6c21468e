// SVC and SVR against scikit-learn 1.2.1 (tools/fixtures/svm.py). Both sides solve with
// tol = 1e-10, so the dual solution is pinned down whatever path each solver took (LIBSVM
// shrinks, we do not): dual coefficients, intercepts and decision values agree to ~1e-6.
import { describe, expect, it } from 'vitest';
import { LinearSVC, LinearSVR, NuSVC, OneClassSVM, SVC, SVR, type NuSVCParams, type SVCParams, type SVRParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface SvcCase {
  data: string; target: string; slice: [number, number]; params: Partial<SVCParams>;
  support: number[]; nSupport: number[]; dualCoef: number[][]; intercept: number[];
  decision: number[] | number[][]; decisionOvo?: number[][]; predict: number[];
}
const fx = loadFixture<{
  data: Record<string, number[][]>; target: Record<string, number[]>; svc: SvcCase[];
  svr: { params: Partial<SVRParams>; support: number[]; dualCoef: number[][]; intercept: number[]; predict: number[] }[];
}>('svm.json');

const shift = (X: number[][]) => X.filter((_, i) => i % 7 === 0).map((r) => r.map((v) => v + 0.05));

/** A fitted SVC or NuSVC against LIBSVM's: support, dual coefficients, intercepts, and decisions and predictions on shifted rows. */
function expectLibsvmFit(m: SVC | NuSVC, c: SvcCase, X: number[][]): void {
  expect(m.support_).toEqual(c.support);
  expect(m.nSupport_).toEqual(c.nSupport);
  expectNestedClose(m.dualCoef_, c.dualCoef, 1e-6, 'dualCoef_');
  expectNestedClose(m.intercept_, c.intercept, 1e-6, 'intercept_');
  expectNestedClose(m.decisionFunction(shift(X)), c.decision, 1e-6, 'decisionFunction');
  expect(m.predict(shift(X))).toEqual(c.predict);
}

describe('SVC equals scikit-learn (LIBSVM)', () => {
  for (const c of fx.svc) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data].slice(c.slice[0], c.slice[1]);
      const y = fx.target[c.target].slice(0, X.length);
      const svc = new SVC(c.params).fit(X, y);
      expectLibsvmFit(svc, c, X);
      if (c.decisionOvo) {
        svc.setParams({ decisionFunctionShape: 'ovo' });
        expectNestedClose(svc.decisionFunction(shift(X)), c.decisionOvo, 1e-6, 'decisionFunction ovo');
      }
    });
  }

  it('coef_ of a linear kernel is the dual expansion Σ α_i y_i x_i', () => {
    const c = fx.svc[0];
    const X = fx.data[c.data].slice(c.slice[0], c.slice[1]);
    const svc = new SVC(c.params).fit(X, fx.target[c.target]);
    const w = svc.coef_[0];
    const f = svc.decisionFunction(X.slice(0, 5)) as number[];
    X.slice(0, 5).forEach((x, i) => expect(x.reduce((s, v, j) => s + v * w[j], svc.intercept_[0])).toBeCloseTo(f[i], 10));
    expect(() => new SVC().fit(X, fx.target[c.target]).coef_).toThrow(/only available when using a linear kernel/);
  });

  it('needs two classes', () => {
    expect(() => new SVC().fit([[0], [1]], [1, 1])).toThrow(/number of classes has to be greater than one/);
  });
});

describe('SVR equals scikit-learn (LIBSVM)', () => {
  for (const c of fx.svr) {
    it(JSON.stringify(c.params), () => {
      const X = fx.data.reg;
      const svr = new SVR(c.params).fit(X, fx.target.reg);
      expect(svr.support_).toEqual(c.support);
      expectNestedClose(svr.dualCoef_, c.dualCoef, 1e-6, 'dualCoef_');
      expectNestedClose(svr.intercept_, c.intercept, 1e-6, 'intercept_');
      expectNestedClose(svr.predict(X.filter((_, i) => i % 5 === 0).map((r) => r.map((v) => v + 0.1))), c.predict, 1e-6, 'predict');
    });
  }
});

describe('LinearSVC and LinearSVR equal scikit-learn (LIBLINEAR)', () => {
  const lin = (loadFixture('svm.json') as { linear: { estimator: string; data: string; target: string; params: Record<string, unknown>; coef: number[][] | number[]; intercept: number[]; decision?: number[] | number[][]; predict: number[] }[] }).linear;
  for (const c of lin) {
    it(`${c.estimator} ${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const y = fx.target[c.target];
      const every9 = X.filter((_, i) => i % 9 === 0);
      // Both solve a strongly convex problem to tol 1e-12, so visiting order (random in each) does not matter.
      if (c.estimator === 'LinearSVC') {
        const m = new LinearSVC({ ...c.params, randomState: 0 }).fit(X, y);
        expectNestedClose(m.coef_, c.coef, 1e-6, 'coef_');
        expectNestedClose(m.intercept_, c.intercept, 1e-6, 'intercept_');
        expectNestedClose(m.decisionFunction(every9), c.decision, 1e-6, 'decisionFunction');
        expect(m.predict(every9)).toEqual(c.predict);
      } else {
        const m = new LinearSVR({ ...c.params, randomState: 0 }).fit(X, y);
        expectNestedClose(m.coef_, c.coef, 1e-6, 'coef_');
        expectNestedClose(m.intercept_, c.intercept, 1e-6, 'intercept_');
        expectNestedClose(m.predict(every9), c.predict, 1e-6, 'predict');
      }
    });
  }
});

describe('OneClassSVM equals scikit-learn (LIBSVM)', () => {
  const cases = (loadFixture('svm.json') as { oneClass: { data: string; params: Record<string, unknown>; support: number[]; dualCoef: number[][]; intercept: number[]; offset: number[]; decision: number[]; scoreSamples: number[]; predict: number[] }[] }).oneClass;
  for (const c of cases) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const m = new OneClassSVM(c.params).fit(X);
      expect(m.support_).toEqual(c.support);
      expectNestedClose(m.dualCoef_, c.dualCoef, 1e-6, 'dualCoef_');
      expectNestedClose(m.intercept_, c.intercept, 1e-6, 'intercept_');
      expectNestedClose(m.offset_, c.offset[0], 1e-6, 'offset_');   // scikit-learn's is an array of one
      const Q = X.filter((_, i) => i % 6 === 0).map((r) => r.map((v) => v * 1.1));
      expectNestedClose(m.decisionFunction(Q), c.decision, 1e-6, 'decisionFunction');
      expectNestedClose(m.scoreSamples(Q), c.scoreSamples, 1e-6, 'scoreSamples');
      expect(m.predict(Q)).toEqual(c.predict);
    });
  }
});

describe('NuSVC equals scikit-learn (LIBSVM Solver_NU)', () => {
  const cases = (loadFixture('svm.json') as { nu: SvcCase[] }).nu;
  for (const c of cases) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data].slice(c.slice[0], c.slice[1]);
      const m = new NuSVC(c.params as Partial<NuSVCParams>).fit(X, fx.target[c.target].slice(0, X.length));
      expectLibsvmFit(m, c, X);
    });
  }

  it('says when nu is infeasible for the class sizes', () => {
    expect(() => new NuSVC({ nu: 0.9 }).fit([[0], [1], [2], [3], [4]], [0, 0, 0, 0, 1])).toThrow(/nu \(0.9\) is infeasible/);
  });
});
