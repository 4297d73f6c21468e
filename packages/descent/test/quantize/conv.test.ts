/** Int8 convolution (im2col + the int8 kernel) and static quantization of a small digits CNN. */
import { describe, expect, it } from 'vitest';
import { findKernel, kernelFor, manualSeed, randn } from '../../src/tensor/index.js';
import type { QConv2dInt8Kernel } from '../../src/tensor/backends/wasm/int8.js';
import { Conv2d, Flatten, Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { QuantizedConv2d, qconvReference, quantizeStatic } from '../../src/quantize/index.js';
import { accuracy, digitsSplit, train, type Split } from './helpers.js';

describe('qconv2dInt8 kernel (im2col_quantize_i8 + qlinear_i8)', () => {
  it('is served by the WebAssembly backend', () => { expect(kernelFor('qconv2dInt8', 'float32')).toBe('wasm-simd'); });
  const cases = [
    { N: 1, C: 1, H: 5, W: 5, kh: 3, kw: 3, sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1 },
    { N: 2, C: 3, H: 7, W: 6, kh: 3, kw: 2, sh: 2, sw: 1, ph: 1, pw: 2, dh: 1, dw: 2 },
    { N: 3, C: 4, H: 9, W: 9, kh: 5, kw: 5, sh: 1, sw: 1, ph: 2, pw: 2, dh: 1, dw: 1 },
  ];
  for (const c of cases) {
    it(`equals the reference bit for bit: ${JSON.stringify(c)}`, () => {
      manualSeed(c.N * 10 + c.C);
      const Ho = Math.floor((c.H + 2 * c.ph - c.dh * (c.kh - 1) - 1) / c.sh) + 1, Wo = Math.floor((c.W + 2 * c.pw - c.dw * (c.kw - 1) - 1) / c.sw) + 1;
      const g = { ...c, Ho, Wo }, K = c.C * c.kh * c.kw, M = 5;
      const x = Float32Array.from(randn([c.N * c.C * c.H * c.W]).mul(2).data as Float32Array);
      x[0] = NaN; x[1] = 1e9;
      const W = Int8Array.from(randn([M * K]).mul(50).data as Float32Array, (v) => Math.max(-128, Math.min(127, Math.round(v))));
      const wsum = new Int32Array(M).map((_, m) => W.subarray(m * K, (m + 1) * K).reduce((a, b) => a + b, 0));
      const scale = Float32Array.from({ length: M }, (_, m) => 0.001 * (m + 1)), bias = Float32Array.from({ length: M }, (_, m) => m - 2);
      const fast = new Float32Array(c.N * Ho * Wo * M), ref = new Float32Array(fast.length);
      findKernel<QConv2dInt8Kernel>('qconv2dInt8', 'float32')!(x, g, Math.fround(1 / 0.03), 5, W, wsum, scale, bias, fast);
      qconvReference(x, g, Math.fround(1 / 0.03), 5, W, wsum, scale, bias, ref);
      expect(Array.from(fast)).toEqual(Array.from(ref));
    });
  }
});

describe('QuantizedConv2d', () => {
  for (const opts of [{}, { padding: 1 }, { stride: 2, padding: 1 }, { dilation: 2 }] as const) {
    it(`stays close to the float convolution ${JSON.stringify(opts)}`, () => {
      manualSeed(1);
      const conv = new Conv2d(3, 5, 3, opts), x = randn([2, 3, 9, 9]);
      const want = conv.forward(x);
      const q = QuantizedConv2d.from(conv, { activation: { scale: 8 / 255, zeroPoint: 0 } });
      const got = q.forward(x);
      expect(got.shape).toEqual(want.shape);
      const err = got.sub(want).abs().max().item() as number;
      expect(err).toBeGreaterThan(0);
      expect(err).toBeLessThan(0.03 * (want.abs().max().item() as number));
    });
  }

  it('refuses grouped convolutions with a clear message', () => {
    expect(() => QuantizedConv2d.from(new Conv2d(4, 4, 3, { groups: 2 }))).toThrow(/QuantizedConv2d.from: only groups = 1/);
  });
});

describe('static quantization of a digits CNN', () => {
  it('converts Conv2d and Linear layers and keeps accuracy within a point', () => {
    const s0 = digitsSplit();
    const img = (x: typeof s0.xTrain) => x.reshape([x.shape[0], 1, 8, 8]);
    const s: Split = { xTrain: img(s0.xTrain), yTrain: s0.yTrain, xTest: img(s0.xTest), yTest: s0.yTest };
    manualSeed(0);
    const cnn = new Sequential(new Conv2d(1, 8, 3, { padding: 1 }), new ReLU(), new Flatten(), new Linear(8 * 64, 10));
    train(cnn, s, 4);
    const floatAcc = accuracy(cnn, s.xTest, s.yTest);
    quantizeStatic(cnn, [s.xTrain.narrow(0, 0, 128)], { method: 'minmax' });
    expect(cnn[0]).toBeInstanceOf(QuantizedConv2d);
    expect(floatAcc).toBeGreaterThan(0.94);
    expect(Math.abs(accuracy(cnn, s.xTest, s.yTest) - floatAcc)).toBeLessThanOrEqual(0.01);
  });
});
