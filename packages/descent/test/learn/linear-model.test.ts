// LinearRegression and Ridge against scikit-learn 1.2.1 (tools/fixtures/linear.py):
// coefficients to 1e-6 relative, predictions and R² likewise.
import { describe, expect, it } from 'vitest';
import { loadDiabetes } from '../../src/datasets/index.js';
import { LinearRegression, Ridge, getEstimatorClass, type Regressor } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Case {
  name: string; estimator: string; params: Record<string, unknown>; data: string; X: number[][] | null; y: number[] | null;
  sampleWeight: number[] | null; coef_: number[]; intercept_: number; predict: number[]; score: number;
}
const fx = loadFixture<{ source: string; cases: Case[] }>('linear.json');
const diabetes = loadDiabetes();

function rel(a: number[], b: number[], tol: number, label: string): void {
  expect(a.length, label).toBe(b.length);
  const scale = Math.max(...b.map(Math.abs), 1e-300);
  a.forEach((v, i) => {
    if (!(Math.abs(v - b[i]) <= tol * Math.max(Math.abs(b[i]), 1e-3 * scale))) throw new Error(`${label}[${i}]: got ${v}, expected ${b[i]}`);
  });
}

describe(`linear models agree with ${fx.source}`, () => {
  it.each(fx.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const X = c.X ?? diabetes.data;
    const y = c.y ?? diabetes.target;
    const Cls = getEstimatorClass(c.estimator);
    const model = new Cls(c.params) as unknown as Regressor & { coef_: number[]; intercept_: number; fit(X: number[][], y: number[], w?: number[]): unknown };
    model.fit(X, y, c.sampleWeight ?? undefined);
    rel(model.coef_, c.coef_, 1e-6, 'coef_');
    rel([model.intercept_], [c.intercept_], 1e-6, 'intercept_');
    rel(model.predict(X.slice(0, 5)), c.predict, 1e-6, 'predict');
    if (!c.sampleWeight) expect(model.score(X, y)).toBeCloseTo(c.score, 8);
  });
});

describe('linear model behaviour', () => {
  it('recovers an exact linear relation', () => {
    const reg = new LinearRegression().fit([[1, 1], [1, 2], [2, 2], [2, 3]], [6, 8, 9, 11]);
    rel(reg.coef_, [1, 2], 1e-12, 'coef');
    expect(reg.intercept_).toBeCloseTo(3, 12);
    expect(reg.rank_).toBe(2);
  });
  it('ridge solvers agree, and alpha is validated', () => {
    const X = diabetes.data;
    const y = diabetes.target;
    rel(new Ridge({ solver: 'cholesky' }).fit(X, y).coef_, new Ridge({ solver: 'svd' }).fit(X, y).coef_, 1e-10, 'coef');
    expect(() => new Ridge({ alpha: -1 }).fit(X, y)).toThrow('The `alpha` parameter of Ridge must be a number >= 0. Got -1 instead.');
  });
  it('rejects bad sample weights', () => {
    expect(() => new Ridge().fit([[1], [2]], [1, 2], [1])).toThrow(/Ridge: sampleWeight has 1 values but X has 2 samples; pass one weight per sample/);
    expect(() => new LinearRegression().fit([[1], [2]], [1, 2], [1, -1])).toThrow(/LinearRegression: sampleWeight must hold finite numbers >= 0/);
  });
});
