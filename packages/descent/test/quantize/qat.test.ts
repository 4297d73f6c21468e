/** Quantization-aware training of the digits MLP: int8 after QAT within a point of float. */
import { describe, expect, it } from 'vitest';
import { manualSeed, randn } from '../../src/tensor/index.js';
import { Linear, Sequential, ReLU } from '../../src/nn/index.js';
import { QatLinear, QuantizedLinear, convertQat, fakeQuantize, prepareQat } from '../../src/quantize/index.js';
import { accuracy, digitsSplit, mlp, train } from './helpers.js';

describe('quantization-aware training', () => {
  it('QatLinear computes the layer on fake-quantized input and weight, and its gradient reaches the weight', () => {
    manualSeed(0);
    const fc = new Linear(8, 3), q = new QatLinear(fc), x = randn([5, 8]);
    const y = q.forward(x);
    const a = q.inputObserver.calculateQParams();
    const xq = fakeQuantize(x, a.scale, a.zeroPoint);
    expect(y.sub(fc.forward(xq)).abs().max().item()).toBeLessThan(0.05); // only the weight rounding differs
    expect(y.sub(fc.forward(x)).abs().max().item()).toBeGreaterThan(0);
    y.sum().backward();
    expect(fc.weight.grad).not.toBeNull();
    expect(new Sequential(q).parameters()).toHaveLength(2); // weight and bias, once
  });

  it('fine-tuning with fake quantization, then int8 conversion, stays within a point of float', () => {
    const s = digitsSplit();
    const model = train(mlp(), s, 8);
    const floatAcc = accuracy(model, s.xTest, s.yTest);
    prepareQat(model);
    expect(model[0]).toBeInstanceOf(QatLinear);
    train(model, s, 2, { lr: 2e-4, seed: 5 });
    const qatAcc = accuracy(model, s.xTest, s.yTest);
    convertQat(model);
    expect(model[0]).toBeInstanceOf(QuantizedLinear);
    const int8Acc = accuracy(model, s.xTest, s.yTest);
    expect(floatAcc).toBeGreaterThan(0.94);
    expect(Math.abs(int8Acc - floatAcc)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(int8Acc - qatAcc)).toBeLessThanOrEqual(0.005); // conversion computes what training saw
  });

  it('convertQat without prepareQat says what to do', () => {
    expect(() => convertQat(new Sequential(new Linear(2, 2), new ReLU()))).toThrow(/convertQat: no QatLinear layers found; call prepareQat/);
  });
});
