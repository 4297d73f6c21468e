/**
 * Glue for int8.c: the quantized linear layer of descent/quantize (`qlinearInt8`), which
 * quantizes float32 activations to int8 and multiplies them by int8 weights with int32
 * accumulation, all inside WebAssembly. The reference it must equal (bit for bit) is
 * `qlinearReference` in quantize/int8-linear.ts.
 */
import type { Kernel } from '../../backend.js';
import { align16, type WasmContext } from './context.js';

/**
 * out (N, M) = scale[m]·(Σ_k q(x)[n, k]·W[m, k] − zx·wsum[m]) + bias[m], with
 * q(x) = clamp(zx + round(x·inv), −128, 127).
 */
export type QLinearInt8Kernel = (
  x: Float32Array, inv: number, zx: number, W: Int8Array, wsum: Int32Array, scale: Float32Array, bias: Float32Array,
  out: Float32Array, N: number, K: number, M: number,
) => void;

/** Convolution geometry: input (N, C, H, W), kernel, stride, padding, dilation, output size. */
export interface QConvGeometry { N: number; C: number; H: number; W: number; kh: number; kw: number; sh: number; sw: number; ph: number; pw: number; dh: number; dw: number; Ho: number; Wo: number }

/**
 * out (N·Ho·Wo, M): the int8 linear kernel applied to the quantized receptive fields of x
 * (N, C, H, W) contiguous float32, W (M, C·kh·kw) int8.
 */
export type QConv2dInt8Kernel = (
  x: Float32Array, g: QConvGeometry, inv: number, zx: number, W: Int8Array, wsum: Int32Array, scale: Float32Array, bias: Float32Array, out: Float32Array,
) => void;

interface Int8Exports {
  im2col_quantize_i8(x: number, qx: number, rows: number, N: number, C: number, H: number, W: number, kh: number, kw: number, sh: number, sw: number, ph: number, pw: number, dh: number, dw: number, Ho: number, Wo: number, inv: number, zp: number): void;
  quantize_i8(x: number, q: number, n: number, inv: number, zp: number): void;
  qlinear_i8(x: number, W: number, wsum: number, scale: number, zx: number, bias: number, out: number, N: number, K: number, M: number): void;
}

export function int8Kernels(ctx: WasmContext, backend: string, priority: number): Kernel[] {
  const c = ctx.exports as unknown as Int8Exports;
  const qlinear: QLinearInt8Kernel = (x, inv, zx, W, wsum, scale, bias, out, N, K, M) => {
    // Slots: x as float32, x as int8, W, wsum, scale, bias, out.
    const sizes = [N * K * 4, N * K, M * K, M * 4, M * 4, M * 4, N * M * 4];
    const at: number[] = [];
    let end = ctx.heapBase;
    for (const b of sizes) { at.push(end); end += align16(b); }
    const buffer = ctx.reserve(end - ctx.heapBase);
    const [px, pq, pw, ps, psc, pb, po] = at;
    new Float32Array(buffer, px, N * K).set(x.length === N * K ? x : x.subarray(0, N * K));
    new Int8Array(buffer, pw, M * K).set(W);
    new Int32Array(buffer, ps, M).set(wsum);
    new Float32Array(buffer, psc, M).set(scale);
    new Float32Array(buffer, pb, M).set(bias);
    c.quantize_i8(px, pq, N * K, inv, zx);
    c.qlinear_i8(pq, pw, ps, psc, zx, pb, po, N, K, M);
    out.set(new Float32Array(buffer, po, N * M));
  };
  const qconv: QConv2dInt8Kernel = (x, g, inv, zx, W, wsum, scale, bias, out) => {
    const rowsN = g.N * g.Ho * g.Wo, K = g.C * g.kh * g.kw, M = scale.length;
    const sizes = [g.N * g.C * g.H * g.W * 4, g.N * g.C * g.H * g.W, rowsN * K, M * K, M * 4, M * 4, M * 4, rowsN * M * 4];
    const at: number[] = [];
    let end = ctx.heapBase;
    for (const b of sizes) { at.push(end); end += align16(b); }
    const buffer = ctx.reserve(end - ctx.heapBase);
    const [px, pqx, pr, pw, ps, psc, pb, po] = at;
    new Float32Array(buffer, px, x.length).set(x);
    new Int8Array(buffer, pw, M * K).set(W);
    new Int32Array(buffer, ps, M).set(wsum);
    new Float32Array(buffer, psc, M).set(scale);
    new Float32Array(buffer, pb, M).set(bias);
    c.im2col_quantize_i8(px, pqx, pr, g.N, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw, g.Ho, g.Wo, inv, zx);
    c.qlinear_i8(pr, pw, ps, psc, zx, pb, po, rowsN, K, M);
    out.set(new Float32Array(buffer, po, rowsN * M));
  };
  return [
    { op: 'qlinearInt8', backend, dtypes: ['float32'], priority, fn: qlinear },
    { op: 'qconv2dInt8', backend, dtypes: ['float32'], priority, fn: qconv },
  ];
}
