/**
 * countFlops (nn/flops.ts) against PyTorch's profiler (tools/fixtures/nn_flops.py) for
 * Linear and Conv2d, and against FLOPs counted by hand with the stated convention: 2 per
 * multiply-add, 1 per bias element, fixed per-element costs for elementwise layers.
 */
import { describe, it, expect } from 'vitest';
import { tensor, zeros } from '../../src/tensor/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { COUNTED_LAYERS, LAYER_FLOP_FORMULAS, countFlops, Conv1d, Conv2d, Flatten, Linear, LSTM, MaxPool2d, Module, MultiheadAttention, Parameter, ReLU, Sequential, Dropout, BatchNorm1d } from '../../src/nn/index.js';

interface FlopCase { kind: 'linear' | 'conv2d'; args: (number | number[])[]; kwargs: { bias?: boolean; stride?: number; padding?: number | number[]; dilation?: number | number[]; groups?: number }; inputShape: number[]; outputShape: number[]; torchFlops: number }
const fx = loadFixture<{ source: string; cases: FlopCase[] }>('nn-flops.json');

describe(`countFlops matches ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(`${c.kind}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)}) on [${c.inputShape.join(', ')}]`, () => {
      const pair = (v: number | number[] | undefined) => (Array.isArray(v) ? (v as [number, number]) : v);
      const bias = c.kwargs.bias ?? true;
      const layer = c.kind === 'linear'
        ? new Linear(c.args[0] as number, c.args[1] as number, { bias })
        : new Conv2d(c.args[0] as number, c.args[1] as number, pair(c.args[2]) as number, { bias, stride: c.kwargs.stride, padding: pair(c.kwargs.padding) as number, dilation: pair(c.kwargs.dilation) as number, groups: c.kwargs.groups });
      const count = countFlops(layer, c.inputShape);
      expect(count.layers[0].outputShape).toEqual(c.outputShape);
      // PyTorch's profiler leaves the bias out; countFlops adds one FLOP per output element for it.
      const biasFlops = bias ? c.outputShape.reduce((a, b) => a * b, 1) : 0;
      expect(count.total - biasFlops).toBe(c.torchFlops);
    });
  }
});

describe('countFlops', () => {
  it('documents a formula for every layer it counts, and none it does not', () => {
    expect(COUNTED_LAYERS.filter((n) => !(n in LAYER_FLOP_FORMULAS))).toEqual([]);
    expect(Object.keys(LAYER_FLOP_FORMULAS).filter((n) => !COUNTED_LAYERS.includes(n))).toEqual([]);
  });

  it('an MLP: (2·in + 1)·out per Linear row, 1 per ReLU element', () => {
    const mlp = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
    const one = (2 * 784 + 1) * 128 + 128 + (2 * 128 + 1) * 10; // 203,530
    expect(countFlops(mlp, [1, 784]).total).toBe(one);
    const c = countFlops(mlp, [4, 784]);
    expect(c.total).toBe(4 * one);
    expect(c.layers.map((l) => [l.name, l.type, l.outputShape])).toEqual([['0', 'Linear', [4, 128]], ['1', 'ReLU', [4, 128]], ['2', 'Linear', [4, 10]]]);
    expect(c.uncounted).toEqual([]);
  });

  it('a small CNN: conv, max-pool, flatten, linear', () => {
    const net = new Sequential(new Conv2d(3, 8, 3, { padding: 1 }), new MaxPool2d(2), new Flatten(), new Linear(128, 5));
    const conv = 2 * 8 * 8 * 8 * (2 * 3 * 3 * 3 + 1); // (2, 8, 8, 8) outputs, 27-long dot products, a bias
    const pool = 2 * 8 * 4 * 4 * 4; // (2, 8, 4, 4) outputs, 4 compares each
    const fc = 2 * 5 * (2 * 128 + 1);
    expect(countFlops(net, [2, 3, 8, 8]).total).toBe(conv + pool + fc); // 59,914
  });

  it('a 1-D convolution with stride and groups', () => {
    const conv = new Conv1d(4, 6, 3, { stride: 2, groups: 2 });
    // (1, 4, 11) → (1, 6, 5): each output is a dot product over 4/2 channels × 3 taps, plus a bias.
    expect(countFlops(conv, [1, 4, 11]).total).toBe(6 * 5 * (2 * 2 * 3 + 1));
  });

  it('an LSTM: 4 gates of (in + hidden) → hidden per step, plus two biases', () => {
    const lstm = new LSTM(4, 3);
    const perStep = 2 * 4 * 3 * (4 + 3) + 2 * 4 * 3; // 192
    expect(countFlops(lstm, [5, 2, 4]).total).toBe(5 * 2 * perStep);
  });

  it('multi-head self-attention: three projections, QKᵀ, PV, output projection', () => {
    const mha = new MultiheadAttention(4, 2);
    const x = zeros([3, 1, 4]); // (L, N, E)
    const proj = 3 * 3 * 4 * (2 * 4 + 1);
    const attend = 2 * (2 * 3 * 3 * 4);
    const out = 3 * 4 * (2 * 4 + 1);
    expect(countFlops(mha, [x, x, x]).total).toBe(proj + attend + out); // 576
  });

  it('batch norm counts inference cost, dropout none, and training mode is restored', () => {
    const net = new Sequential(new Linear(3, 2, { bias: false }), new BatchNorm1d(2), new Dropout(0.5));
    expect(countFlops(net, [5, 3]).total).toBe(5 * 2 * 2 * 3 + 2 * 5 * 2);
    expect(net.training).toBe(true);
  });

  it('lists modules with parameters it has no rule for', () => {
    class Scale extends Module {
      w = new Parameter(tensor([2]));
      forward(x: ReturnType<typeof zeros>) { return x.mul(this.w); }
    }
    const net = new Sequential(new Linear(2, 2), new Scale());
    expect(countFlops(net, [1, 2]).uncounted).toEqual(['1 (Scale)']);
    expect(() => countFlops(net, [0, 2])).toThrow(/countFlops: inputShape must be positive integers/);
  });
});
