/**
 * Constant padding: `widths[i] = [before, after]` for each axis (missing leading axes are
 * not padded, as PyTorch pads the last axes). Backward: the gradient of the padded region
 * is dropped, the rest sliced back out.
 */
import { Tensor, fromOp } from '../tensor.js';
import { allocate, castValue } from '../dtype.js';
import { contiguousStrides, fmtShape, sizeOf } from '../shape.js';
import { elementOffsets } from '../strided.js';
import type { SliceSpec } from './movement.js';

export function pad(x: Tensor, widths: readonly (readonly [number, number])[], value = 0): Tensor {
  if (widths.length > x.ndim) {
    throw new RangeError(`pad: ${widths.length} [before, after] pairs for a tensor with ${x.ndim} dimensions (shape ${fmtShape(x.shape)})`);
  }
  const lead = x.ndim - widths.length;
  const w = x.shape.map((_, i) => (i < lead ? [0, 0] as const : widths[i - lead]));
  for (const [b, a] of w) {
    if (!Number.isInteger(b) || !Number.isInteger(a) || b < 0 || a < 0) {
      throw new RangeError(`pad: widths must be non-negative integers, got ${JSON.stringify(widths)}`);
    }
  }
  const shape = x.shape.map((d, i) => d + w[i][0] + w[i][1]);
  const out = allocate(x.dtype, sizeOf(shape));
  out.fill(castValue(value, x.dtype));
  const strides = contiguousStrides(shape);
  const inner = { data: out, shape: x.shape, strides, offset: w.reduce((o, [b], i) => o + b * strides[i], 0) };
  const dst = elementOffsets(inner);
  const src = elementOffsets(x);
  for (let i = 0; i < dst.length; i++) out[dst[i]] = x.data[src[i]];
  return fromOp(out, shape, x.dtype, 'pad', [x], (g) => [g.slice(...w.map(([b], i): SliceSpec => [b, b + x.shape[i]]))]);
}
