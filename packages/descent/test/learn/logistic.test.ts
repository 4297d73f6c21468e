// LogisticRegression against scikit-learn 1.2.1 (tools/fixtures/linear_models.py). The
// reference optimum is sklearn's newton-cg at tol 1e-8 (its lbfgs stops on a relative
// decrease of f first, short of 1e-6 accuracy), or saga at tol 1e-10 for l1/elasticnet.
// L2 optima are unique: our lbfgs and newton-cg must reach the same coefficients to 1e-6.
// L1 optima are compared by objective value, sparsity pattern and, looser, coefficients.
import { describe, expect, it } from 'vitest';
import { loadBreastCancer, loadIris, loadWine } from '../../src/datasets/index.js';
import { LogisticRegression, StandardScaler, lbfgs, newtonCg, wolfeLineSearch, type Label, type LogisticRegressionParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { rel } from './linear-helpers.js';

interface Case {
  name: string; data: string; params: Partial<LogisticRegressionParams>; sampleWeight: number[] | null;
  classes_: Label[]; coef_: number[][]; intercept_: number[]; objective: number;
  probeX: number[][]; predictProba: number[][]; decisionFunction: number[] | number[][]; predict: Label[];
}
const fx = loadFixture<{ source: string; logistic: Case[]; data: { noisy: { X: number[][]; y: number[] } } }>('linear-models.json');

const std = (X: number[][]) => new StandardScaler().fitTransform(X);
const iris = loadIris();
const DATA: Record<string, { X: number[][]; y: Label[] }> = {
  breast_cancer_std: { X: std(loadBreastCancer().data), y: loadBreastCancer().target },
  wine_std: { X: std(loadWine().data), y: loadWine().target },
  iris: { X: iris.data, y: iris.target },
  iris_names: { X: iris.data, y: iris.target.map((k) => iris.targetNames[k]) },
  noisy: fx.data.noisy,
};

/**
 * C·Σᵢ sᵢ·(−log p(yᵢ|xᵢ)) + penalty(W), written out here from the definition (and
 * checked against scikit-learn's value at its own coefficients below).
 */
function objective(m: LogisticRegression, X: number[][], y: Label[], sw: number[] | null): number {
  const { C, penalty, l1Ratio, classWeight } = m.params;
  const P = m.predictProba(X);
  const idx = y.map((l) => m.classes_.indexOf(l));
  const K = m.classes_.length;
  const counts = m.classes_.map((_, k) => idx.filter((i) => i === k).length);
  let loss = 0;
  idx.forEach((k, i) => {
    let s = sw ? sw[i] : 1;
    if (classWeight === 'balanced') s *= y.length / (K * counts[k]);
    else if (classWeight) s *= classWeight[String(m.classes_[k])] ?? 1;
    loss -= s * Math.log(P[i][k]);
  });
  const W = m.coef_.flat();
  const l2 = 0.5 * W.reduce((a, w) => a + w * w, 0);
  const l1 = W.reduce((a, w) => a + Math.abs(w), 0);
  const rho = penalty === 'l1' ? 1 : penalty === 'elasticnet' ? l1Ratio! : 0;
  const pen = penalty === 'none' ? 0 : (1 - rho) * l2 + rho * l1;
  return C * loss + pen;
}

function fitCase(c: Case, extra: Partial<LogisticRegressionParams>): LogisticRegression {
  const { X, y } = DATA[c.data];
  return new LogisticRegression({ ...c.params, ...extra }).fit(X, y, c.sampleWeight ?? undefined);
}

function asReference(c: Case): LogisticRegression {
  const m = new LogisticRegression(c.params);
  return m.restoreFitted({ coef_: c.coef_, intercept_: c.intercept_, classes_: c.classes_, nFeaturesIn_: c.coef_[0].length,
    nIter_: [0], multinomial_: c.classes_.length > 2 ? c.params.multiClass !== 'ovr' : c.params.multiClass === 'multinomial' });
}

const smooth = fx.logistic.filter((c) => !c.params.solver);
const sparse = fx.logistic.filter((c) => c.params.solver === 'saga');

describe(`LogisticRegression (L2 / none) agrees with ${fx.source}`, () => {
  describe.each(['lbfgs', 'newton-cg'] as const)('solver %s', (solver) => {
    it.each(smooth.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      const m = fitCase(c, { solver, tol: 1e-10, maxIter: 10000 });
      expect(m.classes_).toEqual(c.classes_);
      // One scale for the whole matrix: the reference is accurate to ~1e-8 absolute.
      rel([...m.coef_.flat(), ...m.intercept_], [...c.coef_.flat(), ...c.intercept_], 1e-6, 'coef_ and intercept_');
      m.predictProba(c.probeX).forEach((row, i) => rel(row, c.predictProba[i], 1e-6, `predictProba[${i}]`));
      const dec = m.decisionFunction(c.probeX);
      if (typeof dec[0] === 'number') rel(dec as number[], c.decisionFunction as number[], 1e-6, 'decisionFunction');
      else (dec as number[][]).forEach((row, i) => rel(row, (c.decisionFunction as number[][])[i], 1e-6, `decisionFunction[${i}]`));
      expect(m.predict(c.probeX)).toEqual(c.predict);
    });
  });
});

describe(`LogisticRegression (l1 / elasticnet, saga) agrees with ${fx.source}`, () => {
  it.each(sparse.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { X, y } = DATA[c.data];
    // Our objective function, checked on scikit-learn's own coefficients first.
    expect(objective(asReference(c), X, y, c.sampleWeight)).toBeCloseTo(c.objective, 8);
    const m = fitCase(c, { tol: 1e-8, maxIter: 20000, randomState: 0 });
    const ours = objective(m, X, y, c.sampleWeight);
    expect(Math.abs(ours - c.objective) / c.objective, `objective ${ours} vs ${c.objective}`).toBeLessThan(1e-6);
    expect(m.coef_.map((r) => r.map((v) => v === 0)), 'sparsity pattern').toEqual(c.coef_.map((r) => r.map((v) => Math.abs(v) < 1e-12)));
    m.coef_.forEach((row, k) => rel(row, c.coef_[k], 1e-3, `coef_[${k}]`));
    rel(m.intercept_, c.intercept_, 1e-3, 'intercept_');
  });
});

describe('LogisticRegression behaviour', () => {
  const bc = DATA.breast_cancer_std;
  it('the three solvers reach the same L2 optimum', () => {
    const a = new LogisticRegression({ solver: 'lbfgs', tol: 1e-10, maxIter: 1000 }).fit(bc.X, bc.y);
    const b = new LogisticRegression({ solver: 'newton-cg', tol: 1e-10, maxIter: 1000 }).fit(bc.X, bc.y);
    const c = new LogisticRegression({ solver: 'saga', tol: 1e-9, maxIter: 20000, randomState: 1 }).fit(bc.X, bc.y);
    rel(a.coef_[0], b.coef_[0], 1e-7, 'lbfgs vs newton-cg');
    rel(c.coef_[0], b.coef_[0], 1e-5, 'saga vs newton-cg');
  });
  it('predictLogProba is the log of predictProba, rows sum to one', () => {
    const m = new LogisticRegression({ maxIter: 500 }).fit(DATA.iris.X, DATA.iris.y);
    const P = m.predictProba(DATA.iris.X.slice(0, 5));
    P.forEach((r) => expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12));
    expect(m.predictLogProba(DATA.iris.X.slice(0, 5))).toEqual(P.map((r) => r.map(Math.log)));
  });
  it('warmStart continues from the previous coefficients', () => {
    const cold = new LogisticRegression({ tol: 1e-8, maxIter: 1000 }).fit(bc.X, bc.y);
    const warm = new LogisticRegression({ tol: 1e-8, maxIter: 1000, warmStart: true }).fit(bc.X, bc.y);
    warm.fit(bc.X, bc.y);
    expect(warm.nIter_[0]).toBeLessThan(cold.nIter_[0]);
  });
  it('saga is reproducible with a seed', () => {
    const a = new LogisticRegression({ solver: 'saga', penalty: 'l1', randomState: 5 }).fit(bc.X, bc.y);
    const b = new LogisticRegression({ solver: 'saga', penalty: 'l1', randomState: 5 }).fit(bc.X, bc.y);
    expect(a.coef_).toEqual(b.coef_);
  });
  it('rejects unsupported combinations with a clear message', () => {
    expect(() => new LogisticRegression({ penalty: 'l1' }).fit(bc.X, bc.y)).toThrow(/solver 'lbfgs' supports only 'l2' or 'none' penalties, got 'l1'. Use solver 'saga'/);
    expect(() => new LogisticRegression({ penalty: 'elasticnet', solver: 'saga' }).fit(bc.X, bc.y)).toThrow(/needs `l1Ratio`/);
    expect(() => new LogisticRegression().fit([[1], [2]], [0, 0])).toThrow(/at least 2 classes.*only one class: 0/);
    expect(() => new LogisticRegression({ classWeight: { 7: 2 } }).fit(bc.X, bc.y)).toThrow(/classWeight names the class "7"/);
    expect(() => new LogisticRegression({ C: 0 }).fit(bc.X, bc.y)).toThrow('The `C` parameter of LogisticRegression must be a number > 0. Got 0 instead.');
  });
});

describe('optimizers', () => {
  const rosen = (x: Float64Array, g: Float64Array) => {
    g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2);
    g[1] = 200 * (x[1] - x[0] ** 2);
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
  };
  it('L-BFGS minimises the Rosenbrock function', () => {
    const res = lbfgs(rosen, [-1.2, 1], { gtol: 1e-10, ftol: 0, maxIter: 1000 });
    expect(res.converged).toBe(true);
    rel(Array.from(res.x), [1, 1], 1e-8, 'x');
  });
  it('the line search returns a step satisfying the strong Wolfe conditions', () => {
    const x = new Float64Array([-1.2, 1]);
    const g = new Float64Array(2);
    const f0 = rosen(x, g);
    const p = Float64Array.from(g, (v) => -v);
    const d0 = g[0] * p[0] + g[1] * p[1];
    const ls = wolfeLineSearch(rosen, x, f0, g, p, { step0: 1 });
    expect(ls.ok).toBe(true);
    expect(ls.f).toBeLessThanOrEqual(f0 + 1e-4 * ls.step * d0);
    expect(Math.abs(ls.grad[0] * p[0] + ls.grad[1] * p[1])).toBeLessThanOrEqual(0.9 * Math.abs(d0));
  });
  it('Newton-CG solves a quadratic in a few steps', () => {
    const fg = (x: Float64Array, g: Float64Array) => {
      g[0] = 3 * x[0] + x[1] - 9;
      g[1] = x[0] + 2 * x[1] - 8;
      return 0.5 * (3 * x[0] ** 2 + 2 * x[0] * x[1] + 2 * x[1] ** 2) - 9 * x[0] - 8 * x[1];
    };
    const hess = () => (v: Float64Array, out: Float64Array) => { out[0] = 3 * v[0] + v[1]; out[1] = v[0] + 2 * v[1]; };
    const res = newtonCg(fg, hess, [0, 0], { tol: 1e-12 });
    rel(Array.from(res.x), [2, 3], 1e-12, 'x');
    expect(res.nIter).toBeLessThanOrEqual(5);
  });
});
