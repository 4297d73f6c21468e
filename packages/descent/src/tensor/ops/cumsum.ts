/**
 * Cumulative sum along an axis: yᵢ = x₀ + … + xᵢ.
 * Backward: xⱼ appears in every yᵢ with i ≥ j, so ∂L/∂xⱼ = Σ_{i≥j} ∂L/∂yᵢ, a cumulative
 * sum taken from the other end: flip, cumsum, flip.
 */
import { Tensor, fromOp } from '../tensor.js';
import { allocate, type DType } from '../dtype.js';
import { normAxis, sizeOf } from '../shape.js';
import { elementOffsets } from '../strided.js';

export function cumsum(x: Tensor, axis: number): Tensor {
  const ax = normAxis('cumsum', axis, x.ndim);
  const dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
  const n = x.size;
  const out = allocate(dtype, n);
  if (n > 0) {
    const offs = elementOffsets(x);
    const len = x.ndim === 0 ? 1 : x.shape[ax];
    const inner = sizeOf(x.shape.slice(ax + 1));
    const outer = n / (len * inner);
    const src = x.data;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let acc = 0;
        for (let k = 0; k < len; k++) {
          const at = (o * len + k) * inner + i;
          acc += src[offs[at]];
          out[at] = acc;
        }
      }
    }
  }
  return fromOp(out, x.shape, dtype, 'cumsum', [x], (g) => [g.flip(ax).cumsum(ax).flip(ax)]);
}
