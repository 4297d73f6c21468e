/**
 * Affine quantization: a real value x is stored as an integer q with
 *
 *     q = clamp(round(x / scale) + zeroPoint, quantMin, quantMax),   x ≈ (q − zeroPoint)·scale.
 *
 * The scale and zero point come from a range [min, max] the way PyTorch's observers compute
 * them (torch/ao/quantization/observer.py, `_calculate_qparams`, PyTorch 1.13), in float32:
 * the range is first widened to include 0 (so 0 is exactly representable, which zero
 * padding and ReLU need), then
 *
 * - affine (asymmetric): scale = (max − min) / (quantMax − quantMin),
 *   zeroPoint = quantMin − round(min / scale), clamped to the range;
 * - symmetric: scale = max(|min|, max) / ((quantMax − quantMin) / 2), zeroPoint = 0 for
 *   qint8 and 128 for quint8.
 *
 * Rounding is to nearest, ties to even (C's nearbyint, which PyTorch and FBGEMM use), and x
 * is multiplied by the float32 reciprocal of the scale rather than divided by it, as FBGEMM
 * does, so the integers match PyTorch's bit for bit.
 */
import { Tensor, tensor } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';

/** The integer types: signed 8-bit (−128…127) and unsigned 8-bit (0…255). */
export type QDType = 'qint8' | 'quint8';
/** How the range maps to integers: `affine` (asymmetric, any zero point) or `symmetric` (zero maps to the middle). */
export type QScheme = 'affine' | 'symmetric';

export interface QRangeOptions {
  dtype?: QDType;
  /** Use one bit less (−64…63 or 0…127), as PyTorch does for x86 activations to avoid overflow in its kernels. */
  reduceRange?: boolean;
}

/** float32's machine epsilon: PyTorch's floor for a scale (so a constant tensor still gets a usable one). */
export const SCALE_EPS = 2 ** -23;

const f = Math.fround;

/** Round half to even, like C's nearbyint in the default rounding mode. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The integer range of a dtype.
 *
 * ```ts
 * quantRange({ dtype: 'qint8' });                      // [-128, 127]
 * quantRange({ dtype: 'quint8', reduceRange: true });  // [0, 127]
 * ```
 */
export function quantRange(options: QRangeOptions = {}): [number, number] {
  const dtype = options.dtype ?? 'qint8';
  if (dtype !== 'qint8' && dtype !== 'quint8') throw new TypeError(`quantRange: dtype must be 'qint8' or 'quint8', got ${String(dtype)}`);
  const bits = options.reduceRange ? 7 : 8;
  return dtype === 'qint8' ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}

export interface QParamsOptions extends QRangeOptions {
  scheme?: QScheme;
  /** Explicit integer range, overriding dtype/reduceRange (e.g. 4-bit: [-8, 7]). */
  quantMin?: number;
  quantMax?: number;
}

/** A scale and zero point. */
export interface QParams { scale: number; zeroPoint: number }

/** quantMin/quantMax from explicit values or from the dtype. */
export function resolveRange(fn: string, options: QParamsOptions): [number, number] {
  if (options.quantMin !== undefined || options.quantMax !== undefined) {
    const lo = options.quantMin, hi = options.quantMax;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || (lo as number) >= (hi as number)) {
      throw new RangeError(`${fn}: quantMin and quantMax must both be integers with quantMin < quantMax, got ${lo} and ${hi}`);
    }
    return [lo as number, hi as number];
  }
  return quantRange(options);
}

/**
 * The scale and zero point PyTorch's observers compute for a range [min, max].
 *
 * ```ts
 * calculateQParams(-1, 3, { dtype: 'quint8' });                       // { scale: 4/255, zeroPoint: 64 }
 * calculateQParams(-1, 3, { dtype: 'qint8', scheme: 'symmetric' });   // { scale: 3/127.5, zeroPoint: 0 }
 * ```
 */
export function calculateQParams(min: number, max: number, options: QParamsOptions = {}): QParams {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new RangeError(`calculateQParams: need finite min <= max, got min=${min}, max=${max}; observe some finite data first`);
  }
  const scheme = options.scheme ?? 'affine';
  if (scheme !== 'affine' && scheme !== 'symmetric') throw new TypeError(`calculateQParams: scheme must be 'affine' or 'symmetric', got ${String(scheme)}`);
  const [qmin, qmax] = resolveRange('calculateQParams', options);
  const minNeg = f(Math.min(min, 0)), maxPos = f(Math.max(max, 0));
  if (scheme === 'symmetric') {
    const scale = Math.max(f(f(Math.max(-minNeg, maxPos)) / f((qmax - qmin) / 2)), SCALE_EPS);
    const custom = options.quantMin !== undefined;
    const zeroPoint = (options.dtype ?? 'qint8') === 'quint8' ? (custom ? Math.floor((qmin + qmax) / 2) : 128) : 0;
    return { scale, zeroPoint };
  }
  const scale = Math.max(f(f(maxPos - minNeg) / (qmax - qmin)), SCALE_EPS);
  const zeroPoint = Math.min(qmax, Math.max(qmin, qmin - roundHalfEven(f(minNeg / scale))));
  return { scale, zeroPoint };
}

/** One value quantized: round(x·(1/scale)) + zeroPoint, clamped (FBGEMM's order of operations). */
export function quantizeValue(x: number, scale: number, zeroPoint: number, qmin: number, qmax: number): number {
  const q = zeroPoint + roundHalfEven(f(x * f(1 / f(scale))));
  return q < qmin ? qmin : q > qmax ? qmax : q;
}

/**
 * A quantized tensor: integers with the scale and zero point that give them meaning, one
 * pair for the whole tensor or one per slice along `axis`.
 */
export interface QuantizedTensor {
  readonly dtype: QDType;
  readonly shape: readonly number[];
  /** The integers, row-major (Int8Array for qint8, Uint8Array for quint8). */
  readonly values: Int8Array | Uint8Array;
  /** One scale (per tensor) or one per channel along `axis`. */
  readonly scale: Float32Array;
  readonly zeroPoint: Int32Array;
  /** The channel axis for per-channel quantization, or null for per tensor. */
  readonly axis: number | null;
}

/** A tensor's values as a row-major float array (no copy when already contiguous float32). */
export function flatValues(x: Tensor): Float32Array | Float64Array {
  const c = x.contiguous();
  const d = c.data.subarray(c.offset, c.offset + c.size);
  return d instanceof Float32Array || d instanceof Float64Array ? d : Float64Array.from(d);
}

function allocate(dtype: QDType, n: number): Int8Array | Uint8Array {
  return dtype === 'qint8' ? new Int8Array(n) : new Uint8Array(n);
}

/**
 * Quantizes a float tensor with one scale and zero point (torch.quantize_per_tensor).
 *
 * ```ts
 * const q = quantizePerTensor(tensor([-1, 0, 0.5, 3]), 4 / 255, 64, 'quint8');
 * q.values;          // Uint8Array [0, 64, 96, 255]
 * dequantize(q);     // ≈ [-1, 0, 0.5, 3]
 * ```
 */
export function quantizePerTensor(x: Tensor, scale: number, zeroPoint: number, dtype: QDType = 'qint8'): QuantizedTensor {
  const [qmin, qmax] = quantRange({ dtype });
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`quantizePerTensor: scale must be a finite number > 0, got ${scale}`);
  if (!Number.isInteger(zeroPoint) || zeroPoint < qmin || zeroPoint > qmax) {
    throw new RangeError(`quantizePerTensor: zeroPoint must be an integer in [${qmin}, ${qmax}] for ${dtype}, got ${zeroPoint}`);
  }
  const src = flatValues(x), out = allocate(dtype, src.length);
  const inv = f(1 / f(scale));
  for (let i = 0; i < src.length; i++) {
    const q = zeroPoint + roundHalfEven(f(src[i] * inv));
    out[i] = q < qmin ? qmin : q > qmax ? qmax : q;
  }
  return { dtype, shape: [...x.shape], values: out, scale: Float32Array.of(scale), zeroPoint: Int32Array.of(zeroPoint), axis: null };
}

/** outer × channels × inner: how a row-major tensor splits around `axis`. */
export function splitAround(shape: readonly number[], axis: number): [number, number, number] {
  let outer = 1, inner = 1;
  for (let d = 0; d < axis; d++) outer *= shape[d];
  for (let d = axis + 1; d < shape.length; d++) inner *= shape[d];
  return [outer, shape[axis], inner];
}

/** A possibly negative axis, checked against ndim. */
export function normalizeAxis(fn: string, axis: number, ndim: number): number {
  const a = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= ndim) throw new RangeError(`${fn}: axis ${axis} is out of range for a tensor with ${ndim} dimensions`);
  return a;
}

/**
 * Quantizes with one scale and zero point per slice along `axis` (torch.quantize_per_channel);
 * weights are usually quantized per output channel (axis 0).
 *
 * ```ts
 * const w = tensor([[0.1, -0.2], [2, 4]]);
 * quantizePerChannel(w, [0.2 / 127, 4 / 127], [0, 0], 0).values;   // Int8Array [64, -127, 64, 127]
 * ```
 */
export function quantizePerChannel(x: Tensor, scales: ArrayLike<number>, zeroPoints: ArrayLike<number>, axis: number, dtype: QDType = 'qint8'): QuantizedTensor {
  const a = normalizeAxis('quantizePerChannel', axis, x.ndim);
  const [outer, channels, inner] = splitAround(x.shape, a);
  if (scales.length !== channels || zeroPoints.length !== channels) {
    throw new RangeError(`quantizePerChannel: need one scale and zero point per channel (${channels} along axis ${a} of ${fmtShape(x.shape)}), got ${scales.length} and ${zeroPoints.length}`);
  }
  const [qmin, qmax] = quantRange({ dtype });
  const src = flatValues(x), out = allocate(dtype, src.length);
  for (let c = 0; c < channels; c++) {
    if (!(scales[c] > 0) || !Number.isFinite(scales[c])) throw new RangeError(`quantizePerChannel: every scale must be a finite number > 0, got ${scales[c]} for channel ${c}`);
  }
  for (let o = 0, i = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const inv = f(1 / f(scales[c])), zp = zeroPoints[c];
      for (let k = 0; k < inner; k++, i++) {
        const q = zp + roundHalfEven(f(src[i] * inv));
        out[i] = q < qmin ? qmin : q > qmax ? qmax : q;
      }
    }
  }
  return { dtype, shape: [...x.shape], values: out, scale: Float32Array.from(scales), zeroPoint: Int32Array.from(zeroPoints), axis: a };
}

/**
 * The float tensor a quantized one stands for: (q − zeroPoint)·scale, float32.
 *
 * ```ts
 * dequantize(quantizePerTensor(tensor([0.26]), 0.1, 0));   // tensor([0.3])
 * ```
 */
export function dequantize(q: QuantizedTensor): Tensor {
  const n = q.values.length, out = new Float32Array(n);
  if (q.axis === null) {
    const s = q.scale[0], z = q.zeroPoint[0];
    for (let i = 0; i < n; i++) out[i] = (q.values[i] - z) * s;
  } else {
    const [outer, channels, inner] = splitAround(q.shape, q.axis);
    for (let o = 0, i = 0; o < outer; o++) {
      for (let c = 0; c < channels; c++) {
        const s = q.scale[c], z = q.zeroPoint[c];
        for (let k = 0; k < inner; k++, i++) out[i] = (q.values[i] - z) * s;
      }
    }
  }
  return tensor(out, { shape: [...q.shape] });
}
