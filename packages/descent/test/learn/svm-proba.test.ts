// SVC/NuSVC probability=True against scikit-learn 1.2.1 (tools/fixtures/svm_proba.py).
// LIBSVM's internal 5-fold split uses its own RNG, so the fitted sigmoids differ a little:
// we allow |ΔA|, |ΔB| within 0.5·max(1, |A|) and probabilities within 0.1, and require
// argmax agreement on at least 95% of rows and a log loss within 0.03 of LIBSVM's. The
// prediction step alone (sigmoids + pairwise coupling) is exact: with LIBSVM's A, B it
// reproduces scikit-learn's predict_proba to 1e-6.
import { describe, expect, it } from 'vitest';
import { NuSVC, SVC, logLoss } from '../../src/learn/index.js';
import { sigmoidTrain } from '../../src/learn/svm/probability.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface ProbaCase {
  estimator: 'SVC' | 'NuSVC'; data: string; target: string; slice: [number, number]; params: Record<string, unknown>;
  probA: number[]; probB: number[]; probaTrain: number[][]; logLossTrain: number; probaShifted: number[][];
}
const base = loadFixture<{ data: Record<string, number[][]>; target: Record<string, number[]> }>('svm.json');
const fx = loadFixture<{ cases: ProbaCase[]; platt: { dec: number[]; labels: number[]; A: number; B: number } }>('svm-proba.json');
const shift = (X: number[][]) => X.filter((_, i) => i % 7 === 0).map((r) => r.map((v) => v + 0.05));
const argmax = (r: number[]) => r.indexOf(Math.max(...r));

describe('SVC probability=True (Platt scaling) against LIBSVM', () => {
  for (const c of fx.cases) {
    const X = base.data[c.data].slice(c.slice[0], c.slice[1]);
    const y = base.target[c.target].slice(0, X.length);
    const make = () => (c.estimator === 'SVC' ? new SVC({ ...c.params, probability: true, randomState: 0 }) : new NuSVC({ ...c.params, probability: true, randomState: 0 }));

    it(`${c.estimator} ${c.data} ${JSON.stringify(c.params)}: sigmoids and probabilities close, argmax and log loss agree`, () => {
      const m = make().fit(X, y);
      m.probA_.forEach((A, q) => {
        expect(Math.abs(A - c.probA[q]), `probA_[${q}]`).toBeLessThan(0.5 * Math.max(1, Math.abs(c.probA[q])));
        expect(Math.abs(m.probB_[q] - c.probB[q]), `probB_[${q}]`).toBeLessThan(0.5 * Math.max(1, Math.abs(c.probA[q])));
      });
      const P = m.predictProba(X);
      expectNestedClose(P, c.probaTrain, 0, 'predictProba', 0.1);
      for (const r of P) expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      const agree = P.filter((r, i) => argmax(r) === argmax(c.probaTrain[i])).length / P.length;
      expect(agree).toBeGreaterThanOrEqual(0.95);
      expect(Math.abs(logLoss(y, P) - c.logLossTrain)).toBeLessThan(0.03);
      expectNestedClose(m.predictLogProba(X.slice(0, 5)), P.slice(0, 5).map((r) => r.map(Math.log)), 1e-12, 'predictLogProba');
    });

    it(`${c.estimator} ${c.data}: with LIBSVM's sigmoids, predictProba equals scikit-learn's`, () => {
      const m = make().fit(X, y);
      m.probA_ = c.probA;
      m.probB_ = c.probB;
      expectNestedClose(m.predictProba(X), c.probaTrain, 0, 'predictProba (train)', 1e-6);
      expectNestedClose(m.predictProba(shift(X)), c.probaShifted, 0, 'predictProba (shifted)', 1e-6);
    });
  }

  it('sigmoidTrain finds the minimiser of LIBSVM\'s Platt objective (SciPy BFGS reference)', () => {
    const { A, B } = sigmoidTrain(fx.platt.dec, fx.platt.labels);
    // LIBSVM stops when |∇| < 1e-5, which places (A, B) within ~1e-6 of the optimum here.
    expect(A).toBeCloseTo(fx.platt.A, 5);
    expect(B).toBeCloseTo(fx.platt.B, 5);
  });

  it('is seeded: the same randomState gives the same sigmoids; probability=false has no predictProba', () => {
    const X = base.data.iris.slice(0, 150);
    const y = base.target.iris;
    const a = new SVC({ probability: true, randomState: 3 }).fit(X, y);
    const b = new SVC({ probability: true, randomState: 3 }).fit(X, y);
    expect(a.probA_).toEqual(b.probA_);
    const plain = new SVC().fit(X, y);
    expect(plain.supports('predictProba')).toBe(false);
    expect(() => plain.predictProba(X)).toThrow(/SVC: predictProba is not available when fitted with probability=false/);
    // Probabilities do not change the machine itself.
    expect(a.dualCoef_).toEqual(plain.dualCoef_);
  });
});
