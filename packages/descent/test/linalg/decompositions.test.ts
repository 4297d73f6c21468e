// Invariants of the decompositions, which must hold for every input, on fixed
// matrices of many shapes and on fast-check's random ones:
//   qr:       Q·R = A, QᵀQ = I, R upper triangular
//   cholesky: L·Lᵀ = A, L lower triangular with a positive diagonal
//   eigh:     A·V = V·diag(λ), VᵀV = I, λ ascending
//   svd:      U·diag(S)·Vt = A, UᵀU = I, Vt·Vtᵀ = I, S ≥ 0 descending

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tensor } from '../../src/tensor/index.js';
import { cholesky, eigh, qr, svd } from '../../src/linalg/index.js';
import {
  arbMatrix, expectClose, expectOrthonormalColumns, expectUpperTriangular, eye, hilbert, listOf, lowRank, matmul,
  randn, rowsOf, scaleCols, transpose, type Rows,
} from './helpers.js';

/** Matrices of every kind the brief asks for: square, tall, wide, rank-deficient, 1×1, ill-conditioned. */
const shapes: [string, Rows][] = [
  ['1x1', [[-2]]],
  ['2x2', randn(2, 2, 1)],
  ['square 6x6', randn(6, 6, 2)],
  ['tall 9x4', randn(9, 4, 3)],
  ['wide 3x7', randn(3, 7, 4)],
  ['column 5x1', randn(5, 1, 5)],
  ['row 1x5', randn(1, 5, 6)],
  ['rank 2, 6x6', lowRank(6, 6, 2, 7)],
  ['rank 1, 4x7', lowRank(4, 7, 1, 8)],
  ['zeros 3x2', [[0, 0], [0, 0], [0, 0]]],
  ['hilbert 8x8 (cond ~1e10)', hilbert(8)],
  ['integer, repeated columns', [[1, 1, 2], [2, 2, 4], [3, 3, 6], [4, 4, 9]]],
  ['large 40x25', randn(40, 25, 9)],
];

const symmetric = (A: Rows): Rows => A.map((row, i) => row.map((v, j) => (v + A[j][i]) / 2));

/** The checks `svd` must pass for any A. */
function checkSVD(A: Rows, fullMatrices: boolean): void {
  const m = A.length;
  const n = A[0].length;
  const k = Math.min(m, n);
  const { U, S, Vt } = svd(A, { fullMatrices });
  const u = rowsOf(U);
  const s = listOf(S);
  const vt = rowsOf(Vt);
  expect(U.shape).toEqual([m, fullMatrices ? m : k]);
  expect(S.shape).toEqual([k]);
  expect(Vt.shape).toEqual([fullMatrices ? n : k, n]);
  s.forEach((v, i) => {
    expect(v).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(v).toBeLessThanOrEqual(s[i - 1]);
  });
  expectOrthonormalColumns(u);
  expectOrthonormalColumns(transpose(vt));
  // U[:, :k]·diag(S)·Vt[:k, :] = A
  const uk = u.map((r) => r.slice(0, k));
  expectClose(matmul(scaleCols(uk, s), vt.slice(0, k)), A, 1e-12);
}

function checkQR(A: Rows, mode: 'reduced' | 'complete'): void {
  const m = A.length;
  const n = A[0].length;
  const k = Math.min(m, n);
  const { Q, R } = qr(A, { mode });
  expect(Q.shape).toEqual([m, mode === 'complete' ? m : k]);
  expect(R.shape).toEqual([mode === 'complete' ? m : k, n]);
  expectOrthonormalColumns(rowsOf(Q));
  expectUpperTriangular(rowsOf(R));
  expectClose(matmul(rowsOf(Q), rowsOf(R)), A, 1e-12);
}

function checkEigh(A: Rows): void {
  const { eigenvalues, eigenvectors } = eigh(A);
  const w = listOf(eigenvalues);
  const V = rowsOf(eigenvectors);
  w.forEach((v, i) => { if (i > 0) expect(v).toBeGreaterThanOrEqual(w[i - 1]); });
  expectOrthonormalColumns(V);
  // A·V = V·diag(λ), on the scale of ‖A‖.
  expectClose(matmul(A, V), scaleCols(V, w), 1e-12 * Math.max(1, ...A.flat().map(Math.abs)));
}

describe('qr invariants', () => {
  for (const [name, A] of shapes) {
    it(name, () => {
      checkQR(A, 'reduced');
      checkQR(A, 'complete');
    });
  }
  it('holds for random matrices (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 })), (A) => {
        checkQR(A, 'reduced');
        checkQR(A, 'complete');
      }),
    );
  });
  it('accepts a Tensor of any dtype and returns float64', () => {
    const { Q, R } = qr(tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'int32' }));
    expect(Q.dtype).toBe('float64');
    expect(R.dtype).toBe('float64');
    expectClose(matmul(rowsOf(Q), rowsOf(R)), [[1, 2], [3, 4], [5, 6]]);
  });
});

describe('cholesky invariants', () => {
  const spd = (n: number, seed: number): Rows => {
    const B = randn(n, n, seed);
    return matmul(B, transpose(B)).map((row, i) => row.map((v, j) => v + (i === j ? n : 0)));
  };
  for (const n of [1, 2, 5, 20]) {
    it(`L·Lᵀ = A for a random SPD ${n}×${n}`, () => {
      const A = spd(n, 10 + n);
      const L = rowsOf(cholesky(A));
      L.forEach((row, i) => row.forEach((v, j) => {
        if (j > i) expect(v).toBe(0);
        if (j === i) expect(v).toBeGreaterThan(0);
      }));
      expectClose(matmul(L, transpose(L)), A, 1e-12);
    });
  }
  it('reads only the lower triangle, like NumPy', () => {
    const A = spd(4, 3);
    const garbage = A.map((row, i) => row.map((v, j) => (j > i ? 1e6 : v)));
    expectClose(rowsOf(cholesky(garbage)), rowsOf(cholesky(A)), 0);
  });
  it('holds for random SPD matrices BᵀB + I (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })), (B) => {
        const n = B[0].length;
        const A = matmul(transpose(B), B).map((row, i) => row.map((v, j) => v + (i === j ? 1 : 0)));
        const L = rowsOf(cholesky(A));
        expectClose(matmul(L, transpose(L)), A, 1e-12);
        expect(L.length).toBe(n);
      }),
    );
  });
});

describe('eigh invariants', () => {
  for (const [name, A] of shapes.filter(([, A]) => A.length === A[0].length)) {
    it(`${name} (symmetrized)`, () => checkEigh(symmetric(A)));
  }
  it('repeated eigenvalues: the identity and a rank-1 update of it', () => {
    checkEigh(eye(5));
    expectClose(listOf(eigh(eye(5)).eigenvalues), [1, 1, 1, 1, 1], 0);
    const v = [1, 2, 3, 4];
    const A = eye(4).map((row, i) => row.map((x, j) => x + v[i] * v[j]));
    checkEigh(A);
    expectClose(listOf(eigh(A).eigenvalues), [1, 1, 1, 31], 1e-13);
  });
  it('a tridiagonal matrix with known eigenvalues 2 - 2cos(kπ/(n+1))', () => {
    // The 1-D discrete Laplacian: eigenvalues are known in closed form (GVL §4.8.1).
    const n = 10;
    const T = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0)));
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    expectClose(listOf(eigh(T).eigenvalues), expected, 1e-13);
  });
  it("uplo: 'U' reads the upper triangle instead", () => {
    const A = symmetric(randn(5, 5, 30));
    const upperOnly = A.map((row, i) => row.map((v, j) => (j < i ? NaN : v)));
    const lowerOnly = A.map((row, i) => row.map((v, j) => (j > i ? 0 : v)));
    // NaNs in the ignored triangle are rejected by the finiteness check, so use zeros there.
    const upperZeros = upperOnly.map((row) => row.map((v) => (Number.isNaN(v) ? 0 : v)));
    expectClose(listOf(eigh(upperZeros, { uplo: 'U' }).eigenvalues), listOf(eigh(lowerOnly).eigenvalues), 1e-13);
  });
  it('holds for random symmetric matrices (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 8 }), fc.constant(8)), (B) => {
        const n = B.length;
        checkEigh(symmetric(B.map((row) => row.slice(0, n))));
      }),
    );
  });
});

describe('svd invariants', () => {
  for (const [name, A] of shapes) {
    it(name, () => {
      checkSVD(A, false);
      checkSVD(A, true);
    });
  }
  it('singular values of a matrix with known SVD', () => {
    // diag(3, 2, 1) with rows and columns permuted: S = [3, 2, 1].
    const A = [[0, 2, 0], [0, 0, 1], [3, 0, 0]];
    expectClose(listOf(svd(A).S), [3, 2, 1], 0);
  });
  it('tiny and huge scales neither underflow nor overflow', () => {
    for (const scale of [1e-200, 1e200]) {
      const A = randn(5, 3, 40).map((row) => row.map((v) => v * scale));
      const S = listOf(svd(A).S);
      const S1 = listOf(svd(randn(5, 3, 40)).S);
      expectClose(S.map((v) => v / scale), S1, 1e-13);
    }
  });
  it('holds for random matrices (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 })), fc.boolean(), (A, full) => {
        checkSVD(A, full);
      }),
    );
  });
});
