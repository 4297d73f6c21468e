/**
 * Fake quantization: quantize and dequantize in one step, staying in floats, so a model
 * trains while seeing the rounding error int8 inference will have (quantization-aware
 * training, Jacob et al. 2018, "Quantization and Training of Neural Networks for Efficient
 * Integer-Arithmetic-Only Inference").
 *
 *     q = round(x / scale) + zeroPoint,   y = (clamp(q, quantMin, quantMax) − zeroPoint)·scale
 *
 * Rounding has derivative 0 almost everywhere, which would stop all learning, so the
 * backward pass uses the straight-through estimator (Bengio et al. 2013): it treats round as
 * the identity, and the gradient passes unchanged where q landed inside [quantMin, quantMax]
 * and is 0 where the clamp cut it off:
 *
 *     ∂y/∂x = 1 if quantMin ≤ q ≤ quantMax, else 0.
 *
 * Forward and mask are PyTorch's (torch.fake_quantize_per_tensor_affine and
 * fake_quantize_per_channel_affine, 1.13; tested against them).
 */
import { Tensor } from '../tensor/index.js';
import { fromOp } from '../tensor/tensor.js';
import { fmtShape } from '../tensor/shape.js';
import { flatValues, normalizeAxis, roundHalfEven, splitAround } from './qparams.js';

const f = Math.fround;

export interface FakeQuantizeOptions {
  quantMin?: number;
  quantMax?: number;
  /** Per-channel: the axis the scales and zero points run along. */
  axis?: number;
}

/**
 * Quantize-dequantize with the straight-through gradient. `scale`/`zeroPoint` are numbers
 * (per tensor) or arrays with one entry per slice along `axis` (per channel).
 *
 * ```ts
 * const x = tensor([0.04, 0.26, 20]).requiresGrad_();
 * const y = fakeQuantize(x, 0.1, 0, { quantMin: -128, quantMax: 127 });   // [0, 0.3, 12.7]
 * y.sum().backward();
 * x.grad;   // [1, 1, 0]: 20 was clamped
 * ```
 */
export function fakeQuantize(x: Tensor, scale: number | ArrayLike<number>, zeroPoint: number | ArrayLike<number>, options: FakeQuantizeOptions = {}): Tensor {
  const qmin = options.quantMin ?? -128, qmax = options.quantMax ?? 127;
  if (!Number.isInteger(qmin) || !Number.isInteger(qmax) || qmin >= qmax) {
    throw new RangeError(`fakeQuantize: quantMin and quantMax must be integers with quantMin < quantMax, got ${qmin} and ${qmax}`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new TypeError(`fakeQuantize: x must be a float tensor, got ${x.dtype}`);
  const perChannel = typeof scale !== 'number';
  let outer = 1, channels = 1, inner = x.size;
  if (perChannel) {
    if (options.axis === undefined) throw new RangeError('fakeQuantize: per-channel scales need options.axis (the channel axis)');
    const a = normalizeAxis('fakeQuantize', options.axis, x.ndim);
    [outer, channels, inner] = splitAround(x.shape, a);
    if (scale.length !== channels || typeof zeroPoint === 'number' || zeroPoint.length !== channels) {
      throw new RangeError(`fakeQuantize: need ${channels} scales and zero points (axis ${a} of ${fmtShape(x.shape)}), got ${scale.length} and ${typeof zeroPoint === 'number' ? 'a number' : zeroPoint.length}`);
    }
  } else if (typeof zeroPoint !== 'number') {
    throw new TypeError('fakeQuantize: a per-tensor scale (a number) needs a per-tensor zero point (a number)');
  }
  const scales = perChannel ? scale : [scale], zps = typeof zeroPoint === 'number' ? [zeroPoint] : zeroPoint;
  for (let c = 0; c < channels; c++) {
    if (!(scales[c] > 0) || !Number.isFinite(scales[c])) throw new RangeError(`fakeQuantize: scale must be a finite number > 0, got ${scales[c]}`);
    if (!Number.isInteger(zps[c]) || zps[c] < qmin || zps[c] > qmax) throw new RangeError(`fakeQuantize: zeroPoint must be an integer in [${qmin}, ${qmax}], got ${zps[c]}`);
  }
  const src = flatValues(x), n = src.length;
  const out = x.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  const mask = x.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let o = 0, i = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const s = f(scales[c]), inv = f(1 / s), z = zps[c];
      for (let k = 0; k < inner; k++, i++) {
        const q = z + roundHalfEven(f(src[i] * inv));
        const inside = q >= qmin && q <= qmax;
        mask[i] = inside ? 1 : 0;
        out[i] = ((inside ? q : q < qmin ? qmin : qmax) - z) * s;
      }
    }
  }
  const shape = [...x.shape];
  return fromOp(out, shape, x.dtype, 'fakeQuantize', [x], (g) => [g.mul(new Tensor(mask, shape, x.dtype))]);
}
