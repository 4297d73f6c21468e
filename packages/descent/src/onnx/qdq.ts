/**
 * The QDQ form of quantized models: integer weights stored with a DequantizeLinear after them,
 * and activations passed through QuantizeLinear → DequantizeLinear, so a runtime that knows
 * int8 kernels (ONNX Runtime fuses the pattern into QLinearConv / QLinearMatMul) can run them
 * in integers while any runtime gets the same numbers in float.
 *
 * ONNX's definitions (onnx.ai/onnx/operators/onnx__QuantizeLinear.html):
 * q = saturate(round_half_even(x / scale) + zeroPoint), x̂ = (q − zeroPoint) · scale.
 * Scales and zero points are plain arrays here, so any quantizer can supply them.
 *
 * ```ts
 * exportOnnx(model, x, { qdq: { '0': { weight: { scale: 0.02, zeroPoint: 0, dtype: 'int8' }, input: { scale: 0.05, zeroPoint: 128 } } } });
 * ```
 */
import { DataType } from './proto.js';
import type { GraphBuilder } from './graph-builder.js';

/** Scale and zero point of one quantized tensor: per tensor (numbers) or per channel (arrays along `axis`). */
export interface QParams {
  scale: number | number[];
  zeroPoint: number | number[];
  /** Integer type (default 'uint8' for activations, 'int8' for weights). */
  dtype?: 'int8' | 'uint8';
}

/** Per layer (dotted module path): how its weight and its input are quantized. */
export type QdqSpec = Record<string, { weight?: QParams; input?: QParams }>;

/** Round half to even, as QuantizeLinear does (ONNX spec; NumPy's `rint`). */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - Math.trunc(v)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Quantizes `values` (row-major, shape `dims`) with per-tensor or per-channel parameters
 * along `axis`: q = clamp(round_half_even(v / scale) + zeroPoint, qmin, qmax).
 *
 * ```ts
 * quantizeValues(Float32Array.of(0.1, -0.26), [2], { scale: 0.1, zeroPoint: 0, dtype: 'int8' }, 0); // Int8Array [1, -3]
 * ```
 */
export function quantizeValues(values: ArrayLike<number>, dims: number[], spec: QParams, axis: number): Int8Array | Uint8Array {
  const dtype = spec.dtype ?? 'int8';
  const [lo, hi] = dtype === 'int8' ? [-128, 127] : [0, 255];
  const scales = typeof spec.scale === 'number' ? [spec.scale] : spec.scale;
  const zps = typeof spec.zeroPoint === 'number' ? [spec.zeroPoint] : spec.zeroPoint;
  const channels = dims[axis] ?? 1;
  if (scales.length !== zps.length || (scales.length !== 1 && scales.length !== channels)) {
    throw new RangeError(`quantizeValues: expected one scale and zero point, or ${channels} of each (one per channel along axis ${axis}), got ${scales.length} scales and ${zps.length} zero points`);
  }
  if (!scales.every((s) => s > 0 && Number.isFinite(s))) throw new RangeError('quantizeValues: every scale must be a positive finite number');
  if (!zps.every((z) => Number.isInteger(z) && z >= lo && z <= hi)) throw new RangeError(`quantizeValues: zero points must be integers in [${lo}, ${hi}] for ${dtype}`);
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = dtype === 'int8' ? new Int8Array(values.length) : new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = scales.length === 1 ? 0 : Math.floor(i / inner) % channels;
    out[i] = Math.min(hi, Math.max(lo, roundHalfEven(values[i] / scales[c]) + zps[c]));
  }
  return out;
}

/** Writes int8/uint8 weights and a DequantizeLinear; returns the float value's name. */
export function dequantized(g: GraphBuilder, name: string, values: Float32Array, dims: number[], spec: QParams, axis: number, nodeName: string): string {
  const q = quantizeValues(values, dims, spec, axis);
  const dtype = spec.dtype ?? 'int8';
  const elem = dtype === 'int8' ? DataType.INT8 : DataType.UINT8;
  const scales = typeof spec.scale === 'number' ? [spec.scale] : spec.scale;
  const zps = typeof spec.zeroPoint === 'number' ? [spec.zeroPoint] : spec.zeroPoint;
  const perChannel = scales.length > 1;
  const qName = g.initializer(`${name}_quantized`, q, dims, elem);
  const sName = g.initializer(`${name}_scale`, Float32Array.from(scales), perChannel ? [scales.length] : []);
  const zName = g.initializer(`${name}_zero_point`, dtype === 'int8' ? Int8Array.from(zps) : Uint8Array.from(zps), perChannel ? [zps.length] : [], elem);
  const [out] = g.node('DequantizeLinear', [qName, sName, zName], { axis: perChannel ? axis : undefined });
  g.nodes[g.nodes.length - 1].name = g.fresh(nodeName);
  return out;
}
