import { describe, it, expect } from 'vitest';
import { randn, tensor, manualSeed, noGrad, type Tensor } from '../../src/tensor/index.js';
import { Sequential, Linear, Conv2d, ReLU, Flatten } from '../../src/nn/index.js';
import { exportOnnx, quantizeValues, roundHalfEven, decodeModel } from '../../src/onnx/index.js';
import { runOrt, expectClose } from './ort.js';

/** x̂ = (q − z)·s, in Descent, as the reference for what the QDQ graph computes. */
function fakeQuant(t: Tensor, scale: number | number[], zeroPoint: number | number[], axis: number, dtype: 'int8' | 'uint8'): Tensor {
  const values = Array.from(t.contiguous().toTypedArray() as ArrayLike<number>);
  const q = quantizeValues(values, [...t.shape], { scale, zeroPoint, dtype }, axis);
  const s = typeof scale === 'number' ? [scale] : scale, z = typeof zeroPoint === 'number' ? [zeroPoint] : zeroPoint;
  const inner = t.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = Array.from(q, (v, i) => { const c = s.length === 1 ? 0 : Math.floor(i / inner) % t.shape[axis]; return (v - z[c]) * s[c]; });
  return tensor(out).reshape([...t.shape]);
}

describe('QDQ export', () => {
  it('round half to even, saturation, per-channel parameters', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 2, 3]);
    expect(Array.from(quantizeValues([1, -1, 300, -300], [4], { scale: 1, zeroPoint: 0, dtype: 'int8' }, 0))).toEqual([1, -1, 127, -128]);
    expect(Array.from(quantizeValues([1, 1, 1, 1], [2, 2], { scale: [1, 0.5], zeroPoint: [0, 3], dtype: 'uint8' }, 0))).toEqual([1, 1, 5, 5]);
    expect(() => quantizeValues([1], [1], { scale: 0, zeroPoint: 0 }, 0)).toThrow(/scale must be a positive finite/);
    expect(() => quantizeValues([1, 2], [2], { scale: [1, 1, 1], zeroPoint: [0, 0, 0] }, 0)).toThrow(/one per channel along axis 0/);
  });

  it('int8 weights (per channel and per tensor) and uint8 activations match fake quantization in ONNX Runtime', async () => {
    manualSeed(11);
    const model = new Sequential(new Conv2d(2, 3, 3, { padding: 1 }), new ReLU(), new Flatten(), new Linear(3 * 16, 4)).eval();
    const x = randn([2, 2, 4, 4]);
    const convScales = [0.02, 0.03, 0.025];
    const qdq = {
      '0': { weight: { scale: convScales, zeroPoint: [0, 0, 0], dtype: 'int8' as const }, input: { scale: 0.05, zeroPoint: 128 } },
      '3': { weight: { scale: 0.01, zeroPoint: 0, dtype: 'int8' as const }, input: { scale: 0.02, zeroPoint: 0 } },
    };
    const bytes = exportOnnx(model, x, { qdq });
    const graph = decodeModel(bytes).graph;
    expect(graph.node.filter((n) => n.opType === 'DequantizeLinear')).toHaveLength(4);
    expect(graph.initializer.filter((t) => t.dataType === 3 && t.name.endsWith('_quantized')).map((t) => t.dims)).toEqual([[3, 2, 3, 3], [4, 48]]);

    // Reference: the same model with dequantized weights and fake-quantized inputs to each layer.
    const want = noGrad(() => {
      const conv = model[0] as Conv2d, fc = model[3] as Linear;
      const wc = fakeQuant(conv.weight, convScales, [0, 0, 0], 0, 'int8');
      const wl = fakeQuant(fc.weight, 0.01, 0, 0, 'int8');
      const h = new Conv2d(2, 3, 3, { padding: 1 });
      h.weight.copy_(wc); h.bias!.copy_(conv.bias!);
      const y1 = h.forward(fakeQuant(x, 0.05, 128, 0, 'uint8')).relu().flatten(1);
      const lin = new Linear(48, 4);
      lin.weight.copy_(wl); lin.bias!.copy_(fc.bias!);
      return lin.forward(fakeQuant(y1, 0.02, 0, 0, 'uint8'));
    });
    const got = await runOrt(bytes, { input: x });
    expectClose(got.output, want, 2e-3);
    // And quantization really changed the numbers: the float model differs by more than the tolerance.
    const floatOut = Array.from(model.forward(x).toTypedArray() as ArrayLike<number>);
    expect(Math.max(...floatOut.map((v, i) => Math.abs(v - got.output.data[i])))).toBeGreaterThan(2e-3);
  });

  it('names a layer path that does not exist', () => {
    const model = new Sequential(new Linear(2, 2), new ReLU()).eval();
    expect(() => exportOnnx(model, randn([1, 2]), { qdq: { '1': { input: { scale: 1, zeroPoint: 0 } } } })).toThrow(/qdq names the layer '1', which is not a Linear/);
  });
});
