/**
 * Fast paths for conv2d, maxPool2d and avgPool2d: one op node each, whose forward and
 * backward passes are single kernel calls (the `wasm-simd` backend's conv.c and pool.c,
 * through the contracts of tensor/backends/conv-kernels.ts), where the compositions in
 * conv.ts build an unfold, a product, a reshape and a bias add (or an argmax and a gather),
 * each with its own allocations and backward.
 *
 * The compositions stay the definition: conv.ts takes these paths only when a kernel is
 * registered for the dtype, and test/nn/conv-fast.test.ts checks values and gradients
 * against the compositions on the reference kernels, and runs the gradient check.
 *
 * Gradients of gradients: a backward pass that is itself recorded (`createGraph`) runs with
 * gradient mode on, and then the convolution's backward is written with ops (unfold2d,
 * matmul, fold2d), so it can be differentiated again. The pooling backward passes are
 * linear in the incoming gradient and are op nodes of their own: max pooling's adjoint is a
 * gather at the same indices, average pooling's is average pooling.
 */
import { Tensor, concat, findKernel, fold2d, isGradEnabled, unfold2d } from '../../tensor/index.js';
import { fromOp } from '../../tensor/tensor.js';
import { allocate, allocateEmpty, type TypedArray } from '../../tensor/dtype.js';
import { viewIsContiguous } from '../../tensor/strided.js';
import {
  windowCount, type AvgPool2dBackwardKernel, type AvgPool2dKernel, type Conv2dInputGradKernel, type Conv2dKernel,
  type Conv2dWeightGradKernel, type MaxPool2dBackwardKernel, type MaxPool2dKernel,
} from '../../tensor/backends/conv-kernels.js';

type P2 = [number, number];
export interface ConvGeometry { stride: P2; padding: P2; dilation: P2; groups: number }

/**
 * The checks unfold2d makes on the composition's path, made before a kernel runs: positive
 * kernel, stride and dilation, non-negative padding, and a window that fits the padded image.
 */
function checkWindows(op: string, H: number, W: number, k: P2, s: P2, p: P2, d: P2): [number, number] {
  for (const v of [...k, ...s, ...d]) if (!Number.isInteger(v) || v < 1) throw new RangeError(`${op}: kernel size, stride and dilation must be positive integers`);
  for (const v of p) if (!Number.isInteger(v) || v < 0) throw new RangeError(`${op}: padding must be a non-negative integer, got ${v}`);
  const Ho = windowCount(H, k[0], s[0], p[0], d[0]), Wo = windowCount(W, k[1], s[1], p[1], d[1]);
  if (Ho < 1 || Wo < 1) {
    throw new RangeError(`${op}: the ${k[0]}×${k[1]} kernel (dilation ${d[0]}×${d[1]}) does not fit the ${H}×${W} input with padding ${p[0]}×${p[1]}; use a smaller kernel or more padding`);
  }
  return [Ho, Wo];
}

const isFloat = (t: Tensor) => t.dtype === 'float32' || t.dtype === 'float64';
const dense = (t: Tensor) => (viewIsContiguous(t) ? t : t.contiguous());

/**
 * conv2d(x, weight) + bias as one op node, or null when no kernel applies (no kernel for
 * the dtype, a dtype mix, or an empty operand: the composition handles those).
 * Shapes were checked by the caller: x (N, C, H, W), weight (O, C/groups, kh, kw), bias (O,).
 */
export function fastConv2d(x: Tensor, weight: Tensor, bias: Tensor | null, o: ConvGeometry): Tensor | null {
  if (!isFloat(x) || weight.dtype !== x.dtype || (bias !== null && (bias.dtype !== x.dtype || bias.ndim !== 1))) return null;
  const [N, C, H, W] = x.shape;
  const [O, , kh, kw] = weight.shape;
  if (C === 0 || O === 0) return null;
  const kernel = findKernel<Conv2dKernel>('conv2d', x.dtype);
  if (kernel === undefined) return null;
  const [Ho, Wo] = checkWindows('conv2d', H, W, [kh, kw], o.stride, o.padding, o.dilation);
  const geo = Int32Array.of(C, H, W, O, kh, kw, ...o.stride, ...o.padding, ...o.dilation, o.groups);
  const xc = dense(x), wc = dense(weight), bc = bias && dense(bias);
  const out = allocateEmpty(x.dtype, N * O * Ho * Wo); // the kernel writes every value
  if (N > 0) kernel(xc.data, xc.offset, wc.data, wc.offset, bc?.data ?? null, bc?.offset ?? 0, out, N, geo);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return fromOp(out, [N, O, Ho, Wo], x.dtype, 'conv2d', inputs, (g) => {
    if (isGradEnabled()) return conv2dBackwardOps(x, weight, bias, g, o);
    const gc = dense(g);
    const needX = x.requiresGrad, needW = weight.requiresGrad || (bias?.requiresGrad ?? false);
    let gx: Tensor | null = null, gw: Tensor | null = null, gb: Tensor | null = null;
    if (needX) {
      const dx = allocateEmpty(x.dtype, x.size);
      if (N > 0) findKernel<Conv2dInputGradKernel>('conv2dInputGrad', x.dtype)!(gc.data, gc.offset, wc.data, wc.offset, dx, N, geo);
      gx = new Tensor(dx, x.shape, x.dtype);
    }
    if (needW) {
      const dw = allocate(x.dtype, weight.size);
      const db: TypedArray | null = bias ? allocate(x.dtype, O) : null;
      if (N > 0) findKernel<Conv2dWeightGradKernel>('conv2dWeightGrad', x.dtype)!(gc.data, gc.offset, xc.data, xc.offset, dw, db, N, geo);
      gw = new Tensor(dw, weight.shape, x.dtype);
      gb = db && new Tensor(db, [O], x.dtype);
    }
    return bias ? [gx, gw, gb] : [gx, gw];
  });
}

/**
 * The convolution's gradients written with ops, group by group, for a recorded backward pass:
 *   dx_g = fold2d(W_gᵀ · g_g),   dW_g = Σₙ g_g[n] · unfold2d(x_g)[n]ᵀ,   db = Σ_{n,h,w} g.
 */
function conv2dBackwardOps(x: Tensor, weight: Tensor, bias: Tensor | null, g: Tensor, o: ConvGeometry): (Tensor | null)[] {
  const [N, C, H, W] = x.shape;
  const [O, Cg, kh, kw] = weight.shape;
  const G = o.groups, Og = O / G;
  const geo = { kernelSize: [kh, kw] as P2, stride: o.stride, padding: o.padding, dilation: o.dilation };
  const g3 = g.reshape([N, O, g.shape[2] * g.shape[3]]);                       // (N, O, L)
  const gxs: Tensor[] = [], gws: Tensor[] = [];
  for (let gi = 0; gi < G; gi++) {
    const gg = G === 1 ? g3 : g3.narrow(1, gi * Og, Og);                      // (N, Og, L)
    const wg = (G === 1 ? weight : weight.narrow(0, gi * Og, Og)).reshape([Og, Cg * kh * kw]);
    if (x.requiresGrad) gxs.push(fold2d(wg.T.matmul(gg), [H, W], geo));         // (K, Og)·(N, Og, L) -> (N, K, L) -> (N, Cg, H, W)
    if (weight.requiresGrad) {
      const cols = unfold2d(G === 1 ? x : x.narrow(1, gi * Cg, Cg), geo);       // (N, K, L)
      gws.push(gg.matmul(cols.transpose(1, 2)).sum(0));                          // (N, Og, L)·(N, L, K) -> (Og, K)
    }
  }
  const gx = x.requiresGrad ? (G === 1 ? gxs[0] : concat(gxs, 1)) : null;
  const gw = weight.requiresGrad ? (G === 1 ? gws[0] : concat(gws, 0)).reshape(weight.shape) : null;
  void C;
  return bias ? [gx, gw, bias.requiresGrad ? g.sum([0, 2, 3]) : null] : [gx, gw];
}

interface PoolGeometry { kernel: P2; stride: P2; padding: P2 }

function poolSetup(op: string, x: Tensor, p: PoolGeometry) {
  const [N, C, H, W] = x.shape;
  const [Ho, Wo] = checkWindows(op, H, W, p.kernel, p.stride, p.padding, [1, 1]);
  const geo = Int32Array.of(H, W, ...p.kernel, ...p.stride, ...p.padding, 1, 1);
  return { N, C, H, W, Ho, Wo, P: N * C, geo };
}

/** Max pooling as one op node (padding never wins, the first maximum or NaN takes the gradient), or null. */
export function fastMaxPool2d(op: string, x: Tensor, p: PoolGeometry): Tensor | null {
  if (!isFloat(x) || x.ndim !== 4) return null;
  const kernel = findKernel<MaxPool2dKernel>('maxPool2d', x.dtype);
  if (kernel === undefined) return null;
  const { N, C, H, W, Ho, Wo, P, geo } = poolSetup(op, x, p);
  const xc = dense(x);
  const out = allocateEmpty(x.dtype, P * Ho * Wo);
  const idx = new Int32Array(P * Ho * Wo);
  if (P > 0) kernel(xc.data, xc.offset, out, idx, P, geo);
  const scatter = (g: Tensor): Tensor => {
    const gc = dense(g.dtype === x.dtype ? g : g.astype(x.dtype));
    const back = findKernel<MaxPool2dBackwardKernel>('maxPool2dBackward', x.dtype);
    const dx = P > 0 && back ? allocateEmpty(x.dtype, x.size) : allocate(x.dtype, x.size); // the loop below adds into zeros
    if (P > 0 && back) back(gc.data, gc.offset, idx, dx, P, geo);
    else for (let q = 0, L = Ho * Wo; q < P * L; q++) dx[Math.floor(q / L) * H * W + idx[q]] += gc.data[gc.offset + q];
    // Its adjoint: the gradient at each window's maximum, a gather at the same indices.
    return fromOp(dx, [N, C, H, W], x.dtype, 'maxPool2dBackward', [gc], (gg) => [gatherAt(gg, idx, [N, C, Ho, Wo], H * W, scatter)]);
  };
  return fromOp(out, [N, C, Ho, Wo], x.dtype, 'maxPool2d', [x], (g) => [scatter(g)]);
}

/** out (N, C, Ho, Wo) = src (N, C, H, W) read at each plane's indices; its adjoint is `scatter`. */
function gatherAt(src: Tensor, idx: Int32Array, shape: number[], HW: number, scatter: (g: Tensor) => Tensor): Tensor {
  const s = dense(src);
  const L = shape[2] * shape[3];
  const out = allocate(src.dtype, idx.length);
  for (let q = 0; q < idx.length; q++) out[q] = s.data[s.offset + Math.floor(q / L) * HW + idx[q]];
  return fromOp(out, shape, src.dtype, 'maxPool2dGather', [s], (g) => [scatter(g)]);
}

/** Average pooling (padding counted as zeros) as one op node, or null. */
export function fastAvgPool2d(op: string, x: Tensor, p: PoolGeometry): Tensor | null {
  if (!isFloat(x) || x.ndim !== 4) return null;
  const kernel = findKernel<AvgPool2dKernel>('avgPool2d', x.dtype);
  const back = findKernel<AvgPool2dBackwardKernel>('avgPool2dBackward', x.dtype);
  if (kernel === undefined || back === undefined) return null;
  const { N, C, H, W, Ho, Wo, P, geo } = poolSetup(op, x, p);
  const xc = dense(x);
  const out = allocateEmpty(x.dtype, P * Ho * Wo);
  if (P > 0) kernel(xc.data, xc.offset, out, P, geo);
  return fromOp(out, [N, C, Ho, Wo], x.dtype, 'avgPool2d', [x], (g) => {
    const gc = dense(g.dtype === x.dtype ? g : g.astype(x.dtype));
    const dx = allocateEmpty(x.dtype, x.size);
    if (P > 0) back(gc.data, gc.offset, dx, P, geo);
    // Linear in g, and its adjoint is average pooling itself.
    return [fromOp(dx, [N, C, H, W], x.dtype, 'avgPool2dBackward', [gc], (gg) => [fastAvgPool2d(op, gg, p)])];
  });
}
