/**
 * The int8 linear kernel (WebAssembly int8.c) against its plain-loop specification, and
 * dynamic / static quantization of a trained digits MLP.
 */
import { describe, expect, it } from 'vitest';
import { kernelFor, findKernel, manualSeed, randn, tensor, type Tensor } from '../../src/tensor/index.js';
import { Linear, Sequential } from '../../src/nn/index.js';
import { QuantizedLinear, qlinearReference, quantizeDynamic, quantizeStatic } from '../../src/quantize/index.js';
import type { QLinearInt8Kernel } from '../../src/tensor/backends/wasm/int8.js';
import { accuracy, digitsSplit, mlp, train } from './helpers.js';

describe('qlinearInt8 kernel', () => {
  it('is served by the WebAssembly backend', () => {
    expect(kernelFor('qlinearInt8', 'float32')).toBe('wasm-simd');
  });

  // Shapes that exercise the 2×4 register tile's edges and K's 16-wide tail.
  for (const [N, K, M] of [[1, 1, 1], [2, 16, 4], [3, 17, 5], [7, 33, 9], [16, 64, 10], [5, 200, 3]]) {
    it(`equals the reference bit for bit at N=${N} K=${K} M=${M}`, () => {
      manualSeed(N * 100 + K);
      const x = Float32Array.from(randn([N * K]).mul(3).data as Float32Array);
      if (N * K > 4) { x[0] = NaN; x[1] = 1e30; x[2] = -1e30; x[3] = 0.5 / 0.05; } // NaN, saturation, a tie
      const W = Int8Array.from(randn([M * K]).mul(60).data as Float32Array, (v) => Math.max(-128, Math.min(127, Math.round(v))));
      const wsum = new Int32Array(M).map((_, m) => W.subarray(m * K, (m + 1) * K).reduce((a, b) => a + b, 0));
      const scale = Float32Array.from(randn([M]).abs().mul(0.01).data as Float32Array);
      const bias = Float32Array.from(randn([M]).data as Float32Array);
      const fast = new Float32Array(N * M), ref = new Float32Array(N * M);
      const wasm = findKernel<QLinearInt8Kernel>('qlinearInt8', 'float32')!;
      wasm(x, Math.fround(1 / 0.05), -7, W, wsum, scale, bias, fast, N, K, M);
      qlinearReference(x, Math.fround(1 / 0.05), -7, W, wsum, scale, bias, ref, N, K, M);
      expect(Array.from(fast)).toEqual(Array.from(ref));
    });
  }
});

describe('QuantizedLinear', () => {
  it('stays close to the float layer (error about the int8 step)', () => {
    manualSeed(0);
    const fc = new Linear(64, 32), x = randn([20, 64]);
    const want = fc.forward(x), got = QuantizedLinear.from(fc).forward(x);
    const err = got.sub(want).abs().max().item() as number;
    const range = want.abs().max().item() as number;
    expect(err).toBeGreaterThan(0); // really quantized
    expect(err).toBeLessThan(0.03 * range);
    expect(got.shape).toEqual([20, 32]);
  });

  it('rejects inputs of the wrong width, naming the layer', () => {
    expect(() => QuantizedLinear.from(new Linear(4, 2)).forward(tensor([[1, 2, 3]]))).toThrow(/QuantizedLinear: expected input with last dimension 4/);
  });
});

describe('quantizing a trained digits MLP', () => {
  const s = digitsSplit();
  const float = train(mlp(), s, 8);
  const floatAcc = accuracy(float, s.xTest, s.yTest);
  const copy = (): Sequential => { const m = mlp(); m.loadStateDict(float.stateDict()); m.eval(); return m; };

  it('the float model is a real baseline', () => { expect(floatAcc).toBeGreaterThan(0.94); });

  it('dynamic quantization keeps accuracy within a point, with int8 layers', () => {
    const q = quantizeDynamic(copy());
    expect(q[0]).toBeInstanceOf(QuantizedLinear);
    expect(q[2]).toBeInstanceOf(QuantizedLinear);
    expect(Math.abs(accuracy(q, s.xTest, s.yTest) - floatAcc)).toBeLessThanOrEqual(0.01);
  });

  for (const method of ['minmax', 'movingAverage', 'percentile', 'mse'] as const) {
    it(`static quantization calibrated by ${method} keeps accuracy within a point`, () => {
      const calib: Tensor[] = [0, 1, 2, 3].map((i) => s.xTrain.narrow(0, i * 64, 64));
      const q = quantizeStatic(copy(), calib, { method, percentile: 99.9 });
      expect((q[0] as QuantizedLinear).activation).not.toBeNull();
      expect(Math.abs(accuracy(q, s.xTest, s.yTest) - floatAcc)).toBeLessThanOrEqual(0.01);
    });
  }

  it('names the problem on bad calibration input', () => {
    expect(() => quantizeStatic(copy(), [])).toThrow(/quantizeStatic: pass at least one calibration batch/);
  });
});
