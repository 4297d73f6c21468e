/**
 * Walking strided storage. A tensor reads element (i0, i1, …) at
 * `offset + i0*strides[0] + i1*strides[1] + …`; views (transpose, slice, expand) change
 * only shape, strides and offset. Kernels either take the contiguous fast path or ask for
 * the list of storage positions, in row-major order of the (possibly broadcast) shape.
 */
import { allocate, type DType, type TypedArray } from './dtype.js';
import { broadcastStrides, isContiguous, sizeOf, type Shape } from './shape.js';

export interface StridedView {
  readonly data: TypedArray;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * Storage positions of every element of `v` read as shape `target` (default: its own
 * shape; a larger target broadcasts `v` along new or size-1 axes), in row-major order.
 */
export function elementOffsets(v: StridedView, target: Shape = v.shape): Int32Array {
  const strides = target === v.shape ? v.strides : broadcastStrides(v.shape, v.strides, target);
  const n = sizeOf(target);
  const out = new Int32Array(n);
  const ndim = target.length;
  if (n === 0) return out;
  if (ndim === 0) {
    out[0] = v.offset;
    return out;
  }
  // An odometer over all axes but the last, with a tight loop along the last one.
  const last = ndim - 1;
  const lastSize = target[last];
  const lastStride = strides[last];
  const counter = new Array<number>(ndim).fill(0);
  let base = v.offset;
  for (let i = 0; i < n; i += lastSize) {
    let p = base;
    for (let j = 0; j < lastSize; j++, p += lastStride) out[i + j] = p;
    for (let ax = last - 1; ax >= 0; ax--) {
      counter[ax]++;
      base += strides[ax];
      if (counter[ax] < target[ax]) break;
      base -= strides[ax] * target[ax];
      counter[ax] = 0;
    }
  }
  return out;
}

/** True when the view's elements sit in storage in row-major order with no gaps. */
export function viewIsContiguous(v: StridedView): boolean {
  return isContiguous(v.shape, v.strides);
}

/** The elements of `v` as a fresh contiguous array of `dtype` (converting if needed). */
export function gather(v: StridedView, dtype: DType): TypedArray {
  const n = sizeOf(v.shape);
  const out = allocate(dtype, n);
  const toBool = dtype === 'bool';
  const toInt = dtype === 'int32';
  if (viewIsContiguous(v)) {
    const src = v.data;
    if (!toBool && !toInt && src.constructor === out.constructor) {
      out.set(src.subarray(v.offset, v.offset + n));
      return out;
    }
    for (let i = 0; i < n; i++) out[i] = convert(src[v.offset + i], toBool);
    return out;
  }
  const offs = elementOffsets(v);
  const src = v.data;
  for (let i = 0; i < n; i++) out[i] = convert(src[offs[i]], toBool);
  return out;
}

function convert(x: number, toBool: boolean): number {
  // NaN counts as true for bool, as in NumPy (bool(nan) is True). Int32Array storage
  // truncates toward zero by itself.
  return toBool ? (x !== 0 ? 1 : 0) : x;
}
