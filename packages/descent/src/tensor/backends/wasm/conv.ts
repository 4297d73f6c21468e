/**
 * The convolution and pooling kernels of the `wasm-simd` backend (conv.c, pool.c), float32
 * and float64, behind the contracts of ../conv-kernels.ts.
 *
 * Each call lays its operands out above the module's heap base (the memory grows when a call
 * needs more), runs the C kernel, and copies the result out:
 *
 *   geometry (16 ints) | inputs … | outputs … | scratch (the im2col columns of one sample)
 *
 * The copies are one pass over each operand, small next to the im2col and the product.
 */
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import {
  windowCount, type AvgPool2dBackwardKernel, type AvgPool2dKernel, type Conv2dGeometry, type Conv2dInputGradKernel,
  type Conv2dKernel, type Conv2dWeightGradKernel, type MaxPool2dBackwardKernel, type MaxPool2dKernel, type Pool2dGeometry,
} from '../conv-kernels.js';

type Fn = (...args: number[]) => void;

/** What index.ts shares with this file: the instance, and room above its heap base. */
export interface WasmRuntime {
  /** The instance's exports (the C functions by name, and `memory`). */
  exports(): { memory: WebAssembly.Memory } & Record<string, unknown>;
  /** The first free byte above the module's static data and stack (16-byte aligned). */
  base(): number;
  /** Room for `bytes` bytes at base(); returns the memory's current buffer. */
  reserve(bytes: number): ArrayBuffer;
}

const align16 = (bytes: number) => (bytes + 15) & ~15;

/** Places regions one after another from base(): each call returns an element offset's byte address. */
class Layout {
  at: number;
  constructor(base: number) { this.at = base; }
  take(bytes: number): number {
    const p = this.at;
    this.at += align16(bytes);
    return p;
  }
}

type View = Float32Array | Float64Array;
const viewOf = (f32: boolean, buffer: ArrayBuffer, at: number, n: number): View => (f32 ? new Float32Array(buffer, at, n) : new Float64Array(buffer, at, n));

/** The convolution and pooling kernels, bound to the runtime index.ts hands over. */
export function wasmConvKernels(rt: WasmRuntime, backend: string, priority: number): Kernel[] {
  const fn = (name: string, f32: boolean) => rt.exports()[`${name}_${f32 ? 'f32' : 'f64'}`] as Fn;

  /** Reserves the layout's bytes, writes the geometry, and copies each input in. */
  function setup(layout: Layout, geo: Int32Array, geoAt: number, inputs: [TypedArray, number, number, number][], f32: boolean): ArrayBuffer {
    const buffer = rt.reserve(layout.at - rt.base());
    new Int32Array(buffer, geoAt, geo.length).set(geo);
    for (const [src, off, n, at] of inputs) viewOf(f32, buffer, at, n).set(src.subarray(off, off + n));
    return buffer;
  }

  const convShape = (geo: Conv2dGeometry) => {
    const [C, H, W, O, kh, kw, sh, sw, ph, pw, dh, dw, G] = geo;
    const Ho = windowCount(H, kh, sh, ph, dh), Wo = windowCount(W, kw, sw, pw, dw);
    return { C, H, W, O, K: (C / G) * kh * kw, L: Ho * Wo, Og: O / G };
  };

  const conv2d: Conv2dKernel = (x, xOff, w, wOff, b, bOff, out, N, geo) => {
    const f32 = x instanceof Float32Array, size = f32 ? 4 : 8;
    const { C, H, W, O, K, L } = convShape(geo);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), px = lay.take(N * C * H * W * size), pw = lay.take(w.length * size);
    const pb = b ? lay.take(O * size) : 0, py = lay.take(N * O * L * size), pc = lay.take(K * L * size);
    const ins: [TypedArray, number, number, number][] = [[x, xOff, N * C * H * W, px], [w, wOff, O * K, pw]];
    if (b) ins.push([b, bOff, O, pb]);
    setup(lay, geo, pGeo, ins, f32);
    fn('conv2d_fwd', f32)(px, pw, pb, py, pc, pGeo, N);
    out.set(viewOf(f32, rt.exports().memory.buffer as ArrayBuffer, py, N * O * L));
  };

  const conv2dInputGrad: Conv2dInputGradKernel = (dy, dyOff, w, wOff, dx, N, geo) => {
    const f32 = dy instanceof Float32Array, size = f32 ? 4 : 8;
    const { C, H, W, O, K, L } = convShape(geo);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), pdy = lay.take(N * O * L * size), pw = lay.take(O * K * size);
    const pdx = lay.take(N * C * H * W * size), pc = lay.take(K * L * size);
    setup(lay, geo, pGeo, [[dy, dyOff, N * O * L, pdy], [w, wOff, O * K, pw]], f32);
    fn('conv2d_bwd_input', f32)(pdy, pw, pdx, pc, pGeo, N);
    dx.set(viewOf(f32, rt.exports().memory.buffer as ArrayBuffer, pdx, N * C * H * W));
  };

  const conv2dWeightGrad: Conv2dWeightGradKernel = (dy, dyOff, x, xOff, dw, db, N, geo) => {
    const f32 = dy instanceof Float32Array, size = f32 ? 4 : 8;
    const { C, H, W, O, K, L, Og } = convShape(geo);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), pdy = lay.take(N * O * L * size), px = lay.take(N * C * H * W * size);
    const pdw = lay.take(O * K * size), pdb = db ? lay.take(O * size) : 0;
    const pc = lay.take(K * L * size), pt = lay.take(Og * K * size);
    setup(lay, geo, pGeo, [[dy, dyOff, N * O * L, pdy], [x, xOff, N * C * H * W, px]], f32);
    fn('conv2d_bwd_weight', f32)(pdy, px, pdw, pdb, pc, pt, pGeo, N);
    const buffer = rt.exports().memory.buffer as ArrayBuffer;
    dw.set(viewOf(f32, buffer, pdw, O * K));
    if (db) db.set(viewOf(f32, buffer, pdb, O));
  };

  const poolShape = (geo: Pool2dGeometry) => {
    const [H, W, kh, kw, sh, sw, ph, pw, dh, dw] = geo;
    return { HW: H * W, L: windowCount(H, kh, sh, ph, dh) * windowCount(W, kw, sw, pw, dw) };
  };

  const maxPool2d: MaxPool2dKernel = (x, xOff, out, idx, P, geo) => {
    const f32 = x instanceof Float32Array, size = f32 ? 4 : 8;
    const { HW, L } = poolShape(geo);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), px = lay.take(P * HW * size), py = lay.take(P * L * size), pi = lay.take(P * L * 4);
    setup(lay, geo, pGeo, [[x, xOff, P * HW, px]], f32);
    fn('maxpool2d_fwd', f32)(px, py, pi, pGeo, P);
    const buffer = rt.exports().memory.buffer as ArrayBuffer;
    out.set(viewOf(f32, buffer, py, P * L));
    idx.set(new Int32Array(buffer, pi, P * L));
  };

  const maxPool2dBackward: MaxPool2dBackwardKernel = (dy, dyOff, idx, dx, P, geo) => {
    const f32 = dy instanceof Float32Array, size = f32 ? 4 : 8;
    const { HW, L } = poolShape(geo);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), pdy = lay.take(P * L * size), pi = lay.take(P * L * 4), pdx = lay.take(P * HW * size);
    const buffer = setup(lay, geo, pGeo, [[dy, dyOff, P * L, pdy]], f32);
    new Int32Array(buffer, pi, P * L).set(idx.subarray(0, P * L));
    fn('maxpool2d_bwd', f32)(pdy, pi, pdx, pGeo, P);
    dx.set(viewOf(f32, rt.exports().memory.buffer as ArrayBuffer, pdx, P * HW));
  };

  const avgPool2d: AvgPool2dKernel = (x, xOff, out, P, geo) => {
    const f32 = x instanceof Float32Array, size = f32 ? 4 : 8;
    const { HW, L } = poolShape(geo);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), px = lay.take(P * HW * size), py = lay.take(P * L * size);
    setup(lay, geo, pGeo, [[x, xOff, P * HW, px]], f32);
    fn('avgpool2d_fwd', f32)(px, py, pGeo, P);
    out.set(viewOf(f32, rt.exports().memory.buffer as ArrayBuffer, py, P * L));
  };

  const avgPool2dBackward: AvgPool2dBackwardKernel = (dy, dyOff, dx, P, geo) => {
    const f32 = dy instanceof Float32Array, size = f32 ? 4 : 8;
    const { HW, L } = poolShape(geo);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), pdy = lay.take(P * L * size), pdx = lay.take(P * HW * size);
    setup(lay, geo, pGeo, [[dy, dyOff, P * L, pdy]], f32);
    fn('avgpool2d_bwd', f32)(pdy, pdx, pGeo, P);
    dx.set(viewOf(f32, rt.exports().memory.buffer as ArrayBuffer, pdx, P * HW));
  };

  const entries: [string, unknown][] = [
    ['conv2d', conv2d], ['conv2dInputGrad', conv2dInputGrad], ['conv2dWeightGrad', conv2dWeightGrad],
    ['maxPool2d', maxPool2d], ['maxPool2dBackward', maxPool2dBackward], ['avgPool2d', avgPool2d], ['avgPool2dBackward', avgPool2dBackward],
  ];
  return entries.map(([op, f]) => ({ op, backend, dtypes: ['float32', 'float64'] as const, priority, fn: f }));
}
