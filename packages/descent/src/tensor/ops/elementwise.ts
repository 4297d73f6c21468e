/**
 * The loops behind every elementwise op. The reference loops call a scalar function per
 * element and handle any strides and broadcasting; when every input is contiguous (or a
 * single value) and a backend registered a kernel for the op and dtype, that kernel runs
 * instead.
 */
import { Tensor } from '../tensor.js';
import { allocate, type DType, type TypedArray } from '../dtype.js';
import { broadcastShapes, shapesEqual, sizeOf } from '../shape.js';
import { elementOffsets, viewIsContiguous } from '../strided.js';
import { findKernel } from '../backend.js';

/** A backend kernel for a unary op over contiguous data: `out[i] = f(x[xOff + i])`. */
export type UnaryKernel = (x: TypedArray, xOff: number, out: TypedArray, n: number) => void;

/**
 * A backend kernel for a binary op over contiguous data; `aStep`/`bStep` are 1 for a full
 * operand and 0 for a single value broadcast to all `n` outputs.
 */
export type BinaryKernel = (a: TypedArray, aOff: number, aStep: 0 | 1, b: TypedArray, bOff: number, bStep: 0 | 1, out: TypedArray, n: number) => void;

/** `f` applied to each element of `x`; the result has dtype `outDtype` and x's shape. */
export function mapUnary(op: string, x: Tensor, outDtype: DType, f: (v: number) => number): TypedArray {
  const n = x.size;
  const out = allocate(outDtype, n);
  const src = x.data;
  if (viewIsContiguous(x)) {
    const kernel = x.dtype === outDtype ? findKernel<UnaryKernel>(op, outDtype) : undefined;
    if (kernel) { kernel(src, x.offset, out, n); return out; }
    const off = x.offset;
    for (let i = 0; i < n; i++) out[i] = f(src[off + i]);
  } else {
    const offs = elementOffsets(x);
    for (let i = 0; i < n; i++) out[i] = f(src[offs[i]]);
  }
  return out;
}

/**
 * `f` applied pairwise after broadcasting `a` and `b` to a common shape. Returns the values
 * and that shape. Inputs are read in their own dtypes; the caller chooses `outDtype`.
 */
export function mapBinary(op: string, a: Tensor, b: Tensor, outDtype: DType, f: (x: number, y: number) => number): { data: TypedArray; shape: number[] } {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const n = sizeOf(shape);
  const out = allocate(outDtype, n);
  const A = a.data;
  const B = b.data;
  // Fast layouts: each operand is either the full contiguous shape or one value.
  const aStep = a.size === 1 ? 0 : shapesEqual(a.shape, shape) && viewIsContiguous(a) ? 1 : -1;
  const bStep = b.size === 1 ? 0 : shapesEqual(b.shape, shape) && viewIsContiguous(b) ? 1 : -1;
  if (aStep >= 0 && bStep >= 0) {
    const sameDtype = a.dtype === outDtype && b.dtype === outDtype;
    const kernel = sameDtype ? findKernel<BinaryKernel>(op, outDtype) : undefined;
    if (kernel) {
      kernel(A, a.offset, aStep as 0 | 1, B, b.offset, bStep as 0 | 1, out, n);
    } else {
      let ia = a.offset;
      let ib = b.offset;
      for (let i = 0; i < n; i++, ia += aStep, ib += bStep) out[i] = f(A[ia], B[ib]);
    }
    return { data: out, shape };
  }
  // One operand full and contiguous, the other a contiguous block of its trailing axes
  // repeated (a bias row added to every row of a batch): walk both without index lists.
  const aTail = trailingBlock(a, shape);
  const bTail = trailingBlock(b, shape);
  if (aStep === 1 && bTail > 0) {
    for (let i = 0, ia = a.offset; i < n; i += bTail) {
      for (let j = 0; j < bTail; j++, ia++) out[i + j] = f(A[ia], B[b.offset + j]);
    }
    return { data: out, shape };
  }
  if (bStep === 1 && aTail > 0) {
    for (let i = 0, ib = b.offset; i < n; i += aTail) {
      for (let j = 0; j < aTail; j++, ib++) out[i + j] = f(A[a.offset + j], B[ib]);
    }
    return { data: out, shape };
  }
  const oa = elementOffsets(a, shape);
  const ob = elementOffsets(b, shape);
  for (let i = 0; i < n; i++) out[i] = f(A[oa[i]], B[ob[i]]);
  return { data: out, shape };
}

/**
 * If `t` is contiguous and its shape, without leading 1s, equals the last axes of `shape`,
 * the length of that block (so t repeats every that many outputs); otherwise 0.
 */
function trailingBlock(t: Tensor, shape: readonly number[]): number {
  if (!viewIsContiguous(t) || t.size === 0) return 0;
  let k = 0;
  while (k < t.ndim && t.shape[k] === 1) k++;
  const own = t.shape.slice(k);
  const tail = shape.slice(shape.length - own.length);
  return shapesEqual(own, tail) ? t.size : 0;
}

/**
 * Sums a broadcast gradient back to the shape of the input it came from: the axes that
 * broadcasting added or stretched from 1 are summed away.
 */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? g.sum(axes, true) : g;
  return summed.reshape(shape);
}
