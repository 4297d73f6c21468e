// Shared helpers for the linalg tests: seeded random matrices, a few plain
// nested-array matrix ops (deliberately independent of the code under test),
// and tolerance-aware comparisons.

import { expect } from 'vitest';
import fc from 'fast-check';
import type { Tensor } from '../../src/tensor/index.js';

export type Rows = number[][];

/** Tensor -> nested rows (the tests reason on plain arrays). */
export function rowsOf(t: Tensor): Rows {
  return t.toArray() as Rows;
}

/** Tensor -> flat list. */
export function listOf(t: Tensor): number[] {
  return t.toArray() as number[];
}

/** Mulberry32: a tiny seeded PRNG, so random test matrices are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** (rows, cols) standard-normal entries (Box–Muller) from a seed. */
export function randn(rows: number, cols: number, seed: number): Rows {
  const u = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return Array.from({ length: rows }, () => Array.from({ length: cols }, normal));
}

/** A (m, n) matrix of rank r (with probability 1): (m, r)·(r, n). */
export function lowRank(m: number, n: number, r: number, seed: number): Rows {
  return matmul(randn(m, r, seed), randn(r, n, seed + 1));
}

/** The n×n Hilbert matrix h_ij = 1/(i + j + 1): the classic ill-conditioned example. */
export function hilbert(n: number): Rows {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));
}

export function matmul(A: Rows, B: Rows): Rows {
  const n = B[0]?.length ?? 0;
  return A.map((row) => Array.from({ length: n }, (_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
}

export function transpose(A: Rows): Rows {
  const n = A[0]?.length ?? 0;
  return Array.from({ length: n }, (_, j) => A.map((row) => row[j]));
}

export function eye(n: number): Rows {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** A·diag(d): scale column j by d[j]. */
export function scaleCols(A: Rows, d: number[]): Rows {
  return A.map((row) => row.map((v, j) => v * d[j]));
}

export function maxAbs(x: number[] | Rows): number {
  return (x as (number | number[])[]).flat().reduce((m: number, v: number) => Math.max(m, Math.abs(v)), 0);
}

export function maxAbsDiff(a: number[] | Rows, b: number[] | Rows): number {
  const fa = (a as (number | number[])[]).flat();
  const fb = (b as (number | number[])[]).flat();
  expect(fa.length).toBe(fb.length);
  return fa.reduce((m: number, v: number, i: number) => Math.max(m, Math.abs(v - fb[i])), 0);
}

/** Shapes equal and max|a - e| ≤ rtol·max(1, max|e|): relative to the scale of `expected`. */
export function expectClose(actual: number[] | Rows, expected: number[] | Rows, rtol = 1e-10): void {
  const shape = (x: number[] | Rows) => [x.length, Array.isArray(x[0]) ? (x[0] as number[]).length : -1];
  expect(shape(actual)).toEqual(shape(expected));
  const err = maxAbsDiff(actual, expected);
  const tol = rtol * Math.max(1, maxAbs(expected));
  if (!(err <= tol)) {
    throw new Error(`max |actual - expected| = ${err.toExponential(3)} exceeds ${tol.toExponential(3)}`);
  }
}

/** QᵀQ = I: the columns of Q are orthonormal. */
export function expectOrthonormalColumns(Q: Rows, tol = 1e-12): void {
  const k = Q[0]?.length ?? 0;
  expectClose(matmul(transpose(Q), Q), eye(k), tol);
}

/** Entries strictly below the diagonal are exactly 0. */
export function expectUpperTriangular(R: Rows): void {
  R.forEach((row, i) => row.forEach((v, j) => { if (j < i) expect(v).toBe(0); }));
}

/**
 * Flip the sign of each column of `actual` so it points the same way as the
 * matching column of `expected`: singular vectors and eigenvectors are only
 * defined up to sign, so golden comparisons go through this first.
 */
export function alignColumnSigns(actual: Rows, expected: Rows): Rows {
  const k = actual[0]?.length ?? 0;
  const signs = Array.from({ length: k }, (_, j) => {
    const dot = actual.reduce((s, row, i) => s + row[j] * expected[i][j], 0);
    return dot < 0 ? -1 : 1;
  });
  return scaleCols(actual, signs);
}

/** fast-check: a (rows, cols) matrix with entries in [-10, 10], sometimes small integers (often singular). */
export function arbMatrix(rows: fc.Arbitrary<number>, cols: fc.Arbitrary<number>): fc.Arbitrary<Rows> {
  const entry = fc.oneof(
    fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -3, max: 3 }),
  );
  return fc.tuple(rows, cols).chain(([m, n]) =>
    fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
  );
}
