/**
 * Joining and splitting along an axis. `concat` copies its inputs side by side; its
 * gradient is the matching slice of the output's gradient for each input. `stack` and
 * `split` are compositions of `unsqueeze`/`concat` and `narrow`.
 */
import { Tensor, fromOp } from '../tensor.js';
import { allocate, promote } from '../dtype.js';
import { contiguousStrides, fmtShape, normAxis, sizeOf } from '../shape.js';
import { elementOffsets } from '../strided.js';
import { asTensor, type TensorLike } from './create.js';

export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (tensors.length === 0) throw new RangeError('concat: needs at least one tensor');
  const ts = tensors.map((t) => asTensor(t));
  const first = ts[0];
  const ax = normAxis('concat', axis, first.ndim);
  const dtype = ts.reduce((d, t) => promote(d, t.dtype), first.dtype);
  ts.forEach((t, k) => {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new RangeError(`concat: tensor ${k} has shape ${fmtShape(t.shape)}, which does not match ${fmtShape(first.shape)} outside axis ${ax}`);
    }
  });
  const shape = [...first.shape];
  shape[ax] = ts.reduce((n, t) => n + t.shape[ax], 0);
  const out = allocate(dtype, sizeOf(shape));
  const strides = contiguousStrides(shape);
  let start = 0;
  const starts: number[] = [];
  for (const t of ts) {
    starts.push(start);
    const dst = elementOffsets({ data: out, shape: t.shape, strides, offset: start * strides[ax] });
    const src = elementOffsets(t);
    for (let i = 0; i < dst.length; i++) out[dst[i]] = t.data[src[i]];
    start += t.shape[ax];
  }
  return fromOp(out, shape, dtype, 'concat', ts, (g) => ts.map((t, k) => (t.requiresGrad ? g.narrow(ax, starts[k], t.shape[ax]) : null)));
}

/** Joins tensors of equal shape along a new axis. */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (tensors.length === 0) throw new RangeError('stack: needs at least one tensor');
  const ts = tensors.map((t) => asTensor(t));
  ts.forEach((t, k) => {
    if (t.ndim !== ts[0].ndim || t.shape.some((d, i) => d !== ts[0].shape[i])) {
      throw new RangeError(`stack: tensor ${k} has shape ${fmtShape(t.shape)} but tensor 0 has ${fmtShape(ts[0].shape)}; stacked tensors must have equal shapes`);
    }
  });
  const ax = normAxis('stack', axis, ts[0].ndim + 1);
  return concat(ts.map((t) => t.unsqueeze(ax)), ax);
}

/**
 * Splits into pieces along `axis`: a number is the size of each piece (the last may be
 * smaller, as in PyTorch), an array gives each piece's size. Pieces are views.
 */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  const ax = normAxis('split', axis, x.ndim);
  const dim = x.shape[ax];
  let parts: number[];
  if (typeof sizes === 'number') {
    if (!Number.isInteger(sizes) || sizes <= 0) throw new RangeError(`split: piece size must be a positive integer, got ${sizes}`);
    parts = [];
    for (let s = 0; s < dim; s += sizes) parts.push(Math.min(sizes, dim - s));
  } else {
    parts = [...sizes];
    const total = parts.reduce((a, b) => a + b, 0);
    if (total !== dim) throw new RangeError(`split: sizes ${JSON.stringify(sizes)} add up to ${total}, but axis ${ax} has size ${dim}`);
  }
  let start = 0;
  return parts.map((len) => {
    const piece = x.narrow(ax, start, len);
    start += len;
    return piece;
  });
}
