// The blocked matmul kernel against the plain triple loop it must agree with.
//
// `matmulNaive` is the specification: the i-k-j loop straight from the definition
// out[i, j] = Σ_k a[i, k] · b[k, j]. The blocked kernel sums in a different order (and for
// float32, in float64 precision), so the two agree up to rounding. The error bound used is
// the standard one for a dot product of length K (Higham, "Accuracy and Stability of
// Numerical Algorithms", 2nd ed., §3.1):
//   |fl(Σ a_k b_k) − Σ a_k b_k| ≤ γ_K · Σ |a_k| |b_k|,   γ_K ≈ K · u,
// with u = 2^-53 (float64) or 2^-24 (float32). Both kernels satisfy it, so their difference
// is bounded by twice that; the tests scale the bound by Σ_k |a_ik| |b_kj| for each entry.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  matmulBlocked, matmulNaive, type MatmulArray,
} from '../../src/tensor/backends/js-blocked/matmul.js';

type ArrayCtor = Float32ArrayConstructor | Float64ArrayConstructor;

// Sizes worth hitting: empty, one, around the 4-wide register tile, primes, and around the
// 64-row MC block. Shapes are drawn from these and from any integer in 0..70.
const EDGE_SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 11, 13, 17, 31, 37, 63, 64, 65, 67, 70];
const size = fc.oneof(fc.constantFrom(...EDGE_SIZES), fc.integer({ min: 0, max: 70 }));

/** Deterministic PRNG (mulberry32) so each fast-check case is reproducible from its seed. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Value distributions: small integers (exact in both kernels), uniform reals, and reals of
// widely varying magnitude with some exact zeros.
type ValueKind = 'int' | 'uniform' | 'wide';
const valueKind = fc.constantFrom<ValueKind>('int', 'uniform', 'wide');

function randomArray(Ctor: ArrayCtor, length: number, kind: ValueKind, rand: () => number): MatmulArray {
  const x = new Ctor(length);
  for (let i = 0; i < length; i++) {
    const u = rand();
    if (kind === 'int') x[i] = Math.floor(u * 9) - 4;
    else if (kind === 'uniform') x[i] = 2 * u - 1;
    else x[i] = rand() < 0.1 ? 0 : (2 * u - 1) * 2 ** Math.floor(rand() * 20 - 10);
  }
  return x;
}

/** Unit roundoff of the array type: float32 2^-24, float64 2^-53. */
const unitRoundoff = (Ctor: ArrayCtor): number => (Ctor === Float32Array ? 2 ** -24 : 2 ** -53);

/**
 * Check out (from matmulBlocked) against ref (from matmulNaive) entry by entry, with the
 * tolerance tol · Σ_k |a_ik| |b_kj| (computed here in float64).
 */
function expectClose(
  out: MatmulArray, outOff: number, ref: MatmulArray, refOff: number,
  a: MatmulArray, aOff: number, b: MatmulArray, bOff: number,
  M: number, K: number, N: number, tol: number,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let scale = 0;
      for (let k = 0; k < K; k++) scale += Math.abs(a[aOff + i * K + k] * b[bOff + k * N + j]);
      const got = out[outOff + i * N + j];
      const want = ref[refOff + i * N + j];
      if (!(Math.abs(got - want) <= tol * scale)) {
        expect.fail(`entry (${i}, ${j}) of a (${M}, ${K}) @ (${K}, ${N}) product: `
          + `got ${got}, want ${want}, allowed error ${tol * scale}`);
      }
    }
  }
}

describe.each([
  // float64: the brief's 1e-12 relative bound (≈ 9000 u; K · u is at most 600 u here).
  { name: 'float64', Ctor: Float64Array as ArrayCtor, tol: (_K: number) => 1e-12 },
  // float32: the naive loop rounds every partial sum to float32 (γ_K), the blocked kernel
  // only at its store (≈ u per depth block): 2 (K + 2) u covers both.
  { name: 'float32', Ctor: Float32Array as ArrayCtor, tol: (K: number) => 2 * (K + 2) * unitRoundoff(Float32Array) },
])('matmulBlocked ($name)', ({ Ctor, tol }) => {
  it('matches matmulNaive on random shapes and values', () => {
    fc.assert(
      fc.property(size, size, size, valueKind, fc.integer(), (M, K, N, kind, seed) => {
        const rand = mulberry32(seed);
        const a = randomArray(Ctor, M * K, kind, rand);
        const b = randomArray(Ctor, K * N, kind, rand);
        const ref = new Ctor(M * N);
        matmulNaive(a, 0, b, 0, ref, 0, M, K, N);
        // Start from NaN so a missed entry cannot pass by accident: out is fully overwritten.
        const out = new Ctor(M * N).fill(NaN);
        matmulBlocked(a, 0, b, 0, out, 0, M, K, N);
        if (kind === 'int') expect(Array.from(out)).toEqual(Array.from(ref));
        else expectClose(out, 0, ref, 0, a, 0, b, 0, M, K, N, tol(K));
      }),
      { numRuns: 150 },
    );
  });

  it('reads and writes at nonzero offsets and leaves the rest of out alone', () => {
    fc.assert(
      fc.property(
        size, size, size, fc.nat(9), fc.nat(9), fc.nat(9), fc.integer(),
        (M, K, N, aOff, bOff, outOff, seed) => {
          const rand = mulberry32(seed);
          // Padding on both sides of every matrix, filled with values that would show up
          // in the result if the kernel read or wrote outside its range.
          const a = randomArray(Ctor, aOff + M * K + 5, 'uniform', rand);
          const b = randomArray(Ctor, bOff + K * N + 5, 'uniform', rand);
          const ref = new Ctor(M * N);
          matmulNaive(a, aOff, b, bOff, ref, 0, M, K, N);
          const out = new Ctor(outOff + M * N + 5).fill(7);
          matmulBlocked(a, aOff, b, bOff, out, outOff, M, K, N);
          expectClose(out, outOff, ref, 0, a, aOff, b, bOff, M, K, N, tol(K));
          for (let i = 0; i < outOff; i++) expect(out[i]).toBe(7);
          for (let i = outOff + M * N; i < out.length; i++) expect(out[i]).toBe(7);
        },
      ),
      { numRuns: 100 },
    );
  });

  // The property tests stay under 70, inside one 512-deep, 256-wide cache block (they do
  // cross the 64-row block). These shapes cross the others: K > 512 accumulates across
  // depth blocks, N > 256 spans column blocks. Kept thin in one dimension to stay fast.
  it.each([
    [3, 257, 5], [5, 300, 261], [66, 513, 9], [1, 600, 1], [2, 1, 520], [9, 1030, 3],
    [70, 512, 256], [65, 520, 300],
  ])('matches matmulNaive across cache blocks: (%i, %i) @ (%i, …)', (M, K, N) => {
    const rand = mulberry32(M * 1_000_003 + K * 1009 + N);
    const a = randomArray(Ctor, M * K, 'uniform', rand);
    const b = randomArray(Ctor, K * N, 'uniform', rand);
    const ref = new Ctor(M * N);
    matmulNaive(a, 0, b, 0, ref, 0, M, K, N);
    const out = new Ctor(M * N).fill(NaN);
    matmulBlocked(a, 0, b, 0, out, 0, M, K, N);
    expectClose(out, 0, ref, 0, a, 0, b, 0, M, K, N, tol(K));
  });

  it('gives zeros for K = 0 (an empty sum) and touches nothing for M = 0 or N = 0', () => {
    const out = new Ctor(6).fill(NaN);
    matmulBlocked(new Ctor(0), 0, new Ctor(0), 0, out, 0, 2, 0, 3);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
    const untouched = new Ctor(3).fill(5);
    matmulBlocked(new Ctor(0), 0, new Ctor(12), 0, untouched, 0, 0, 4, 3);
    matmulBlocked(new Ctor(12), 0, new Ctor(0), 0, untouched, 0, 3, 4, 0);
    expect(Array.from(untouched)).toEqual([5, 5, 5]);
  });

  it('propagates Infinity and NaN like the triple loop', () => {
    // Edge-of-matrix tiles are padded with zeros inside the kernel; 0 · Infinity = NaN must
    // never leak from the padding into a real entry.
    const M = 6, K = 5, N = 7;
    const rand = mulberry32(42);
    const a = randomArray(Ctor, M * K, 'uniform', rand);
    const b = randomArray(Ctor, K * N, 'uniform', rand);
    a[1 * K + 2] = Infinity;
    a[5 * K + 4] = -Infinity;
    b[3 * N + 6] = NaN;
    b[0] = 0;
    a[0] = Infinity; // 0 · Infinity in entry (0, 0)
    const ref = new Ctor(M * N);
    matmulNaive(a, 0, b, 0, ref, 0, M, K, N);
    const out = new Ctor(M * N);
    matmulBlocked(a, 0, b, 0, out, 0, M, K, N);
    for (let i = 0; i < M * N; i++) {
      if (Number.isFinite(ref[i])) expect(Number.isFinite(out[i])).toBe(true);
      else expect(out[i]).toBe(ref[i]); // toBe treats NaN as equal to NaN
    }
  });
});

describe('matmulNaive', () => {
  it('computes a 2 × 3 by 3 × 2 product by hand', () => {
    // [[1, 2, 3], [4, 5, 6]] @ [[1, 2], [3, 4], [5, 6]] = [[22, 28], [49, 64]]
    const a = new Float64Array([1, 2, 3, 4, 5, 6]);
    const b = new Float64Array([1, 2, 3, 4, 5, 6]);
    const out = new Float64Array(4).fill(NaN);
    matmulNaive(a, 0, b, 0, out, 0, 2, 3, 2);
    expect(Array.from(out)).toEqual([22, 28, 49, 64]);
    const out32 = new Float32Array(4);
    matmulBlocked(new Float32Array(a), 0, new Float32Array(b), 0, out32, 0, 2, 3, 2);
    expect(Array.from(out32)).toEqual([22, 28, 49, 64]);
  });
});
