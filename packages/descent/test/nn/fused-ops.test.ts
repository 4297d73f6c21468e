/**
 * The fused linear (addmm), conv + bias, softmax cross-entropy, GELU and relu against the
 * compositions they replace (x.matmul(W.T).add(b); W.matmul(cols).reshape().add(b);
 * logSoftmax → gather → mean; x·(1 + erf or tanh(…))/2; where(x > 0, x, 0)), which
 * run when the fused kernels are switched off (`useBackends` without 'js-fused' and 'wasm-simd'). Values
 * and input gradients must agree in float32 and float64, and the fused ops' own backward
 * passes the float64 gradient check.
 */
import { describe, expect, it } from 'vitest';
import { listKernels, manualSeed, randint, randn, tensor, useBackends, type Tensor } from '../../src/tensor/index.js';
import { F } from '../../src/nn/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

// wasm-simd registers fused linear and relu kernels too (wasm/linear.ts, activations.ts).
const UNFUSED = [...new Set(listKernels().map((k) => k.backend))].filter((b) => b !== 'js-fused' && b !== 'wasm-simd');

/** Runs fn with every backend but the fused kernels: the compositions. */
function composed<T>(fn: () => T): T {
  const prev = useBackends(UNFUSED);
  try { return fn(); } finally { useBackends(prev); }
}

/**
 * The convolution cases test the JavaScript conv + bias (js-fused): with the `wasm-simd`
 * backend on, conv2d is one op node of its own instead (test/nn/conv-fast.test.ts).
 */
const NO_WASM_CONV = [...new Set(listKernels().map((k) => k.backend))].filter((b) => b !== 'wasm-simd');
function fusedOnly<T>(op: string, fn: () => T): T {
  if (op !== 'reshape') return fn();
  const prev = useBackends(NO_WASM_CONV);
  try { return fn(); } finally { useBackends(prev); }
}

/** Output and the gradients of Σ out·u with respect to each input. */
function valueAndGrads(f: (xs: Tensor[]) => Tensor, make: () => Tensor[]): { out: number[]; grads: number[][]; op: string | undefined } {
  const xs = make();
  xs.forEach((x) => { x.requiresGrad = true; });
  const out = f(xs);
  manualSeed(99);
  const u = randn(out.shape, { dtype: out.dtype });
  out.mul(u).sum().backward();
  return { out: Array.from(out.toTypedArray() as ArrayLike<number>), grads: xs.map((x) => Array.from(x.grad!.toTypedArray() as ArrayLike<number>)), op: out.gradFn?.op };
}

function expectClose(a: number[], b: number[], tol: number, label: string): void {
  expect(a.length, label).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]), `${label}[${i}]: ${v} vs ${b[i]}`).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i]))));
}

type Case = [string, (xs: Tensor[]) => Tensor, (dtype: 'float32' | 'float64') => Tensor[], string];
const targets = (n: number, c: number) => { manualSeed(3); return randint(0, c, [n]); };
const CASES: Case[] = [
  ['linear (7, 5) -> (7, 3)', ([x, W, b]) => F.linear(x, W, b), (dtype) => [randn([7, 5], { dtype }), randn([3, 5], { dtype }), randn([3], { dtype })], 'linear'],
  ['linear, one row, wide', ([x, W, b]) => F.linear(x, W, b), (dtype) => [randn([1, 40], { dtype }), randn([9, 40], { dtype }), randn([9], { dtype })], 'linear'],
  ['linear on a transposed (strided) input', ([x, W, b]) => F.linear(x.T, W, b), (dtype) => [randn([6, 5], { dtype }), randn([4, 6], { dtype }), randn([4], { dtype })], 'linear'],
  ['crossEntropy mean', ([z]) => F.crossEntropy(z, targets(6, 4)), (dtype) => [randn([6, 4], { dtype }).mul(3)], 'crossEntropy'],
  ['crossEntropy sum, large logits', ([z]) => F.crossEntropy(z, targets(5, 10), { reduction: 'sum' }), (dtype) => [randn([5, 10], { dtype }).mul(40)], 'crossEntropy'],
  ['crossEntropy with plain-array targets', ([z]) => F.crossEntropy(z, [2, 0, 1]), (dtype) => [randn([3, 3], { dtype })], 'crossEntropy'],
  ['conv2d with bias (2, 3, 6, 5) * (4, 3, 3, 2)', ([x, W, b]) => F.conv2d(x, W, b), (dtype) => [randn([2, 3, 6, 5], { dtype }), randn([4, 3, 3, 2], { dtype }), randn([4], { dtype })], 'reshape'],
  ['conv2d with bias, stride 2, padding 1', ([x, W, b]) => F.conv2d(x, W, b, { stride: 2, padding: 1 }), (dtype) => [randn([1, 2, 5, 5], { dtype }), randn([3, 2, 3, 3], { dtype }), randn([3], { dtype })], 'reshape'],
  ['gelu, exact (erf) form (wasm from 256 values in float32)', ([x]) => F.gelu(x), (dtype) => [randn([8, 40], { dtype }).mul(3)], 'gelu'],
  ['gelu, tanh form (wasm from 256 values in float32)', ([x]) => F.gelu(x, 'tanh'), (dtype) => [randn([8, 40], { dtype }).mul(3)], 'gelu'],
  ['relu', ([x]) => F.relu(x), (dtype) => [tensor([[-1, 0, 2], [3, -0.5, 0]], { dtype }).add(randn([2, 3], { dtype }).mul(0.1))], 'relu'],
];

describe('fused ops equal their compositions', () => {
  it.each(CASES)('%s (float64: values and gradients; the fused op ran)', (_name, f, make, op) => {
    manualSeed(1);
    const fast = fusedOnly(op, () => valueAndGrads(f, () => make('float64')));
    manualSeed(1);
    const ref = composed(() => valueAndGrads(f, () => make('float64')));
    expect(fast.op).toBe(op);
    expect(ref.op).not.toBe(op);
    expectClose(fast.out, ref.out, 1e-12, 'value');
    fast.grads.forEach((g, i) => expectClose(g, ref.grads[i], 1e-12, `grad ${i}`));
  });

  it.each(CASES)('%s (float32: values and gradients)', (_name, f, make, op) => {
    manualSeed(1);
    const fast = fusedOnly(op, () => valueAndGrads(f, () => make('float32')));
    manualSeed(1);
    const ref = composed(() => valueAndGrads(f, () => make('float32')));
    expectClose(fast.out, ref.out, 1e-5, 'value');
    fast.grads.forEach((g, i) => expectClose(g, ref.grads[i], 1e-5, `grad ${i}`));
  });

  it.each(CASES.filter((c) => c[3] !== 'relu'))('%s passes the float64 gradient check', (name, f, make, op) => {
    manualSeed(1);
    const xs = make('float64');
    const out = f(xs);
    manualSeed(2);
    fusedOnly(op, () => gradcheck(f, xs, randn(out.shape, { dtype: 'float64' }), name));
  });

  it('relu passes the gradient check away from its kink', () => {
    const x = tensor([[-1.3, 0.4, 2], [3, -0.5, 0.7]], { dtype: 'float64' });
    gradcheck(([t]) => F.relu(t), [x], randn([2, 3], { dtype: 'float64' }), 'relu');
  });

  it('relu and linear give the composition\'s second derivatives (createGraph)', () => {
    // d/dx of Σ (∂L/∂x)² for L = Σ u·linear(relu(x)): the backward rules differentiated again.
    const second = () => {
      manualSeed(5);
      const x = randn([4, 6], { dtype: 'float64' }).requiresGrad_();
      const W = randn([3, 6], { dtype: 'float64' }).requiresGrad_();
      const b = randn([3], { dtype: 'float64' });
      const u = randn([4, 3], { dtype: 'float64' });
      const y = F.linear(F.relu(x).square(), W, b).mul(u).sum();
      y.backward(undefined, { createGraph: true });
      const gx = x.grad!;
      x.grad = null;
      W.grad = null;
      gx.square().sum().backward();
      return [Array.from(x.grad!.toTypedArray() as Float64Array), Array.from(W.grad!.toTypedArray() as Float64Array)];
    };
    const fast = second();
    const ref = composed(second);
    fast.forEach((g, i) => expectClose(g, ref[i], 1e-12, `second-order grad ${i}`));
  });

  it('gelu gives the composition\'s second derivatives (createGraph), both forms', () => {
    for (const approximate of ['none', 'tanh'] as const) {
      const second = () => {
        manualSeed(6);
        const x = randn([4, 6], { dtype: 'float64' }).mul(2).requiresGrad_();
        F.gelu(x, approximate).mul(randn([4, 6], { dtype: 'float64' })).sum().backward(undefined, { createGraph: true });
        const gx = x.grad!;
        x.grad = null;
        gx.square().sum().backward();
        return Array.from(x.grad!.toTypedArray() as Float64Array);
      };
      expectClose(second(), composed(second), 1e-12, `gelu ${approximate}, second-order grad`);
    }
  });

  it('cross-entropy falls back to the composition for ignored rows, weights and smoothing', () => {
    const z = randn([4, 3], { dtype: 'float64' });
    expect(F.crossEntropy(z, [0, -100, 2, 1]).gradFn?.op).not.toBe('crossEntropy');
    expect(F.crossEntropy(z, [0, 1, 2, 1], { labelSmoothing: 0.1 }).gradFn?.op).not.toBe('crossEntropy');
    expect(F.crossEntropy(z, [0, 1, 2, 1], { weight: tensor([1, 2, 3], { dtype: 'float64' }) }).gradFn?.op).not.toBe('crossEntropy');
    expect(() => F.crossEntropy(z, [0, 1, 3, 1])).toThrow(/target 3 is not a class index in 0\.\.2/);
  });
});
