/**
 * Sorting along an axis. The kernel only computes the order (a stable sort, NaN last as
 * in NumPy); the values are `gather(x, axis, indices)`, so their gradient comes from
 * gather's rule: each output's gradient goes back to the element it came from.
 */
import { Tensor, fromOp } from '../tensor.js';
import { fmtShape, normAxis } from '../shape.js';
import { elementOffsets } from '../strided.js';

/** The permutation that sorts each run along `axis`, as an int32 tensor of x's shape. */
export function argsort(x: Tensor, axis = -1, descending = false): Tensor {
  if (x.ndim === 0) return fromOp(new Int32Array([0]), [], 'int32', 'argsort', [], () => []);
  const ax = normAxis('argsort', axis, x.ndim);
  // Move the axis last so each run is consecutive in the offsets list.
  const order = [...x.shape.keys()].filter((i) => i !== ax).concat(ax);
  const offs = elementOffsets({ data: x.data, shape: order.map((i) => x.shape[i]), strides: order.map((i) => x.strides[i]), offset: x.offset });
  const len = x.shape[ax];
  const runs = len === 0 ? 0 : x.size / len;
  const perm = new Int32Array(x.size);
  const idx = Array.from({ length: len }, (_, i) => i);
  const vals = new Float64Array(len);
  // NaN sorts after every number, in both directions (NumPy puts NaN last).
  const cmp = (i: number, j: number) => {
    const a = vals[i], b = vals[j];
    if (a !== a || b !== b) return (a !== a ? 1 : 0) - (b !== b ? 1 : 0) || i - j;
    const d = descending ? b - a : a - b;
    return d !== 0 ? (d > 0 ? 1 : -1) : i - j; // ties keep input order: stable
  };
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < len; i++) { vals[i] = x.data[offs[r * len + i]]; idx[i] = i; }
    idx.sort(cmp);
    for (let i = 0; i < len; i++) perm[r * len + i] = idx[i];
  }
  // perm is laid out with `axis` last; move it back.
  const movedShape = order.map((i) => x.shape[i]);
  const moved = new Tensor(perm, movedShape, 'int32');
  const back = order.map((_, i) => order.indexOf(i));
  return moved.permute(back).contiguous();
}

export function sort(x: Tensor, axis = -1, descending = false): { values: Tensor; indices: Tensor } {
  if (x.ndim === 0) return { values: x, indices: argsort(x) };
  const indices = argsort(x, axis, descending);
  return { values: x.gather(axis, indices), indices };
}

/**
 * The k largest (or smallest) values along `axis`, in sorted order, with their indices.
 */
export function topk(x: Tensor, k: number, axis = -1, largest = true): { values: Tensor; indices: Tensor } {
  const ax = normAxis('topk', axis, x.ndim);
  const len = x.ndim === 0 ? 1 : x.shape[ax];
  if (!Number.isInteger(k) || k < 0 || k > len) {
    throw new RangeError(`topk: k = ${k} is out of range for axis ${ax} of size ${len} (shape ${fmtShape(x.shape)})`);
  }
  const indices = argsort(x, ax, largest).narrow(ax, 0, k).contiguous();
  return { values: x.gather(ax, indices), indices };
}
