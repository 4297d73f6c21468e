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
import { kernelFor, listKernels, logSoftmax, manualSeed, randn, softmax, tensor, useBackends, type Tensor } from '../../src/tensor/index.js';
import { KERNELS_WASM_BASE64 } from '../../src/tensor/backends/wasm/kernels-wasm.js';
import { getNumThreads, poolSize, setNumThreads } from '../../src/tensor/backends/wasm/threads.js';

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
    expect(kernelFor('matmulStrided', 'float32')).toBe('wasm-simd');
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
      // Read through their strides (matmulStrided): a sparse slice and a reversed view are
      // gathered, an expanded row (stride 0) is read in place.
      checkMatmul(randn([8, 20], { dtype }).slice(null, [2, 14, 2]), randn([6, 5], { dtype }), 'strided slice');
      checkMatmul(randn([6, 7], { dtype }).slice([null, null, -1]), randn([7, 9], { dtype }).T.slice(null, [null, null, -1]).T, 'reversed views');
      checkMatmul(randn([1, 5], { dtype }).expand([6, 5]), randn([5, 1], { dtype }).expand([5, 10]), 'expanded operands');
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

/** Distance in units in the last place between two float32 values (ordered by their bits). */
const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);
function ordinal(x: number): number {
  f32[0] = x;
  return bits[0] < 0 ? -2147483648 - bits[0] : bits[0];
}

/** Float32 values over the whole range: random bit patterns, typical values, and the edge cases. */
function float32Sweep(n: number): Float32Array {
  const v = new Float32Array(n);
  const u = new Uint32Array(v.buffer);
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < n; i++) u[i] = next();
  for (let i = 0; i < n / 2; i++) v[i] = ((next() / 2 ** 32) - 0.5) * 40;
  v.set([0, -0, Infinity, -Infinity, NaN, 1, -1, 88.72, 88.73, 89, -87.33, -103.97, -104, 1e-40, -1e-40, 1.4e-45, 0.625, -0.625, 0.62499, 1e-8, -1e-8, 3.4e38, -3.4e38]);
  return v;
}

// Documented in backends/wasm/elementwise.c: measured worst cases 1, 1, 1 and 2–3 ulp.
const ULPS = { exp: 1, log: 1, tanh: 1, sigmoid: 3 } as const;

describe('wasm-simd elementwise kernels (float32)', () => {
  for (const op of ['exp', 'log', 'tanh', 'sigmoid'] as const) {
    it(`${op} is within ${ULPS[op]} ulp of the reference over the float32 range, NaN and ±∞ included`, () => {
      expect(kernelFor(op, 'float32')).toBe('wasm-simd');
      const x = tensor(Array.from(float32Sweep(1 << 16)), { dtype: 'float32' });
      // An offset view of odd length: the kernel reads from x's offset and stops at n.
      for (const v of [x, x.slice([3, 40_004])]) {
        const xs = v.toTypedArray();
        const fast = onWasm(() => v[op]()).toTypedArray();
        const ref = onReference(() => v[op]()).toTypedArray();
        expect(fast.length).toBe(ref.length);
        const bad: string[] = [];
        for (let i = 0; i < ref.length && bad.length < 5; i++) {
          const ok = Number.isNaN(ref[i]) || Number.isNaN(fast[i])
            ? Number.isNaN(ref[i]) && Number.isNaN(fast[i])
            : Math.abs(ordinal(fast[i]) - ordinal(ref[i])) <= ULPS[op];
          if (!ok) bad.push(`${op}(${xs[i]}) = ${fast[i]}, reference ${ref[i]}`);
        }
        expect(bad).toEqual([]);
      }
      // Small and empty tensors take the JavaScript loop: exactly the reference.
      const small = tensor([0.5, -2, NaN, Infinity], { dtype: 'float32' });
      expect(Array.from(onWasm(() => small[op]()).toTypedArray())).toEqual(Array.from(onReference(() => small[op]()).toTypedArray()));
      expect(onWasm(() => tensor([], { dtype: 'float32' })[op]()).shape).toEqual([0]);
    });
  }

  it('add, sub, mul and div equal the reference bit for bit, with scalars on either side', () => {
    const values = float32Sweep(4099);
    const a = tensor(Array.from(values), { dtype: 'float32' });
    const b = tensor(Array.from(values.slice().reverse()), { dtype: 'float32' });
    const s = tensor(-1.75, { dtype: 'float32' });
    for (const [name, f] of [
      ['add', (x: Tensor, y: Tensor) => x.add(y)], ['sub', (x: Tensor, y: Tensor) => x.sub(y)],
      ['mul', (x: Tensor, y: Tensor) => x.mul(y)], ['div', (x: Tensor, y: Tensor) => x.div(y)],
    ] as const) {
      expect(kernelFor(name, 'float32')).toBe('wasm-simd');
      for (const [x, y, what] of [[a, b, 'full'], [a, s, 'scalar right'], [s, b, 'scalar left'], [a.slice([1, 4000]), b.slice([50, 4049]), 'offset views']] as const) {
        const fast = onWasm(() => f(x, y)).toTypedArray();
        const ref = onReference(() => f(x, y)).toTypedArray();
        expect(Array.from(fast), `${name}, ${what}`).toEqual(Array.from(ref));
      }
    }
    expect(onWasm(() => tensor([], { dtype: 'float32' }).add(tensor([], { dtype: 'float32' }))).shape).toEqual([0]);
  });
});

describe('wasm-simd softmax and log softmax (float32, last axis)', () => {
  // Documented in elementwise.c: only exp differs from the JavaScript kernel, so softmax is
  // within a few ulp (measured 2) and log softmax within 2u·max(1, |x|, |out|) (measured equal).
  it('equal the reference within their tolerance, on rows of every length', () => {
    expect(kernelFor('softmax', 'float32')).toBe('wasm-simd');
    expect(kernelFor('logSoftmax', 'float32')).toBe('wasm-simd');
    manualSeed(5);
    for (const shape of [[64, 1], [64, 3], [32, 10], [16, 65], [4, 1000], [2, 2, 33, 17]]) {
      const x = randn(shape).mul(8);
      const xs = x.toTypedArray();
      const sm = onWasm(() => softmax(x, -1)).toTypedArray(), smRef = onReference(() => softmax(x, -1)).toTypedArray();
      const ls = onWasm(() => logSoftmax(x, -1)).toTypedArray(), lsRef = onReference(() => logSoftmax(x, -1)).toTypedArray();
      const bad: string[] = [];
      for (let i = 0; i < xs.length && bad.length < 5; i++) {
        if (Math.abs(ordinal(sm[i]) - ordinal(smRef[i])) > 3) bad.push(`softmax [${i}] ${sm[i]} vs ${smRef[i]}`);
        if (!(Math.abs(ls[i] - lsRef[i]) <= 2 * 2 ** -24 * Math.max(1, Math.abs(xs[i]), Math.abs(lsRef[i])))) bad.push(`logSoftmax [${i}] ${ls[i]} vs ${lsRef[i]}`);
      }
      expect(bad, `shape ${x.shape.join('×')}`).toEqual([]);
    }
  });

  it('rows with −∞, +∞ and NaN come out exactly as the reference gives them', () => {
    const rows = [[0, -Infinity, 1, 2, 3], [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity], [Infinity, 0, 1, 2, 3], [NaN, 0, 1, 2, 3], [1000, -1000, 0, 1, 3]];
    const x = tensor(rows.flatMap((r) => Array<number[]>(20).fill(r)), { dtype: 'float32' }); // (100, 5): above the size where wasm runs
    for (const f of [softmax, logSoftmax]) {
      expect(Array.from(onWasm(() => f(x, -1)).toTypedArray()), f.name).toEqual(Array.from(onReference(() => f(x, -1)).toTypedArray()));
    }
  });
});

describe('threads (setNumThreads)', () => {
  it('split large products across worker threads with results equal bit for bit to one thread', () => {
    const before = getNumThreads();
    try {
      manualSeed(6);
      for (const dtype of ['float32', 'float64'] as const) {
        // Row counts that do and do not divide into 4-row tiles per thread; transposed operands.
        for (const [M, K, N] of [[130, 129, 131], [9, 300, 700], [1000, 64, 33]]) {
          const A = randn([M, K], { dtype }), B = randn([K, N], { dtype });
          setNumThreads(1);
          const one = [A.matmul(B), B.T.matmul(A.T)].map((t) => Array.from(t.toTypedArray()));
          setNumThreads(3);
          const three = [A.matmul(B), B.T.matmul(A.T)].map((t) => Array.from(t.toTypedArray()));
          expect(three, `${dtype} (${M},${K})@(${K},${N})`).toEqual(one);
        }
      }
      expect(poolSize()).toBe(2); // the split really ran on two workers
      setNumThreads(1);
      expect(poolSize()).toBe(0);
    } finally {
      setNumThreads(before);
    }
  });

  it('reject a thread count that is not a positive integer, saying so', () => {
    expect(() => setNumThreads(0)).toThrow(/setNumThreads: the number of threads must be an integer >= 1, got 0/);
    expect(() => setNumThreads(1.5)).toThrow(/integer >= 1/);
  });
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
