// norm: the textbook identities between norms (GVL §2.2–2.3), special values,
// overflow safety and NaN propagation. Values against NumPy are in golden.test.ts.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tensor } from '../../src/tensor/index.js';
import { norm, svd } from '../../src/linalg/index.js';
import { arbMatrix, listOf, randn } from './helpers.js';

describe('vector norms', () => {
  const x = [3, -4, 0, 12];
  it('the orders NumPy accepts', () => {
    expect(norm(x)).toBe(13);
    expect(norm(x, 2)).toBe(13);
    expect(norm(x, 1)).toBe(19);
    expect(norm(x, Infinity)).toBe(12);
    expect(norm(x, -Infinity)).toBe(0);
    expect(norm(x, 0)).toBe(3); // number of non-zeros
    expect(norm(x, 3)).toBeCloseTo(Math.cbrt(27 + 64 + 1728), 12);
    expect(norm([1, 4], -1)).toBeCloseTo(1 / (1 + 1 / 4), 14); // (Σ|x|^-1)^-1
  });
  it('does not overflow or underflow for huge and tiny entries (scaled, like BLAS dnrm2)', () => {
    expect(norm([3e200, 4e200])).toBeCloseTo(5e200, -186);
    expect(norm([3e-200, 4e-200]) / 5e-200).toBeCloseTo(1, 14);
    expect(norm([3e200, 4e200], 3) / norm([3, 4], 3)).toBeCloseTo(1e200, -186);
  });
  it('NaN propagates, Infinity gives Infinity', () => {
    expect(norm([1, NaN])).toBeNaN();
    expect(norm([1, -Infinity])).toBe(Infinity);
    expect(norm([1, Infinity], 1)).toBe(Infinity);
  });
  it('accepts a 1-D Tensor', () => {
    expect(norm(tensor([6, 8], { dtype: 'int32' }))).toBe(10);
  });
  it('‖x‖∞ ≤ ‖x‖₂ ≤ ‖x‖₁ ≤ √n·‖x‖₂ and the triangle inequality (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.constant(2), fc.integer({ min: 1, max: 10 })), ([x, y]) => {
        const n = x.length;
        const slack = 1 + 1e-12;
        expect(norm(x, Infinity)).toBeLessThanOrEqual(norm(x) * slack);
        expect(norm(x)).toBeLessThanOrEqual(norm(x, 1) * slack);
        expect(norm(x, 1)).toBeLessThanOrEqual(Math.sqrt(n) * norm(x) * slack);
        const sum = x.map((v, i) => v + y[i]);
        for (const p of [1, 2, 3, Infinity]) expect(norm(sum, p)).toBeLessThanOrEqual((norm(x, p) + norm(y, p)) * slack + 1e-300);
      }),
    );
  });
});

describe('matrix norms', () => {
  const A = [[1, -2], [3, 4]];
  it('the orders NumPy accepts', () => {
    expect(norm(A)).toBeCloseTo(Math.sqrt(30), 14);
    expect(norm(A, 'fro')).toBeCloseTo(Math.sqrt(30), 14);
    expect(norm(A, 1)).toBe(6); // max column sum
    expect(norm(A, -1)).toBe(4); // min column sum
    expect(norm(A, Infinity)).toBe(7); // max row sum
    expect(norm(A, -Infinity)).toBe(3); // min row sum
  });
  it('2, -2 and nuc are the largest, smallest and summed singular values', () => {
    const B = randn(5, 3, 1);
    const S = listOf(svd(B).S);
    expect(norm(B, 2)).toBe(S[0]);
    expect(norm(B, -2)).toBe(S[2]);
    expect(norm(B, 'nuc')).toBeCloseTo(S[0] + S[1] + S[2], 13);
    expect(norm(B, 'fro')).toBeCloseTo(Math.hypot(...S), 13);
  });
  it('NaN propagates; an infinite entry makes the 2- and nuclear norms infinite', () => {
    expect(norm([[1, NaN]], 2)).toBeNaN();
    expect(norm([[1, Infinity]], 2)).toBe(Infinity);
    expect(norm([[1, Infinity]], 'nuc')).toBe(Infinity);
    expect(norm([[1, Infinity]])).toBe(Infinity);
  });
  it('‖A‖₂ ≤ ‖A‖_F ≤ √rank·‖A‖₂ and ‖A‖₂ ≤ √(‖A‖₁·‖A‖∞) (fast-check)', () => {
    fc.assert(
      fc.property(arbMatrix(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })), (M) => {
        const slack = 1 + 1e-12;
        const k = Math.min(M.length, M[0].length);
        expect(norm(M, 2)).toBeLessThanOrEqual(norm(M, 'fro') * slack + 1e-300);
        expect(norm(M, 'fro')).toBeLessThanOrEqual(Math.sqrt(k) * norm(M, 2) * slack + 1e-300);
        expect(norm(M, 2)).toBeLessThanOrEqual(Math.sqrt(norm(M, 1)) * Math.sqrt(norm(M, Infinity)) * slack + 1e-300);
      }),
    );
  });
});
