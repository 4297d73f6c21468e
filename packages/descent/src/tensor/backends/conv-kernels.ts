/**
 * The kernel contracts of the convolution and pooling fast paths (nn/layers/conv-fast.ts),
 * which the `wasm-simd` backend implements (wasm/conv.ts, conv.c, pool.c). Every array is
 * contiguous and of one float dtype; offsets are in elements. The compositions they
 * replace (unfold2d, matmul, argmax/gather, mean) in nn/layers/conv.ts are the definition.
 */
import type { TypedArray } from '../dtype.js';

/** A convolution's geometry: [C, H, W, O, kh, kw, sh, sw, ph, pw, dh, dw, groups]. */
export type Conv2dGeometry = Int32Array;

/** out (N, O, Ho, Wo) = conv2d(x (N, C, H, W), w (O, C/groups, kh, kw)) + b (O,) or no bias (null). */
export type Conv2dKernel = (x: TypedArray, xOff: number, w: TypedArray, wOff: number, b: TypedArray | null, bOff: number,
  out: TypedArray, N: number, geo: Conv2dGeometry) => void;

/** dx (N, C, H, W), overwritten, = the input gradient for the output gradient dy (N, O, Ho, Wo). */
export type Conv2dInputGradKernel = (dy: TypedArray, dyOff: number, w: TypedArray, wOff: number, dx: TypedArray,
  N: number, geo: Conv2dGeometry) => void;

/** dw (O, C/groups, kh, kw) and db (O,) or null, overwritten, = the weight and bias gradients summed over the batch. */
export type Conv2dWeightGradKernel = (dy: TypedArray, dyOff: number, x: TypedArray, xOff: number, dw: TypedArray,
  db: TypedArray | null, N: number, geo: Conv2dGeometry) => void;

/** A pooling's geometry: [H, W, kh, kw, sh, sw, ph, pw, dh, dw]. */
export type Pool2dGeometry = Int32Array;

/** out, idx (P, Ho, Wo) = each window's maximum over P planes (P, H, W), and its index h·W + w in the plane. */
export type MaxPool2dKernel = (x: TypedArray, xOff: number, out: TypedArray, idx: Int32Array, P: number, geo: Pool2dGeometry) => void;

/** dx (P, H, W), overwritten: dy (P, Ho, Wo) added at each window's maximum. */
export type MaxPool2dBackwardKernel = (dy: TypedArray, dyOff: number, idx: Int32Array, dx: TypedArray, P: number, geo: Pool2dGeometry) => void;

/** out (P, Ho, Wo) = each window's mean, padding counted as zeros. */
export type AvgPool2dKernel = (x: TypedArray, xOff: number, out: TypedArray, P: number, geo: Pool2dGeometry) => void;

/** dx (P, H, W), overwritten: each window's dy / (kh·kw) added to its pixels. */
export type AvgPool2dBackwardKernel = (dy: TypedArray, dyOff: number, dx: TypedArray, P: number, geo: Pool2dGeometry) => void;

/** The output size of a window sweep along one axis: ⌊(H + 2p − d·(k − 1) − 1)/s⌋ + 1. */
export const windowCount = (H: number, k: number, s: number, p: number, d: number): number => Math.floor((H + 2 * p - d * (k - 1) - 1) / s) + 1;
