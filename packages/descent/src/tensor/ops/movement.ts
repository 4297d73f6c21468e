/**
 * Movement ops: new views of the same storage (no copying) wherever strides allow.
 * Their gradients move the gradient back the same way: a permute's gradient is the
 * inverse permute, an expand's is a sum over the expanded axes, a slice's is the gradient
 * placed back into zeros of the input's shape.
 */
import { Tensor, fromOp, viewFromOp } from '../tensor.js';
import { allocate } from '../dtype.js';
import { checkShape, contiguousStrides, fmtShape, normAxes, normAxis, sizeOf } from '../shape.js';
import { viewIsContiguous } from '../strided.js';
import { addToView, copyContiguous, sumTo } from './elementwise.js';

/** A copy with contiguous row-major storage (the tensor itself if it already is). */
export function contiguous(x: Tensor): Tensor {
  if (viewIsContiguous(x) && x.offset === 0 && x.data.length === x.size) return x;
  return clone(x);
}

/** A copy with its own storage; the gradient passes straight through. */
export function clone(x: Tensor): Tensor {
  return fromOp(copyContiguous(x), x.shape, x.dtype, 'clone', [x], (g) => [g]);
}

/**
 * The same elements in a new shape (row-major order). One axis may be −1, inferred from
 * the others. A view when the storage is contiguous, otherwise a copy.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  let holes = 0;
  let known = 1;
  let valid = true;
  for (const d of shape) {
    if (d === -1) holes++;
    else { known *= d; valid &&= Number.isInteger(d) && d >= 0; }
  }
  if (holes > 1) throw new RangeError(`reshape: only one axis can be -1, got ${fmtShape(shape)}`);
  const target = holes === 0 ? shape : shape.map((d) => (d === -1 ? (known === 0 ? 0 : x.size / known) : d));
  if (!valid || holes > 0) checkShape('reshape', target.map((d) => (Number.isInteger(d) ? d : -1)));
  if (sizeOf(target) !== x.size) {
    throw new RangeError(`reshape: cannot reshape a tensor of shape ${fmtShape(x.shape)} (${x.size} elements) into ${fmtShape(shape)}${holes ? '' : ` (${sizeOf(target)} elements)`}`);
  }
  if (viewIsContiguous(x)) {
    return viewFromOp(x.data, target, x.dtype, contiguousStrides(target), x.offset, 'reshape', [x], (g) => [g.reshape(x.shape)]);
  }
  return fromOp(copyContiguous(x), target, x.dtype, 'reshape', [x], (g) => [g.reshape(x.shape)]);
}

/** Collapses axes startAxis..endAxis into one. */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  if (x.ndim === 0) return x.reshape([1]);
  const s = normAxis('flatten', startAxis, x.ndim);
  const e = normAxis('flatten', endAxis, x.ndim);
  if (s > e) throw new RangeError(`flatten: startAxis (${startAxis}) comes after endAxis (${endAxis})`);
  const mid = sizeOf(x.shape.slice(s, e + 1));
  return x.reshape([...x.shape.slice(0, s), mid, ...x.shape.slice(e + 1)]);
}

/** Reorders axes: output axis i is input axis `axes[i]`. */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  if (axes.length !== x.ndim) {
    throw new RangeError(`permute: got ${axes.length} axes ${JSON.stringify(axes)} for a tensor with ${x.ndim} dimensions; give each axis once`);
  }
  const norm = axes.map((a) => normAxis('permute', a, x.ndim));
  if (new Set(norm).size !== norm.length) throw new RangeError(`permute: axes ${JSON.stringify(axes)} repeat an axis; give each axis once`);
  const inverse = new Array<number>(norm.length);
  norm.forEach((a, i) => { inverse[a] = i; });
  return viewFromOp(x.data, norm.map((a) => x.shape[a]), x.dtype, norm.map((a) => x.strides[a]), x.offset,
    'permute', [x], (g) => [g.permute(inverse)]);
}

/** Swaps two axes (the last two by default). */
export function transpose(x: Tensor, axis0 = -2, axis1 = -1): Tensor {
  if (x.ndim < 2) return x;
  const a = normAxis('transpose', axis0, x.ndim);
  const b = normAxis('transpose', axis1, x.ndim);
  const axes = x.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, axes);
}

/**
 * Broadcasts to a larger shape without copying (stride 0 along stretched axes); −1 keeps
 * a size. The gradient sums over the stretched axes.
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim) {
    throw new RangeError(`expand: cannot expand shape ${fmtShape(x.shape)} to fewer dimensions ${fmtShape(shape)}`);
  }
  const lead = shape.length - x.ndim;
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d));
  const strides = target.map((d, i) => {
    if (i < lead) return 0;
    const own = x.shape[i - lead];
    if (own === d) return x.strides[i - lead];
    if (own === 1) return 0;
    throw new RangeError(`expand: shape ${fmtShape(x.shape)} cannot be expanded to ${fmtShape(shape)} (axis ${i} has size ${own}, which is not 1)`);
  });
  checkShape('expand', target);
  return viewFromOp(x.data, target, x.dtype, strides, x.offset, 'expand', [x], (g) => [sumTo(g, x.shape)]);
}

/** Removes axes of size 1 (all of them, or the ones named, which must have size 1). */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  const axes = axis === undefined ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normAxes('squeeze', axis, x.ndim);
  for (const a of axes) {
    if (x.shape[a] !== 1) throw new RangeError(`squeeze: axis ${a} has size ${x.shape[a]}, not 1 (shape ${fmtShape(x.shape)})`);
  }
  const keep = (_: number, i: number) => !axes.includes(i);
  return viewFromOp(x.data, x.shape.filter(keep), x.dtype, x.strides.filter(keep), x.offset, 'squeeze', [x], (g) => [g.reshape(x.shape)]);
}

/** Inserts an axis of size 1 at `axis` (negative counts from the end of the result). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normAxis('unsqueeze', axis, x.ndim + 1);
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape.splice(a, 0, 1);
  strides.splice(a, 0, a < x.ndim ? x.strides[a] * x.shape[a] : 1);
  return viewFromOp(x.data, shape, x.dtype, strides, x.offset, 'unsqueeze', [x], (g) => [g.reshape(x.shape)]);
}

/**
 * One axis of a slice: an index (the axis is dropped), `[start, stop, step]` with any
 * part null/omitted (Python's `start:stop:step`, negatives counting from the end), or
 * null for the whole axis.
 */
export type SliceSpec = number | null | readonly [(number | null)?, (number | null)?, (number | null)?];

interface AxisRange { start: number; step: number; length: number }

/** Python's slice.indices(): clamps start/stop into range for the given step. */
function resolveRange(spec: readonly [(number | null)?, (number | null)?, (number | null)?], dim: number): AxisRange {
  const step = spec[2] ?? 1;
  if (!Number.isInteger(step) || step === 0) throw new RangeError(`slice: step must be a non-zero integer, got ${step}`);
  const clamp = (v: number | null | undefined, dflt: number, lo: number, hi: number) => {
    if (v === null || v === undefined) return dflt;
    if (!Number.isInteger(v)) throw new TypeError(`slice: bounds must be integers, got ${v}`);
    const r = v < 0 ? v + dim : v;
    return Math.min(Math.max(r, lo), hi);
  };
  const start = step > 0 ? clamp(spec[0], 0, 0, dim) : clamp(spec[0], dim - 1, -1, dim - 1);
  const stop = step > 0 ? clamp(spec[1], dim, 0, dim) : clamp(spec[1], -1, -1, dim - 1);
  const length = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  return { start, step, length };
}

/**
 * NumPy-style basic indexing, one spec per leading axis (missing ones take the whole
 * axis): `x.slice(0)` is `x[0]`, `x.slice(null, [1, 3])` is `x[:, 1:3]`,
 * `x.slice([null, null, -1])` is `x[::-1]`. Always a view.
 */
export function slice(x: Tensor, ...specs: SliceSpec[]): Tensor {
  if (specs.length > x.ndim) throw new RangeError(`slice: ${specs.length} indices for a tensor with ${x.ndim} dimensions`);
  const ranges: AxisRange[] = [];
  const drop: boolean[] = [];
  x.shape.forEach((dim, i) => {
    const s = specs[i];
    if (typeof s === 'number') {
      if (!Number.isInteger(s) || s < -dim || s >= dim) {
        throw new RangeError(`slice: index ${s} is out of range for axis ${i} of size ${dim}`);
      }
      ranges.push({ start: s < 0 ? s + dim : s, step: 1, length: 1 });
      drop.push(true);
    } else {
      ranges.push(s === null || s === undefined ? { start: 0, step: 1, length: dim } : resolveRange(s, dim));
      drop.push(false);
    }
  });
  let offset = x.offset;
  ranges.forEach((r, i) => { if (r.length > 0) offset += r.start * x.strides[i]; });
  const shape = ranges.map((r) => r.length).filter((_, i) => !drop[i]);
  const strides = ranges.map((r, i) => r.step * x.strides[i]).filter((_, i) => !drop[i]);
  return viewFromOp(x.data, shape, x.dtype, strides, offset, 'slice', [x],
    (g) => [unslice(g, x.shape, ranges, drop)],
    (g, into) => addSliceGrad(g, into, ranges, drop));
}

/**
 * Adds a slice's gradient g into `into`, a contiguous buffer of the input's shape, at the
 * positions the slice read: how autograd gathers the gradients of many slices of one
 * tensor (the time steps of an RNN, the gates of an LSTM, q/k/v split from one
 * projection) into one buffer instead of a zero tensor of the full size per slice.
 */
function addSliceGrad(g: Tensor, into: Tensor, ranges: AxisRange[], drop: boolean[]): void {
  const strides = contiguousStrides(into.shape);
  let offset = into.offset;
  ranges.forEach((r, i) => { if (r.length > 0) offset += r.start * strides[i]; });
  const shape = ranges.map((r) => r.length);
  // g lacks the axes an index dropped; read it with size-1 axes (stride 0) put back there.
  const gStrides: number[] = [];
  let k = 0;
  for (let i = 0; i < ranges.length; i++) gStrides.push(drop[i] ? 0 : g.strides[k++]);
  addToView(
    { data: into.data, shape, strides: ranges.map((r, i) => r.step * strides[i]), offset },
    { data: g.data, shape, strides: gStrides, offset: g.offset },
  );
}

/** The backward of `slice`: the gradient written into zeros of the input's shape. */
function unslice(g: Tensor, shape: readonly number[], ranges: AxisRange[], drop: boolean[]): Tensor {
  const out = allocate(g.dtype, sizeOf(shape));
  addSliceGrad(g, new Tensor(out, shape, g.dtype), ranges, drop);
  // Re-slicing the same ranges is the backward of this op (second-order gradients).
  const specs = ranges.map((r, i): SliceSpec => {
    if (drop[i]) return r.start;
    const stop = r.start + r.step * r.length;
    return [r.start, stop < 0 ? null : stop, r.step]; // a stop of -1 would mean "the last element"
  });
  return fromOp(out, shape, g.dtype, 'unslice', [g], (gg) => [slice(gg, ...specs)]);
}

/** `length` elements of `axis` from `start` (PyTorch's `narrow`): a view. */
export function narrow(x: Tensor, axis: number, start: number, length: number): Tensor {
  const a = normAxis('narrow', axis, x.ndim);
  if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > x.shape[a]) {
    throw new RangeError(`narrow: start ${start} and length ${length} do not fit axis ${a} of size ${x.shape[a]}`);
  }
  const specs: SliceSpec[] = x.shape.map(() => null);
  specs[a] = [start, start + length];
  return slice(x, ...specs);
}

/** Index `index` of `axis`, dropping that axis (`x.select(1, 0)` is `x[:, 0]`). */
export function select(x: Tensor, axis: number, index: number): Tensor {
  const a = normAxis('select', axis, x.ndim);
  if (!Number.isInteger(index)) {
    throw new TypeError(`select: needs an integer index along axis ${axis}, got ${index}; to take a whole axis use narrow or slice`);
  }
  const n = x.shape[a];
  if (index < -n || index >= n) {
    throw new RangeError(`select: index ${index} is out of range for axis ${a} of size ${n} (valid: ${-n}..${n - 1})`);
  }
  const specs: SliceSpec[] = x.shape.map(() => null);
  specs[a] = index;
  return slice(x, ...specs);
}

/** Reverses the order along the given axes (all by default): a view with negative strides. */
export function flip(x: Tensor, axis?: number | readonly number[]): Tensor {
  const axes = normAxes('flip', axis, x.ndim);
  const specs: SliceSpec[] = x.shape.map((_, i) => (axes.includes(i) ? [null, null, -1] : null));
  return slice(x, ...specs);
}
