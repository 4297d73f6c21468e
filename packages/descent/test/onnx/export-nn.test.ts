import { describe, it, expect } from 'vitest';
import { randn, manualSeed, type Tensor } from '../../src/tensor/index.js';
import {
  Sequential, Linear, ReLU, GELU, Tanh, Sigmoid, Softmax, LeakyReLU, SiLU, ELU, Mish, Softplus, Hardtanh, LogSoftmax, Flatten, Dropout,
  Conv2d, Conv1d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, MaxPool1d, AvgPool1d, BatchNorm1d, BatchNorm2d, LayerNorm, LSTM, GRU, MultiheadAttention, Module,
} from '../../src/nn/index.js';
import { exportOnnx, registerOnnxExporter } from '../../src/onnx/index.js';
import { runOrt, expectClose } from './ort.js';

/** Gives BatchNorm non-trivial running statistics by training on a few batches. */
function warmBatchNorm(model: Module, x: Tensor): void {
  model.train();
  for (let i = 0; i < 3; i++) model.forward(x.mul(1 + i).add(i * 0.5));
  model.eval();
}

async function checkModel(model: Module, x: Tensor, tol = 1e-4): Promise<void> {
  const bytes = exportOnnx(model, x);
  const want = model.forward(x) as Tensor;
  const got = await runOrt(bytes, { input: x });
  expectClose(got.output, want, tol);
}

describe('exportOnnx: feed-forward layers run in ONNX Runtime like Descent', () => {
  it('an MLP with every activation', async () => {
    manualSeed(1);
    const acts = [new ReLU(), new GELU(), new GELU('tanh'), new Tanh(), new Sigmoid(), new LeakyReLU(0.2), new SiLU(), new ELU(0.7), new Mish(), new Softplus(), new Softplus(2), new Hardtanh(-0.5, 0.5)];
    const layers: Module[] = [new Linear(6, 8)];
    for (const a of acts) layers.push(a, new Linear(8, 8));
    layers.push(new Dropout(0.3), new Linear(8, 4), new Softmax(-1));
    const model = new Sequential(...layers).eval();
    await checkModel(model, randn([5, 6]));
    await checkModel(new Sequential(new Linear(3, 4), new LogSoftmax(1)).eval(), randn([2, 3]));
  });

  it('a small CNN: Conv2d, BatchNorm2d, pooling, Flatten, Linear', async () => {
    manualSeed(2);
    const model = new Sequential(
      new Conv2d(2, 4, 3, { padding: 1 }), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
      new Conv2d(4, 6, [3, 2], { stride: [1, 2], dilation: 1, groups: 2 }), new AvgPool2d(3, 1, 1),
      new AdaptiveAvgPool2d([1, 2]), new Flatten(), new Linear(12, 3),
    );
    const x = randn([3, 2, 8, 8]);
    warmBatchNorm(model, x);
    await checkModel(model, x);
    await checkModel(new Sequential(new Conv2d(2, 3, 3), new AdaptiveAvgPool2d(1), new Flatten(), new LayerNorm(3)).eval(), x);
  });

  it('Conv1d with pooling and BatchNorm1d; LayerNorm over two axes', async () => {
    manualSeed(3);
    const model = new Sequential(new Conv1d(3, 5, 3, { padding: 1, stride: 1 }), new BatchNorm1d(5), new MaxPool1d(2), new AvgPool1d(2, 2, 1), new LayerNorm([5, 3]));
    const x = randn([4, 3, 10]);
    warmBatchNorm(model, x);
    await checkModel(model, x);
    const flat = new Sequential(new Linear(4, 6), new BatchNorm1d(6), new Flatten(0, -1));
    warmBatchNorm(flat, randn([5, 4]));
    await checkModel(flat, randn([5, 4]));
  });

  it('the batch axis stays dynamic', async () => {
    manualSeed(4);
    const model = new Sequential(new Linear(3, 2), new Tanh()).eval();
    const bytes = exportOnnx(model, randn([2, 3]));
    const x = randn([7, 3]);
    expectClose((await runOrt(bytes, { input: x })).output, model.forward(x));
  });

  it('LSTM and GRU, stacked, bidirectional, batch-first', async () => {
    manualSeed(5);
    const x = randn([6, 2, 3]);   // (L, N, I)
    for (const rnn of [new LSTM(3, 4), new LSTM(3, 4, { numLayers: 2, bidirectional: true }), new GRU(3, 5), new GRU(3, 4, { numLayers: 2, bidirectional: true, batchFirst: true })]) {
      rnn.eval();
      const bytes = exportOnnx(rnn, x);
      const got = await runOrt(bytes, { input: x });
      const out = rnn.forward(x) as unknown as [Tensor, Tensor | [Tensor, Tensor]];
      const states = Array.isArray(out[1]) ? out[1] : [out[1]];
      expectClose(got.output, out[0]);
      expectClose(got.output1, states[0]);
      if (states[1]) expectClose(got.output2, states[1]);
    }
  });

  it('MultiheadAttention: self-attention and query/key/value, both layouts', async () => {
    manualSeed(6);
    const self = new MultiheadAttention(8, 2).eval();
    const x = randn([5, 3, 8]);   // (L, N, E)
    const [out, w] = self.forward(x, x, x);
    const got = await runOrt(exportOnnx(self, x), { input: x });
    expectClose(got.output, out);
    expectClose(got.output1, w!);
    const cross = new MultiheadAttention(8, 4, { batchFirst: true, kdim: 6, vdim: 5 }).eval();
    const q = randn([2, 4, 8]), k = randn([2, 7, 6]), v = randn([2, 7, 5]);
    const [o2] = cross.forward(q, k, v);
    const got2 = await runOrt(exportOnnx(cross, [q, k, v]), { input0: q, input1: k, input2: v });
    expectClose(got2.output, o2);
  });

  it('a residual block through registerOnnxExporter', async () => {
    class Residual extends Module {
      constructor(readonly body: Module) { super(); }
      forward(x: Tensor): Tensor { return x.add(this.body.forward(x) as Tensor); }
    }
    registerOnnxExporter(Residual, (m, [x], ctx) => {
      const [y] = ctx.emit(m.body, [x], 'body');
      return ctx.g.node('Add', [x.name, y.name]);
    });
    manualSeed(7);
    const model = new Sequential(new Linear(4, 6), new Residual(new Sequential(new Linear(6, 6), new ReLU())), new LayerNorm(6)).eval();
    await checkModel(model, randn([3, 4]));
  });
});

describe('exportOnnx: errors', () => {
  it('names the problem and the fix', () => {
    class Mystery extends Module { forward(x: Tensor): Tensor { return x; } }
    const x = randn([2, 3]);
    expect(() => exportOnnx(new Sequential(new Linear(3, 3)), x)).toThrow(/training mode.*eval\(\)/);
    expect(() => exportOnnx(new Sequential(new Linear(3, 3), new Mystery()).eval(), x)).toThrow(/no ONNX exporter for Mystery \(at '1'\).*registerOnnxExporter/);
    expect(() => exportOnnx(new Sequential(new Conv2d(1, 1, 1), new AdaptiveAvgPool2d(2)).eval(), randn([1, 1, 5, 5]))).toThrow(/not an even split/);
    expect(() => exportOnnx(new Linear(3, 3).eval(), x, { opset: 13 })).toThrow(/opset must be an integer >= 17/);
  });
});
