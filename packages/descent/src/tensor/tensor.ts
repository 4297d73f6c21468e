/**
 * The `Tensor`: an n-dimensional array of one dtype, with reverse-mode autograd.
 *
 * A tensor is a view of a typed array (`data`) through `shape`, `strides` and `offset`, so
 * reshape, transpose, expand and slice share storage instead of copying. Tensors are
 * immutable: every op returns a new tensor. The only in-place writes are explicit ones
 * inside optimizers and `noGrad` blocks.
 *
 * The methods here are thin: each forwards to the op of the same name in `ops/`, where its
 * math, its reference kernel and its gradient rule live together.
 */
import { runBackward, isGradEnabled, type BackwardOptions, type GradNode } from './autograd.js';
import { isFloat, type DType, type TypedArray } from './dtype.js';
import { contiguousStrides, fmtShape, sizeOf, type Shape } from './shape.js';
import { gather as gatherStorage, viewIsContiguous } from './strided.js';
import { formatTensor } from './format.js';
import * as ops from './ops/index.js';
import type { TensorLike, NestedArray } from './ops/index.js';

export class Tensor {
  /** The storage; views share it. Read elements through `shape`/`strides`/`offset`, or use `toTypedArray()`. */
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  /** Accumulated gradient after `backward()`, for leaves (and tensors that `retainGrad()`). */
  grad: Tensor | null = null;
  /** The op that made this tensor and how gradients flow back through it; `null` for leaves. */
  readonly gradFn: GradNode | null;
  /** Keep `.grad` for this non-leaf tensor during `backward()`. */
  retainsGrad = false;
  private _requiresGrad: boolean;

  /** Low-level: wraps storage as given. Use `tensor()`, `zeros()` and friends instead. */
  constructor(data: TypedArray, shape: Shape, dtype: DType, strides?: readonly number[], offset = 0, gradFn: GradNode | null = null) {
    this.data = data;
    // Frozen copies, so no caller can change a tensor's geometry later. Most ops pass the
    // frozen shape of another tensor, which can be shared as it is.
    this.shape = Object.isFrozen(shape) ? shape : Object.freeze([...shape]);
    this._size = sizeOf(this.shape);
    this.strides = strides === undefined ? Object.freeze(contiguousStrides(shape)) : Object.isFrozen(strides) ? strides : Object.freeze([...strides]);
    this.offset = offset;
    this.dtype = dtype;
    this.gradFn = gradFn;
    this._requiresGrad = gradFn !== null;
  }

  get ndim(): number { return this.shape.length; }
  /** Number of elements (NumPy's `size`, PyTorch's `numel()`). */
  get size(): number { return this._size; }
  // Computed once: kernels read `size` in their loop conditions, and the shape never changes.
  private readonly _size: number;

  /** Whether ops on this tensor are recorded for `backward()`. Settable on leaves. */
  get requiresGrad(): boolean { return this._requiresGrad; }
  set requiresGrad(value: boolean) {
    if (this.gradFn !== null && !value) {
      throw new Error('requiresGrad: cannot switch off gradients of a tensor computed by an op; use detach() for a copy without history');
    }
    if (value && !isFloat(this.dtype)) {
      throw new TypeError(`requiresGrad: only float tensors can require gradients, this one is ${this.dtype}; convert it first with astype('float32')`);
    }
    this._requiresGrad = value;
  }

  /** Sets `requiresGrad` and returns `this`, for chaining: `randn([3]).requiresGrad_()`. */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }

  get isLeaf(): boolean { return this.gradFn === null; }

  /** Keep `.grad` on this intermediate tensor during `backward()` (PyTorch's `retain_grad`). */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }

  /**
   * Backpropagates from this tensor: accumulates d(this)/d(leaf) into each leaf's `.grad`.
   * Without an argument the tensor must hold one element (a loss); otherwise pass the
   * upstream gradient, of this tensor's shape.
   */
  backward(grad?: TensorLike, options?: BackwardOptions): void {
    if (!this.requiresGrad) {
      throw new Error('backward: this tensor does not require gradients; set requiresGrad on the inputs (tensor(x, { requiresGrad: true })) before computing it');
    }
    let g: Tensor;
    if (grad === undefined) {
      if (this.size !== 1) {
        throw new Error(`backward: the gradient can only be implied for a one-element tensor, this one has shape ${fmtShape(this.shape)}; pass the upstream gradient, e.g. y.backward(onesLike(y)), or reduce first with y.sum()`);
      }
      g = ops.onesLike(this);
    } else {
      g = ops.asTensor(grad, this.dtype).astype(this.dtype);
      if (g.shape.length !== this.shape.length || g.shape.some((d, i) => d !== this.shape[i])) {
        throw new Error(`backward: the upstream gradient has shape ${fmtShape(g.shape)} but this tensor has shape ${fmtShape(this.shape)}; they must match`);
      }
    }
    runBackward(this, g.detach(), options);
  }

  /** A tensor sharing this one's values but cut from the graph (no gradient flows through). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, this.dtype, this.strides, this.offset, null);
  }

  isContiguous(): boolean { return viewIsContiguous(this); }

  /** The elements as a fresh contiguous row-major typed array of this tensor's dtype. */
  toTypedArray(): TypedArray {
    return gatherStorage(this, this.dtype);
  }

  /** The elements as nested JS arrays (booleans for bool tensors); a 0-d tensor gives a number. */
  toArray(): NestedArray | number | boolean {
    const flat = Array.from(this.toTypedArray() as ArrayLike<number>, (v) => (this.dtype === 'bool' ? v !== 0 : v));
    if (this.ndim === 0) return flat[0];
    const build = (axis: number, start: number): NestedArray => {
      const n = this.shape[axis];
      if (axis === this.ndim - 1) return flat.slice(start, start + n);
      const step = sizeOf(this.shape.slice(axis + 1));
      return Array.from({ length: n }, (_, i) => build(axis + 1, start + i * step));
    };
    return build(0, 0);
  }

  /** The value of a one-element tensor as a JS number (bool gives 0 or 1). */
  item(): number {
    if (this.size !== 1) throw new Error(`item: only one-element tensors have an item, this one has shape ${fmtShape(this.shape)}`);
    return this.data[this.offset];
  }

  toString(): string { return formatTensor(this); }

  // ---- explicit in-place updates (optimizers, noGrad blocks) ----------------------------
  /** this += other, in place. Only outside gradient recording (see ops/inplace.ts). */
  add_(other: TensorLike): this { ops.addInPlace(this, other); return this; }
  /** this −= other, in place. */
  sub_(other: TensorLike): this { ops.subInPlace(this, other); return this; }
  /** this ·= other, in place. */
  mul_(other: TensorLike): this { ops.mulInPlace(this, other); return this; }
  /** Overwrites the values with `src` (broadcast to this shape). */
  copy_(src: TensorLike): this { ops.copyInPlace(this, src); return this; }
  /** Sets every element to `value`. */
  fill_(value: number): this { ops.fillInPlace(this, value); return this; }
  zero_(): this { return this.fill_(0); }

  // ---- conversion and views -------------------------------------------------------------
  astype(dtype: DType): Tensor { return ops.astype(this, dtype); }
  contiguous(): Tensor { return ops.contiguous(this); }
  clone(): Tensor { return ops.clone(this); }
  reshape(shape: readonly number[]): Tensor { return ops.reshape(this, shape); }
  /** Same as `reshape` (PyTorch's `view`, which also copies here when it must). */
  view(shape: readonly number[]): Tensor { return ops.reshape(this, shape); }
  flatten(startAxis = 0, endAxis = -1): Tensor { return ops.flatten(this, startAxis, endAxis); }
  permute(axes: readonly number[]): Tensor { return ops.permute(this, axes); }
  transpose(axis0 = -2, axis1 = -1): Tensor { return ops.transpose(this, axis0, axis1); }
  /** The transpose of a matrix (last two axes swapped). */
  get T(): Tensor { return ops.transpose(this, -2, -1); }
  expand(shape: readonly number[]): Tensor { return ops.expand(this, shape); }
  broadcastTo(shape: readonly number[]): Tensor { return ops.expand(this, shape); }
  squeeze(axis?: number | readonly number[]): Tensor { return ops.squeeze(this, axis); }
  unsqueeze(axis: number): Tensor { return ops.unsqueeze(this, axis); }
  slice(...specs: ops.SliceSpec[]): Tensor { return ops.slice(this, ...specs); }
  narrow(axis: number, start: number, length: number): Tensor { return ops.narrow(this, axis, start, length); }
  select(axis: number, index: number): Tensor { return ops.select(this, axis, index); }
  flip(axis?: number | readonly number[]): Tensor { return ops.flip(this, axis); }
  pad(widths: readonly (readonly [number, number])[], value = 0): Tensor { return ops.pad(this, widths, value); }
  split(sizes: number | readonly number[], axis = 0): Tensor[] { return ops.split(this, sizes, axis); }

  // ---- elementwise -----------------------------------------------------------------------
  add(b: TensorLike): Tensor { return ops.add(this, b); }
  sub(b: TensorLike): Tensor { return ops.sub(this, b); }
  mul(b: TensorLike): Tensor { return ops.mul(this, b); }
  div(b: TensorLike): Tensor { return ops.div(this, b); }
  pow(b: TensorLike): Tensor { return ops.pow(this, b); }
  maximum(b: TensorLike): Tensor { return ops.maximum(this, b); }
  minimum(b: TensorLike): Tensor { return ops.minimum(this, b); }
  neg(): Tensor { return ops.neg(this); }
  exp(): Tensor { return ops.exp(this); }
  log(): Tensor { return ops.log(this); }
  sqrt(): Tensor { return ops.sqrt(this); }
  square(): Tensor { return ops.square(this); }
  sin(): Tensor { return ops.sin(this); }
  cos(): Tensor { return ops.cos(this); }
  tanh(): Tensor { return ops.tanh(this); }
  sigmoid(): Tensor { return ops.sigmoid(this); }
  relu(): Tensor { return ops.relu(this); }
  abs(): Tensor { return ops.abs(this); }
  sign(): Tensor { return ops.sign(this); }
  reciprocal(): Tensor { return ops.reciprocal(this); }
  floor(): Tensor { return ops.floor(this); }
  ceil(): Tensor { return ops.ceil(this); }
  round(): Tensor { return ops.round(this); }
  erf(): Tensor { return ops.erf(this); }
  log1p(): Tensor { return ops.log1p(this); }
  expm1(): Tensor { return ops.expm1(this); }
  clip(min: number | null, max: number | null): Tensor { return ops.clip(this, min, max); }
  eq(b: TensorLike): Tensor { return ops.eq(this, b); }
  ne(b: TensorLike): Tensor { return ops.ne(this, b); }
  lt(b: TensorLike): Tensor { return ops.lt(this, b); }
  le(b: TensorLike): Tensor { return ops.le(this, b); }
  gt(b: TensorLike): Tensor { return ops.gt(this, b); }
  ge(b: TensorLike): Tensor { return ops.ge(this, b); }
  logicalAnd(b: TensorLike): Tensor { return ops.logicalAnd(this, b); }
  logicalOr(b: TensorLike): Tensor { return ops.logicalOr(this, b); }
  logicalNot(): Tensor { return ops.logicalNot(this); }
  isnan(): Tensor { return ops.isnan(this); }
  isfinite(): Tensor { return ops.isfinite(this); }

  // ---- reductions ------------------------------------------------------------------------
  sum(axis?: number | readonly number[], keepdims = false): Tensor { return ops.sum(this, axis, keepdims); }
  mean(axis?: number | readonly number[], keepdims = false): Tensor { return ops.mean(this, axis, keepdims); }
  max(axis?: number | readonly number[], keepdims = false): Tensor { return ops.max(this, axis, keepdims); }
  min(axis?: number | readonly number[], keepdims = false): Tensor { return ops.min(this, axis, keepdims); }
  argmax(axis?: number, keepdims = false): Tensor { return ops.argmax(this, axis, keepdims); }
  argmin(axis?: number, keepdims = false): Tensor { return ops.argmin(this, axis, keepdims); }
  var(axis?: number | readonly number[], options?: ops.VarOptions): Tensor { return ops.variance(this, axis, options); }
  std(axis?: number | readonly number[], options?: ops.VarOptions): Tensor { return ops.std(this, axis, options); }
  logsumexp(axis?: number | readonly number[], keepdims = false): Tensor { return ops.logsumexp(this, axis, keepdims); }
  cumsum(axis: number): Tensor { return ops.cumsum(this, axis); }
  softmax(axis = -1): Tensor { return ops.softmax(this, axis); }
  logSoftmax(axis = -1): Tensor { return ops.logSoftmax(this, axis); }

  // ---- linear algebra and indexing -------------------------------------------------------
  matmul(b: TensorLike): Tensor { return ops.matmul(this, b); }
  gather(axis: number, index: TensorLike): Tensor { return ops.gather(this, axis, index); }
  indexSelect(axis: number, indices: TensorLike): Tensor { return ops.indexSelect(this, axis, indices); }
  scatterAdd(axis: number, index: TensorLike, src: TensorLike): Tensor { return ops.scatterAdd(this, axis, index, src); }
  sort(axis = -1, descending = false): { values: Tensor; indices: Tensor } { return ops.sort(this, axis, descending); }
  argsort(axis = -1, descending = false): Tensor { return ops.argsort(this, axis, descending); }
  topk(k: number, axis = -1, largest = true): { values: Tensor; indices: Tensor } { return ops.topk(this, k, axis, largest); }
}

/**
 * Wraps a kernel's output as a tensor, recording how gradients flow back to `inputs` when
 * any of them requires gradients and recording is on.
 */
export function fromOp(
  data: TypedArray, shape: Shape, dtype: DType,
  op: string, inputs: readonly Tensor[], backward: GradNode['backward'],
): Tensor {
  return viewFromOp(data, shape, dtype, Object.freeze(contiguousStrides(shape)), 0, op, inputs, backward);
}

/**
 * Like `fromOp` for views: the output shares storage with its input. A view whose input
 * gradient is its own gradient placed into zeros (a slice) may also pass `addInto`, which
 * autograd uses to add that gradient straight into a buffer (see `GradNode.addInto`).
 */
export function viewFromOp(
  data: TypedArray, shape: Shape, dtype: DType, strides: readonly number[], offset: number,
  op: string, inputs: readonly Tensor[], backward: GradNode['backward'], addInto?: GradNode['addInto'],
): Tensor {
  const track = isGradEnabled() && isFloat(dtype) && inputs.some((t) => t.requiresGrad);
  const node: GradNode | null = !track ? null : addInto ? { op, inputs, backward, addInto } : { op, inputs, backward };
  return new Tensor(data, shape, dtype, strides, offset, node);
}
