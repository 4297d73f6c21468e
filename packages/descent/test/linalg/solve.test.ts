// solve, inv, det, slogdet: invariants (A·x = b, A·A⁻¹ = I, det(AB) = det A·det B)
// on fixed and random matrices, plus the LU kernel's own P·A = L·U.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tensor } from '../../src/tensor/index.js';
import { det, inv, slogdet, solve } from '../../src/linalg/index.js';
import { luFactor } from '../../src/linalg/lu.js';
import { fromRows, toRows } from '../../src/linalg/matrix.js';
import { arbMatrix, expectClose, eye, hilbert, listOf, matmul, randn, rowsOf, type Rows } from './helpers.js';

/** A diagonally dominant matrix: always invertible and well conditioned. */
const dominant = (A: Rows): Rows => A.map((row, i) => row.map((v, j) => v + (i === j ? 10 * row.length + 10 : 0)));

describe('LU kernel', () => {
  it('P·A = L·U with |l_ij| ≤ 1 (partial pivoting)', () => {
    const A = randn(6, 6, 1);
    const { lu, perm } = luFactor(fromRows(A));
    const F = toRows(lu);
    const L = F.map((row, i) => row.map((v, j) => (j < i ? v : j === i ? 1 : 0)));
    const U = F.map((row, i) => row.map((v, j) => (j >= i ? v : 0)));
    const PA = Array.from(perm, (p) => A[p]);
    expectClose(matmul(L, U), PA, 1e-14);
    L.flat().forEach((v) => expect(Math.abs(v)).toBeLessThanOrEqual(1));
  });
  it('records the first zero pivot of a singular matrix', () => {
    expect(luFactor(fromRows([[1, 2], [2, 4]])).zeroPivot).toBe(1);
    expect(luFactor(fromRows([[0, 1], [0, 2]])).zeroPivot).toBe(0);
    expect(luFactor(fromRows([[1, 2], [3, 4]])).zeroPivot).toBe(-1);
  });
});

describe('solve', () => {
  it('A·x = b for a vector b, keeping its shape', () => {
    const A = randn(5, 5, 2);
    const b = randn(1, 5, 3)[0];
    const x = solve(A, b);
    expect(x.shape).toEqual([5]);
    expect(x.dtype).toBe('float64');
    expectClose(matmul(A, listOf(x).map((v) => [v])).map((r) => r[0]), b, 1e-13);
  });
  it('A·X = B for several right-hand sides', () => {
    const A = randn(4, 4, 4);
    const B = randn(4, 3, 5);
    const X = solve(A, B);
    expect(X.shape).toEqual([4, 3]);
    expectClose(matmul(A, rowsOf(X)), B, 1e-13);
  });
  it('accepts Tensors of other dtypes (int32 A, float32 b)', () => {
    const x = solve(tensor([[2, 1], [1, 3]], { dtype: 'int32' }), tensor([3, 5], { dtype: 'float32' }));
    expect(x.dtype).toBe('float64');
    expectClose(listOf(x), [0.8, 1.4], 1e-15);
  });
  it('needs pivoting: a zero in the (0, 0) position', () => {
    expectClose(listOf(solve([[0, 1], [1, 0]], [2, 3])), [3, 2], 0);
  });
  it('1×1', () => expectClose(listOf(solve([[4]], [2])), [0.5], 0));
  it('an ill-conditioned Hilbert system has a small residual (backward stability)', () => {
    // cond(H₁₀) ≈ 1.6e13, so x itself is inaccurate, but LU with partial pivoting
    // is backward stable: ‖b - H·x‖ ≤ c·n·eps·‖H‖·‖x‖ (GVL §3.4.5).
    const H = hilbert(10);
    const b = Array.from({ length: 10 }, (_, i) => i + 1);
    const x = listOf(solve(H, b));
    const r = matmul(H, x.map((v) => [v])).map((row, i) => row[0] - b[i]);
    const normH = Math.max(...H.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
    const bound = 10 * 10 * 2 ** -52 * normH * Math.max(...x.map(Math.abs));
    expect(Math.max(...r.map(Math.abs))).toBeLessThan(bound);
  });
  it('A·x = b for random well-conditioned systems (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 7 }), fc.constant(8)), (M) => {
        const n = M.length;
        const A = dominant(M.map((r) => r.slice(0, n)));
        const b = M.map((r) => r[n]);
        const x = listOf(solve(A, b));
        expectClose(matmul(A, x.map((v) => [v])).map((r) => r[0]), b, 1e-12);
      }),
    );
  });
});

describe('inv', () => {
  for (const n of [1, 2, 5, 12]) {
    it(`A·A⁻¹ = A⁻¹·A = I for a random ${n}×${n}`, () => {
      const A = randn(n, n, 10 + n);
      const Ainv = rowsOf(inv(A));
      expectClose(matmul(A, Ainv), eye(n), 1e-11);
      expectClose(matmul(Ainv, A), eye(n), 1e-11);
    });
  }
  it('the inverse of a permutation is its transpose', () => {
    expectClose(rowsOf(inv([[0, 1, 0], [0, 0, 1], [1, 0, 0]])), [[0, 0, 1], [1, 0, 0], [0, 1, 0]], 0);
  });
  it('holds for random well-conditioned matrices (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 7 }), fc.constant(7)), (M) => {
        const n = M.length;
        const A = dominant(M.map((r) => r.slice(0, n)));
        expectClose(matmul(A, rowsOf(inv(A))), eye(n), 1e-12);
      }),
    );
  });
});

describe('det and slogdet', () => {
  it('small cases with known values', () => {
    expect(det([[1, 2], [3, 4]])).toBeCloseTo(-2, 14);
    expect(det([[2, 0, 0], [0, 3, 0], [0, 0, 4]])).toBe(24);
    expect(det([[0, 1], [1, 0]])).toBe(-1); // one row swap
    expect(det([[7]])).toBe(7);
    expect(det([[1, 2], [2, 4]])).toBe(0);
  });
  it('the empty 0×0 matrix has determinant 1 (the empty product), like NumPy', () => {
    expect(det(tensor(new Float64Array(0), { shape: [0, 0] }))).toBe(1);
  });
  it('slogdet avoids the underflow of det: det(0.1·I₄₀₀) = 1e-400', () => {
    const A = eye(400).map((row) => row.map((v) => 0.1 * v));
    expect(det(A)).toBe(0); // underflows, as in NumPy
    const { sign, logabsdet } = slogdet(A);
    expect(sign).toBe(1);
    expect(logabsdet).toBeCloseTo(400 * Math.log(0.1), 10);
  });
  it('slogdet of a singular matrix is { sign: 0, logabsdet: -Infinity }', () => {
    expect(slogdet([[1, 2], [2, 4]])).toEqual({ sign: 0, logabsdet: -Infinity });
  });
  it('det(A·B) = det(A)·det(B) and sign·exp(logabsdet) = det (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 5 }), fc.constant(10)), (M) => {
        const n = M.length;
        const A = M.map((r) => r.slice(0, n));
        const B = M.map((r) => r.slice(5, 5 + n));
        const dA = det(A);
        const dB = det(B);
        const dAB = det(matmul(A, B));
        // The error of a computed det scales with the product of the row norms (Hadamard's bound).
        const hadamard = (X: Rows) => X.reduce((p, row) => p * Math.hypot(...row), 1);
        const tol = 1e-12 * (hadamard(A) * hadamard(B) + hadamard(matmul(A, B))) + 1e-300;
        expect(Math.abs(dAB - dA * dB)).toBeLessThanOrEqual(tol);
        const { sign, logabsdet } = slogdet(A);
        expect(Math.abs(sign * Math.exp(logabsdet) - dA)).toBeLessThanOrEqual(1e-12 * Math.max(1e-300, hadamard(A)));
      }),
    );
  });
});
