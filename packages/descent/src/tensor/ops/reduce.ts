/**
 * Reduction primitives: sum, max, min and argmax/argmin over any set of axes, with
 * `keepdims`. The reference kernel moves the reduced axes last (a permuted view) and
 * reduces each run of consecutive values; sums accumulate in float64 whatever the dtype.
 * Backends may supply a full sum (`sumAll`), a sum over any axes (`sumStrided`) and the
 * max/min of consecutive runs (`maxRuns`/`minRuns`).
 */
import { Tensor, fromOp } from '../tensor.js';
import { allocate, type DType, type TypedArray } from '../dtype.js';
import { contiguousStrides, fmtShape, normAxes, normAxis, sizeOf } from '../shape.js';
import { elementOffsets, viewIsContiguous } from '../strided.js';
import { findKernel } from '../backend.js';
import { forEachBlock, planStrided, type Loops3 } from './elementwise.js';

/** A backend kernel for a full reduction of contiguous data. */
export type SumAllKernel = (x: TypedArray, off: number, n: number) => number;

/**
 * A backend kernel for a sum over any axes, one block at a time: `acc[o] += x[i]` over
 * three loops, the `a` strides walking x in row-major order and the `b` strides walking
 * `acc` (0 along the reduced axes). Each output must receive its terms in the order
 * visited, in float64.
 */
export type SumStridedKernel = (x: TypedArray, acc: Float64Array, loops: Loops3) => void;

/** A backend kernel for max or min of `runs` consecutive runs of `n` values: out[r] = extreme of x[off + r·n …]. */
export type ExtremeRunsKernel = (x: TypedArray, off: number, runs: number, n: number, out: TypedArray) => void;

interface Plan {
  axes: number[];
  outShape: number[];
  keptShape: number[];
  /** Elements reduced into each output. */
  runLength: number;
  /** Whether each output's run of `runLength` inputs sits consecutively in storage. */
  runsContiguous: boolean;
}

function plan(x: Tensor, axis: number | readonly number[] | undefined, keepdims: boolean, op: string): Plan {
  // A 0-d tensor has one element, which axis 0 (or none) names: nothing to reduce over.
  const named = normAxes(op, axis, x.ndim);
  const axes = x.ndim === 0 ? [] : named;
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = keepdims ? keptShape : x.shape.filter((_, i) => !axes.includes(i));
  const runLength = axes.reduce((n, a) => n * x.shape[a], 1);
  const reducingTail = axes.every((a, i) => a === x.ndim - axes.length + i);
  return { axes, outShape, keptShape, runLength, runsContiguous: reducingTail && viewIsContiguous(x) };
}

/** Storage positions of each output's run of inputs, one run after the other (null when the runs are contiguous). */
function runOffsets(x: Tensor, p: Plan): Int32Array | null {
  if (p.runsContiguous) return null;
  const keep = x.shape.map((_, i) => i).filter((i) => !p.axes.includes(i));
  const order = [...keep, ...p.axes];
  return elementOffsets({
    data: x.data,
    shape: order.map((i) => x.shape[i]),
    strides: order.map((i) => x.strides[i]),
    offset: x.offset,
  });
}

function reduceRuns(x: Tensor, p: Plan, outDtype: DType, run: (read: (j: number) => number, n: number) => number): TypedArray {
  const nOut = sizeOf(p.outShape);
  const out = allocate(outDtype, nOut);
  const src = x.data;
  const L = p.runLength;
  const offs = runOffsets(x, p);
  for (let o = 0; o < nOut; o++) {
    const base = o * L;
    out[o] = offs === null ? run((j) => src[x.offset + base + j], L) : run((j) => src[offs[base + j]], L);
  }
  return out;
}

/**
 * Σ over `axis` (all axes when omitted). Integer and bool inputs sum to int32.
 * Backward: every input element contributed once, so its gradient is the output's
 * gradient, broadcast back over the reduced axes.
 */
export function sum(x: Tensor, axis?: number | readonly number[], keepdims = false): Tensor {
  const p = plan(x, axis, keepdims, 'sum');
  const dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
  let data: TypedArray | null = null;
  const all = p.runsContiguous && sizeOf(p.outShape) === 1 ? findKernel<SumAllKernel>('sumAll', x.dtype) : undefined;
  if (all) {
    data = allocate(dtype, 1);
    data[0] = all(x.data, x.offset, x.size);
  } else {
    const strided = findKernel<SumStridedKernel>('sumStrided', x.dtype);
    if (strided) data = sumWithKernel(strided, x, p, dtype);
  }
  if (data === null) {
    data = reduceRuns(x, p, dtype, (read, n) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += read(j);
      return s;
    });
  }
  return fromOp(data, p.outShape, dtype, 'sum', [x], (g) => [g.reshape(p.keptShape).expand(x.shape)]);
}

/** The sum through a `sumStrided` kernel: x walked in row-major order, each element added to its output. */
function sumWithKernel(kernel: SumStridedKernel, x: Tensor, p: Plan, dtype: DType): TypedArray {
  // Where each input element lands: the kept axes' contiguous strides, 0 along reduced axes.
  const kept = contiguousStrides(p.keptShape).map((st, i) => (p.axes.includes(i) ? 0 : st));
  const acc = new Float64Array(sizeOf(p.outShape));
  if (x.size > 0) forEachBlock(planStrided(x.shape, x.strides, x.offset, kept, 0), (loops) => kernel(x.data, acc, loops));
  if (dtype === 'float64') return acc;
  const out = allocate(dtype, acc.length);
  out.set(acc);
  return out;
}

/**
 * max/min share one rule: the gradient goes to the elements equal to the result, split
 * evenly among ties (PyTorch's `amax`/`amin`). NaN wins over everything, as in NumPy.
 */
function extreme(op: 'max' | 'min', x: Tensor, axis: number | readonly number[] | undefined, keepdims: boolean): Tensor {
  const p = plan(x, axis, keepdims, op);
  if (p.runLength === 0 && sizeOf(p.outShape) > 0) {
    throw new RangeError(`${op}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)} over axes ${JSON.stringify(p.axes)} (there is no identity for ${op})`);
  }
  const runs = findKernel<ExtremeRunsKernel>(op === 'max' ? 'maxRuns' : 'minRuns', x.dtype);
  const data = runs && p.runsContiguous && p.runLength > 0 ? extremeWithKernel(runs, x, p) : extremeReference(op, x, p);
  const out: Tensor = fromOp(data, p.outShape, x.dtype, op, [x], (g) => {
    const hit = x.eq(out.reshape(p.keptShape)).astype(g.dtype);
    const count = hit.sum(p.axes, true);
    return [hit.div(count).mul(g.reshape(p.keptShape))];
  });
  return out;
}

function extremeWithKernel(kernel: ExtremeRunsKernel, x: Tensor, p: Plan): TypedArray {
  const nOut = sizeOf(p.outShape);
  const out = allocate(x.dtype, nOut);
  kernel(x.data, x.offset, nOut, p.runLength, out);
  return out;
}

function extremeReference(op: 'max' | 'min', x: Tensor, p: Plan): TypedArray {
  const better = op === 'max' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  return reduceRuns(x, p, x.dtype, (read, n) => {
    let best = read(0);
    for (let j = 1; j < n; j++) {
      const v = read(j);
      if (v !== v) return NaN;
      if (better(v, best)) best = v;
    }
    return best;
  });
}

export function max(x: Tensor, axis?: number | readonly number[], keepdims = false): Tensor {
  return extreme('max', x, axis, keepdims);
}

export function min(x: Tensor, axis?: number | readonly number[], keepdims = false): Tensor {
  return extreme('min', x, axis, keepdims);
}

/**
 * Index of the largest/smallest value along `axis` (over the flattened tensor when
 * omitted), int32; the first one at ties, and the first NaN if any (NumPy's rule).
 */
function argExtreme(op: 'argmax' | 'argmin', x: Tensor, axis: number | undefined, keepdims: boolean): Tensor {
  const flat = axis === undefined;
  const src = flat ? x.reshape([x.size]) : x;
  const ax = flat ? 0 : normAxis(op, axis, x.ndim);
  if (src.shape[ax] === 0 || (src.ndim === 0 && src.size === 0)) throw new RangeError(`${op}: cannot take ${op} of an empty axis (shape ${fmtShape(x.shape)})`);
  const p = plan(src, src.ndim === 0 ? undefined : ax, keepdims && !flat, op);
  const better = op === 'argmax' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  const data = reduceRuns(src, p, 'int32', (read, n) => {
    let best = read(0);
    if (best !== best) return 0;
    let at = 0;
    for (let j = 1; j < n; j++) {
      const v = read(j);
      if (v !== v) return j;
      if (better(v, best)) { best = v; at = j; }
    }
    return at;
  });
  const shape = flat && keepdims ? x.shape.map(() => 1) : p.outShape;
  return fromOp(data, shape, 'int32', op, [], () => []);
}

export function argmax(x: Tensor, axis?: number, keepdims = false): Tensor {
  return argExtreme('argmax', x, axis, keepdims);
}

export function argmin(x: Tensor, axis?: number, keepdims = false): Tensor {
  return argExtreme('argmin', x, axis, keepdims);
}
