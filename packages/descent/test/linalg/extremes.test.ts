// Extreme magnitudes: subnormal, tiny and huge entries. Every case pinned here
// was a counterexample fast-check found (non-convergence, a NaN, or a
// non-orthogonal U); the kernels now scale by a power of two, compute norms
// like BLAS dnrm2 and use an absolute deflation test, and these keep it so.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eigh, matrixRank, norm, pinv, qr, svd } from '../../src/linalg/index.js';
import { expectOrthonormalColumns, rowsOf, transpose, type Rows } from './helpers.js';

const allFinite = (x: ArrayLike<number>) => Array.from(x).every(Number.isFinite);

/** The decompositions must return finite, orthonormal factors. */
function checkFactors(A: Rows): void {
  const { U, S, Vt } = svd(A, { fullMatrices: true });
  expect(allFinite(S.toTypedArray())).toBe(true);
  expectOrthonormalColumns(rowsOf(U));
  expectOrthonormalColumns(transpose(rowsOf(Vt)));
  expectOrthonormalColumns(rowsOf(qr(A, { mode: 'complete' }).Q));
  const n = Math.min(A.length, A[0].length);
  const square = A.slice(0, n).map((row) => row.slice(0, n));
  expectOrthonormalColumns(rowsOf(eigh(square).eigenvectors));
  // pinv is not checked for finiteness: 1/S overflows for S < 5.6e-309, as in NumPy.
  expect(pinv(A).shape).toEqual([A[0].length, A.length]);
  expect(Number.isInteger(matrixRank(A))).toBe(true);
  expect(Number.isFinite(norm(A, 2))).toBe(true);
}

describe('extreme magnitudes', () => {
  const regressions: [string, Rows][] = [
    ['a subnormal next to 1 (svd looped forever)', [[0, 0, 0], [0, 0, 0], [1e-323, 0, -1]]],
    ['a subnormal column (QR produced NaN)', [[0, 0, 0, 0], [-1, 1e-323, 0, 0], [-1, 0, 0, 0]]],
    ['two equal subnormal columns (U not orthogonal)', [[0, -1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 5e-324, 5e-324]]],
    ['columns 1e156 apart (imprecise norm)', [[1.684447506089115e-285, 0], [0, 1.782120980418333e-129]]],
    ['the largest double (2^1024 overflow in scaling)', [[-1.7976931348622453e308]]],
    ['1e-162 off-diagonals between zeros (eigh did not converge)', [[0, 0, 0, 0], [-3.1861838222649042e-58, 0, 0, 0], [0, 0, 0, 0], [0, -3.1861838222649042e-58, 2.866873269987533e104, 0]]],
    ['a subnormal symmetric 2×2', [[0, -5e-324], [-5e-324, 0]]],
  ];
  for (const [name, A] of regressions) it(name, () => checkFactors(A));

  it('keeps tiny singular values exact for a scaled diagonal', () => {
    expect(Array.from(svd([[1, 0], [0, 1e-200]]).S.toTypedArray())).toEqual([1, 1e-200]);
  });

  it('holds for entries anywhere in ±1e300 (fast-check)', () => {
    const entry = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });
    const arb = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([m, n]) =>
      fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
    );
    fc.assert(fc.property(arb, checkFactors), { numRuns: 300 });
  });
});
