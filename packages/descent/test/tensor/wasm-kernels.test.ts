/**
 * The WebAssembly SIMD kernels (src/tensor/backends/wasm) equal the reference kernels:
 * across shapes that cut through every tile and cache block, batches, transposed and
 * broadcast operands, empty tensors, NaN and ±∞, in float32 and float64. The golden sweep
 * and the gradient checks also run on these kernels alone (golden.test.ts, gradcheck.test.ts).
 *
 * Tolerance for matmul: the kernels sum the K products in a different precision or order
 * than the reference (float32 accumulates in float32, as BLAS and PyTorch do; the reference
 * in float64), so a result may differ by the standard bound for a K-term sum (Higham,
 * "Accuracy and Stability of Numerical Algorithms", 2nd ed., §3.1):
 *   |fast − ref| ≤ K·u·Σₖ|a_ik|·|b_kj| + u·|ref|,   u = 2⁻²⁴ (float32) or 2⁻⁵³ (float64).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelFor, listKernels, manualSeed, randn, tensor, useBackends, type Tensor } from '../../src/tensor/index.js';
import { KERNELS_WASM_BASE64 } from '../../src/tensor/backends/wasm/kernels-wasm.js';

function onBackends<T>(names: readonly string[], fn: () => T): T {
  const prev = useBackends(names);
  try { return fn(); } finally { useBackends(prev); }
}
const onReference = <T>(fn: () => T) => onBackends(['reference'], fn);
const onWasm = <T>(fn: () => T) => onBackends(['wasm-simd'], fn);

const UNIT = { float32: 2 ** -24, float64: 2 ** -53 } as const;

/** fast equals ref within the K-term summation bound (NaN where ref is NaN, same infinities). */
function expectMatmulClose(fast: Tensor, ref: Tensor, absBound: Tensor, K: number, what: string): void {
  expect(fast.shape, what).toEqual(ref.shape);
  const f = fast.toTypedArray(), r = ref.toTypedArray(), m = absBound.toTypedArray();
  const u = UNIT[fast.dtype as 'float32' | 'float64'];
  for (let i = 0; i < r.length; i++) {
    if (!Number.isFinite(r[i])) {
      expect(f[i], `${what} [${i}]`).toBe(r[i]); // toBe treats NaN as equal to NaN
      continue;
    }
    expect(Math.abs(f[i] - r[i]), `${what} [${i}]: ${f[i]} vs ${r[i]}`).toBeLessThanOrEqual(K * u * m[i] + u * Math.abs(r[i]));
  }
}

function checkMatmul(A: Tensor, B: Tensor, what: string): void {
  const fast = onWasm(() => A.matmul(B));
  const ref = onReference(() => A.matmul(B));
  const bound = onReference(() => A.abs().matmul(B.abs()));
  expectMatmulClose(fast, ref, bound, A.shape[A.ndim - 1], what);
}

describe('wasm-simd backend', () => {
  it('is registered in Node and runs matmul for both float dtypes', () => {
    expect(listKernels().some((k) => k.backend === 'wasm-simd')).toBe(true);
    expect(kernelFor('matmul', 'float32')).toBe('wasm-simd');
    expect(kernelFor('matmul', 'float64')).toBe('wasm-simd');
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`matmul equals the reference across tile and cache-block edges, ${dtype}`, () => {
      manualSeed(3);
      // M, N cut the 4 × 8 (float32) and 4 × 4 (float64) tiles and the MC/NC blocks;
      // K crosses the KC = 256 depth block (the accumulate path).
      for (const [M, K, N] of [[1, 1, 1], [3, 5, 7], [4, 8, 8], [5, 9, 9], [17, 256, 33], [65, 257, 70], [130, 300, 9], [2, 513, 1030]]) {
        checkMatmul(randn([M, K], { dtype }), randn([K, N], { dtype }), `${dtype} (${M},${K})@(${K},${N})`);
      }
    });

    it(`matmul with batches, broadcast batches, vectors and transposed operands, ${dtype}`, () => {
      manualSeed(4);
      const A = randn([3, 37, 19], { dtype });
      const B = randn([19, 41], { dtype });
      checkMatmul(A, B, 'batch @ matrix (broadcast batch)');
      checkMatmul(randn([2, 1, 6, 5], { dtype }), randn([3, 5, 4], { dtype }), 'broadcast batch axes');
      checkMatmul(B.T, A.select(0, 1).T, 'transposed operands');
      checkMatmul(randn([7], { dtype }), randn([7, 3], { dtype }), 'vector @ matrix');
      checkMatmul(randn([3, 7], { dtype }), randn([7], { dtype }), 'matrix @ vector');
      checkMatmul(randn([8, 20], { dtype }).slice(null, [2, 14, 2]), randn([6, 5], { dtype }), 'strided slice');
    });

    it(`matmul of empty tensors, ${dtype}`, () => {
      for (const [M, K, N] of [[0, 3, 4], [3, 0, 4], [3, 4, 0]]) {
        const out = onWasm(() => randn([M, K], { dtype }).matmul(randn([K, N], { dtype })));
        expect(out.shape).toEqual([M, N]);
        expect(Array.from(out.toTypedArray())).toEqual(new Array(M * N).fill(0));
      }
    });

    it(`matmul propagates NaN and ±∞ as the reference does, ${dtype}`, () => {
      const A = tensor([[1, NaN, 2, 0, 1], [Infinity, 1, 0, 0, 2], [1, 2, 3, 4, 5], [-Infinity, 0, 1, 1, 1], [1e30, 1e30, 0, 0, 0]], { dtype });
      const B = tensor([[1, 0, 2, 0, 1, 0, 1, 2, 3], [0, 1, 0, 0, 0, 1, 1, 1, 1], [Infinity, 0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 1, 1, 1, 1, 1, 1, -Infinity], [0, 0, 0, 0, 0, 0, 0, 0, 0]], { dtype });
      checkMatmul(A, B, 'NaN and infinities');
    });
  }
});

describe('the committed WebAssembly module', () => {
  it('kernels-wasm.ts holds exactly kernels.wasm', () => {
    const wasm = readFileSync(new URL('../../src/tensor/backends/wasm/kernels.wasm', import.meta.url));
    expect(Buffer.from(KERNELS_WASM_BASE64, 'base64').equals(wasm)).toBe(true);
  });

  // CI (.ci/run installs clang and lld) rebuilds the module from its C source and compares
  // bytes. Without clang it is skipped locally, but fails in CI.
  const hasClang = (() => {
    try { execFileSync('clang', ['--version'], { stdio: 'ignore' }); execFileSync('wasm-ld', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
  })();
  it.runIf(hasClang || process.env.CI)('is what tools/build-wasm.sh builds from the C source', () => {
    const script = new URL('../../../../tools/build-wasm.sh', import.meta.url).pathname;
    expect(() => execFileSync('bash', [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 120_000);
});
