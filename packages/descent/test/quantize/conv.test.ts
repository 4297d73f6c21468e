/** Int8 convolution (im2col + the int8 kernel) and static quantization of a small digits CNN. */
import { describe, expect, it } from 'vitest';
import { manualSeed, randn } from '../../src/tensor/index.js';
import { Conv2d, Flatten, Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { QuantizedConv2d, quantizeStatic } from '../../src/quantize/index.js';
import { accuracy, digitsSplit, train, type Split } from './helpers.js';

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
