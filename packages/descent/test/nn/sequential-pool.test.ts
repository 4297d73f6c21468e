/**
 * Sequential runs ReLU followed by MaxPool2d as the pool first and ReLU on the pooled tensor
 * (container.ts, poolCommutes). The two orders must give the same bits: outputs, input
 * gradients and parameter gradients, checked here against the children run one by one in the
 * written order; and the block conv → relu → pool against PyTorch running it as written
 * (tools/fixtures/nn_conv_chunks.py).
 */
import { describe, it, expect } from 'vitest';
import { tensor, manualSeed, randn, type Tensor, type DType } from '../../src/tensor/index.js';
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, F, type Module } from '../../src/nn/index.js';
import { loadFixture } from '../helpers/fixtures.js';

/** The children's forwards one after another: the order the model is written in. */
function writtenOrder(seq: Sequential, x: Tensor): Tensor {
  let h: unknown = x;
  for (let i = 0; i < seq.length; i++) h = (seq[i].forward as (v: unknown) => unknown)(h);
  return h as Tensor;
}

/** The bits of a float array: NaN payloads aside, equal bits are equal floats, and -0 differs from +0. */
function bits(t: Tensor): number[] {
  const a = t.contiguous().toTypedArray();
  const ints = a instanceof Float64Array ? new Uint32Array(a.buffer, a.byteOffset, a.length * 2) : new Uint32Array(a.buffer, a.byteOffset, a.length);
  return Array.from(ints, (v, i) => (Number.isNaN(a[a instanceof Float64Array ? i >> 1 : i]) ? -1 : v));
}

/** Runs `seq` both ways on the same input and upstream gradient; returns what each produced. */
function bothWays(seq: Sequential, x: Tensor, upstreamSeed = 3): { fast: number[][]; written: number[][] } {
  const run = (forward: (x: Tensor) => Tensor) => {
    seq.zeroGrad();
    const xi = x.detach().requiresGrad_();
    const y = forward(xi);
    manualSeed(upstreamSeed);
    y.backward(randn(y.shape, { dtype: y.dtype }));
    return [bits(y), bits(xi.grad!), ...seq.parameters().map((p) => bits(p.grad!))];
  };
  return { fast: run((xi) => seq.forward(xi)), written: run((xi) => writtenOrder(seq, xi)) };
}

/** Integers in −2…2 on a half-step grid, with −0s: ties inside windows, windows with no positive value. */
function tiedInput(shape: number[], dtype: DType): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => {
    const v = (((i * 7919) % 9) - 4) / 2;
    return i % 11 === 0 ? -0 : v;
  });
  return tensor(values, { dtype }).reshape(shape);
}

describe('Sequential: ReLU then MaxPool2d', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [k, s, p] of [[2, undefined, 0], [3, 2, 1], [2, 3, 0], [3, 1, 1]] as const) {
      it(`gives the written order's bits on tied inputs (${dtype}, kernel ${k}, stride ${s ?? k}, padding ${p})`, () => {
        const seq = new Sequential(new ReLU(), new MaxPool2d(k, s, p));
        const { fast, written } = bothWays(seq, tiedInput([2, 3, 9, 8], dtype));
        expect(fast).toEqual(written);
      });
    }
  }

  it("gives the written order's bits for a CNN's outputs, input gradient and every parameter's gradient", () => {
    for (const dtype of ['float32', 'float64'] as const) {
      manualSeed(11);
      const cnn = new Sequential(
        new Conv2d(1, 4, 3, { dtype }), new ReLU(), new MaxPool2d(2),
        new Conv2d(4, 6, 3, { dtype }), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(6 * 5 * 5, 3, { dtype }),
      );
      manualSeed(12);
      const x = randn([5, 1, 26, 26], { dtype });
      const { fast, written } = bothWays(cnn, x);
      expect(fast.length).toBe(2 + cnn.parameters().length);
      expect(fast).toEqual(written);
    }
  });

  it('pools first: the ReLU sees the pooled tensor', () => {
    const relu = new ReLU(), seen: number[][] = [];
    // An instance's own forward replaces the class's (as the hooks' wrapper does), so the ReLU
    // is still the plain class and Sequential may swap it.
    relu.forward = (x: Tensor) => { seen.push([...x.shape]); return F.relu(x); };
    new Sequential(relu, new MaxPool2d(2)).forward(tiedInput([1, 2, 8, 8], 'float32'));
    expect(seen).toEqual([[1, 2, 4, 4]]);
  });

  it('pools first when a window holds a NaN too: relu passes NaN on, as pooling does and as PyTorch does', () => {
    const x = tensor([NaN, 5, -1, 2, -1, -2, 3, -3, 1, 1, -4, -4, 0, -0, 2, NaN], { dtype: 'float32' }).reshape([1, 1, 4, 4]);
    const relu = new ReLU(), seen: number[][] = [];
    relu.forward = (h: Tensor) => { seen.push([...h.shape]); return F.relu(h); };
    const seq = new Sequential(relu, new MaxPool2d(2));
    expect(Array.from(seq.forward(x).toTypedArray() as Float32Array)).toEqual([NaN, 3, 1, NaN]);
    expect(seen).toEqual([[1, 1, 2, 2]]);
    const { fast, written } = bothWays(seq, x);
    expect(fast).toEqual(written);
    // The gradient reaches each NaN (what PyTorch's max-pool and relu do with one), nothing else in its window.
    const xi = x.detach().requiresGrad_();
    seq.forward(xi).sum().backward();
    expect(Array.from(xi.grad!.toTypedArray() as Float32Array)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('keeps the written order when either module has a forward hook, or the ReLU is a subclass', () => {
    const shapesSeen = (make: (relu: ReLU, pool: MaxPool2d) => Module[]) => {
      const relu = new ReLU(), pool = new MaxPool2d(2), seen: number[][] = [];
      const mods = make(relu, pool);
      const input = (m: Module) => m.registerForwardHook((_m, inputs) => { seen.push([...(inputs[0] as Tensor).shape]); });
      input(mods[0]!);
      new Sequential(...mods).forward(tiedInput([1, 2, 8, 8], 'float32'));
      return seen;
    };
    expect(shapesSeen((relu, pool) => [relu, pool])).toEqual([[1, 2, 8, 8]]);
    // A hook on the pool only: the pool still sees the ReLU's full-size output.
    const relu = new ReLU(), pool = new MaxPool2d(2), seen: number[][] = [];
    pool.registerForwardHook((_m, inputs) => { seen.push([...(inputs[0] as Tensor).shape]); });
    new Sequential(relu, pool).forward(tiedInput([1, 2, 8, 8], 'float32'));
    expect(seen).toEqual([[1, 2, 8, 8]]);
    class CountingReLU extends ReLU {
      calls: number[][] = [];
      override forward(x: Tensor): Tensor { this.calls.push([...x.shape]); return super.forward(x); }
    }
    const counting = new CountingReLU();
    new Sequential(counting, new MaxPool2d(2)).forward(tiedInput([1, 2, 8, 8], 'float32'));
    expect(counting.calls).toEqual([[1, 2, 8, 8]]);
  });

  it('matches PyTorch running conv → relu → max-pool as written, outputs and every gradient', () => {
    interface Sampled { shape: number[]; index: number[]; values: number[] }
    interface Case { name: string; output: Sampled; inputGrad: Sampled; paramGrads: { shape: number[]; values: number[] }[] }
    const fx = loadFixture<{ source: string; xShape: number[]; cases: Case[] }>('nn-conv-chunks.json');
    const c = fx.cases.find((k) => k.name === 'conv2d 3x3 padding 1, relu, maxPool2d 2')!;
    // The fixture's formula inputs (see its generator), rounded to float32.
    const formula = (shape: number[], f: (i: number) => number) =>
      tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)), { shape });
    const conv = new Conv2d(6, 4, 3, { padding: 1 }), relu = new ReLU();
    conv.loadStateDict({ weight: formula([4, 6, 3, 3], (i) => Math.cos(0.53 * i) / 4), bias: formula([4], (i) => 0.1 * i - 0.2) });
    const seen: number[][] = [];
    relu.forward = (h: Tensor) => { seen.push([...h.shape]); return F.relu(h); }; // see that the swap ran
    const x = formula(fx.xShape, (i) => Math.sin(0.37 * i + 0.1)).requiresGrad_();
    const y = new Sequential(conv, relu, new MaxPool2d(2)).forward(x);
    expect(seen).toEqual([[6, 4, 24, 24]]);
    y.mul(formula([...y.shape], (i) => Math.cos(0.11 * i))).sum().backward();
    // Float32 against PyTorch's float64, the tolerances of conv-fast.test.ts's chunk goldens.
    const check = (t: Tensor, ref: Sampled, label: string) => {
      expect(t.shape, label).toEqual(ref.shape);
      const a = t.toTypedArray();
      ref.index.forEach((at, j) => expect(Math.abs(a[at]! - ref.values[j]!), `${label}[${at}]`).toBeLessThanOrEqual(2e-5 * (1 + Math.abs(ref.values[j]!))));
    };
    check(y, c.output, 'output');
    check(x.grad!, c.inputGrad, 'input gradient');
    [conv.weight, conv.bias!].forEach((p, k) => {
      const a = p.grad!.toTypedArray(), g = c.paramGrads[k]!;
      expect([...p.shape]).toEqual(g.shape);
      g.values.forEach((v, j) => expect(Math.abs(a[j]! - v), `parameter ${k} gradient[${j}]`).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(v))));
    });
  });
});
