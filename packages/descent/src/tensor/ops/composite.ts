/**
 * Composite ops: built from primitives, so their gradients come from the primitives'
 * rules by the chain rule, and a reader sees the math rather than a kernel.
 *
 * softmax and logSoftmax also have a fused fast path, used when a backend registers a
 * kernel for them: one pass per row instead of five ops, and a hand-written backward of
 * two or three ops instead of the composition's. The composition stays the definition:
 * test/tensor/reduce-kernels.test.ts checks the fused values equal it and its gradients
 * pass the gradient check.
 */
import { fromOp, type Tensor } from '../tensor.js';
import { allocateEmpty, DEFAULT_FLOAT, dtypeOfArray, isFloat, type TypedArray } from '../dtype.js';
import { normAxes, normAxis, sizeOf } from '../shape.js';
import { viewIsContiguous } from '../strided.js';
import { findKernel } from '../backend.js';
import { where } from './where.js';
import { isfinite } from './unary.js';
import type { UnaryKernel } from './elementwise.js';

/**
 * A backend kernel for a row-wise op along one axis of contiguous x, read as
 * (outer, n, inner): the rows are x[o, :, i]. `f32` says values are stored as float32.
 */
export type RowwiseKernel = (x: TypedArray, off: number, outer: number, n: number, inner: number, out: TypedArray, f32: boolean) => void;

function toFloat(x: Tensor): Tensor {
  return isFloat(x.dtype) ? x : x.astype(DEFAULT_FLOAT);
}

function countOver(x: Tensor, axis: number | readonly number[] | undefined, op: string): number {
  const axes = normAxes(op, axis, x.ndim);
  return x.ndim === 0 ? 1 : axes.reduce((n, a) => n * x.shape[a], 1); // a 0-d tensor's axis 0 holds its one element
}

/** x² = x·x. */
export function square(x: Tensor): Tensor {
  return x.mul(x);
}

/** Arithmetic mean: sum / n (integers are averaged as float32). An empty axis gives NaN. */
export function mean(x: Tensor, axis?: number | readonly number[], keepdims = false): Tensor {
  return toFloat(x).sum(axis, keepdims).div(countOver(x, axis, 'mean'));
}

export interface VarOptions {
  /**
   * Subtracted from n in the denominator: 1 (the default, PyTorch's) gives the unbiased
   * sample variance; 0 gives the population variance (NumPy's default `ddof=0`).
   */
  correction?: number;
  keepdims?: boolean;
}

/** Variance Σ(x − x̄)² / (n − correction). */
export function variance(x: Tensor, axis?: number | readonly number[], options: VarOptions = {}): Tensor {
  const { correction = 1, keepdims = false } = options;
  const xf = toFloat(x);
  const centered = xf.sub(xf.mean(axis, true));
  const n = countOver(x, axis, 'var');
  return centered.square().sum(axis, keepdims).div(Math.max(n - correction, 0));
}

/** Standard deviation: √variance. */
export function std(x: Tensor, axis?: number | readonly number[], options: VarOptions = {}): Tensor {
  return variance(x, axis, options).sqrt();
}

/**
 * log Σ eˣ, computed as m + log Σ e^(x − m) with m the maximum, so no term overflows.
 * m is detached: the result does not depend on it, and its gradient would cancel anyway.
 * When every value is −∞ (or m is ±∞) m is replaced by 0, avoiding ∞ − ∞.
 */
export function logsumexp(x: Tensor, axis?: number | readonly number[], keepdims = false): Tensor {
  const xf = toFloat(x);
  const m = xf.max(axis, true).detach();
  const safeM = where(isfinite(m), m, 0);
  const out = xf.sub(safeM).exp().sum(axis, true).log().add(safeM);
  return keepdims ? out : out.squeeze(normAxes('logsumexp', axis, x.ndim));
}

/** softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m) along `axis` (m the maximum, for stability). */
export function softmax(x: Tensor, axis = -1): Tensor {
  const ax = normAxis('softmax', axis, x.ndim);
  const xf = toFloat(x);
  const fused = rowwise('softmax', xf, ax);
  if (fused !== null) {
    // ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ), so the gradient is y ⊙ (g − Σⱼ gⱼyⱼ).
    const y: Tensor = fromOp(fused, xf.shape, xf.dtype, 'softmax', [xf], (g) => [y.mul(g.sub(g.mul(y).sum(ax, true)))]);
    return y;
  }
  const e = xf.sub(xf.max(ax, true).detach()).exp();
  return e.div(e.sum(ax, true));
}

/** log softmax(x) = x − logsumexp(x) along `axis`: stable even where softmax underflows to 0. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const ax = normAxis('logSoftmax', axis, x.ndim);
  const xf = toFloat(x);
  const fused = rowwise('logSoftmax', xf, ax);
  if (fused !== null) {
    // ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ, so the gradient is g − e^y ⊙ Σⱼ gⱼ.
    const y: Tensor = fromOp(fused, xf.shape, xf.dtype, 'logSoftmax', [xf], (g) => [g.sub(y.exp().mul(g.sum(ax, true)))]);
    return y;
  }
  return xf.sub(logsumexp(xf, ax, true));
}

/**
 * The fused kernel's output for `op` along `ax`, or null to use the composition: no
 * kernel registered, a strided view, or an empty tensor (where the composition gives the
 * empty result or the error that an empty axis has no maximum).
 */
function rowwise(op: 'softmax' | 'logSoftmax', x: Tensor, ax: number): TypedArray | null {
  const kernel = findKernel<RowwiseKernel>(op, x.dtype);
  if (kernel === undefined || x.size === 0 || !viewIsContiguous(x)) return null;
  const n = x.ndim === 0 ? 1 : x.shape[ax];
  const inner = sizeOf(x.shape.slice(ax + 1));
  const out = allocateEmpty(x.dtype, x.size);
  kernel(x.data, x.offset, x.size / (n * inner), n, inner, out, x.dtype === 'float32');
  return out;
}

/**
 * max(x, 0), as where(x > 0 or x is NaN, x, 0). As in PyTorch, a NaN passes through (a
 * diverged layer shows in the loss instead of vanishing into zeros) and takes the gradient
 * with it, and the gradient at 0 is 0. One difference: −0 gives +0, where PyTorch keeps −0
 * (equal values; the sign only shows in 1/x or Object.is).
 *
 * Fused path (a `relu` kernel registered for x's dtype, x contiguous): one pass forward
 * instead of comparisons, a bool mask and a select, and backward g ⊙ [y > 0 or y is NaN]
 * (exactly where x > 0 or x is NaN) as one multiply.
 */
export function relu(x: Tensor): Tensor {
  const kernel = isFloat(x.dtype) && x.size > 0 && viewIsContiguous(x) ? findKernel<UnaryKernel>('relu', x.dtype) : undefined;
  if (kernel !== undefined) {
    const out = allocateEmpty(x.dtype, x.size);
    kernel(x.data, x.offset, out, x.size);
    return fromOp(out, x.shape, x.dtype, 'relu', [x], (g) => [passWhere(g, out)]);
  }
  return isFloat(x.dtype) ? where(x.gt(0).logicalOr(x.isnan()), x, 0) : where(x.gt(0), x, 0);
}

/** A backend kernel for relu's backward: out[i] = y[i] > 0 || y[i] is NaN ? g[gOff + i] : 0, g and y of one dtype. */
export type ReluBackwardKernel = (g: TypedArray, gOff: number, y: TypedArray, out: TypedArray, n: number) => void;

/**
 * g where y > 0 or y is NaN, else 0: relu's backward in one pass. It is linear in g, so its own
 * gradient is the same mask applied again (second derivatives flow through it).
 */
function passWhere(g: Tensor, y: TypedArray): Tensor {
  const gc = g.dtype === 'float32' || g.dtype === 'float64' ? g.contiguous() : g.astype(DEFAULT_FLOAT).contiguous();
  const out = allocateEmpty(gc.dtype, gc.size); // kernel or loop, every value is written
  const G = gc.data;
  const kernel = dtypeOfArray(y) === gc.dtype ? findKernel<ReluBackwardKernel>('reluBackward', gc.dtype) : undefined;
  if (kernel !== undefined) kernel(G, gc.offset, y, out, out.length);
  else for (let i = 0, o = gc.offset; i < out.length; i++, o++) { const v = y[i]; out[i] = v > 0 || v !== v ? G[o] : 0; }
  return fromOp(out, gc.shape, gc.dtype, 'reluBackward', [gc], (gg) => [passWhere(gg, y)]);
}

/**
 * Limits values to [min, max] (either bound may be null). The gradient passes where
 * min ≤ x ≤ max, bounds included, as PyTorch's `clamp` does.
 */
export function clip(x: Tensor, min: number | null, max: number | null): Tensor {
  if (min !== null && max !== null && min > max) throw new RangeError(`clip: min (${min}) is greater than max (${max})`);
  let out = x;
  if (min !== null) out = where(out.lt(min), min, out);
  if (max !== null) out = where(out.gt(max), max, out);
  return out;
}
