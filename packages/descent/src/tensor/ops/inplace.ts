/**
 * Explicit in-place updates, PyTorch-style names ending in `_`. Tensors are otherwise
 * immutable; these exist for optimizers and training loops, which update parameters where
 * they live so that every holder of the tensor sees the new values.
 *
 * Allowed only when no gradient is being recorded through the tensor: inside `noGrad`,
 * or on a tensor that does not require gradients. (Writing over values that a recorded
 * graph still needs would make its gradients silently wrong.)
 *
 * ```ts
 * noGrad(() => W.sub_(W.grad!.mul(0.1)));   // one step of gradient descent
 * ```
 */
import type { Tensor } from '../tensor.js';
import { isGradEnabled } from '../autograd.js';
import { castValue } from '../dtype.js';
import { fmtShape } from '../shape.js';
import { elementOffsets, viewIsContiguous } from '../strided.js';
import { asTensor, type TensorLike } from './create.js';

function checkWritable(op: string, t: Tensor): void {
  if (isGradEnabled() && t.requiresGrad) {
    throw new Error(`${op}: cannot modify a tensor that requires gradients while they are recorded; wrap the update in noGrad(() => …)`);
  }
}

/** Writes `f(current, other)` into `t` elementwise, `other` broadcast to t's shape. */
function update(op: string, t: Tensor, other: TensorLike, f: (x: number, y: number) => number): Tensor {
  checkWritable(op, t);
  const o = asTensor(other, t.dtype);
  const T = t.data, O = o.data;
  // Fast layout (optimizer updates): t contiguous, other the same shape contiguous or one value.
  const same = o.ndim === t.ndim && o.shape.every((d, i) => d === t.shape[i]);
  if (viewIsContiguous(t) && (o.size === 1 || (same && viewIsContiguous(o)))) {
    const oStep = o.size === 1 ? 0 : 1;
    const exact = t.dtype === 'float64' || t.dtype === 'float32';
    for (let i = 0, it = t.offset, io = o.offset; i < t.size; i++, it++, io += oStep) {
      T[it] = exact ? f(T[it], O[io]) : castValue(f(T[it], O[io]), t.dtype);
    }
    return t;
  }
  let dst: Int32Array;
  let src: Int32Array;
  try {
    dst = elementOffsets(t);
    src = elementOffsets(o, t.shape);
  } catch {
    throw new RangeError(`${op}: a value of shape ${fmtShape(o.shape)} cannot be broadcast to the tensor's shape ${fmtShape(t.shape)}`);
  }
  if (o.ndim > t.ndim || o.shape.some((d, i) => d !== 1 && d !== t.shape[t.ndim - o.ndim + i])) {
    throw new RangeError(`${op}: a value of shape ${fmtShape(o.shape)} cannot be broadcast to the tensor's shape ${fmtShape(t.shape)}`);
  }
  for (let i = 0; i < dst.length; i++) T[dst[i]] = castValue(f(T[dst[i]], O[src[i]]), t.dtype);
  return t;
}

export const addInPlace = (t: Tensor, other: TensorLike) => update('add_', t, other, (x, y) => x + y);
export const subInPlace = (t: Tensor, other: TensorLike) => update('sub_', t, other, (x, y) => x - y);
export const mulInPlace = (t: Tensor, other: TensorLike) => update('mul_', t, other, (x, y) => x * y);
export const copyInPlace = (t: Tensor, other: TensorLike) => update('copy_', t, other, (_x, y) => y);
export const fillInPlace = (t: Tensor, value: number) => update('fill_', t, value, (_x, y) => y);
