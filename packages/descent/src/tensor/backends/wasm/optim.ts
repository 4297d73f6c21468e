/**
 * The fused Adam/AdamW and SGD steps (js-optim.ts) through optim.c: the parameter, its
 * gradient and the optimizer's state are copied into WebAssembly memory, stepped there in
 * f64x2 lanes, and the updated arrays copied back. Equal to the JavaScript loop bit for
 * bit (optim.c says why); test/tensor/wasm-ops.test.ts checks it.
 */
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import { adamStep, sgdStep, type AdamStepKernel, type SgdStepKernel } from '../js-optim.js';
import { copyIn, copyOut, heapViews, slots, type WasmContext } from './context.js';

interface OptimExports {
  adam_f32(p: number, g: number, m: number, v: number, vmax: number, n: number, args: number): void;
  adam_f64(p: number, g: number, m: number, v: number, vmax: number, n: number, args: number): void;
  sgd_f32(p: number, g: number, buf: number, n: number, args: number): void;
  sgd_f64(p: number, g: number, buf: number, n: number, args: number): void;
}

/**
 * Below this many values the JavaScript loop runs. Measured in Node 20 (CPU time, shared
 * machine), Adam: JavaScript 8.5–12 ns a value at every size; wasm costs about 300 ns a
 * call in copies and views, breaks even between 64 and 96 values and takes 4–6 ns a value
 * from 256 on (float32 3.7 at 1024, float64 5.1).
 */
const MIN_WASM_VALUES = 96;

/** Bytes of the C structs adam_args (9 doubles, 3 ints, padded to 8) and sgd_args (4 doubles, 4 ints). */
const ADAM_ARGS_BYTES = 88;
const SGD_ARGS_BYTES = 48;

export function optimKernels(ctx: WasmContext): Kernel[] {
  const c = ctx.exports as unknown as OptimExports;

  const adam: AdamStepKernel = (p, pOff, g, gOff, m, v, vMax, n, a) => {
    if (n < MIN_WASM_VALUES) { adamStep(p, pOff, g, gOff, m, v, vMax, n, a); return; }
    const f32 = p instanceof Float32Array;
    const size = f32 ? 4 : 8;
    const { at, buffer } = slots(ctx, [ADAM_ARGS_BYTES, n * size, n * size, n * size, n * size, vMax ? n * size : 0]);
    const [pa, pp, pg, pm, pv, px] = at;
    const views = heapViews(buffer);
    const heap = f32 ? views.f32 : views.f64;
    // The constants exactly as adamStep computes them, so both loops see the same doubles.
    const { lr, beta1, beta2, eps, weightDecay, decoupled, bc1, bc2 } = a;
    const d = views.f64, k = pa / 8;
    d[k] = beta1; d[k + 1] = 1 - beta1; d[k + 2] = beta2; d[k + 3] = 1 - beta2;
    d[k + 4] = decoupled ? 1 - lr * weightDecay : 1; d[k + 5] = decoupled ? 0 : weightDecay;
    d[k + 6] = Math.sqrt(bc2); d[k + 7] = eps; d[k + 8] = lr / bc1;
    const flags = (pa + 72) / 4;
    views.i32[flags] = weightDecay !== 0 ? 1 : 0; views.i32[flags + 1] = decoupled ? 1 : 0; views.i32[flags + 2] = vMax ? 1 : 0;
    copyIn(heap, pp / size, p, pOff, n);
    copyIn(heap, pg / size, g, gOff, n);
    copyIn(heap, pm / size, m, 0, n);
    copyIn(heap, pv / size, v, 0, n);
    if (vMax) copyIn(heap, px / size, vMax, 0, n);
    (f32 ? c.adam_f32 : c.adam_f64)(pp, pg, pm, pv, px, n, pa);
    copyOut(p as Float32Array, pOff, heap, pp / size, n);
    copyOut(m as Float32Array, 0, heap, pm / size, n);
    copyOut(v as Float32Array, 0, heap, pv / size, n);
    if (vMax) copyOut(vMax as Float32Array, 0, heap, px / size, n);
  };

  const sgd: SgdStepKernel = (p, pOff, g, gOff, buf, n, a) => {
    if (n < MIN_WASM_VALUES) { sgdStep(p, pOff, g, gOff, buf, n, a); return; }
    const f32 = p instanceof Float32Array;
    const size = f32 ? 4 : 8;
    const { at, buffer } = slots(ctx, [SGD_ARGS_BYTES, n * size, n * size, buf ? n * size : 0]);
    const [pa, pp, pg, pb] = at;
    const views = heapViews(buffer);
    const heap = f32 ? views.f32 : views.f64;
    const d = views.f64, k = pa / 8, flags = (pa + 32) / 4;
    d[k] = a.lr; d[k + 1] = a.momentum; d[k + 2] = 1 - a.dampening; d[k + 3] = a.weightDecay;
    views.i32[flags] = buf ? 1 : 0; views.i32[flags + 1] = a.first ? 1 : 0; views.i32[flags + 2] = a.nesterov ? 1 : 0; views.i32[flags + 3] = a.maximize ? 1 : 0;
    copyIn(heap, pp / size, p, pOff, n);
    copyIn(heap, pg / size, g, gOff, n);
    // The first step creates the buffer (b = g): its old contents are not read.
    if (buf && !a.first) copyIn(heap, pb / size, buf, 0, n);
    (f32 ? c.sgd_f32 : c.sgd_f64)(pp, pg, pb, n, pa);
    copyOut(p as Float32Array, pOff, heap, pp / size, n);
    if (buf) copyOut(buf as TypedArray as Float32Array, 0, heap, pb / size, n);
  };

  return [
    { op: 'adamStep', backend: 'wasm-simd', dtypes: ['float32', 'float64'], priority: 2, fn: adam },
    { op: 'sgdStep', backend: 'wasm-simd', dtypes: ['float32', 'float64'], priority: 2, fn: sgd },
  ];
}
