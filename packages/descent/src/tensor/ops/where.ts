/**
 * where(cond, a, b): a where cond is true, else b, broadcasting all three.
 * ∂/∂a = 1 where cond holds (0 elsewhere), ∂/∂b the reverse.
 */
import { Tensor, fromOp } from '../tensor.js';
import { allocate, DEFAULT_FLOAT, promote, promoteScalar, type DType } from '../dtype.js';
import { broadcastShapes, shapesEqual, sizeOf } from '../shape.js';
import { elementOffsets, viewIsContiguous } from '../strided.js';
import { asTensor, type TensorLike } from './create.js';
import { sumTo } from './elementwise.js';

export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = asTensor(cond, 'bool');
  let dtype: DType;
  if (a instanceof Tensor && b instanceof Tensor) dtype = promote(a.dtype, b.dtype);
  else if (a instanceof Tensor) dtype = typeof b === 'number' ? promoteScalar(a.dtype, b) : promote(a.dtype, asTensor(b).dtype);
  else if (b instanceof Tensor) dtype = typeof a === 'number' ? promoteScalar(b.dtype, a) : promote(b.dtype, asTensor(a).dtype);
  else dtype = typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b) ? 'int32' : DEFAULT_FLOAT;
  const ta = asTensor(a, dtype);
  const tb = asTensor(b, dtype);
  const shape = broadcastShapes('where', c.shape, ta.shape, tb.shape);
  const n = sizeOf(shape);
  const out = allocate(dtype, n);
  const C = c.data, A = ta.data, B = tb.data;
  // Fast layout: every operand is the full contiguous shape or a single value (relu's
  // where(x > 0, x, 0) is the common case). Otherwise walk index lists.
  const step = (t: Tensor) => (t.size === 1 ? 0 : shapesEqual(t.shape, shape) && viewIsContiguous(t) ? 1 : -1);
  const sc = step(c), sa = step(ta), sb = step(tb);
  if (sc >= 0 && sa >= 0 && sb >= 0) {
    for (let i = 0, ic = c.offset, ia = ta.offset, ib = tb.offset; i < n; i++, ic += sc, ia += sa, ib += sb) {
      out[i] = C[ic] !== 0 ? A[ia] : B[ib];
    }
  } else {
    const oc = elementOffsets(c, shape);
    const oa = elementOffsets(ta, shape);
    const ob = elementOffsets(tb, shape);
    for (let i = 0; i < n; i++) out[i] = C[oc[i]] !== 0 ? A[oa[i]] : B[ob[i]];
  }
  return fromOp(out, shape, dtype, 'where', [ta, tb], (g) => {
    const zero = 0;
    return [
      ta.requiresGrad ? sumTo(where(c, g, zero), ta.shape) : null,
      tb.requiresGrad ? sumTo(where(c, zero, g), tb.shape) : null,
    ];
  });
}
