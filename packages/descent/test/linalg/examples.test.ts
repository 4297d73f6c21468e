// The runnable examples in the JSDoc of every public function, run as written,
// so the documentation cannot drift from the code. "(up to rounding)" in a
// comment means the value is checked to 1e-14 instead of exactly.

import { describe, expect, it } from 'vitest';
import {
  cholesky, det, eigh, inv, lstsq, matrixRank, norm, pinv, qr, slogdet, solve, svd,
} from '../../src/linalg/index.js';
import { expectClose, listOf, rowsOf } from './helpers.js';

describe('JSDoc examples', () => {
  it('solve', () => expect(solve([[3, 1], [1, 2]], [9, 8]).toArray()).toEqual([2, 3]));
  it('inv', () => expectClose(rowsOf(inv([[4, 7], [2, 6]])), [[0.6, -0.7], [-0.2, 0.4]], 1e-14));
  it('det', () => expect(det([[1, 2], [3, 4]])).toBeCloseTo(-2, 14));
  it('slogdet', () => {
    const { sign, logabsdet } = slogdet([[1, 2], [3, 4]]);
    expect(sign).toBe(-1);
    expect(logabsdet).toBeCloseTo(Math.LN2, 14);
    expect(sign * Math.exp(logabsdet)).toBeCloseTo(-2, 14);
  });
  it('cholesky', () => expect(cholesky([[4, 2], [2, 3]]).toArray()).toEqual([[2, 0], [1, 1.4142135623730951]]));
  it('qr', () => {
    const { Q, R } = qr([[3, 1], [4, 2]]);
    expectClose(rowsOf(R), [[-5, -2.2], [0, 0.4]], 1e-14);
    expectClose(rowsOf(Q), [[-0.6, -0.8], [-0.8, 0.6]], 1e-14); // NumPy's Q, signs included
  });
  it('eigh', () => {
    const { eigenvalues, eigenvectors } = eigh([[2, 1], [1, 2]]);
    expectClose(listOf(eigenvalues), [1, 3], 1e-14);
    expect(eigenvectors.shape).toEqual([2, 2]);
  });
  it('svd', () => {
    const { U, S, Vt } = svd([[3, 0], [4, 5]]);
    expectClose(listOf(S), [3 * Math.sqrt(5), Math.sqrt(5)], 1e-14);
    expect(listOf(S)).toEqual([6.708203932499369, 2.23606797749979]);
    expect(U.shape).toEqual([2, 2]);
    expect(Vt.shape).toEqual([2, 2]);
  });
  it('pinv', () => expectClose(rowsOf(pinv([[1, 2], [2, 4]])), [[0.04, 0.08], [0.08, 0.16]], 1e-14));
  it('matrixRank', () => {
    expect(matrixRank([[1, 2], [2, 4]])).toBe(1);
    expect(matrixRank([[1, 2], [3, 4]])).toBe(2);
  });
  it('lstsq', () => {
    const { solution, residuals, rank } = lstsq([[1, 0], [1, 1], [1, 2]], [1, 3, 4]);
    expectClose(listOf(solution), [1.1666666666666667, 1.5], 1e-14);
    expectClose(listOf(residuals), [0.16666666666666666], 1e-14);
    expect(rank).toBe(2);
  });
  it('norm', () => {
    expect(norm([3, 4])).toBe(5);
    expect(norm([3, 4], 1)).toBe(7);
    expect(norm([[1, 2], [3, 4]], Infinity)).toBe(7);
  });
});
