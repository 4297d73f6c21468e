/**
 * The loops behind every elementwise op. The reference loops call a scalar function per
 * element and handle any strides and broadcasting. Backends may supply faster kernels:
 * `UnaryKernel`/`BinaryKernel` when every input is contiguous (or a single value), and
 * `BroadcastKernel` (registered as `broadcast:<op>`) for any other layout, walked as
 * blocks of three nested strided loops after merging axes (see `planLoops`): a bias row
 * added to a batch, a keepdims statistic subtracted from each row, an (L, L) mask added
 * to every head, transposed and expanded views.
 */
import { Tensor } from '../tensor.js';
import { allocate, type DType, type TypedArray } from '../dtype.js';
import { broadcastShapes, broadcastStrides, shapesEqual, sizeOf } from '../shape.js';
import { gather, viewIsContiguous, type StridedView } from '../strided.js';
import { findKernel } from '../backend.js';

/** A backend kernel for a unary op over contiguous data: `out[i] = f(x[xOff + i])`. */
export type UnaryKernel = (x: TypedArray, xOff: number, out: TypedArray, n: number) => void;

/**
 * A backend kernel for a binary op over contiguous data; `aStep`/`bStep` are 1 for a full
 * operand and 0 for a single value broadcast to all `n` outputs.
 */
export type BinaryKernel = (a: TypedArray, aOff: number, aStep: 0 | 1, b: TypedArray, bOff: number, bStep: 0 | 1, out: TypedArray, n: number) => void;

/**
 * Three nested loops over one block of the output, in row-major order:
 *
 *   for i < n0, j < n1, k < n2:  out[o++] = f(a[aOff + i·a0 + j·a1 + k·a2], b[bOff + i·b0 + j·b1 + k·b2])
 *
 * with o starting at `oOff`. A stride of 0 repeats a value (broadcasting). Unused outer
 * loops have size 1.
 */
export interface Loops3 {
  n0: number; n1: number; n2: number;
  aOff: number; a0: number; a1: number; a2: number;
  bOff: number; b0: number; b1: number; b2: number;
  oOff: number;
}

/** A backend kernel for a binary op over one block of three strided loops (see `planLoops`). */
export type BroadcastKernel = (a: TypedArray, b: TypedArray, out: TypedArray, loops: Loops3) => void;

/**
 * Merges the axes of `shape` into as few loops as possible, given each operand's strides
 * over it (0 along broadcast axes). Size-1 axes are dropped, and axis i merges into the
 * one after it when every operand steps over both as over one axis
 * (stride[i] = stride[i+1]·shape[i+1]). Returns the loop sizes and each operand's
 * strides, outermost first: a contiguous (N, L, E) plus a broadcast (E) bias becomes
 * sizes [N·L, E] with strides [E, 1] and [0, 1].
 */
export function mergeAxes(shape: readonly number[], strides: readonly (readonly number[])[]): { sizes: number[]; strides: number[][] } {
  const sizes: number[] = [];
  const out: number[][] = strides.map(() => []);
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === 1) continue;
    const last = sizes.length - 1;
    if (last >= 0 && strides.every((s, k) => out[k][last] === s[i] * d)) {
      sizes[last] *= d;
      strides.forEach((s, k) => { out[k][last] = s[i]; });
    } else {
      sizes.push(d);
      strides.forEach((s, k) => out[k].push(s[i]));
    }
  }
  return { sizes, strides: out };
}

/**
 * A walk over every element of a shape, for two operands with their own strides: the
 * three innermost merged loops (`inner`), run once per combination of any loops left
 * outside them (`outer`, usually none: most layouts merge into three or fewer).
 */
export interface LoopPlan {
  inner: Loops3;
  outer: { sizes: number[]; a: number[]; b: number[] };
}

/** Plans the walk of `shape` with operand a at (aStrides, aOff) and b at (bStrides, bOff). */
export function planStrided(shape: readonly number[], aStrides: readonly number[], aOff: number, bStrides: readonly number[], bOff: number): LoopPlan {
  // mergeAxes for two operands, written out: this runs once per op, and for the small
  // tensors of lessons its cost is comparable to the loops themselves.
  const sizes: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === 1) continue;
    const last = sizes.length - 1;
    if (last >= 0 && sa[last] === aStrides[i] * d && sb[last] === bStrides[i] * d) {
      sizes[last] *= d;
      sa[last] = aStrides[i];
      sb[last] = bStrides[i];
    } else {
      sizes.push(d);
      sa.push(aStrides[i]);
      sb.push(bStrides[i]);
    }
  }
  while (sizes.length < 3) { sizes.unshift(1); sa.unshift(0); sb.unshift(0); }
  const k = sizes.length - 3;
  return {
    inner: {
      n0: sizes[k], n1: sizes[k + 1], n2: sizes[k + 2],
      aOff, a0: sa[k], a1: sa[k + 1], a2: sa[k + 2],
      bOff, b0: sb[k], b1: sb[k + 1], b2: sb[k + 2],
      oOff: 0,
    },
    outer: k > 0 ? { sizes: sizes.slice(0, k), a: sa.slice(0, k), b: sb.slice(0, k) } : NO_OUTER,
  };
}

const NO_OUTER = Object.freeze({ sizes: [] as number[], a: [] as number[], b: [] as number[] });

/** Plans `a` and `b` read as `shape`, broadcasting them. */
export function planLoops(a: StridedView, b: StridedView, shape: readonly number[]): LoopPlan {
  return planStrided(shape, broadcastStrides(a.shape, a.strides, shape), a.offset, broadcastStrides(b.shape, b.strides, shape), b.offset);
}

/** Calls `block` once per combination of the plan's outer loops, with the inner loops' offsets set for it. */
export function forEachBlock(plan: LoopPlan, block: (loops: Loops3) => void): void {
  const { inner, outer } = plan;
  const depth = outer.sizes.length;
  if (depth === 0) { block(inner); return; }
  const blockSize = inner.n0 * inner.n1 * inner.n2;
  const total = sizeOf(outer.sizes);
  const counter = new Array<number>(depth).fill(0);
  for (let blk = 0; blk < total; blk++) {
    block(inner);
    inner.oOff += blockSize;
    for (let ax = depth - 1; ax >= 0; ax--) { // an odometer over the outer loops
      counter[ax]++;
      inner.aOff += outer.a[ax];
      inner.bOff += outer.b[ax];
      if (counter[ax] < outer.sizes[ax]) break;
      inner.aOff -= outer.a[ax] * outer.sizes[ax];
      inner.bOff -= outer.b[ax] * outer.sizes[ax];
      counter[ax] = 0;
    }
  }
}

/** The elements of `x` as a fresh contiguous array of its own dtype (a copy of a strided view). */
export function copyContiguous(x: Tensor): TypedArray {
  if (viewIsContiguous(x)) return gather(x, x.dtype);
  const out = allocate(x.dtype, x.size);
  if (x.size === 0) return out;
  const src = x.data;
  forEachBlock(planLoops(x, x, x.shape), (p) => copyBlock(src, out, p));
  return out;
}

/** Tile edge for transposed copies: a 16×16 tile of reads and writes stays in cache. */
const TILE = 16;

/** out[oOff…] = the block's elements of src, in row-major order (the `a` side of the loops). */
function copyBlock(src: TypedArray, out: TypedArray, p: Loops3): void {
  const { n0, n1, n2, a0, a1, a2 } = p;
  const rowLen = n1 * n2;
  for (let i = 0; i < n0; i++) {
    const base = p.aOff + i * a0;
    const o0 = p.oOff + i * rowLen;
    if (a2 === 1) {
      for (let j = 0; j < n1; j++) {
        const from = base + j * a1;
        const to = o0 + j * n2;
        for (let k = 0; k < n2; k++) out[to + k] = src[from + k];
      }
    } else {
      // A transpose-like walk (the innermost loop strides through memory): copy in tiles
      // so the scattered reads of one tile share cache lines.
      for (let jj = 0; jj < n1; jj += TILE) {
        const jEnd = Math.min(jj + TILE, n1);
        for (let kk = 0; kk < n2; kk += TILE) {
          const kEnd = Math.min(kk + TILE, n2);
          for (let j = jj; j < jEnd; j++) {
            const to = o0 + j * n2;
            for (let k = kk, from = base + j * a1 + kk * a2; k < kEnd; k++, from += a2) out[to + k] = src[from];
          }
        }
      }
    }
  }
}

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
  } else if (n > 0) {
    // A strided view (a transpose, a slice, an expand), walked in merged loops.
    forEachBlock(planLoops(x, x, x.shape), (p) => {
      const { n0, n1, n2, a0, a1, a2 } = p;
      let o = p.oOff;
      for (let i = 0, x0 = p.aOff; i < n0; i++, x0 += a0) {
        for (let j = 0, x1 = x0; j < n1; j++, x1 += a1) {
          for (let k = 0, x2 = x1; k < n2; k++, x2 += a2) out[o++] = f(src[x2]);
        }
      }
    });
  }
  return out;
}

/**
 * `f` applied pairwise after broadcasting `a` and `b` to a common shape. Returns the values
 * and that shape. Inputs are read in their own dtypes; the caller chooses `outDtype`.
 */
export function mapBinary(op: string, a: Tensor, b: Tensor, outDtype: DType, f: (x: number, y: number) => number): { data: TypedArray; shape: readonly number[] } {
  // Equal shapes, the common case, need no broadcasting rules.
  const shape = shapesEqual(a.shape, b.shape) ? a.shape : broadcastShapes(op, a.shape, b.shape);
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
  if (n === 0) return { data: out, shape };
  // Any other layout (bias rows, keepdims statistics, masks repeated over heads, transposed
  // views), walked in merged strided loops: a backend kernel, else `f` in those loops.
  const plan = planLoops(a, b, shape);
  const kernel = a.dtype === outDtype && b.dtype === outDtype ? findKernel<BroadcastKernel>(`broadcast:${op}`, outDtype) : undefined;
  if (kernel) {
    forEachBlock(plan, (p) => kernel(A, B, out, p));
    return { data: out, shape };
  }
  forEachBlock(plan, (p) => mapBlock(A, B, out, p, f));
  return { data: out, shape };
}

/** The reference loops of `mapBinary`: out[o++] = f(a, b) over one block. */
function mapBlock(A: TypedArray, B: TypedArray, out: TypedArray, p: Loops3, f: (x: number, y: number) => number): void {
  const { n0, n1, n2, a0, a1, a2, b0, b1, b2 } = p;
  let o = p.oOff;
  for (let i = 0, ia = p.aOff, ib = p.bOff; i < n0; i++, ia += a0, ib += b0) {
    for (let j = 0, ja = ia, jb = ib; j < n1; j++, ja += a1, jb += b1) {
      for (let k = 0, ka = ja, kb = jb; k < n2; k++, ka += a2, kb += b2) out[o++] = f(A[ka], B[kb]);
    }
  }
}

/**
 * dst += src elementwise, in place: `dst` a strided view of storage the caller owns (a
 * gradient buffer autograd allocated), `src` broadcast to its shape. This is how the
 * gradient of a slice lands in its parent's gradient without a zero tensor per slice.
 */
export function addToView(dst: StridedView, src: StridedView): void {
  if (sizeOf(dst.shape) === 0) return;
  const D = dst.data;
  const S = src.data;
  const plan = planStrided(dst.shape, dst.strides, dst.offset, broadcastStrides(src.shape, src.strides, dst.shape), src.offset);
  forEachBlock(plan, (p) => addBlock(D, S, p));
}

/** D[a positions] += S[b positions] over one block of loops. */
function addBlock(D: TypedArray, S: TypedArray, p: Loops3): void {
  const { n0, n1, n2, a0, a1, a2, b0, b1, b2 } = p;
  for (let i = 0, ia = p.aOff, ib = p.bOff; i < n0; i++, ia += a0, ib += b0) {
    for (let j = 0, ja = ia, jb = ib; j < n1; j++, ja += a1, jb += b1) {
      if (a2 === 1 && b2 === 1) for (let k = 0; k < n2; k++) D[ja + k] += S[jb + k];
      else for (let k = 0, ka = ja, kb = jb; k < n2; k++, ka += a2, kb += b2) D[ka] += S[kb];
    }
  }
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
