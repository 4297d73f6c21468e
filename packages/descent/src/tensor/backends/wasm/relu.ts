/**
 * ReLU forward (`relu`) and backward (`reluBackward`) of the `wasm-simd` backend (relu.c),
 * float32, for arrays of at least MIN_ELEMENTS; shorter ones run the JavaScript loop, where
 * the call and the copies would cost more than they save. Float64 stays in JavaScript (as
 * for the other elementwise kernels: copying 8-byte values in and out eats the gain).
 */
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import type { UnaryKernel } from '../../ops/elementwise.js';
import type { ReluBackwardKernel } from '../../ops/composite.js';
import type { WasmRuntime } from './conv.js';

/** As elementwise unary ops (index.ts): below 64 values the JavaScript loop wins. */
const MIN_ELEMENTS = 64;

const align16 = (bytes: number) => (bytes + 15) & ~15;

export function wasmReluKernels(rt: WasmRuntime, backend: string, priority: number): Kernel[] {
  const call = (name: string) => rt.exports()[name] as (...args: number[]) => void;

  const relu: UnaryKernel = (x, xOff, out, n) => {
    if (n < MIN_ELEMENTS) {
      for (let i = 0; i < n; i++) { const v = x[xOff + i]; out[i] = v > 0 ? v : 0; }
      return;
    }
    const bytes = align16(n * 4), px = rt.base(), po = px + bytes;
    const buffer = rt.reserve(2 * bytes);
    new Float32Array(buffer, px, n).set(x.subarray(xOff, xOff + n));
    call('relu_fwd_f32')(px, po, n);
    out.set(new Float32Array(rt.exports().memory.buffer, po, n));
  };

  const reluBackward: ReluBackwardKernel = (g: TypedArray, gOff, y, out, n) => {
    if (n < MIN_ELEMENTS) {
      for (let i = 0; i < n; i++) out[i] = y[i] > 0 ? g[gOff + i] : 0;
      return;
    }
    const bytes = align16(n * 4), pg = rt.base(), py = pg + bytes, po = py + bytes;
    const buffer = rt.reserve(3 * bytes);
    new Float32Array(buffer, pg, n).set(g.subarray(gOff, gOff + n));
    new Float32Array(buffer, py, n).set(y.subarray(0, n));
    call('relu_bwd_f32')(pg, py, po, n);
    out.set(new Float32Array(rt.exports().memory.buffer, po, n));
  };

  return [
    { op: 'relu', backend, dtypes: ['float32'], priority, fn: relu },
    { op: 'reluBackward', backend, dtypes: ['float32'], priority, fn: reluBackward },
  ];
}
