// lstsq, pinv and matrixRank: the Moore–Penrose conditions, the normal
// equations, minimum-norm solutions and rank tolerances.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tensor } from '../../src/tensor/index.js';
import { lstsq, matrixRank, pinv, solve } from '../../src/linalg/index.js';
import {
  arbMatrix, expectClose, hilbert, listOf, lowRank, matmul, maxAbs, randn, rowsOf, transpose, type Rows,
} from './helpers.js';

/**
 * The four Penrose conditions that define X = A⁺ uniquely (Penrose 1955):
 * A·X·A = A, X·A·X = X, (A·X)ᵀ = A·X, (X·A)ᵀ = X·A.
 */
function expectPenrose(A: Rows, X: Rows, rtol = 1e-10): void {
  const AX = matmul(A, X);
  const XA = matmul(X, A);
  const scaleA = Math.max(1, maxAbs(A));
  const scaleX = Math.max(1, maxAbs(X));
  expectClose(matmul(AX, A), A, rtol * scaleA * scaleX);
  expectClose(matmul(XA, X), X, rtol * scaleA * scaleX);
  expectClose(transpose(AX), AX, rtol * scaleA * scaleX);
  expectClose(transpose(XA), XA, rtol * scaleA * scaleX);
}

const col = (v: number[]): Rows => v.map((x) => [x]);

describe('pinv', () => {
  const cases: [string, Rows][] = [
    ['tall 7x3', randn(7, 3, 1)],
    ['wide 2x6', randn(2, 6, 2)],
    ['square 5x5', randn(5, 5, 3)],
    ['rank 2, 6x5', lowRank(6, 5, 2, 4)],
    ['1x1', [[4]]],
    ['zero matrix', [[0, 0], [0, 0], [0, 0]]],
  ];
  for (const [name, A] of cases) {
    it(`satisfies the Penrose conditions: ${name}`, () => {
      const X = rowsOf(pinv(A));
      expect([X.length, X[0].length]).toEqual([A[0].length, A.length]);
      expectPenrose(A, X);
    });
  }
  it('equals inv for an invertible matrix', () => {
    const A = randn(4, 4, 5);
    const X = rowsOf(pinv(A));
    expectClose(matmul(A, X), [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], 1e-12);
  });
  it('rcond drops small singular values', () => {
    const A = [[1, 0], [0, 1e-8]];
    expectClose(rowsOf(pinv(A)), [[1, 0], [0, 1e8]], 1e-12);
    expectClose(rowsOf(pinv(A, { rcond: 1e-6 })), [[1, 0], [0, 0]], 0);
  });
  it('satisfies the Penrose conditions for random matrices (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })), (A0) => {
        // The conditions hold to ~cond(A)·eps: drop singular values below 1e-8·S[0],
        // and flush entries so tiny that 1/S would overflow.
        const A = A0.map((row) => row.map((v) => (Math.abs(v) < 1e-150 ? 0 : v)));
        const X = rowsOf(pinv(A, { rcond: 1e-8 }));
        expectPenrose(A, X, 1e-6);
      }),
    );
  });
});

describe('lstsq', () => {
  it('overdetermined: the residual is orthogonal to range(A) (normal equations Aᵀ(b - Ax) = 0)', () => {
    const A = randn(10, 3, 6);
    const b = randn(10, 1, 7).map((r) => r[0]);
    const { solution, residuals, rank, singularValues } = lstsq(A, b);
    const x = listOf(solution);
    const r = matmul(A, col(x)).map((row, i) => b[i] - row[0]);
    expectClose(matmul(transpose(A), col(r)).map((row) => row[0]), [0, 0, 0], 1e-12);
    expect(rank).toBe(3);
    expect(singularValues.shape).toEqual([3]);
    expect(residuals.shape).toEqual([1]);
    expectClose(listOf(residuals), [r.reduce((s, v) => s + v * v, 0)], 1e-12);
  });
  it('square and invertible: the same x as solve, and no residuals', () => {
    const A = randn(4, 4, 8);
    const b = [1, 2, 3, 4];
    const result = lstsq(A, b);
    expectClose(listOf(result.solution), listOf(solve(A, b)), 1e-12);
    expect(result.residuals.shape).toEqual([0]);
  });
  it('underdetermined: the minimum-norm solution x = Aᵀ(AAᵀ)⁻¹b', () => {
    const A = randn(2, 5, 9);
    const b = [3, -1];
    const x = listOf(lstsq(A, b).solution);
    const y = listOf(solve(matmul(A, transpose(A)), b));
    expectClose(x, matmul(transpose(A), col(y)).map((r) => r[0]), 1e-12);
  });
  it('rank-deficient: rank is reported and x is the minimum-norm solution A⁺b', () => {
    const A = lowRank(8, 4, 2, 10);
    const b = randn(8, 1, 11).map((r) => r[0]);
    const result = lstsq(A, b);
    expect(result.rank).toBe(2);
    expect(result.residuals.shape).toEqual([0]); // NumPy only reports residuals for full column rank
    expectClose(listOf(result.solution), matmul(rowsOf(pinv(A)), col(b)).map((r) => r[0]), 1e-10);
  });
  it('a matrix b gives one solution column and one residual per column', () => {
    const A = randn(6, 2, 12);
    const B = randn(6, 3, 13);
    const { solution, residuals } = lstsq(A, B);
    expect(solution.shape).toEqual([2, 3]);
    expect(residuals.shape).toEqual([3]);
    const X = rowsOf(solution);
    for (let c = 0; c < 3; c++) {
      const single = listOf(lstsq(A, B.map((r) => r[c])).solution);
      expectClose(X.map((r) => r[c]), single, 1e-13);
    }
  });
  it('fits a line through points (the doc example)', () => {
    const { solution, residuals, rank } = lstsq([[1, 0], [1, 1], [1, 2]], [1, 3, 4]);
    expectClose(listOf(solution), [7 / 6, 1.5], 1e-14);
    expectClose(listOf(residuals), [1 / 6], 1e-14);
    expect(rank).toBe(2);
  });
  it('accepts a column Tensor b', () => {
    const { solution } = lstsq(tensor([[1, 0], [0, 1], [0, 0]]), tensor([[1], [2], [3]]));
    expect(solution.shape).toEqual([2, 1]);
    expectClose(rowsOf(solution), [[1], [2]], 1e-15);
  });
});

describe('matrixRank', () => {
  it('counts singular values above max(S)·max(m, n)·eps', () => {
    expect(matrixRank([[1, 2], [2, 4]])).toBe(1);
    expect(matrixRank(randn(5, 3, 14))).toBe(3);
    expect(matrixRank(lowRank(7, 9, 4, 15))).toBe(4);
    expect(matrixRank([[0, 0], [0, 0]])).toBe(0);
    expect(matrixRank(hilbert(14))).toBeLessThan(14); // numerically singular
  });
  it('tol overrides the default', () => {
    expect(matrixRank([[1, 0], [0, 1e-6]])).toBe(2);
    expect(matrixRank([[1, 0], [0, 1e-6]], { tol: 1e-3 })).toBe(1);
  });
  it('a vector has rank 1 unless it is all zeros, like NumPy', () => {
    expect(matrixRank([0, 3, 0])).toBe(1);
    expect(matrixRank([0, 0])).toBe(0);
  });
  it('rank(A) = rank(Aᵀ) = rank(AᵀA) (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })), (A) => {
        // Integer-valued entries keep the rank exact and unambiguous.
        const Ai = A.map((row) => row.map(Math.round));
        expect(matrixRank(transpose(Ai))).toBe(matrixRank(Ai));
        expect(matrixRank(matmul(transpose(Ai), Ai))).toBe(matrixRank(Ai));
      }),
    );
  });
});
