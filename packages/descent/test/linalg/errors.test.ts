// Every failure mode gives an error that names the function, the shapes or
// the offending value, and the fix.

import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.js';
import {
  cholesky, det, eigh, inv, lstsq, matrixRank, norm, pinv, qr, slogdet, solve, svd,
} from '../../src/linalg/index.js';
import { eighKernel, tridiagonalQR } from '../../src/linalg/eigh-kernel.js';
import { fromRows, identity } from '../../src/linalg/matrix.js';
import { svdKernel } from '../../src/linalg/svd-kernel.js';

const singular = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
const wide = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];

describe('singular matrices', () => {
  it('inv says which pivot vanished and points to pinv', () => {
    expect(() => inv([[1, 2], [2, 4]])).toThrow(
      'inv: matrix is singular (pivot U[1,1] is 0 after partial pivoting); a singular matrix has no inverse — use pinv',
    );
  });
  it('solve points to lstsq', () => {
    expect(() => solve([[0, 0], [0, 0]], [1, 2])).toThrow(/^solve: matrix is singular \(pivot U\[0,0\] is 0.*use lstsq/);
  });
  it('[[1,2,3],[4,5,6],[7,8,9]]: singular, but whether a pivot is exactly 0 depends on rounding', () => {
    // NumPy's LAPACK orders (and may fuse) the operations differently, hits an exact 0 and raises; plain
    // JS arithmetic leaves a last pivot of ~1e-16. Either inv throws, or its
    // entries are ~1/eps: the result can never look like an ordinary inverse.
    let largest = Infinity;
    try {
      largest = Math.max(...(inv(singular).toArray() as number[][]).flat().map(Math.abs));
    } catch (e) {
      expect(String(e)).toMatch(/^Error: inv: matrix is singular/);
    }
    expect(largest).toBeGreaterThan(1e14);
  });
  it('det and slogdet do not throw: they return 0 and { sign: 0, logabsdet: -Infinity }', () => {
    expect(det([[1, 2], [2, 4]])).toBe(0);
    expect(slogdet([[0, 0], [0, 0]])).toEqual({ sign: 0, logabsdet: -Infinity });
  });
});

describe('non-square where a square matrix is needed', () => {
  for (const [name, fn] of [
    ['solve', (A: number[][]) => solve(A, [1, 2, 3])],
    ['inv', inv], ['det', det], ['slogdet', slogdet], ['cholesky', cholesky], ['eigh', eigh],
  ] as [string, (A: number[][]) => unknown][]) {
    it(name, () => expect(() => fn(wide)).toThrow(`${name}: expected a square matrix, got shape (3,4)`));
  }
});

describe('not positive definite', () => {
  it('cholesky names the first failing leading minor', () => {
    expect(() => cholesky([[1, 2], [2, 1]])).toThrow(
      'cholesky: matrix is not positive definite (leading minor 2, the top-left 2×2 block, is not positive)',
    );
    expect(() => cholesky([[-1, 0], [0, 1]])).toThrow(/leading minor 1/);
    expect(() => cholesky([[1, 0, 0], [0, 1, 0], [0, 0, 0]])).toThrow(/leading minor 3/); // semi-definite
  });
});

describe('shape mismatches and bad inputs', () => {
  it('solve and lstsq check that b has one row per equation', () => {
    expect(() => solve([[1, 0], [0, 1]], [1, 2, 3])).toThrow(
      'solve: a has shape (2,2) but b has shape (3,); b must have 2 rows, one per equation',
    );
    expect(() => lstsq([[1, 0], [0, 1], [1, 1]], [[1], [2]])).toThrow(
      'lstsq: a has shape (3,2) but b has shape (2,1); b must have 3 rows',
    );
  });
  it('1-D input where a matrix is needed', () => {
    expect(() => svd([1, 2, 3] as unknown as number[][])).toThrow('svd: expected a 2-D matrix, got a with shape (3,)');
    expect(() => inv(tensor([1, 2]))).toThrow('inv: expected a 2-D matrix, got a with shape (2,)');
  });
  it('batched (3-D) inputs are not supported yet', () => {
    const batch = tensor(new Float64Array(18), { shape: [2, 3, 3] });
    expect(() => inv(batch)).toThrow('inv: batched inputs are not supported yet, got a with shape (2,3,3)');
    expect(() => det([[[1]]] as unknown as number[][])).toThrow(/det: a\[0\]\[0\] is an array.*batched/);
  });
  it('ragged nested arrays and non-numbers', () => {
    expect(() => qr([[1, 2], [3]])).toThrow('qr: a is ragged: row 1 has length 1, row 0 has length 2');
    expect(() => qr([[1, '2']] as unknown as number[][])).toThrow('qr: a[0][1] is "2", expected a number');
    expect(() => solve([[1]], null as unknown as number[])).toThrow('solve: b must be a Tensor or nested arrays of numbers');
  });
  it('a scalar Tensor', () => {
    expect(() => det(tensor(3))).toThrow('det: a is a scalar (shape ()), expected a vector or a matrix');
  });
  it('invalid options', () => {
    expect(() => qr([[1]], { mode: 'r' as 'reduced' })).toThrow(`qr: mode must be 'reduced' or 'complete', got "r"`);
    expect(() => eigh([[1]], { uplo: 'X' as 'L' })).toThrow(`eigh: uplo must be 'L' or 'U', got "X"`);
    expect(() => norm([[1, 2]], 3)).toThrow(
      "norm: invalid order 3 for a matrix; use 'fro', 'nuc', 1, -1, 2, -2, Infinity or -Infinity",
    );
    expect(() => norm([1, 2], 'fro')).toThrow("norm: invalid order 'fro' for a vector");
  });
});

describe('NaN and Infinity', () => {
  const withNaN = [[1, NaN], [NaN, 1]];
  const message = /contains NaN or Infinity; linear algebra needs finite entries/;
  for (const [name, fn] of [
    ['solve', (A: number[][]) => solve(A, [1, 2])], ['inv', inv], ['det', det], ['slogdet', slogdet],
    ['cholesky', cholesky], ['qr', qr], ['eigh', eigh], ['svd', svd], ['pinv', pinv], ['matrixRank', matrixRank],
    ['lstsq', (A: number[][]) => lstsq(A, [1, 2])],
  ] as [string, (A: number[][]) => unknown][]) {
    it(`${name} rejects NaN up front instead of iterating on it`, () => {
      expect(() => fn(withNaN)).toThrow(new RegExp(`^${name}: a contains NaN`));
      expect(() => fn([[1, 0], [0, Infinity]])).toThrow(message);
    });
  }
  it('a NaN in b is reported as b', () => {
    expect(() => solve([[1, 0], [0, 1]], [1, NaN])).toThrow('solve: b contains NaN or Infinity');
  });
  it('the iterative kernels cap their iterations even when handed NaN directly', () => {
    // The public functions never pass NaN to the kernels; these call them raw.
    expect(() => svdKernel(fromRows([[1, NaN], [2, 3]]))).toThrow(/svd: one-sided Jacobi did not converge after 60 sweeps/);
    expect(() => tridiagonalQR(new Float64Array([1, NaN, 2]), new Float64Array([1, 1]), identity(3))).toThrow(
      /eigh: the symmetric QR iteration did not converge after 90 steps/,
    );
    expect(() => eighKernel(fromRows([[1, 0], [NaN, 1]]))).toThrow(/eigh: .*did not converge/);
  });
});
