/**
 * descent/quantize's scales, zero points, quantized integers and fake quantization against
 * PyTorch 1.13 (tools/fixtures/quantize.py: torch.ao.quantization observers,
 * torch.quantize_per_tensor / per_channel, torch.fake_quantize_per_*_affine forward and
 * backward).
 */
import { describe, expect, it } from 'vitest';
import { randn, manualSeed, tensor } from '../../src/tensor/index.js';
import {
  MinMaxObserver, MovingAverageMinMaxObserver, MseObserver, PerChannelMinMaxObserver, PercentileObserver,
  calculateQParams, dequantize, fakeQuantize, quantizePerChannel, quantizePerTensor, type QDType,
} from '../../src/quantize/index.js';
import { loadFixture } from '../helpers/fixtures.js';

type Nested = number | Nested[];
interface Observed { observer: string; dtype: QDType; scheme: 'affine' | 'symmetric'; reduceRange: boolean; min: Nested; max: Nested; scale: Nested; zeroPoint: Nested; x: Nested; q: Nested; dq: Nested }
interface PerChannel { dtype: QDType; scheme: 'affine' | 'symmetric'; axis: number; min: number[]; max: number[]; scale: number[]; zeroPoint: number[]; x: Nested; q: Nested; dq: Nested }
interface Fake { kind: string; axis?: number; scale: number | number[]; zeroPoint: number | number[]; quantMin: number; quantMax: number; x: number[][]; w: number[][]; y: number[][]; grad: number[][] }
const fx = loadFixture<{ batches: number[][][]; observers: Observed[]; perChannel: PerChannel[]; fake: Fake[] }>('quantize.json');
const flat = (a: Nested): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a]);
const batches = fx.batches.map((b) => tensor(b));

describe('per-tensor observers and quantization match PyTorch', () => {
  for (const c of fx.observers) {
    it(`${c.observer} ${c.dtype} ${c.scheme}${c.reduceRange ? ' reduceRange' : ''}`, () => {
      const opts = { dtype: c.dtype, scheme: c.scheme, reduceRange: c.reduceRange };
      const obs = c.observer === 'minmax' ? new MinMaxObserver(opts) : new MovingAverageMinMaxObserver(opts);
      for (const b of batches) obs.observe(b);
      expect(obs.min).toBe(Math.fround(flat(c.min)[0]));
      expect(obs.max).toBe(Math.fround(flat(c.max)[0]));
      const p = obs.calculateQParams();
      expect(p.scale).toBe(Math.fround(flat(c.scale)[0]));
      expect(p.zeroPoint).toBe(flat(c.zeroPoint)[0]);
      const q = quantizePerTensor(tensor(c.x), p.scale, p.zeroPoint, c.dtype);
      expect(Array.from(q.values)).toEqual(flat(c.q));
      expect(Array.from(dequantize(q).data as Float32Array)).toEqual(flat(c.dq).map(Math.fround));
    });
  }
});

describe('per-channel observer and quantization match PyTorch', () => {
  for (const c of fx.perChannel) {
    it(`${c.dtype} ${c.scheme} axis ${c.axis}`, () => {
      const obs = new PerChannelMinMaxObserver({ dtype: c.dtype, scheme: c.scheme, axis: c.axis });
      for (const b of batches) obs.observe(b);
      const p = obs.calculateQParams();
      expect(Array.from(p.scale)).toEqual(c.scale.map(Math.fround));
      expect(Array.from(p.zeroPoint)).toEqual(c.zeroPoint);
      const q = quantizePerChannel(tensor(c.x), p.scale, p.zeroPoint, c.axis, c.dtype);
      expect(Array.from(q.values)).toEqual(flat(c.q));
      expect(Array.from(dequantize(q).data as Float32Array)).toEqual(flat(c.dq).map(Math.fround));
    });
  }
});

describe('fakeQuantize matches PyTorch forward and straight-through backward', () => {
  for (const c of fx.fake) {
    it(`${c.kind} scale ${String(c.scale).slice(0, 20)} [${c.quantMin}, ${c.quantMax}]`, () => {
      const x = tensor(c.x).requiresGrad_();
      const y = fakeQuantize(x, c.scale, c.zeroPoint, { quantMin: c.quantMin, quantMax: c.quantMax, axis: c.axis });
      expect(Array.from(y.data as Float32Array)).toEqual(flat(c.y).map(Math.fround));
      y.mul(tensor(c.w)).sum().backward();
      const g = Array.from(x.grad!.data as Float32Array), want = flat(c.grad).map(Math.fround);
      expect(g).toEqual(want);
    });
  }
});

it('the fake-quantize fixtures reach past the clamp range (so the gradient mask is tested)', () => {
  expect(fx.fake.filter((c) => flat(c.grad).some((v) => v === 0)).length).toBeGreaterThanOrEqual(3);
});

describe('calibration observers that clip outliers', () => {
  it('PercentileObserver gives the scale of its percentile range, computed like NumPy', () => {
    const obs = new PercentileObserver({ percentile: 90 });
    obs.observe(tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(obs.range()).toEqual([1, 9]);
    expect(obs.calculateQParams()).toEqual(calculateQParams(1, 9));
  });

  it('MseObserver clips the tails of a Gaussian at 4 bits and lowers the round-trip error', () => {
    // With 16 levels the finer step pays for clipping the rare values beyond ~2.5σ; at 8
    // bits it usually does not (min-max is then MSE-optimal for light tails).
    manualSeed(3);
    const data = randn([4000]);
    const bits4 = { quantMin: -8, quantMax: 7 };
    const mse = new MseObserver(bits4), mm = new MinMaxObserver(bits4);
    mse.observe(data); mm.observe(data);
    const pm = mse.calculateQParams(), pmm = mm.calculateQParams();
    expect(pm.scale).toBeLessThan(0.85 * pmm.scale);
    expect(mse.error(pm)).toBeLessThan(0.8 * mse.error(pmm));
  });

  it('names the function and the fix on bad input', () => {
    expect(() => new MinMaxObserver().calculateQParams()).toThrow(/MinMaxObserver.calculateQParams: nothing observed/);
    expect(() => new MinMaxObserver().observe(tensor([1, NaN]))).toThrow(/MinMaxObserver.observe: .*NaN/);
    expect(() => quantizePerTensor(tensor([1]), 0, 0)).toThrow(/quantizePerTensor: scale/);
    expect(() => quantizePerTensor(tensor([1]), 0.1, 200, 'qint8')).toThrow(/zeroPoint must be an integer in \[-128, 127\]/);
    expect(() => fakeQuantize(tensor([[1, 2]]), [0.1], [0])).toThrow(/need options.axis/);
  });
});
