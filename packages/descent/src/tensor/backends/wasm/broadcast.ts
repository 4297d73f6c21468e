/**
 * Broadcasting add/sub/mul/div and maximum/minimum (`broadcast:<op>`, the BroadcastKernel
 * contract of ops/elementwise.ts) through broadcast.c. For one block of three strided loops, the
 * storage span each operand's loops touch is copied into WebAssembly memory (a bias row
 * is a few values, a full operand its block), the block runs there, and its outputs are
 * copied out. Blocks the C loops do not vectorize (an inner stride other than 0 or 1, a
 * sparse span, a small block) run the JavaScript kernel of js-broadcast.ts, which is also
 * the specification (for maximum/minimum, ops/binary.ts's definition in the same loops):
 * test/tensor/wasm-ops.test.ts checks bit equality.
 */
import type { Kernel } from '../../backend.js';
import type { BinaryKernel, BroadcastKernel, Loops3 } from '../../ops/elementwise.js';
import { jsBroadcastKernels } from '../js-broadcast.js';
import { copyIn, copyOut, heapViews, slots, type WasmContext } from './context.js';

type BlockFn = (op: number, a: number, b: number, out: number, n0: number, n1: number, n2: number,
  a0: number, a1: number, a2: number, b0: number, b1: number, b2: number) => void;

/**
 * Below this many outputs in a block the JavaScript kernel runs. Measured in Node 20 (CPU
 * time, shared machine), float32 (N, E) + (E) and (R, C) − (R, 1): break-even near 512
 * outputs, about 2× faster from 4096.
 */
const MIN_WASM_ELEMENTS = 1024;

const OPS = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5 } as const;

/**
 * maximum and minimum have no JavaScript kernel: blocks the C loops do not take run
 * ops/binary.ts's definition in the same three loops (the reference's `mapBlock`).
 */
const maxOf = (x: number, y: number) => (x !== x || y !== y ? NaN : x > y ? x : y);
const minOf = (x: number, y: number) => (x !== x || y !== y ? NaN : x < y ? x : y);
function referenceBlock(f: (x: number, y: number) => number): BroadcastKernel {
  return (A, B, out, p) => {
    let o = p.oOff;
    for (let i = 0, ia = p.aOff, ib = p.bOff; i < p.n0; i++, ia += p.a0, ib += p.b0) {
      for (let j = 0, ja = ia, jb = ib; j < p.n1; j++, ja += p.a1, jb += p.b1) {
        for (let k = 0, ka = ja, kb = jb; k < p.n2; k++, ka += p.a2, kb += p.b2) out[o++] = f(A[ka], B[kb]);
      }
    }
  };
}

/** The lowest storage index the loops read from, and how many values up to the highest. */
function span(off: number, p: Loops3, s0: number, s1: number, s2: number): [number, number] {
  let lo = off, hi = off;
  for (const [n, s] of [[p.n0, s0], [p.n1, s1], [p.n2, s2]]) {
    if (s < 0) lo += (n - 1) * s; else hi += (n - 1) * s;
  }
  return [lo, hi - lo + 1];
}

export function broadcastKernels(ctx: WasmContext, dtypes: readonly ('float32' | 'float64')[]): Kernel[] {
  const f32Block = (ctx.exports as unknown as { broadcast_f32: BlockFn }).broadcast_f32;
  const f64Block = (ctx.exports as unknown as { broadcast_f64: BlockFn }).broadcast_f64;
  return (Object.keys(OPS) as (keyof typeof OPS)[]).map((op) => {
    const js = op === 'maximum' ? referenceBlock(maxOf) : op === 'minimum' ? referenceBlock(minOf) : jsBroadcastKernels.find((k) => k.op === `broadcast:${op}`)!.fn;
    const code = OPS[op];
    const fn: BroadcastKernel = (A, B, out, p) => {
      const n = p.n0 * p.n1 * p.n2;
      const inner = (p.a2 === 1 || p.a2 === 0) && (p.b2 === 1 || p.b2 === 0) && p.a2 + p.b2 > 0;
      if (n < MIN_WASM_ELEMENTS || !inner) { js(A, B, out, p); return; }
      const [aLo, aLen] = span(p.aOff, p, p.a0, p.a1, p.a2);
      const [bLo, bLen] = span(p.bOff, p, p.b0, p.b1, p.b2);
      if (aLen > 2 * n || bLen > 2 * n) { js(A, B, out, p); return; } // sparse views: copying them costs more
      const f32 = A instanceof Float32Array, size = f32 ? 4 : 8;
      const { at: [pa, pb, po], buffer } = slots(ctx, [aLen * size, bLen * size, n * size]);
      const views = heapViews(buffer), heap = f32 ? views.f32 : views.f64;
      copyIn(heap, pa / size, A, aLo, aLen);
      copyIn(heap, pb / size, B, bLo, bLen);
      (f32 ? f32Block : f64Block)(code, pa + (p.aOff - aLo) * size, pb + (p.bOff - bLo) * size, po,
        p.n0, p.n1, p.n2, p.a0, p.a1, p.a2, p.b0, p.b1, p.b2);
      copyOut(out as Float32Array, p.oOff, heap, po / size, n);
    };
    return { op: `broadcast:${op}`, backend: 'wasm-simd', dtypes, priority: 2, fn };
  });
}

/**
 * maximum and minimum for the contiguous layouts (the BinaryKernel contract: each operand
 * full or one value), through the same C block as one row. For add/sub/mul/div those
 * layouts have their own kernels (js-loops.ts, elementwise.c).
 */
export function extremeBinaryKernels(ctx: WasmContext, dtypes: readonly ('float32' | 'float64')[]): Kernel[] {
  const f32Block = (ctx.exports as unknown as { broadcast_f32: BlockFn }).broadcast_f32;
  const f64Block = (ctx.exports as unknown as { broadcast_f64: BlockFn }).broadcast_f64;
  return (['maximum', 'minimum'] as const).map((op) => {
    const f = op === 'maximum' ? maxOf : minOf;
    const code = OPS[op];
    const fn: BinaryKernel = (a, aOff, aStep, b, bOff, bStep, out, n) => {
      if (n < MIN_WASM_ELEMENTS || aStep + bStep === 0) {
        for (let i = 0, ia = aOff, ib = bOff; i < n; i++, ia += aStep, ib += bStep) out[i] = f(a[ia], b[ib]);
        return;
      }
      const f32 = a instanceof Float32Array, size = f32 ? 4 : 8;
      const aLen = aStep ? n : 1, bLen = bStep ? n : 1;
      const { at: [pa, pb, po], buffer } = slots(ctx, [aLen * size, bLen * size, n * size]);
      const views = heapViews(buffer), heap = f32 ? views.f32 : views.f64;
      copyIn(heap, pa / size, a, aOff, aLen);
      copyIn(heap, pb / size, b, bOff, bLen);
      (f32 ? f32Block : f64Block)(code, pa, pb, po, 1, 1, n, 0, 0, aStep, 0, 0, bStep);
      copyOut(out as Float32Array, 0, heap, po / size, n);
    };
    return { op, backend: 'wasm-simd', dtypes, priority: 2, fn };
  });
}
