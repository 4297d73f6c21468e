import { describe, it, expect } from 'vitest';
import { randn, manualSeed, tensor, type Tensor } from '../../src/tensor/index.js';
import {
  Sequential, Linear, ReLU, GELU, Tanh, Sigmoid, Softmax, LeakyReLU, SiLU, ELU, Mish, Softplus, Hardtanh, LogSoftmax, Flatten, Dropout,
  Conv2d, Conv1d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, MaxPool1d, AvgPool1d, BatchNorm1d, BatchNorm2d, LayerNorm, LSTM, GRU, MultiheadAttention, Module,
} from '../../src/nn/index.js';
import { loadIris } from '../../src/datasets/index.js';
import { LogisticRegression, RandomForestClassifier, GradientBoostingRegressor, Ridge } from '../../src/learn/index.js';
import { runOrt, expectClose } from './ort.js';
import { exportOnnx, exportOnnxEstimator, importOnnx, GraphBuilder } from '../../src/onnx/index.js';

function expectSame(a: Tensor, b: Tensor, tol = 1e-4): void {
  expect([...a.shape]).toEqual([...b.shape]);
  const x = Array.from(a.toTypedArray() as ArrayLike<number>), y = Array.from(b.contiguous().toTypedArray() as ArrayLike<number>);
  expect(Math.max(0, ...x.map((v, i) => Math.abs(v - y[i]) / (1 + Math.abs(y[i]))))).toBeLessThan(tol);
}

function roundTrip(model: Module, inputs: Tensor[]): void {
  const back = importOnnx(exportOnnx(model, inputs));
  const args = model instanceof MultiheadAttention && inputs.length === 1 ? [inputs[0], inputs[0], inputs[0]] : inputs;
  const want = [(model.forward as (...a: Tensor[]) => unknown)(...args)].flat(2).filter((t): t is Tensor => t !== null);
  const got = [back.forward(...inputs)].flat();
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expectSame(g, want[i]));
}

function warm(model: Module, x: Tensor): Module {
  model.train();
  for (let i = 0; i < 3; i++) model.forward(x.mul(1 + i).add(i * 0.5));
  return model.eval();
}

describe('importOnnx: export → import gives the same outputs', () => {
  it('feed-forward models with every exported operator', () => {
    manualSeed(21);
    const acts = [new ReLU(), new GELU(), new GELU('tanh'), new Tanh(), new Sigmoid(), new LeakyReLU(0.2), new SiLU(), new ELU(0.7), new Mish(), new Softplus(), new Softplus(2), new Hardtanh(-0.5, 0.5)];
    const layers: Module[] = [new Linear(6, 8)];
    for (const a of acts) layers.push(a, new Linear(8, 8));
    layers.push(new Dropout(0.3), new Linear(8, 4), new LogSoftmax(-1), new Softmax(-1));
    roundTrip(new Sequential(...layers).eval(), [randn([5, 6])]);
    const x = randn([3, 2, 8, 8]);
    roundTrip(warm(new Sequential(
      new Conv2d(2, 4, 3, { padding: 1 }), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
      new Conv2d(4, 6, [3, 2], { stride: [1, 2], groups: 2 }), new AvgPool2d(3, 1, 1), new AdaptiveAvgPool2d([1, 2]), new Flatten(), new Linear(12, 3),
    ), x), [x]);
    roundTrip(new Sequential(new Conv2d(2, 3, 3), new AdaptiveAvgPool2d(1), new Flatten(), new LayerNorm(3)).eval(), [x]);
    const x1 = randn([4, 3, 10]);
    roundTrip(warm(new Sequential(new Conv1d(3, 5, 3, { padding: 1 }), new BatchNorm1d(5), new MaxPool1d(2), new AvgPool1d(2, 2, 1), new LayerNorm([5, 3]), new Flatten(0, -1)), x1), [x1]);
  });

  it('LSTM, GRU and MultiheadAttention', () => {
    manualSeed(22);
    const x = randn([6, 2, 3]);
    for (const rnn of [new LSTM(3, 4, { numLayers: 2, bidirectional: true }), new GRU(3, 4, { numLayers: 2, bidirectional: true, batchFirst: true })]) roundTrip(rnn.eval(), [x]);
    roundTrip(new MultiheadAttention(8, 2).eval(), [randn([5, 3, 8])]);
    roundTrip(new MultiheadAttention(8, 4, { batchFirst: true, kdim: 6, vdim: 5 }).eval(), [randn([2, 4, 8]), randn([2, 7, 6]), randn([2, 7, 5])]);
  });

  it('QDQ models import with the numbers ONNX Runtime computes', async () => {
    manualSeed(23);
    const model = new Sequential(new Linear(4, 5), new ReLU(), new Linear(5, 2)).eval();
    const x = randn([3, 4]);
    const bytes = exportOnnx(model, x, { qdq: { '0': { weight: { scale: [0.05, 0.04, 0.03, 0.05, 0.02], zeroPoint: [0, 0, 0, 0, 0] }, input: { scale: 0.03, zeroPoint: 120 } }, '2': { input: { scale: 0.02, zeroPoint: -3, dtype: 'int8' } } } });
    const back = importOnnx(bytes).forward(x) as Tensor;
    expectClose((await runOrt(bytes, { input: x })).output, back, 1e-3);
    // The quantization is really there: the float model's output differs.
    expect(Math.max(...Array.from(back.sub(model.forward(x)).abs().toTypedArray() as ArrayLike<number>))).toBeGreaterThan(1e-3);
  });

  it('learn models: linear, forest and boosting', () => {
    const { data, target } = loadIris();
    const X = data as number[][], y = target as number[];
    const xt = tensor(X.map((r) => r.map(Math.fround)), { dtype: 'float32' });
    const lr = new LogisticRegression({ maxIter: 500 }).fit(X, y);
    const [label, proba] = importOnnx(exportOnnxEstimator(lr)).forward(xt) as Tensor[];
    expect(Array.from(label.toTypedArray() as ArrayLike<number>)).toEqual(lr.predict(X));
    expectSame(proba, tensor(lr.predictProba(X)), 1e-5);
    const rf = new RandomForestClassifier({ nEstimators: 8, randomState: 0 }).fit(X, y);
    const [rfLabel, rfProba] = importOnnx(exportOnnxEstimator(rf)).forward(xt) as Tensor[];
    expect(Array.from(rfLabel.toTypedArray() as ArrayLike<number>)).toEqual(rf.predict(X));
    expectSame(rfProba, tensor(rf.predictProba(X)), 1e-5);
    const gb = new GradientBoostingRegressor({ nEstimators: 10, randomState: 0 }).fit(X, y);
    expectSame(importOnnx(exportOnnxEstimator(gb)).forward(xt) as Tensor, tensor(gb.predict(X)), 1e-5);
    const ridge = new Ridge().fit(X, y);
    expectSame(importOnnx(exportOnnxEstimator(ridge)).forward(xt) as Tensor, tensor(ridge.predict(X)), 1e-5);
  });

  it('imported weights are Parameters: the model can be fine-tuned', () => {
    manualSeed(24);
    const model = new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 1)).eval();
    const back = importOnnx(exportOnnx(model, randn([2, 3])));
    expect(back.parameters().map((p) => p.size).sort((a, b) => a - b)).toEqual([1, 4, 4, 12]);
    const loss = (back.forward(randn([5, 3])) as Tensor).square().mean();
    loss.backward();
    expect(back.parameters().every((p) => p.grad !== null)).toBe(true);
  });

  it('refuses unknown operators and wrong input counts by name', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['N', 2]);
    g.output(g.node('Einsum', [x], { equation: 'ij->ji' })[0], 'y', [2, 'N']);
    expect(() => importOnnx(g.encode('bad'))).toThrow(/importOnnx: the graph uses Einsum, which Descent cannot run; supported: Identity, .*MatMul/);
    const ok = importOnnx(exportOnnx(new Linear(2, 2).eval(), randn([1, 2])));
    expect(() => ok.forward()).toThrow(/takes 1 input\(s\) \(input\), got 0/);
  });
});
