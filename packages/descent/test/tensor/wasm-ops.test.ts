/**
 * The WebAssembly kernels beyond matmul and the unary ops (src/tensor/backends/wasm:
 * optim.c, …) equal the JavaScript kernels they replace, which are the specification:
 * across sizes that cut through the SIMD width, offsets, dtypes, empty inputs and NaN/±∞.
 * Each test runs the same call with dispatch limited to the wasm backend and to the
 * JavaScript backend, and compares bits unless the kernel's header documents a tolerance.
 */
import { describe, expect, it } from 'vitest';
import { findKernel, kernelFor, manualSeed, randn, tensor, useBackends, type Tensor } from '../../src/tensor/index.js';
import { jsFusedKernels, type LinearKernel } from '../../src/tensor/backends/js-fused.js';
import type { UnaryKernel } from '../../src/tensor/ops/elementwise.js';
import { readFileSync } from 'node:fs';
import { Adam, AdamW, SGD, type Optimizer } from '../../src/optim/index.js';
import { F } from '../../src/nn/index.js';

function onBackends<T>(names: readonly string[], fn: () => T): T {
  const prev = useBackends(names);
  try { return fn(); } finally { useBackends(prev); }
}
const onWasm = <T>(fn: () => T) => onBackends(['wasm-simd'], fn);

type Make = (params: Tensor[]) => Optimizer<{ lr: number }>;

const OPTIMIZERS: [string, Make][] = [
  ['Adam', (ps) => new Adam(ps, { lr: 0.01 })],
  ['Adam L2', (ps) => new Adam(ps, { lr: 0.01, weightDecay: 0.1 })],
  ['Adam AMSGrad', (ps) => new Adam(ps, { lr: 0.01, amsgrad: true, betas: [0.8, 0.99] })],
  ['AdamW', (ps) => new AdamW(ps, { lr: 0.01, weightDecay: 0.05 })],
  ['AdamW AMSGrad eps 0', (ps) => new AdamW(ps, { lr: 0.02, amsgrad: true, eps: 0 })],
  ['SGD', (ps) => new SGD(ps, { lr: 0.1 })],
  ['SGD L2', (ps) => new SGD(ps, { lr: 0.1, weightDecay: 0.01 })],
  ['SGD momentum dampening', (ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, dampening: 0.3 })],
  ['SGD Nesterov L2', (ps) => new SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ['SGD maximize', (ps) => new SGD(ps, { lr: 0.05, momentum: 0.5, maximize: true })],
];

/**
 * Parameters and state after `steps` updates with seeded gradients: sizes below, at and
 * above the wasm threshold and the SIMD width, a view at an offset, and gradients with
 * NaN, ±∞ and huge values in some steps.
 */
function trajectory(make: Make, dtype: 'float32' | 'float64', steps: number): number[][] {
  manualSeed(11);
  const base = randn([40, 50], { dtype });
  const ps = [randn([33, 31], { dtype }), randn([7], { dtype }), randn([17], { dtype }), randn([1001], { dtype }), base.narrow(0, 3, 20).contiguous()];
  ps.forEach((p) => { p.requiresGrad = true; });
  const opt = make(ps);
  for (let s = 0; s < steps; s++) {
    ps.forEach((p, i) => {
      const g = randn(p.shape, { dtype }).mul(s % 3 === 0 ? 10 : 0.1);
      if (i === 3 && s === 4) { const d = g.data; d[5] = NaN; d[6] = Infinity; d[7] = -Infinity; d[8] = 1e30; }
      p.grad = g;
    });
    opt.step();
  }
  const state = Object.values(opt.stateDict().state).flatMap((s) => Object.values(s).filter((t): t is Tensor => typeof t === 'object'));
  return [...ps, ...state].map((t) => Array.from(t.toTypedArray() as ArrayLike<number>));
}

describe('wasm optimizer steps (optim.c)', () => {
  it('are the registered adamStep and sgdStep for both float dtypes', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      expect(kernelFor('adamStep', dtype)).toBe('wasm-simd');
      expect(kernelFor('sgdStep', dtype)).toBe('wasm-simd');
    }
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it.each(OPTIMIZERS)(`%s, ${dtype}: bit for bit the JavaScript step over 12 steps, state included`, (_name, make) => {
      const fast = onWasm(() => trajectory(make, dtype, 12));
      const js = onBackends(['js-optim'], () => trajectory(make, dtype, 12));
      expect(fast).toEqual(js);
    });
  }
});

/** Values of every kind: random signs, ±0, ±∞, NaN, subnormals, huge. */
function specialValues(n: number, dtype: 'float32' | 'float64'): Tensor {
  manualSeed(n);
  const t = randn([n], { dtype });
  const d = t.data;
  const special = [0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-45, 3e38, -3e38, 1e-310];
  for (let i = 0; i < n; i += 7) d[i] = special[(i / 7) % special.length];
  return t;
}

const bitsOf = (t: Tensor) => Array.from(t.toTypedArray() as ArrayLike<number>).map((v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('wasm relu forward and backward (activations.c)', () => {
  it('are the registered relu and reluBackward for both float dtypes', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      expect(kernelFor('relu', dtype)).toBe('wasm-simd');
      expect(kernelFor('reluBackward', dtype)).toBe('wasm-simd');
    }
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`equal the reference bit for bit, NaN, ±0 and ±∞ included, ${dtype}`, () => {
      for (const n of [1, 7, 255, 256, 257, 1001, 4099]) {
        const base = specialValues(n + 3, dtype);
        // A contiguous view at an offset, as narrow gives it.
        const x = base.narrow(0, 3, n);
        const w = randn([n], { dtype });
        const run = () => {
          const xi = x.detach();
          xi.requiresGrad = true;
          const y = xi.relu();
          y.mul(w).sum().backward();
          return [bitsOf(y), bitsOf(xi.grad!)];
        };
        expect(onWasm(run), `n = ${n}`).toEqual(onBackends(['reference'], run));
      }
    });
  }

  it('leave empty and strided tensors to the composition', () => {
    const x = randn([40, 30]);
    expect(onWasm(() => x.T.relu()).toTypedArray()).toEqual(onBackends(['reference'], () => x.T.relu()).toTypedArray());
    expect(onWasm(() => randn([0, 3]).relu()).shape).toEqual([0, 3]);
  });
});

describe('wasm broadcast add, sub, mul, div, maximum, minimum (broadcast.c)', () => {
  const OPS = {
    add: (a: Tensor, b: Tensor) => a.add(b), sub: (a: Tensor, b: Tensor) => a.sub(b),
    mul: (a: Tensor, b: Tensor) => a.mul(b), div: (a: Tensor, b: Tensor) => a.div(b),
    maximum: (a: Tensor, b: Tensor) => a.maximum(b), minimum: (a: Tensor, b: Tensor) => a.minimum(b),
  } as const;

  it('are the registered broadcast kernels for both float dtypes', () => {
    for (const op of Object.keys(OPS)) for (const dtype of ['float32', 'float64'] as const) expect(kernelFor(`broadcast:${op}`, dtype)).toBe('wasm-simd');
    for (const dtype of ['float32', 'float64'] as const) expect([kernelFor('maximum', dtype), kernelFor('minimum', dtype)]).toEqual(['wasm-simd', 'wasm-simd']);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`equal the reference bit for bit over broadcast and strided layouts, ${dtype}`, () => {
      const full = (shape: number[]) => specialValues(shape.reduce((a, b) => a * b, 1), dtype).reshape(shape);
      const cases: [string, Tensor, Tensor][] = [
        ['(N, L, E) + (E) bias row', full([4, 33, 37]), full([37])],
        ['(R, C) with (R, 1) keepdims statistic', full([129, 31]), full([129, 1])],
        ['(R, 1) with (1, C): both repeated', full([65, 1]), full([1, 67])],
        ['(1, C) with (R, C): repeated on the left', full([1, 67]), full([65, 67])],
        ['(N, H, L, L) + (L, L) mask on every head', full([2, 3, 17, 17]), full([17, 17])],
        ['five axes, outer loops left over', full([2, 3, 4, 5, 64]), full([3, 1, 5, 64])],
        ['offset views', full([50, 41]).narrow(0, 7, 40), full([44]).narrow(0, 3, 41)],
        ['a transposed view (inner stride ≠ 1: the JS kernel)', full([40, 60]).T, full([40])],
        ['a reversed view (negative stride: the JS kernel)', full([40, 60]).slice(null, [null, null, -1]), full([60])],
        ['an expanded row as the full operand', full([1, 70]).expand([30, 70]), full([30, 1])],
        ['empty', full([0, 40]), full([40])],
        ['same shape, contiguous (maximum/minimum: the contiguous kernel)', full([37, 41]), full([37, 41]).flip(0)],
        ['a scalar', full([37, 41]), full([1])],
        ['signed zeros against each other', tensor(Array.from({ length: 2048 }, (_, i) => (i % 3 === 0 ? -0 : 0)), { dtype }), tensor(Array.from({ length: 2048 }, (_, i) => (i % 5 === 0 ? 0 : -0)), { dtype })],
      ];
      for (const [name, f] of Object.entries(OPS)) {
        for (const [what, a, b] of cases) {
          for (const [x, y] of [[a, b], [b, a]]) {
            expect(bitsOf(onWasm(() => f(x, y))), `${name}: ${what}`).toEqual(bitsOf(onBackends(['reference'], () => f(x, y))));
          }
        }
      }
    });
  }
});

describe('wasm sums, max and min (reduce.c)', () => {
  // The specification: the JavaScript kernels (sumAll adds in four interleaved float64
  // accumulators, so it is compared with them rather than with the one-accumulator reference).
  const onJs = <T>(fn: () => T) => onBackends(['js-loops', 'js-reduce'], fn);

  it('are the registered sumAll, sumStrided, maxRuns and minRuns for both float dtypes', () => {
    for (const op of ['sumAll', 'sumStrided', 'maxRuns', 'minRuns']) for (const dtype of ['float32', 'float64'] as const) expect(kernelFor(op, dtype)).toBe('wasm-simd');
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`sums equal the JavaScript kernels bit for bit over axes, views and specials, ${dtype}`, () => {
      const full = (shape: number[]) => randn(shape, { dtype }).mul(1e3);
      const cases: [string, Tensor, number | number[] | undefined][] = [
        ['all of a vector', full([4099]), undefined],
        ['all, with NaN and ±∞', specialValues(3001, dtype), undefined],
        ['all, an offset view', full([5000]).narrow(0, 3, 4001), undefined],
        ['leading axis (bias gradient)', full([67, 129]), 0],
        ['leading axes', full([5, 13, 33]), [0, 1]],
        ['middle axis', full([6, 37, 41]), 1],
        ['first and last axes', full([9, 40, 11]), [0, 2]],
        ['last axis, rows a multiple of four', full([40, 103]), 1],
        ['last axis, rows not a multiple of four, short rows', full([1027, 3]), -1],
        ['last axes of a 3-d tensor', full([3, 7, 50]), [1, 2]],
        ['last axis with specials', specialValues(33 * 40, dtype).reshape([33, 40]), 1],
        ['a transposed view', full([50, 70]).T, 0],
        ['an expanded view', full([1, 300]).expand([20, 300]), 0],
        ['keepdims with specials', specialValues(64 * 50, dtype).reshape([64, 50]), 0],
        ['empty', full([0, 40]), 0],
      ];
      for (const [what, x, axis] of cases) {
        for (const keepdims of [false, true]) {
          expect(bitsOf(onWasm(() => x.sum(axis, keepdims))), what).toEqual(bitsOf(onJs(() => x.sum(axis, keepdims))));
        }
      }
      // And the reference, within the float64 summation bound (the sums are float64 either way).
      const x = full([300, 40]);
      const a = onWasm(() => x.sum()).item(), r = onBackends(['reference'], () => x.sum()).item();
      expect(Math.abs(a - r)).toBeLessThanOrEqual(Math.max(1, Math.abs(r)) * 1e-6);
    });

    it(`max and min equal the reference bit for bit, ±0 ties and NaN included, ${dtype}`, () => {
      manualSeed(21);
      const rows: [string, Tensor][] = [
        ['random rows', randn([64, 37], { dtype })],
        ['long rows', randn([3, 1000], { dtype })],
        ['specials', specialValues(128 * 40, dtype).reshape([128, 40])],
        ['short rows (n < 8: the JavaScript loop)', randn([300, 5], { dtype })],
      ];
      // Rows of zeros of both signs in every position, and negatives with a zero among them.
      const zeros = new Array<number>(64 * 16).fill(0).map((_, i) => (i % 16 === Math.floor(i / 16) % 16 ? -0 : (i * 7) % 5 === 0 ? -0 : 0));
      rows.push(['signed zeros', tensor(zeros, { dtype }).reshape([64, 16])]);
      rows.push(['negatives and one signed zero', tensor(zeros.map((z, i) => (i % 9 === 0 ? z : -1 - (i % 13))), { dtype }).reshape([64, 16]).neg().neg()]);
      const nanRows = randn([40, 33], { dtype });
      for (let r = 0; r < 40; r++) nanRows.data[r * 33 + (r % 33)] = NaN; // NaN in the vector part and the tail
      rows.push(['NaN at every position', nanRows]);
      for (const [what, x] of rows) {
        for (const f of [(t: Tensor) => t.max(-1), (t: Tensor) => t.min(-1), (t: Tensor) => t.max(), (t: Tensor) => t.min(), (t: Tensor) => t.max([0, 1], true)]) {
          expect(bitsOf(onWasm(() => f(x))), what).toEqual(bitsOf(onBackends(['reference'], () => f(x))));
        }
      }
    });
  }
});

describe('wasm fused linear (linear.c)', () => {
  it('is the registered linear kernel for both float dtypes', () => {
    for (const dtype of ['float32', 'float64'] as const) expect(kernelFor('linear', dtype)).toBe('wasm-simd');
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`equals the JavaScript kernel on the wasm matmul bit for bit, ${dtype}`, () => {
      const js = jsFusedKernels.find((k) => k.op === 'linear')!.fn as LinearKernel;
      const wasm = onWasm(() => findKernel<LinearKernel>('linear', dtype)!);
      for (const [N, K, M] of [[1, 1, 1], [3, 5, 7], [32, 64, 128], [33, 129, 10], [7, 300, 9]]) {
        const x = specialValues(N * K + 2, dtype).data, W = randn([M * K + 1], { dtype }).data, b = specialValues(M + 3, dtype).data;
        const run = (k: LinearKernel) => {
          const out = dtype === 'float32' ? new Float32Array(N * M) : new Float64Array(N * M);
          onWasm(() => k(x, 2, W, 1, b, 3, out, N, K, M)); // at offsets, as views give them
          return Array.from(out);
        };
        expect(run(wasm), `(${N}, ${K}) · (${M}, ${K})ᵀ`).toEqual(run(js));
      }
    });
  }
});

describe('wasm GELU, exact (erf) form (elementwise.c, float32)', () => {
  // SciPy's 0.5·x·erfc(−x/√2) in float64 (tools/fixtures/gelu.py): exact in the left tail,
  // where 1 + erf cancels. Tolerance: the erfc fit's 1.2e−7 plus exp's conditioning on a
  // float32 argument, (4 + z²)·2⁻²² relative with z = |x|/√2 (elementwise.c).
  it('is within (4 + z²)·2⁻²² relative of SciPy over [−14, 6], NaN and ±∞ as the composition gives them', () => {
    expect(kernelFor('gelu', 'float32')).toBe('wasm-simd');
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/gelu.json', import.meta.url), 'utf8')) as { x: (number | string)[]; gelu: (number | string)[]; grad?: (number | string)[] };
    const x = Float32Array.from(fixture.x.map(Number));
    const fast = new Float32Array(x.length);
    onWasm(() => findKernel<UnaryKernel>('gelu', 'float32')!)(x, 0, fast, x.length);
    const bad: string[] = [];
    fixture.gelu.map(Number).forEach((ref, i) => {
      const z = Math.abs(x[i]) * Math.SQRT1_2;
      const ok = Math.abs(ref) < 1e-30 ? Math.abs(fast[i] - ref) <= 1e-30 : Math.abs(fast[i] - ref) <= (4 + z * z) * 2 ** -22 * Math.abs(ref);
      if (!ok && bad.length < 5) bad.push(`gelu(${x[i]}) = ${fast[i]}, SciPy ${ref}`);
    });
    expect(bad).toEqual([]);
    // The derivative Φ(x) + x·φ(x) has a root near −0.75: bounded by the size of its terms.
    const grad = new Float32Array(x.length);
    onWasm(() => findKernel<UnaryKernel>('geluGrad', 'float32')!)(x, 0, grad, x.length);
    fixture.grad!.map(Number).forEach((ref, i) => {
      const v = x[i], z = Math.abs(v) * Math.SQRT1_2;
      const xpdf = v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
      const size = Math.abs(ref - xpdf) + Math.abs(xpdf);
      if (!(Math.abs(grad[i] - ref) <= (8 + z * z) * 2 ** -22 * size + 1e-38) && bad.length < 5) bad.push(`gelu′(${v}) = ${grad[i]}, SciPy ${ref}`);
    });
    expect(bad).toEqual([]);
    const specials = tensor([NaN, Infinity, -Infinity, 0, -0, ...new Array<number>(300).fill(1)], { dtype: 'float32' });
    expect(bitsOf(onWasm(() => F.gelu(specials))).slice(0, 5)).toEqual(bitsOf(onBackends(['reference'], () => F.gelu(specials))).slice(0, 5));
  });
});

describe('wasm GELU, tanh form (elementwise.c, float32)', () => {
  // The reference here is x·σ(2u) in double precision from the same float32 x: 0.5·x·(1 + tanh u)
  // in any precision cancels where tanh u is near −1 (the left tail), so the JavaScript kernel is
  // compared too, only where it is itself accurate (|x| < 4). The tolerance is float32's
  // conditioning: e^(2u) from a float32 argument carries a relative error of about |2u|·2⁻²⁴.
  it('is within (2 + |2u|)·2⁻²² relative of x·σ(2u), and of the JavaScript kernel for |x| < 4', () => {
    expect(kernelFor('geluTanh', 'float32')).toBe('wasm-simd');
    const js = jsFusedKernels.find((k) => k.op === 'geluTanh')!.fn as UnaryKernel;
    const wasm = onWasm(() => findKernel<UnaryKernel>('geluTanh', 'float32')!);
    const x = specialValues(20_011, 'float32').mul(4).data as Float32Array;
    for (let i = 0; i < 2000; i++) x[i * 10 + 3] = (i - 1000) / 50; // a dense grid over [−20, 20]
    const n = x.length - 3;
    const fast = new Float32Array(n), viaJs = new Float32Array(n);
    wasm(x, 3, fast, n);
    js(x, 3, viaJs, n);
    const bad: string[] = [];
    for (let i = 0; i < n && bad.length < 5; i++) {
      const v = x[i + 3];
      const u2 = 2 * Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v);
      const exact = v / (1 + Math.exp(-u2));
      let ok: boolean;
      if (Number.isNaN(exact)) ok = Number.isNaN(fast[i]);
      else if (!Number.isFinite(exact) || Math.abs(exact) < 1e-30) ok = fast[i] === exact || Math.abs(fast[i] - exact) <= 1e-30;
      else ok = Math.abs(fast[i] - exact) <= (2 + Math.abs(u2)) * 2 ** -22 * Math.abs(exact);
      if (ok && Math.abs(v) < 4) ok = Math.abs(fast[i] - viaJs[i]) <= (2 + Math.abs(u2)) * 2 ** -22 * Math.abs(viaJs[i]);
      if (!ok) bad.push(`geluTanh(${v}) = ${fast[i]}; x·σ(2u) = ${exact}, JavaScript ${viaJs[i]}`);
    }
    expect(bad).toEqual([]);
    // The derivative σ(2u) + 2x·σ(1 − σ)·u′, in double from the same x, bounded by its terms' size.
    const grad = new Float32Array(n);
    onWasm(() => findKernel<UnaryKernel>('geluTanhGrad', 'float32')!)(x, 3, grad, n);
    for (let i = 0; i < n && bad.length < 5; i++) {
      const v = x[i + 3];
      if (!Number.isFinite(v) || Math.abs(v) > 1e6) continue; // x³ overflows float32 there
      const u2 = 2 * Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v);
      const du = Math.sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * v * v);
      const e = Math.exp(-Math.abs(u2)), s = u2 >= 0 ? 1 / (1 + e) : e / (1 + e), term = 2 * v * (e / ((1 + e) * (1 + e))) * du;
      const ref = s + term;
      if (!(Math.abs(grad[i] - ref) <= (4 + Math.abs(u2)) * 2 ** -22 * (Math.abs(s) + Math.abs(term)) + 1e-38)) bad.push(`geluTanh′(${v}) = ${grad[i]}, double ${ref}`);
    }
    expect(bad).toEqual([]);
  });
});
