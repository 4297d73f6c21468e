/**
 * The convolution and pooling fast paths (src/nn/layers/conv-fast.ts on the `wasm-simd`
 * kernels of conv.c and pool.c) against the compositions they replace (unfold2d, matmul,
 * argmax + gather, mean in src/nn/layers/conv.ts), which run when the `wasm-simd` backend is
 * switched off: values and the gradients of every input, float32 and float64, across shapes,
 * strides, padding, dilation, groups, batch 1, an empty batch, non-contiguous inputs, and
 * NaN/±∞. Then the float64 gradient check on the fast path, and gradients of gradients.
 *
 * Tolerances: float64 1e-12 relative. Float32: both paths sum the same K = Cg·kh·kw products
 * in float32 but in different orders (different blockings), so they may differ by the bound
 * for a K-term sum, about K·2⁻²⁴ relative to Σ|terms| (Higham, "Accuracy and Stability of
 * Numerical Algorithms", §3.1); 2e-5·(1 + |ref|) covers the K ≤ 72 used here with unit-size
 * inputs, and the weight gradient's sum over N·L terms gets 1e-4.
 */
import { describe, expect, it } from 'vitest';
import { kernelFor, listKernels, manualSeed, randn, tensor, useBackends, type Tensor } from '../../src/tensor/index.js';
import { F } from '../../src/nn/index.js';
import { getNumThreads, poolSize, setNumThreads } from '../../src/tensor/backends/wasm/threads.js';
import { loadFixture } from '../helpers/fixtures.js';
import { fillEmptyAllocations } from '../../src/tensor/dtype.js';
import { gradcheck } from '../helpers/gradcheck.js';

const NO_WASM = [...new Set(listKernels().map((k) => k.backend))].filter((b) => b !== 'wasm-simd');
function composed<T>(fn: () => T): T {
  const prev = useBackends(NO_WASM);
  try { return fn(); } finally { useBackends(prev); }
}

type Make = (dtype: 'float32' | 'float64') => Tensor[];

/** Output, its op, and the gradients of Σ out·u for each input. */
function run(f: (xs: Tensor[]) => Tensor, make: Make, dtype: 'float32' | 'float64') {
  manualSeed(1);
  const xs = make(dtype);
  xs.forEach((x) => { x.requiresGrad = true; });
  const out = f(xs);
  manualSeed(99);
  const u = randn(out.shape, { dtype });
  out.mul(u).sum().backward();
  return { out: Array.from(out.toTypedArray() as ArrayLike<number>), shape: out.shape, op: out.gradFn?.op, grads: xs.map((x) => Array.from(x.grad!.toTypedArray() as ArrayLike<number>)) };
}

function expectClose(a: number[], b: number[], tol: number, label: string): void {
  expect(a.length, label).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(b[i])) { expect(a[i], `${label}[${i}]`).toBe(b[i]); continue; }
    expect(Math.abs(a[i] - b[i]), `${label}[${i}]: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i])));
  }
}

/** `op`: the fast path's op node, checked to be the output's (null: the op is wrapped, as in maxPool1d). */
function compare(f: (xs: Tensor[]) => Tensor, make: Make, op: string | null, label: string): void {
  for (const dtype of ['float64', 'float32'] as const) {
    const fast = run(f, make, dtype);
    const ref = composed(() => run(f, make, dtype));
    if (op !== null) {
      expect(fast.op, `${label} ${dtype}: the fast op ran`).toBe(op);
      expect(ref.op, `${label} ${dtype}: the composition ran`).not.toBe(op);
    }
    expect(fast.shape).toEqual(ref.shape);
    const tol = dtype === 'float64' ? 1e-12 : 2e-5;
    expectClose(fast.out, ref.out, tol, `${label} ${dtype} value`);
    fast.grads.forEach((g, i) => expectClose(g, ref.grads[i], dtype === 'float64' ? tol : 1e-4, `${label} ${dtype} grad ${i}`));
  }
}

interface ConvCase { x: number[]; w: number[]; bias?: boolean; stride?: number | [number, number]; padding?: number | [number, number]; dilation?: number | [number, number]; groups?: number }
const CONVS: [string, ConvCase][] = [
  ['bench layer 1: (3, 1, 28, 28) * (8, 1, 3, 3)', { x: [3, 1, 28, 28], w: [8, 1, 3, 3] }],
  ['bench layer 2: (2, 8, 13, 13) * (16, 8, 3, 3)', { x: [2, 8, 13, 13], w: [16, 8, 3, 3] }],
  ['batch 1, no bias, non-square kernel', { x: [1, 3, 7, 6], w: [5, 3, 2, 3], bias: false }],
  ['stride 2, padding 1', { x: [2, 2, 9, 8], w: [3, 2, 3, 3], stride: 2, padding: 1 }],
  ['stride (3, 1), padding (0, 2), dilation (2, 1)', { x: [2, 3, 11, 7], w: [4, 3, 3, 2], stride: [3, 1], padding: [0, 2], dilation: [2, 1] }],
  ['dilation 2 with padding 2', { x: [1, 2, 8, 8], w: [2, 2, 3, 3], dilation: 2, padding: 2 }],
  ['groups 2', { x: [2, 4, 6, 6], w: [6, 2, 3, 3], groups: 2 }],
  ['depthwise (groups = channels), stride 2, padding 1', { x: [2, 3, 7, 7], w: [3, 1, 3, 3], groups: 3, stride: 2, padding: 1 }],
  ['1×1 (pointwise), the image read in place', { x: [2, 5, 4, 3], w: [7, 5, 1, 1] }],
  ['1×1 with groups and stride', { x: [2, 4, 5, 5], w: [4, 2, 1, 1], groups: 2, stride: 2 }],
  ['kernel as large as the padded image', { x: [2, 2, 3, 3], w: [2, 2, 5, 5], padding: 1 }],
  ['wide output crossing the 8-column tile', { x: [1, 2, 3, 37], w: [9, 2, 3, 3], padding: 1 }],
];

describe('conv2d fast path (wasm-simd) equals the composition', () => {
  it('is registered for both float dtypes', () => {
    for (const op of ['conv2d', 'conv2dInputGrad', 'conv2dWeightGrad', 'maxPool2d', 'maxPool2dBackward', 'avgPool2d', 'avgPool2dBackward']) {
      expect(kernelFor(op, 'float32'), op).toBe('wasm-simd');
      expect(kernelFor(op, 'float64'), op).toBe('wasm-simd');
    }
  });

  it.each(CONVS)('%s', (name, c) => {
    const opts = { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };
    const bias = c.bias !== false;
    compare(([x, w, b]) => F.conv2d(x, w, bias ? b : null, opts),
      (dtype) => [randn(c.x, { dtype }), randn(c.w, { dtype }), randn([c.w[0]], { dtype })].slice(0, bias ? 3 : 2), 'conv2d', name);
  });

  it('a non-contiguous input (a transposed view) and a float weight slice', () => {
    compare(([x, w, b]) => F.conv2d(x.transpose(2, 3), w.narrow(0, 1, 3), b, { padding: 1 }),
      (dtype) => [randn([2, 3, 6, 5], { dtype }), randn([5, 3, 3, 3], { dtype }), randn([3], { dtype })], 'conv2d', 'transposed input');
  });

  it('an empty batch gives an empty output and zero weight gradients', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = randn([0, 2, 5, 5], { dtype }).requiresGrad_();
      const w = randn([3, 2, 3, 3], { dtype }).requiresGrad_();
      const b = randn([3], { dtype }).requiresGrad_();
      const y = F.conv2d(x, w, b);
      expect(y.shape).toEqual([0, 3, 3, 3]);
      expect(y.gradFn?.op).toBe('conv2d');
      y.sum().backward();
      expect(Array.from(w.grad!.toTypedArray())).toEqual(new Array(54).fill(0));
      expect(Array.from(b.grad!.toTypedArray())).toEqual([0, 0, 0]);
    }
  });

  it('NaN and ±∞ in the input propagate as in the composition', () => {
    const make: Make = (dtype) => {
      const x = randn([2, 2, 6, 6], { dtype }).toTypedArray();
      x[7] = NaN; x[20] = Infinity; x[50] = -Infinity; x[71] = Infinity;
      return [tensor(x, { shape: [2, 2, 6, 6], dtype }), randn([3, 2, 3, 3], { dtype }), randn([3], { dtype })];
    };
    compare(([x, w, b]) => F.conv2d(x, w, b, { padding: 1 }), make, 'conv2d', 'NaN/±∞');
  });

  it('bad geometry gets the error the composition gives', () => {
    const x = randn([1, 2, 4, 4]), w = randn([3, 2, 5, 5]);
    expect(() => F.conv2d(x, w)).toThrow(/conv2d: the 5×5 kernel \(dilation 1×1\) does not fit the 4×4 input with padding 0×0/);
    expect(() => F.conv2d(x, randn([3, 2, 3, 3]), null, { stride: 0 })).toThrow(/conv2d: kernel size, stride and dilation must be positive integers/);
    expect(() => F.maxPool2d(x, 5)).toThrow(/maxPool2d: the 5×5 kernel/);
  });

  it.each(CONVS.filter(([, c]) => c.x[0] * c.x[1] * c.x[2] * c.x[3] < 200))('%s passes the float64 gradient check on the fast path', (name, c) => {
    manualSeed(1);
    const opts = { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };
    const xs = [randn(c.x, { dtype: 'float64' }), randn(c.w, { dtype: 'float64' }), randn([c.w[0]], { dtype: 'float64' })];
    const f = ([x, w, b]: Tensor[]) => F.conv2d(x, w, b, opts);
    expect(f(xs).gradFn).toBe(null); // inputs without requiresGrad: no node
    manualSeed(2);
    gradcheck(f, xs, randn(f(xs).shape, { dtype: 'float64' }), name);
  });

  it('gradients of gradients (createGraph) equal the composition', () => {
    const second = () => {
      manualSeed(5);
      const x = randn([2, 4, 5, 5], { dtype: 'float64' }).requiresGrad_();
      const w = randn([4, 2, 3, 3], { dtype: 'float64' }).requiresGrad_();
      const y = F.conv2d(x, w, null, { groups: 2, padding: 1 });
      y.pow(2).sum().backward(undefined, { createGraph: true });
      const gx = x.grad!;
      x.grad = null; w.grad = null;
      gx.pow(2).sum().backward();
      return [...w.grad!.toTypedArray(), ...x.grad!.toTypedArray()];
    };
    expectClose(second(), composed(second), 1e-10, 'd(|dL/dx|²)/d(w, x)');
  });
});

/** Max pooling written out directly, for cases the composition does not define (padding with NaN or −∞). */
function maxPoolLoop(x: Float64Array, [N, C, H, W]: number[], k: number, s: number, p: number): number[] {
  const Ho = Math.floor((H + 2 * p - k) / s) + 1, Wo = Math.floor((W + 2 * p - k) / s) + 1;
  const out: number[] = [];
  for (let q = 0; q < N * C; q++) {
    for (let oh = 0; oh < Ho; oh++) {
      for (let ow = 0; ow < Wo; ow++) {
        let best = -Infinity, seen = false;
        for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
          const h = oh * s - p + i, w = ow * s - p + j;
          if (h < 0 || h >= H || w < 0 || w >= W) continue;
          const v = x[q * H * W + h * W + w];
          if (!seen || v > best || (Number.isNaN(v) && !Number.isNaN(best))) best = v;
          seen = true;
        }
        out.push(best);
      }
    }
  }
  return out;
}

const POOLS: [string, number[], number, number | undefined, number][] = [
  ['2×2 (the bench layer, fewer channels)', [2, 3, 26, 26], 2, undefined, 0],
  ['3×3 stride 2 padding 1', [2, 3, 9, 8], 3, 2, 1],
  ['odd size, kernel 2 (the last row and column dropped)', [1, 2, 7, 5], 2, undefined, 0],
  ['overlapping windows, stride 1', [2, 2, 5, 5], 3, 1, 0],
  ['batch 1, one channel, kernel 4 padding 2', [1, 1, 6, 6], 4, 3, 2],
];

describe('pooling fast paths (wasm-simd) equal the compositions', () => {
  it.each(POOLS)('maxPool2d %s', (name, shape, k, s, p) => {
    compare(([x]) => F.maxPool2d(x, k, s, p), (dtype) => [randn(shape, { dtype })], 'maxPool2d', name);
  });

  it.each(POOLS)('avgPool2d %s', (name, shape, k, s, p) => {
    compare(([x]) => F.avgPool2d(x, k, s, p), (dtype) => [randn(shape, { dtype })], 'avgPool2d', name);
  });

  it('1-D convolution and pooling share the path', () => {
    compare(([x]) => F.maxPool1d(x, 3, 2, 1), (dtype) => [randn([2, 3, 11], { dtype })], null, 'maxPool1d');
    compare(([x, w, b]) => F.conv1d(x, w, b, { stride: 2, padding: 1, groups: 3 }),
      (dtype) => [randn([2, 3, 11], { dtype }), randn([6, 1, 3], { dtype }), randn([6], { dtype })], null, 'conv1d');
  });

  it('ties send the gradient to the first maximum, NaN wins and ±∞ compare as numbers', () => {
    const make: Make = (dtype) => [tensor([[[[1, 1, 2, 2], [1, 0, 2, 2], [NaN, 5, -Infinity, -Infinity], [5, NaN, -Infinity, Infinity]]]], { dtype })];
    compare(([x]) => F.maxPool2d(x, 2), make, 'maxPool2d', 'ties, NaN, ±∞');
    compare(([x]) => F.avgPool2d(x, 2), make, 'avgPool2d', 'avg with NaN, ±∞');
    // Wide enough for the four-windows-at-a-time float32 path (rows of ≥ 8 inputs), with
    // small integers (many ties) and NaN/±∞ sprinkled in every position of a window.
    const wide: Make = (dtype) => {
      const v = randn([2, 3, 6, 19], { dtype: 'float64' }).mul(1.5).round().toTypedArray();
      for (let i = 0; i < v.length; i += 7) v[i] = [NaN, Infinity, -Infinity][i % 3];
      v[3] = NaN; v[19 + 2] = NaN;               // window (0, 1): two NaNs, the first takes the gradient
      v[19 + 4] = NaN; v[19 + 5] = NaN;          // window (0, 2): two NaNs in its bottom row
      return [tensor(v, { shape: [2, 3, 6, 19], dtype })];
    };
    compare(([x]) => F.maxPool2d(x, 2), wide, 'maxPool2d', 'wide rows, ties, NaN, ±∞');
  });

  it('padding never wins, even against −∞ and NaN (where the composition shifts by the minimum, the loop is the reference)', () => {
    const x = randn([2, 2, 5, 5], { dtype: 'float64' }).toTypedArray() as Float64Array;
    x[0] = -Infinity; x[1] = -Infinity; x[5] = -Infinity; x[6] = -Infinity; x[30] = NaN;
    const y = F.maxPool2d(tensor(x, { shape: [2, 2, 5, 5], dtype: 'float64' }), 3, 2, 1);
    expect(Array.from(y.toTypedArray())).toEqual(maxPoolLoop(x, [2, 2, 5, 5], 3, 2, 1));
  });

  it('empty batch', () => {
    const y = F.maxPool2d(randn([0, 3, 4, 4]).requiresGrad_(), 2);
    expect(y.shape).toEqual([0, 3, 2, 2]);
    expect(F.avgPool2d(randn([0, 3, 4, 4]), 2).shape).toEqual([0, 3, 2, 2]);
  });

  it('avgPool2d passes the float64 gradient check, and both pools give gradients of gradients', () => {
    manualSeed(3);
    const x = randn([2, 2, 5, 6], { dtype: 'float64' });
    gradcheck(([t]) => F.avgPool2d(t, 3, 2, 1), [x], randn([2, 2, 3, 3], { dtype: 'float64' }), 'avgPool2d');
    for (const pool of [(t: Tensor) => F.maxPool2d(t, 2), (t: Tensor) => F.avgPool2d(t, 2, 1, 1)]) {
      const second = () => {
        manualSeed(4);
        const w = randn([2, 2, 5, 6], { dtype: 'float64' }).requiresGrad_();
        const xx = x.mul(w);
        const y = pool(xx);
        y.pow(2).sum().backward(undefined, { createGraph: true });
        const gw = w.grad!;
        w.grad = null;
        gw.pow(2).sum().backward();
        return Array.from(w.grad!.toTypedArray());
      };
      expectClose(second(), composed(second), 1e-10, 'pool second derivative');
    }
  });
});

describe('convolutions split over threads (setNumThreads) equal one thread', () => {
  it('forward and input gradient bit for bit, weight gradient within a reordered sum', () => {
    const before = getNumThreads();
    const runWith = (threads: number) => {
      setNumThreads(threads);
      try {
        manualSeed(8);
        // 2·N·O·K·L = 2·13·12·27·1024 ≈ 8.6·10⁶ and 2·13·12·108·225 ≈ 7.6·10⁶ flops: both split.
        const x = randn([13, 6, 32, 32]).requiresGrad_();
        const w = randn([12, 3, 3, 3]).requiresGrad_();
        const b = randn([12]).requiresGrad_();
        const y = F.conv2d(x, w, b, { groups: 2, padding: 1 });
        const y2 = F.conv2d(y, randn([12, 12, 3, 3]), null, { stride: 2 });
        manualSeed(9);
        y2.mul(randn(y2.shape)).sum().backward();
        return { workers: poolSize(), y: Array.from(y2.toTypedArray()), gx: Array.from(x.grad!.toTypedArray()), gw: Array.from(w.grad!.toTypedArray()), gb: Array.from(b.grad!.toTypedArray()) };
      } finally {
        setNumThreads(before);
      }
    };
    const one = runWith(1);
    const two = runWith(3);
    expect(one.workers).toBe(0);
    expect(two.workers).toBe(2);
    expect(two.y).toEqual(one.y);
    expect(two.gx).toEqual(one.gx);
    expectClose(two.gw, one.gw, 1e-5, 'weight gradient');
    expectClose(two.gb, one.gb, 1e-5, 'bias gradient');
  });
});

describe('a batch larger than one chunk (conv.ts CHUNK_BYTES) equals its samples one by one', () => {
  // Per sample 8·28·28 input + 16·26·26 output floats (68 KB) and per plane 28·28 + 14·14
  // values and indices (5 KB): 3 samples and 53 planes a chunk, so 20 samples take 7 chunks
  // of convolution and 160 planes 4 chunks of pooling, the last one short.
  it('forward, input gradient and both pools with their gradients, bit for bit', () => {
    manualSeed(12);
    const x = randn([20, 8, 28, 28]), w = randn([16, 8, 3, 3]), b = randn([16]), dy = randn([20, 16, 26, 26]);
    const pass = (n0: number, count: number) => {
      const xs = x.narrow(0, n0, count);
      const xg = xs.clone().requiresGrad_();
      const y = F.conv2d(xg, w, b);
      y.mul(dy.narrow(0, n0, count)).sum().backward();
      const p = xs.clone().requiresGrad_(), q = xs.clone().requiresGrad_();
      const mp = F.maxPool2d(p, 2), ap = F.avgPool2d(q, 2);
      mp.mul(xs.narrow(2, 0, 14).narrow(3, 0, 14)).sum().backward();
      ap.mul(xs.narrow(2, 14, 14).narrow(3, 14, 14)).sum().backward();
      return { y, gx: xg.grad!, mp, ap, gmp: p.grad!, gap: q.grad! };
    };
    const whole = pass(0, 20);
    const each = Array.from({ length: 20 }, (_, n) => pass(n, 1));
    for (const k of ['y', 'gx', 'mp', 'ap', 'gmp', 'gap'] as const) {
      const a = whole[k].toTypedArray(), parts = each.map((e) => e[k].toTypedArray());
      const m = parts[0]!.length;
      let differ = 0;
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], parts[Math.floor(i / m)]![i % m])) differ++;
      expect(a.length, k).toBe(20 * m);
      expect(differ, `${k}: values that differ`).toBe(0);
    }
  });

  it('the weight and bias gradients on one thread: the per-sample gradients added in order in float32, bit for bit', () => {
    const before = getNumThreads();
    setNumThreads(1); // threads would sum their blocks apart, then add the blocks
    try {
      manualSeed(13);
      const x = randn([20, 8, 28, 28]), w = randn([16, 8, 3, 3]), b = randn([16]), dy = randn([20, 16, 26, 26]);
      const grads = (n0: number, count: number) => {
        const wg = w.clone().requiresGrad_(), bg = b.clone().requiresGrad_();
        F.conv2d(x.narrow(0, n0, count), wg, bg).mul(dy.narrow(0, n0, count)).sum().backward();
        return [wg.grad!.toTypedArray(), bg.grad!.toTypedArray()];
      };
      const whole = grads(0, 20);
      const each = Array.from({ length: 20 }, (_, n) => grads(n, 1));
      whole.forEach((g, j) => {
        const sum = new Float32Array(g.length);
        for (const e of each) for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + e[j]![i]!;
        expect(Array.from(g), j === 0 ? 'weight gradient' : 'bias gradient').toEqual(Array.from(sum));
      });
    } finally {
      setNumThreads(before);
    }
  });
});

describe('batches past one chunk agree with PyTorch (tools/fixtures/nn_conv_chunks.py)', () => {
  // x (6, 6, 48, 48) in float32. Per sample the convolution's operands are 6·48·48 input and
  // 4·48·48 output floats (92 KB): 2 samples a chunk of CHUNK_BYTES (256 KB), so forward,
  // input gradient and the weight gradient (added up through conv2d_bwd_weight_acc) each
  // take 3 chunks. Per plane, max pooling moves 48·48 + 24·24 values and 24·24 indices
  // (14 KB): 18 of the 36 planes a chunk; average pooling 22 a chunk; relu 4,096 values.
  interface Sampled { shape: number[]; index: number[]; values: number[] }
  interface Case { name: string; output: Sampled; inputGrad: Sampled; paramGrads: { shape: number[]; values: number[] }[] }
  const fx = loadFixture<{ source: string; xShape: number[]; cases: Case[] }>('nn-conv-chunks.json');
  const formula = (shape: number[], f: (i: number) => number) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return tensor(Float32Array.from({ length: n }, (_, i) => f(i)), { shape });
  };
  const x0 = formula(fx.xShape, (i) => Math.sin(0.37 * i + 0.1));
  const w0 = formula([4, 6, 3, 3], (i) => Math.cos(0.53 * i) / 4), b0 = formula([4], (i) => 0.1 * i - 0.2);
  const OPS: Record<string, [(x: Tensor, ...p: Tensor[]) => Tensor, Tensor[]]> = {
    'conv2d 3x3 padding 1': [(x, w, b) => F.conv2d(x, w!, b!, { padding: 1 }), [w0, b0]],
    'maxPool2d 2': [(x) => F.maxPool2d(x, 2), []],
    'avgPool2d 2': [(x) => F.avgPool2d(x, 2), []],
    relu: [(x) => F.relu(x), []],
  };
  // Float32 against float64: an output or input gradient sums at most 54 products of values
  // below 1, within 2·10⁻⁵·(1 + |ref|) (as this file's header reasons); a weight or bias
  // gradient sums 6·48·48 = 13,824 terms in float32, within 1e-4·(1 + |ref|) as the weight
  // gradients above (measured: 4·10⁻⁵ at most, on values up to 15).
  // The fixture's conv → relu → pool block is checked through Sequential in sequential-pool.test.ts.
  for (const c of fx.cases.filter((k) => k.name in OPS)) {
    it(`${c.name} on ${fx.xShape.join('×')}, float32, with its gradients (${fx.source})`, () => {
      const [f, params] = OPS[c.name]!;
      const x = x0.clone().requiresGrad_(), ps = params.map((p) => p.clone().requiresGrad_());
      const y = f(x, ...ps);
      expect(y.gradFn?.op, 'the fast path').toBe(c.name === 'relu' ? 'relu' : c.name.split(' ')[0]);
      y.mul(formula([...y.shape], (i) => Math.cos(0.11 * i))).sum().backward();
      const check = (t: Tensor, ref: Sampled, label: string) => {
        expect(t.shape, label).toEqual(ref.shape);
        const a = t.toTypedArray();
        ref.index.forEach((at, j) => expect(Math.abs(a[at]! - ref.values[j]!), `${label}[${at}]: ${a[at]} vs ${ref.values[j]}`).toBeLessThanOrEqual(2e-5 * (1 + Math.abs(ref.values[j]!))));
      };
      check(y, c.output, 'output');
      check(x.grad!, c.inputGrad, 'input gradient');
      c.paramGrads.forEach((g, k) => {
        const a = ps[k]!.grad!.toTypedArray();
        expect(ps[k]!.shape, `parameter ${k}`).toEqual(g.shape);
        g.values.forEach((v, j) => expect(Math.abs(a[j]! - v), `parameter ${k} gradient[${j}]: ${a[j]} vs ${v}`).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(v))));
      });
    });
  }
});

describe('outputs allocated without clearing (allocateEmpty) are written in full', () => {
  // Every array from allocateEmpty filled with NaN first: a value a kernel left unwritten
  // would stay NaN and differ from the normal run.
  it('convolution, pooling, relu and softmax with their gradients, at sizes past one chunk', () => {
    const go = () => {
      manualSeed(21);
      const x = randn([6, 8, 30, 30]).requiresGrad_(), w = randn([16, 8, 3, 3]).requiresGrad_(), b = randn([16]).requiresGrad_();
      const y = F.relu(F.conv2d(x, w, b, { padding: 1 }));
      const p = F.maxPool2d(y, 2), q = F.avgPool2d(y, 3);
      const s = F.softmax(p.reshape([6, -1]), 1).sum(0).sum().add(F.logSoftmax(q.reshape([6, -1]), 1).mul(q.reshape([6, -1])).sum());
      s.backward();
      return [y, p, q, x.grad!, w.grad!, b.grad!].map((t) => Array.from(t.toTypedArray()));
    };
    const plain = go();
    fillEmptyAllocations(NaN);
    let poisoned: number[][];
    try { poisoned = go(); } finally { fillEmptyAllocations(null); }
    expect(plain.flat().some(Number.isNaN)).toBe(false);
    poisoned.forEach((a, i) => expect(a, `output ${i}`).toEqual(plain[i]));
  });
});

describe('relu between the layers (wasm-simd relu and reluBackward, float32)', () => {
  const PLAIN = NO_WASM.filter((b) => b !== 'js-fused'); // where(x > 0, x, 0): the definition

  it('equal where(x > 0, x, 0) and its gradient bit for bit, with NaN, ±0 and ±∞, at sizes around the 64-value cut-over', () => {
    expect(kernelFor('relu', 'float32')).toBe('wasm-simd');
    expect(kernelFor('reluBackward', 'float32')).toBe('wasm-simd');
    // 4096 values go through WebAssembly memory at a time (activations.ts): 4097 and 12345 take several chunks.
    for (const n of [5, 63, 64, 67, 1001, 4096, 4097, 12345]) {
      const make = () => {
        manualSeed(n);
        const v = randn([n]).toTypedArray();
        [NaN, 0, -0, Infinity, -Infinity].forEach((s, i) => { v[(i * 13) % n] = s; });
        return tensor(v, { shape: [n] }).requiresGrad_();
      };
      const go = () => {
        const x = make();
        const y = F.relu(x);
        manualSeed(1);
        y.mul(randn([n])).sum().backward();
        return { op: y.gradFn?.op, y: Array.from(y.toTypedArray()), g: Array.from(x.grad!.toTypedArray()) };
      };
      const fast = go();
      const prev = useBackends(PLAIN);
      let ref: ReturnType<typeof go>;
      try { ref = go(); } finally { useBackends(prev); }
      expect(fast.op, `n = ${n}`).toBe('relu');
      expect(ref.op, `n = ${n}`).not.toBe('relu');
      expect(fast.y, `n = ${n}`).toEqual(ref.y);
      expect(fast.g, `n = ${n}`).toEqual(ref.g);
    }
  });
});
