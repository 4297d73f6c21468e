/**
 * The js-reduce kernels against the reference: sums over any axes (sumStrided), max/min
 * of contiguous runs, and the fused softmax/logSoftmax against their compositions (run
 * on the reference kernels). Values must be identical, element by element, in every
 * dtype; gradients of the fused ops must pass the float64 gradient check and agree with
 * the composition's, to second order.
 */
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { listKernels, manualSeed, randn, randint, tensor, useBackends, softmax, logSoftmax, type Tensor } from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

function onReference<T>(fn: () => T): T {
  const prev = useBackends(['reference']);
  try { return fn(); } finally { useBackends(prev); }
}

const values = (t: Tensor) => Array.from(t.toTypedArray());

function expectSame(fast: Tensor, ref: Tensor, label: string): void {
  expect(fast.shape, `${label} shape`).toEqual(ref.shape);
  expect(fast.dtype, `${label} dtype`).toBe(ref.dtype);
  expect(values(fast), label).toEqual(values(ref));
}

function expectClose(a: Tensor, b: Tensor, tol: number, label: string): void {
  expect(a.shape, `${label} shape`).toEqual(b.shape);
  const x = a.toTypedArray(), y = b.toTypedArray();
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(y[i])) { expect(Number.isNaN(x[i]), `${label}[${i}]`).toBe(true); continue; }
    expect(Math.abs(x[i] - y[i]), `${label}[${i}]: ${x[i]} vs ${y[i]}`).toBeLessThanOrEqual(tol * (1 + Math.abs(y[i])));
  }
}

type Make = (dtype: 'float32' | 'float64' | 'int32' | 'bool') => Tensor;
const make = (shape: number[]): Make => (dtype) => {
  if (dtype === 'int32') return randint(-50, 50, shape, { dtype: 'int32' });
  if (dtype === 'bool') return randn(shape).gt(0);
  return randn(shape, { dtype }).mul(100);
};
const INPUTS: [string, Make][] = [
  ['(4, 5, 6)', make([4, 5, 6])],
  ['(3, 1, 7)', make([3, 1, 7])],
  ['transposed (6, 5, 4)', (d) => make([4, 5, 6])(d).permute([2, 1, 0])],
  ['stepped slice', (d) => make([5, 8, 3])(d).slice([null, null, 2], [1, 7])],
  ['expanded (2, 3, 4)', (d) => make([1, 3, 1])(d).expand([2, 3, 4])],
  ['5-D (2, 3, 2, 3, 2)', make([2, 3, 2, 3, 2])],
  ['empty (0, 3)', make([0, 3])],
  ['empty axis (3, 0, 2)', make([3, 0, 2])],
  ['0-d', make([])],
];

function axisSets(ndim: number): (number[] | undefined)[] {
  const out: (number[] | undefined)[] = [undefined];
  for (let mask = 1; mask < 1 << ndim; mask++) out.push(Array.from({ length: ndim }, (_, i) => i).filter((i) => mask & (1 << i)));
  return out;
}

describe('js-reduce kernels', () => {
  it('are registered: sumStrided, maxRuns, minRuns, softmax, logSoftmax', () => {
    const ops = listKernels().filter((k) => k.backend === 'js-reduce').map((k) => k.op).sort();
    expect(ops).toEqual(['logSoftmax', 'maxRuns', 'minRuns', 'softmax', 'sumStrided']);
  });

  for (const dtype of ['float32', 'float64', 'int32', 'bool'] as const) {
    it(`sum over every set of axes equals the reference, ${dtype}`, () => {
      manualSeed(3);
      for (const [label, mk] of INPUTS) {
        const x = mk(dtype);
        for (const axes of axisSets(x.ndim)) {
          for (const keep of [false, true]) {
            const fast = x.sum(axes, keep);
            const ref = onReference(() => x.sum(axes, keep));
            const what = `${label} sum ${JSON.stringify(axes)} keepdims=${keep}`;
            // A full sum of contiguous data takes js-loops' sumAll (four accumulators, tested in
            // backends.test.ts), which may round differently; every other sum is this kernel's.
            if (fast.size === 1 && x.isContiguous() && dtype !== 'int32' && dtype !== 'bool') expectClose(fast, ref, dtype === 'float32' ? 1e-6 : 1e-14, what);
            else expectSame(fast, ref, what);
          }
        }
      }
    });

    it(`max and min over trailing axes equal the reference, ${dtype}`, () => {
      manualSeed(4);
      for (const [label, mk] of INPUTS) {
        const x = mk(dtype);
        if (x.size === 0) continue;
        for (let k = 0; k <= x.ndim; k++) {
          const axes = Array.from({ length: k }, (_, i) => x.ndim - k + i);
          for (const op of ['max', 'min'] as const) {
            expectSame(x[op](axes, true), onReference(() => x[op](axes, true)), `${label} ${op} ${JSON.stringify(axes)}`);
          }
        }
      }
    });
  }

  it('a 0-d tensor reduced over axis 0 or -1 is itself, as in PyTorch', () => {
    const x = tensor(2.5, { dtype: 'float64' });
    for (const run of [(f: () => number) => f(), (f: () => number) => onReference(f)]) {
      for (const axis of [0, -1]) {
        expect(run(() => x.sum(axis).item())).toBe(2.5);
        expect(run(() => x.max(axis).item())).toBe(2.5);
        expect(run(() => x.mean(axis).item())).toBe(2.5);
        expect(run(() => softmax(x, axis).item())).toBe(1);
      }
    }
    // torch.tensor(2.5).sum(1): "Dimension out of range (expected to be in range of [-1, 0], but got 1)".
    expect(() => x.sum(1)).toThrow(/axis 1 is out of range for a tensor with 0 dimensions \(valid: -1\.\.0\)/);
    expect(() => x.sum(-2)).toThrow(/axis -2 is out of range/);
  });

  it('max and min keep NaN, infinities and ties as the reference does', () => {
    const x = tensor([[1, NaN, 3], [-Infinity, -Infinity, -Infinity], [2, 2, 1], [NaN, 0, 5], [Infinity, 0, Infinity]], { dtype: 'float64' });
    for (const op of ['max', 'min'] as const) {
      expectSame(x[op](1), onReference(() => x[op](1)), op);
      // Ties split the gradient evenly (the backward is the same code on both paths).
      const xg = tensor([[2, 2, 1]], { dtype: 'float64', requiresGrad: true });
      xg[op](1).sum().backward();
      expect(values(xg.grad!)).toEqual(op === 'max' ? [0.5, 0.5, 0] : [0, 0, 1]);
    }
  });

  it('the strided sum is the reference sum, not just close: float32 rounding happens once, at the end', () => {
    // 1 + 1e-8·k: each partial sum rounded to float32 would lose the small terms.
    const n = 1000;
    const x = tensor(Float32Array.from({ length: 2 * n }, (_, i) => (i % n === 0 ? 1 : 1e-8)), { shape: [2, n] });
    expectSame(x.sum(1), onReference(() => x.sum(1)), 'sum(1)');
    expect(x.sum(1).toTypedArray()[0]).toBe(Math.fround(1 + 999e-8));
  });
});

describe('fused softmax and logSoftmax', () => {
  // The JavaScript kernels (js-reduce) alone; the WebAssembly ones are tested in wasm-kernels.test.ts.
  let prev: readonly string[] | null = null;
  beforeAll(() => { prev = useBackends(['js-blocked', 'js-loops', 'js-broadcast', 'js-reduce']); });
  afterAll(() => { useBackends(prev); });
  const SHAPES: [string, number[], number][] = [
    ['rows (3, 5), last axis', [3, 5], -1],
    ['columns (3, 5), axis 0', [3, 5], 0],
    ['(2, 3, 4), middle axis', [2, 3, 4], 1],
    ['attention scores (2, 2, 4, 4)', [2, 2, 4, 4], -1],
    ['one row (1, 7)', [1, 7], -1],
    ['a vector (9)', [9], 0],
    ['0-d', [], 0],
  ];
  const FUSED = [['softmax', softmax], ['logSoftmax', logSoftmax]] as const;

  for (const dtype of ['float32', 'float64'] as const) {
    for (const [label, shape, axis] of SHAPES) {
      it(`${label}, ${dtype}: equal to the composition`, () => {
        manualSeed(9);
        const x = randn(shape, { dtype }).mul(5);
        for (const [name, f] of FUSED) expectSame(f(x, axis), onReference(() => f(x, axis)), name);
      });
    }
  }

  it('rows with −∞, +∞ and NaN come out as the composition gives them', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = tensor([
        [0, -Infinity, 1, 2],
        [-Infinity, -Infinity, -Infinity, -Infinity], // a fully masked attention row: NaN
        [Infinity, 0, 1, 2],
        [NaN, 0, 1, 2],
        [1000, -1000, 0, 1],
      ], { dtype });
      for (const [name, f] of FUSED) expectSame(f(x, -1), onReference(() => f(x, -1)), `${name} ${dtype}`);
    }
  });

  it('integer input is converted to float32 first, as in the composition', () => {
    const x = tensor([[1, 2, 3], [3, 3, 0]], { dtype: 'int32' });
    for (const [name, f] of FUSED) expectSame(f(x, -1), onReference(() => f(x, -1)), name);
  });

  it('strided and empty inputs take the composition (same values, same errors)', () => {
    manualSeed(2);
    const x = randn([4, 6], { dtype: 'float64' }).T;
    for (const [name, f] of FUSED) {
      expectSame(f(x, -1), onReference(() => f(x, -1)), `${name} transposed`);
      expect(f(randn([0, 3]), -1).shape, `${name} empty rows`).toEqual([0, 3]);
      expect(() => f(randn([3, 0]), -1), `${name} empty axis`).toThrow(/empty/);
    }
  });

  for (const [label, shape, axis] of SHAPES.slice(0, 4)) {
    it(`${label}: gradients pass the gradient check and equal the composition's, to second order`, () => {
      manualSeed(13);
      const x = randn(shape, { dtype: 'float64' }).mul(2);
      const upstream = randn(shape, { dtype: 'float64' });
      for (const [name, f] of FUSED) {
        gradcheck(([t]) => f(t, axis), [x], upstream, `${name} ${label}`);
        // First and second derivatives against the composition's (createGraph through both).
        const grads = (ref: boolean) => (ref ? onReference : (g: () => Tensor[]) => g())(() => {
          const xg = tensor(x).requiresGrad_();
          const y = f(xg, axis).mul(upstream).sum();
          y.backward(undefined, { createGraph: true });
          const g1 = xg.grad!;
          xg.grad = null;
          g1.square().sum().backward();
          return [g1.detach(), xg.grad!];
        });
        const [fast1, fast2] = grads(false);
        const [ref1, ref2] = grads(true);
        expectClose(fast1, ref1, 1e-12, `${name} gradient`);
        expectClose(fast2, ref2, 1e-10, `${name} second derivative`);
      }
    });
  }
});
