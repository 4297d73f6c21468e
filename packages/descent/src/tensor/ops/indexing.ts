/**
 * Gathering and scattering by integer indices.
 *
 * - `gather(x, axis, index)`: out[i][j][k] = x[index[i][j][k]][j][k] for axis 0 (and so on),
 *   PyTorch's `gather`; `index` has x's number of dimensions, out has index's shape.
 * - `scatterAdd(x, axis, index, src)`: a copy of x with out[index[i][j][k]][j][k] += src[i][j][k].
 * - `indexSelect(x, axis, indices)`: whole slices picked by a 1-D list of indices.
 *
 * Each one's gradient is the other direction: gather's is a scatter-add of the gradient
 * into zeros, scatter-add's (for src) is a gather, index-select's is an index-add.
 */
import { Tensor, fromOp } from '../tensor.js';
import { allocate, type TypedArray } from '../dtype.js';
import { fmtShape, normAxis, sizeOf } from '../shape.js';
import { elementOffsets } from '../strided.js';
import { asTensor, tensor, zerosLike, type TensorLike } from './create.js';

/**
 * Converts indices (tensor or plain numbers) to int32 values, checking they are whole numbers
 * an int32 can hold: casting first would wrap 2⁴⁰ to 0 and silently pick the wrong slice.
 */
function indexTensor(op: string, index: TensorLike): Tensor {
  const t = index instanceof Tensor ? index : tensor(index as number[], { dtype: 'float64' });
  if (t.dtype === 'int32') return t;
  if (t.dtype === 'bool') throw new TypeError(`${op}: indices must be integers, got a bool tensor; to select by a mask use where()`);
  const vals = t.toTypedArray();
  for (const v of vals) {
    if (!Number.isInteger(v)) throw new TypeError(`${op}: indices must be integers, got ${v}; build them with { dtype: 'int32' }`);
    if (v < -(2 ** 31) || v >= 2 ** 31) throw new RangeError(`${op}: index ${v} is out of range (no axis is that long; indices are int32)`);
  }
  return t.astype('int32');
}

function checkBound(op: string, i: number, dim: number, axis: number): number {
  if (i < -dim || i >= dim) throw new RangeError(`${op}: index ${i} is out of range for axis ${axis} of size ${dim}`);
  return i < 0 ? i + dim : i;
}

/** For gather/scatter: maps each position of `index` to the storage positions of `x`. */
function scatterPlan(op: string, x: Tensor, ax: number, idx: Tensor): { xOffsets: Int32Array; idxVals: TypedArray } {
  if (idx.ndim !== x.ndim) {
    throw new RangeError(`${op}: index must have as many dimensions as the input (${x.ndim}), got shape ${fmtShape(idx.shape)}`);
  }
  idx.shape.forEach((d, i) => {
    if (i !== ax && d > x.shape[i]) {
      throw new RangeError(`${op}: index shape ${fmtShape(idx.shape)} is larger than input shape ${fmtShape(x.shape)} at axis ${i}`);
    }
  });
  const idxVals = idx.toTypedArray();
  // Storage position of x[i0, …, index, …] for each index position: the position of the
  // same coordinates with 0 along `axis`, plus index · stride.
  const base = elementOffsets({ data: x.data, shape: idx.shape, strides: x.strides.map((s, i) => (i === ax ? 0 : s)), offset: x.offset });
  const xOffsets = new Int32Array(base.length);
  for (let i = 0; i < base.length; i++) {
    xOffsets[i] = base[i] + checkBound(op, idxVals[i], x.shape[ax], ax) * x.strides[ax];
  }
  return { xOffsets, idxVals };
}

export function gather(x: Tensor, axis: number, index: TensorLike): Tensor {
  const ax = normAxis('gather', axis, x.ndim);
  const idx = indexTensor('gather', index);
  const { xOffsets } = scatterPlan('gather', x, ax, idx);
  const out = allocate(x.dtype, xOffsets.length);
  for (let i = 0; i < xOffsets.length; i++) out[i] = x.data[xOffsets[i]];
  return fromOp(out, idx.shape, x.dtype, 'gather', [x], (g) => [scatterAdd(zerosLike(x, { dtype: g.dtype }), ax, idx, g)]);
}

export function scatterAdd(x: Tensor, axis: number, index: TensorLike, src: TensorLike): Tensor {
  const ax = normAxis('scatterAdd', axis, x.ndim);
  const idx = indexTensor('scatterAdd', index);
  const s = asTensor(src, x.dtype);
  if (s.ndim !== idx.ndim || idx.shape.some((d, i) => d > s.shape[i])) {
    throw new RangeError(`scatterAdd: src shape ${fmtShape(s.shape)} must cover index shape ${fmtShape(idx.shape)}`);
  }
  const out = x.contiguous().toTypedArray();
  const target = new Tensor(out, x.shape, x.dtype);
  const { xOffsets } = scatterPlan('scatterAdd', target, ax, idx);
  // src may be larger than index: only its leading block of index's shape is used.
  const srcOffsets = elementOffsets({ data: s.data, shape: idx.shape, strides: s.strides, offset: s.offset });
  for (let i = 0; i < xOffsets.length; i++) out[xOffsets[i]] += s.data[srcOffsets[i]];
  return fromOp(out, x.shape, x.dtype, 'scatterAdd', [x, s], (g) => {
    let gs: Tensor | null = null;
    if (s.requiresGrad) {
      const picked = g.gather(ax, idx);
      // src may be larger than index; its other elements did not contribute.
      gs = idx.shape.every((d, i) => d === s.shape[i]) ? picked : picked.pad(idx.shape.map((d, i) => [0, s.shape[i] - d] as [number, number]));
    }
    return [g, gs];
  });
}

export function indexSelect(x: Tensor, axis: number, indices: TensorLike): Tensor {
  const ax = normAxis('indexSelect', axis, x.ndim);
  const idx = indexTensor('indexSelect', indices);
  if (idx.ndim !== 1) throw new RangeError(`indexSelect: indices must be 1-D, got shape ${fmtShape(idx.shape)}`);
  const list = Array.from(idx.toTypedArray(), (i) => checkBound('indexSelect', i, x.shape[ax], ax));
  const outer = sizeOf(x.shape.slice(0, ax));
  const inner = sizeOf(x.shape.slice(ax + 1));
  const shape = [...x.shape];
  shape[ax] = list.length;
  const out = allocate(x.dtype, sizeOf(shape));
  const src = x.contiguous();
  const S = src.data;
  const d = x.shape[ax];
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < list.length; k++) {
      const from = src.offset + (o * d + list[k]) * inner;
      const to = (o * list.length + k) * inner;
      for (let i = 0; i < inner; i++) out[to + i] = S[from + i];
    }
  }
  return fromOp(out, shape, x.dtype, 'indexSelect', [x], (g) => [indexAdd(x.shape, ax, list, g)]);
}

/** The backward of indexSelect: zeros of `shape` with g's slices added at `list` (repeats add up). */
function indexAdd(shape: readonly number[], ax: number, list: number[], g: Tensor): Tensor {
  const out = allocate(g.dtype, sizeOf(shape));
  const outer = sizeOf(shape.slice(0, ax));
  const inner = sizeOf(shape.slice(ax + 1));
  const gc = g.contiguous();
  const G = gc.data;
  const d = shape[ax];
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < list.length; k++) {
      const to = (o * d + list[k]) * inner;
      const from = gc.offset + (o * list.length + k) * inner;
      for (let i = 0; i < inner; i++) out[to + i] += G[from + i];
    }
  }
  return fromOp(out, shape, g.dtype, 'indexAdd', [g], (gg) => [indexSelect(gg, ax, list)]);
}
