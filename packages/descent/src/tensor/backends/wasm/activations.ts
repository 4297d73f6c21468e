/**
 * relu forward and backward through activations.c: the input (and for the backward, the
 * forward's output) copied into WebAssembly memory, one branch-free SIMD pass, the result
 * copied out. Equal to the JavaScript loops bit for bit (activations.c says why). And
 * GELU in both forms (elementwise.c), within documented tolerances.
 */
import type { Kernel } from '../../backend.js';
import type { UnaryKernel } from '../../ops/elementwise.js';
import type { ReluBackwardKernel } from '../../ops/composite.js';
import { jsFusedKernels } from '../js-fused.js';
import { copyIn, copyOut, heapViews, slots, type WasmContext } from './context.js';

interface ActivationExports {
  relu_f32(x: number, out: number, n: number): void;
  relu_f64(x: number, out: number, n: number): void;
  relu_backward_f32(g: number, y: number, out: number, n: number): void;
  relu_backward_f64(g: number, y: number, out: number, n: number): void;
  gelu_tanh_f32(x: number, out: number, n: number): void;
  gelu_erf_f32(x: number, out: number, n: number): void;
  gelu_erf_grad_f32(x: number, out: number, n: number): void;
  gelu_tanh_grad_f32(x: number, out: number, n: number): void;
}

/**
 * Below this many elements the JavaScript loops run. Measured in Node 20 (CPU time, shared
 * machine) on values of random sign: the loops take about 1.6 ns an element (a mispredicted
 * branch every other one); wasm with its copies breaks even near 256 and takes about
 * 0.4 ns an element (float32) from 4096 on.
 */
const MIN_WASM_ELEMENTS = 256;

/**
 * Longer arrays go through WebAssembly memory in chunks of this many elements (16 or 32 KB
 * an operand), so that the copies in, the kernel and the copy out all stay in the core's
 * own cache. Copying a whole 700 KB activation in and the result out took each pass through
 * the shared L3 cache, where the ranks of a data-parallel run and other programs compete.
 */
const CHUNK = 4096;

export function activationKernels(ctx: WasmContext): Kernel[] {
  const c = ctx.exports as unknown as ActivationExports;

  const relu: UnaryKernel = (x, xOff, out, n) => {
    if (n < MIN_WASM_ELEMENTS) {
      for (let i = 0; i < n; i++) { const v = x[xOff + i]; out[i] = v > 0 || v !== v ? v : 0; }
      return;
    }
    const f32 = x instanceof Float32Array, size = f32 ? 4 : 8, m = Math.min(n, CHUNK);
    const { at: [px, po], buffer } = slots(ctx, [m * size, m * size]);
    const views = heapViews(buffer), heap = f32 ? views.f32 : views.f64, run = f32 ? c.relu_f32 : c.relu_f64;
    for (let i = 0; i < n; i += m) {
      const k = Math.min(m, n - i);
      copyIn(heap, px / size, x, xOff + i, k);
      run(px, po, k);
      copyOut(out as Float32Array, i, heap, po / size, k);
    }
  };

  const reluBackward: ReluBackwardKernel = (g, gOff, y, out, n) => {
    if (n < MIN_WASM_ELEMENTS) {
      for (let i = 0; i < n; i++) { const v = y[i]; out[i] = v > 0 || v !== v ? g[gOff + i] : 0; }
      return;
    }
    const f32 = g instanceof Float32Array, size = f32 ? 4 : 8, m = Math.min(n, CHUNK);
    const { at: [pg, py, po], buffer } = slots(ctx, [m * size, m * size, m * size]);
    const views = heapViews(buffer), heap = f32 ? views.f32 : views.f64, run = f32 ? c.relu_backward_f32 : c.relu_backward_f64;
    for (let i = 0; i < n; i += m) {
      const k = Math.min(m, n - i);
      copyIn(heap, pg / size, g, gOff + i, k);
      copyIn(heap, py / size, y, i, k);
      run(pg, py, po, k);
      copyOut(out as Float32Array, i, heap, po / size, k);
    }
  };

  // GELU, both forms, and their derivatives for the backward (elementwise.c, beside the
  // exp, tanh and sigmoid they use): float32 only, within the tolerances elementwise.c
  // states. Measured (CPU time, shared machine): the tanh form 4.5–6.6 ns a value against
  // 26–32 for the JavaScript kernel's Math.tanh, the exact form 8 against 125 (erf's
  // series), from 256 values on.
  const gelu = (op: 'gelu' | 'geluTanh' | 'geluGrad' | 'geluTanhGrad'): UnaryKernel => {
    const js = jsFusedKernels.find((k) => k.op === op)!.fn as UnaryKernel;
    const run = { gelu: c.gelu_erf_f32, geluTanh: c.gelu_tanh_f32, geluGrad: c.gelu_erf_grad_f32, geluTanhGrad: c.gelu_tanh_grad_f32 }[op];
    return (x, xOff, out, n) => {
      if (n < MIN_WASM_ELEMENTS) { js(x, xOff, out, n); return; }
      const { at: [px, po], buffer } = slots(ctx, [n * 4, n * 4]);
      const heap = heapViews(buffer).f32;
      copyIn(heap, px / 4, x, xOff, n);
      run(px, po, n);
      copyOut(out as Float32Array, 0, heap, po / 4, n);
    };
  };

  return [
    { op: 'gelu', backend: 'wasm-simd', dtypes: ['float32'], priority: 2, fn: gelu('gelu') },
    { op: 'geluTanh', backend: 'wasm-simd', dtypes: ['float32'], priority: 2, fn: gelu('geluTanh') },
    { op: 'geluGrad', backend: 'wasm-simd', dtypes: ['float32'], priority: 2, fn: gelu('geluGrad') },
    { op: 'geluTanhGrad', backend: 'wasm-simd', dtypes: ['float32'], priority: 2, fn: gelu('geluTanhGrad') },
    { op: 'relu', backend: 'wasm-simd', dtypes: ['float32', 'float64'], priority: 2, fn: relu },
    { op: 'reluBackward', backend: 'wasm-simd', dtypes: ['float32', 'float64'], priority: 2, fn: reluBackward },
  ];
}
