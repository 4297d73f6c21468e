/**
 * The fused linear layer (js-fused.ts `LinearKernel`: out = x·Wᵀ + b) through linear.c:
 * x, W and b copied into WebAssembly memory, one call, the result copied out. Products
 * large enough to be split across threads (threads.ts) go to the JavaScript kernel, whose
 * matmul is the threaded wasm one.
 */
import type { Kernel } from '../../backend.js';
import type { LinearKernel } from '../js-fused.js';
import { jsFusedKernels } from '../js-fused.js';
import { copyIn, copyOut, heapViews, slots, type WasmContext } from './context.js';
import { MIN_THREADED_FLOPS, getNumThreads } from './threads.js';

type LinearFn = (x: number, W: number, b: number, out: number, N: number, K: number, M: number) => void;

export function linearKernels(ctx: WasmContext): Kernel[] {
  const f32 = (ctx.exports as unknown as { linear_f32: LinearFn }).linear_f32;
  const f64 = (ctx.exports as unknown as { linear_f64: LinearFn }).linear_f64;
  const js = jsFusedKernels.find((k) => k.op === 'linear')!.fn as LinearKernel;
  const linear: LinearKernel = (x, xOff, W, wOff, b, bOff, out, N, K, M) => {
    if (2 * N * K * M >= MIN_THREADED_FLOPS && getNumThreads() > 1) { js(x, xOff, W, wOff, b, bOff, out, N, K, M); return; }
    const single = x instanceof Float32Array, size = single ? 4 : 8;
    const { at: [px, pw, pb, po], buffer } = slots(ctx, [N * K * size, M * K * size, M * size, N * M * size]);
    const views = heapViews(buffer), heap = single ? views.f32 : views.f64;
    copyIn(heap, px / size, x, xOff, N * K);
    copyIn(heap, pw / size, W, wOff, M * K);
    copyIn(heap, pb / size, b, bOff, M);
    (single ? f32 : f64)(px, pw, pb, po, N, K, M);
    copyOut(out as Float32Array, 0, heap, po / size, N * M);
  };
  return [{ op: 'linear', backend: 'wasm-simd', dtypes: ['float32', 'float64'], priority: 2, fn: linear }];
}
