/**
 * Sums and max/min through reduce.c, bit for bit equal to the JavaScript kernels
 * (js-loops.ts sumAll, js-reduce.ts sumStrided, maxRuns, minRuns; reduce.c says how).
 * Layouts the C loops do not cover run the JavaScript kernel: inner strides other than 1,
 * sparse spans, and small inputs.
 */
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import type { ExtremeRunsKernel, SumAllKernel, SumStridedKernel } from '../../ops/reduce.js';
import { jsLoopsKernels } from '../js-loops.js';
import { jsReduceKernels } from '../js-reduce.js';
import { copyIn, copyOut, heapViews, slots, type WasmContext } from './context.js';

interface ReduceExports {
  sum_all_f32(x: number, n: number): number;
  sum_all_f64(x: number, n: number): number;
  sum_rows_f32(x: number, xs: number, acc: number, rows: number, n: number): void;
  sum_rows_f64(x: number, xs: number, acc: number, rows: number, n: number): void;
  sum_last_f32(x: number, xs: number, acc: number, as: number, rows: number, n: number): void;
  sum_last_f64(x: number, xs: number, acc: number, as: number, rows: number, n: number): void;
  max_runs_f32(x: number, out: number, runs: number, n: number): void;
  min_runs_f32(x: number, out: number, runs: number, n: number): void;
  max_runs_f64(x: number, out: number, runs: number, n: number): void;
  min_runs_f64(x: number, out: number, runs: number, n: number): void;
}

/**
 * Below this many input values the JavaScript kernels run. Measured in Node 20 through the
 * tensor API (CPU time, shared machine), JavaScript → wasm: float32 sum of 4096 values
 * 12.8 → 6.4 µs, of (32, 128) over axis 0 23.8 → 8.0 µs, of (256, 512) over axis 0
 * 468 → 65 µs; max of (256, 512) over its rows 276 → 62 µs and of (64, 64) 10.5 → 4.6 µs;
 * float64 2–3× throughout.
 */
const MIN_WASM_ELEMENTS = 1024;

const js = <F>(list: Kernel[], op: string): F => list.find((k) => k.op === op)!.fn as F;

export function reduceKernels(ctx: WasmContext): Kernel[] {
  const c = ctx.exports as unknown as ReduceExports;
  const jsSumAll = js<SumAllKernel>(jsLoopsKernels, 'sumAll');
  const jsSumStrided = js<SumStridedKernel>(jsReduceKernels, 'sumStrided');

  const sumAll: SumAllKernel = (x, off, n) => {
    if (n < MIN_WASM_ELEMENTS) return jsSumAll(x, off, n);
    const f32 = x instanceof Float32Array, size = f32 ? 4 : 8;
    const { at: [px], buffer } = slots(ctx, [n * size]);
    const views = heapViews(buffer);
    copyIn(f32 ? views.f32 : views.f64, px / size, x, off, n);
    return f32 ? c.sum_all_f32(px, n) : c.sum_all_f64(px, n);
  };

  // acc[b positions] += x[a positions], in C when x runs contiguously in the innermost loop
  // (a2 = 1) and either acc does too while the middle loop is reduced (b2 = 1, b1 = 0: a
  // sum over leading axes) or the innermost loop is the reduced one (b2 = 0, b1 ≠ 0: a sum
  // over the last axis).
  const sumStrided: SumStridedKernel = (X, acc, p) => {
    const n = p.n0 * p.n1 * p.n2;
    const leading = p.b2 === 1 && p.b1 === 0, last = p.b2 === 0 && p.b1 > 0;
    if (n < MIN_WASM_ELEMENTS || p.a2 !== 1 || !(leading || last) || p.a0 < 0 || p.a1 < 0 || p.b0 < 0 || !(X instanceof Float32Array || X instanceof Float64Array)) {
      jsSumStrided(X, acc, p);
      return;
    }
    const xLen = (p.n0 - 1) * p.a0 + (p.n1 - 1) * p.a1 + p.n2;
    const accLo = p.bOff, accLen = (p.n0 - 1) * p.b0 + (leading ? p.n2 : (p.n1 - 1) * p.b1 + 1);
    if (xLen > 2 * n) { jsSumStrided(X, acc, p); return; }
    const f32 = X instanceof Float32Array, size = f32 ? 4 : 8;
    const { at: [px, pa], buffer } = slots(ctx, [xLen * size, accLen * 8]);
    const views = heapViews(buffer);
    copyIn(f32 ? views.f32 : views.f64, px / size, X, p.aOff, xLen);
    copyIn(views.f64, pa / 8, acc, accLo, accLen);
    if (leading) {
      const rows = f32 ? c.sum_rows_f32 : c.sum_rows_f64;
      for (let i = 0; i < p.n0; i++) rows(px + i * p.a0 * size, p.a1, pa + i * p.b0 * 8, p.n1, p.n2);
    } else {
      const rows = f32 ? c.sum_last_f32 : c.sum_last_f64;
      for (let i = 0; i < p.n0; i++) rows(px + i * p.a0 * size, p.a1, pa + i * p.b0 * 8, p.b1, p.n1, p.n2);
    }
    copyOut(acc, accLo, views.f64, pa / 8, accLen);
  };

  const extreme = (op: 'max' | 'min'): ExtremeRunsKernel => {
    const jsRuns = js<ExtremeRunsKernel>(jsReduceKernels, `${op}Runs`);
    return (X, off, runs, n, out) => {
      const total = runs * n;
      if (total < MIN_WASM_ELEMENTS || n < 8) { jsRuns(X, off, runs, n, out); return; }
      const f32 = X instanceof Float32Array, size = f32 ? 4 : 8;
      const { at: [px, po], buffer } = slots(ctx, [total * size, runs * size]);
      const views = heapViews(buffer), heap = f32 ? views.f32 : views.f64;
      copyIn(heap, px / size, X, off, total);
      if (op === 'max') (f32 ? c.max_runs_f32 : c.max_runs_f64)(px, po, runs, n);
      else (f32 ? c.min_runs_f32 : c.min_runs_f64)(px, po, runs, n);
      copyOut(out as TypedArray as Float32Array, 0, heap, po / size, runs);
    };
  };

  const FLOATS = ['float32', 'float64'] as const;
  return [
    { op: 'sumAll', backend: 'wasm-simd', dtypes: FLOATS, priority: 2, fn: sumAll },
    { op: 'sumStrided', backend: 'wasm-simd', dtypes: FLOATS, priority: 2, fn: sumStrided },
    { op: 'maxRuns', backend: 'wasm-simd', dtypes: FLOATS, priority: 2, fn: extreme('max') },
    { op: 'minRuns', backend: 'wasm-simd', dtypes: FLOATS, priority: 2, fn: extreme('min') },
  ];
}
