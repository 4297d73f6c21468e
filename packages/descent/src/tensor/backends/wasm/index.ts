/**
 * The `wasm-simd` backend: kernels written in C (`*.c` beside this file), compiled by
 * Debian's clang to WebAssembly with 128-bit SIMD, embedded as base64 (`kernels-wasm.ts`) so
 * they load with no network and no file system, in Node, in a page and in a Web Worker.
 *
 * The module has one linear memory. A kernel call copies its operands into that memory
 * (above `__heap_base`; the memory grows when a call needs more), runs, and copies the
 * result out. Copying costs about as much as one pass over the data, which is nothing next
 * to a matmul's n³ work but about what an elementwise op costs in JavaScript: a kernel is
 * registered only where the measurement in bench/ shows it faster than the JavaScript one.
 *
 * Loading: `WebAssembly.Module` compiles synchronously in Node and in workers. A browser's
 * main thread refuses synchronous compiles of modules over 4 KiB, so there the module is
 * compiled asynchronously and its kernels are registered when ready; until then the
 * JavaScript kernels run. Where WebAssembly or its SIMD instructions are missing
 * (`WebAssembly.validate` fails), the backend registers nothing.
 *
 * This file holds matmul and the first float32 elementwise kernels; the others have their
 * glue beside their C source (optim.ts, activations.ts, broadcast.ts, reduce.ts,
 * linear.ts), reaching the instance through context.ts.
 */
import type { Kernel } from '../../backend.js';
import type { MatmulKernel, MatmulStridedKernel } from '../../ops/matmul.js';
import type { BinaryKernel, UnaryKernel } from '../../ops/elementwise.js';
import type { TypedArray } from '../../dtype.js';
import { jsLoopsKernels } from '../js-loops.js';
import { jsReduceKernels } from '../js-reduce.js';
import type { RowwiseKernel } from '../../ops/composite.js';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';
import { MIN_THREADED_FLOPS, pool, waitForWorkers } from './threads.js';
import type { WasmContext } from './context.js';
import { optimKernels } from './optim.js';
import { activationKernels } from './activations.js';
import { broadcastKernels, extremeBinaryKernels } from './broadcast.js';
import { reduceKernels } from './reduce.js';
import { linearKernels } from './linear.js';
import { wasmConvKernels, type WasmRuntime } from './conv.js';
import { int8Kernels } from './int8.js';
import { kmeansKernels } from './kmeans.js';
import { histKernels } from './hist.js';

/** The C functions the module exports (pointers are byte offsets into its memory). */
interface Exports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  matmul_f32(a: number, rsa: number, csa: number, b: number, rsb: number, csb: number, c: number, M: number, K: number, N: number): void;
  matmul_f64(a: number, rsa: number, csa: number, b: number, rsb: number, csb: number, c: number, M: number, K: number, N: number): void;
  exp_f32(x: number, out: number, n: number): void;
  log_f32(x: number, out: number, n: number): void;
  tanh_f32(x: number, out: number, n: number): void;
  sigmoid_f32(x: number, out: number, n: number): void;
  softmax_f32(x: number, out: number, rows: number, n: number, log: number): void;
  binary_f32(op: number, a: number, aStep: number, b: number, bStep: number, out: number, n: number): void;
}

export const WASM_BACKEND = 'wasm-simd';
/** Above the JavaScript kernels (priority 1): dispatch picks wasm where both exist. */
const PRIORITY = 2;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The instance's exports and the first free byte above the module's static data and stack. */
let wasm: Exports | null = null;
let heapBase = 0;
/** The compiled module, handed to the worker threads (each makes its own instance). */
let compiled: WebAssembly.Module | null = null;

/**
 * Room for `bytes` bytes at `heapBase` (16-byte aligned), growing the memory if needed.
 * Returns the memory's current buffer (growing replaces it, so views are made after).
 */
function reserve(bytes: number): ArrayBuffer {
  const memory = wasm!.memory;
  const need = heapBase + bytes - memory.buffer.byteLength;
  if (need > 0) memory.grow(Math.ceil(need / 65536));
  return memory.buffer;
}

const align16 = (bytes: number) => (bytes + 15) & ~15;

/** A typed view of one dtype on a WebAssembly memory or a SharedArrayBuffer. */
type ViewOf = (buffer: ArrayBufferLike, at: number, length: number) => Float32Array | Float64Array;
const f32View: ViewOf = (buffer, at, length) => new Float32Array(buffer, at, length);
const f64View: ViewOf = (buffer, at, length) => new Float64Array(buffer, at, length);

/**
 * Where one operand goes in WebAssembly memory, and the strides the C kernel reads it with.
 * A view whose elements fill most of the storage span they occupy (a contiguous matrix, a
 * transpose, a broadcast row) is copied as that span, strides unchanged: one `set`, no
 * gather. A sparse or reversed view (a strided slice, negative steps) is gathered
 * row-major first.
 */
function place(src: TypedArray, off: number, rs: number, cs: number, rows: number, cols: number, View: ViewOf, at: number, buffer: ArrayBufferLike) {
  const span = (rows - 1) * rs + (cols - 1) * cs + 1;
  if (rs >= 0 && cs >= 0 && span <= 2 * rows * cols) {
    View(buffer, at, span).set(src.subarray(off, off + span));
    return { rs, cs };
  }
  const dst = View(buffer, at, rows * cols);
  for (let i = 0, o = 0; i < rows; i++) for (let j = 0; j < cols; j++) dst[o++] = src[off + i * rs + j * cs];
  return { rs: cols, cs: 1 };
}

/** Elements `place` may write for an operand: its span, or rows·cols when gathered. */
function room(rs: number, cs: number, rows: number, cols: number): number {
  const span = (rows - 1) * rs + (cols - 1) * cs + 1;
  return rs >= 0 && cs >= 0 && span <= 2 * rows * cols ? span : rows * cols;
}

/**
 * `out = a @ b` through the C kernel for one dtype, a and b read through their strides
 * (the `MatmulStridedKernel` contract of ops/matmul.ts).
 */
function matmulVia(dtype: 'float32' | 'float64'): MatmulStridedKernel {
  const size = dtype === 'float32' ? 4 : 8;
  const View = dtype === 'float32' ? f32View : f64View;
  return (a, aOff, aRs, aCs, b, bOff, bRs, bCs, out, outOff, M, K, N) => {
    const workers = 2 * M * N * K >= MIN_THREADED_FLOPS && M >= 8 ? pool(compiled!) : [];
    if (workers.length > 0) {
      matmulThreaded(dtype, workers, a, aOff, aRs, aCs, b, bOff, bRs, bCs, out, outOff, M, K, N);
      return;
    }
    const pa = heapBase;
    const pb = pa + align16(room(aRs, aCs, M, K) * size);
    const pc = pb + align16(room(bRs, bCs, K, N) * size);
    const buffer = reserve(pc - heapBase + M * N * size);
    const sa = place(a, aOff, aRs, aCs, M, K, View, pa, buffer);
    const sb = place(b, bOff, bRs, bCs, K, N, View, pb, buffer);
    if (dtype === 'float32') wasm!.matmul_f32(pa, sa.rs, sa.cs, pb, sb.rs, sb.cs, pc, M, K, N);
    else wasm!.matmul_f64(pa, sa.rs, sa.cs, pb, sb.rs, sb.cs, pc, M, K, N);
    out.set(View(wasm!.memory.buffer, pc, M * N), outOff);
  };
}

/**
 * The operands and result of a threaded product, shared with the workers (made and grown
 * on demand: SharedArrayBuffer does not exist in a page without cross-origin isolation).
 */
let shared: SharedArrayBuffer | null = null;

/**
 * The product split into row blocks (threads.ts): operands copied once into `shared`,
 * block 0 computed here, the others by the workers, each writing its rows of c there.
 */
function matmulThreaded(
  dtype: 'float32' | 'float64', workers: { postMessage(m: unknown): void }[],
  a: TypedArray, aOff: number, aRs: number, aCs: number, b: TypedArray, bOff: number, bRs: number, bCs: number,
  out: TypedArray, outOff: number, M: number, K: number, N: number,
): void {
  const size = dtype === 'float32' ? 4 : 8;
  const View = dtype === 'float32' ? f32View : f64View;
  const aLen = room(aRs, aCs, M, K), bLen = room(bRs, bCs, K, N);
  const aAt = 0, bAt = align16(aLen * size), cAt = bAt + align16(bLen * size);
  if (shared === null || shared.byteLength < cAt + M * N * size) shared = new SharedArrayBuffer(cAt + M * N * size);
  const sa = place(a, aOff, aRs, aCs, M, K, View, aAt, shared);
  const sb = place(b, bOff, bRs, bCs, K, N, View, bAt, shared);
  // Blocks of whole 4-row tiles, as even as that allows.
  const threads = workers.length + 1;
  const step = Math.ceil(M / threads / 4) * 4;
  let posted = 0;
  for (let t = 1; t < threads && t * step < M; t++) {
    const i0 = t * step, i1 = Math.min(M, i0 + step);
    workers[t - 1].postMessage({ shared, dtype, aAt, aLen, rsa: sa.rs, csa: sa.cs, bAt, bLen, rsb: sb.rs, csb: sb.cs, cAt, i0, i1, K, N, slot: t });
    posted++;
  }
  // Block 0 here: rows 0..step of a are at the start of its span.
  const rows = Math.min(step, M);
  const aSpan = Math.min(aLen, (rows - 1) * sa.rs + (K - 1) * sa.cs + 1);
  const pa = heapBase, pb = pa + align16(aSpan * size), pc = pb + align16(bLen * size);
  const buffer = reserve(pc - heapBase + rows * N * size);
  View(buffer, pa, aSpan).set(View(shared, aAt, aSpan));
  View(buffer, pb, bLen).set(View(shared, bAt, bLen));
  if (dtype === 'float32') wasm!.matmul_f32(pa, sa.rs, sa.cs, pb, sb.rs, sb.cs, pc, rows, K, N);
  else wasm!.matmul_f64(pa, sa.rs, sa.cs, pb, sb.rs, sb.cs, pc, rows, K, N);
  out.set(View(wasm!.memory.buffer, pc, rows * N), outOff);
  waitForWorkers(posted);
  if (M > rows) out.set(View(shared, cAt + rows * N * size, (M - rows) * N), outOff + rows * N);
}

/**
 * Below this many elements an elementwise op runs the JavaScript loop instead: the call into
 * WebAssembly and the copies cost more than they save. Measured in Node 20 (CPU time, shared
 * machine): float32 exp and sigmoid run 2× faster from 64 elements and 4–5× from 4096;
 * float32 add and mul break even near 256 elements and run 2× faster from 1024 to 65536.
 * Float64 add and mul are not registered: copying 8-byte values in and out ate the gain
 * (within ±15% of the JavaScript loop at every size from 64 to 2²⁰).
 */
const MIN_WASM_ELEMENTS = { unary: 64, binary: 1024 } as const;

const jsLoop = <F>(op: string): F => jsLoopsKernels.find((k) => k.op === op)!.fn as F;

/** A float32 unary op through the C kernel `name` (float32 only: see elementwise.c). */
function unaryF32(op: 'exp' | 'log' | 'tanh' | 'sigmoid'): UnaryKernel {
  const js = jsLoop<UnaryKernel>(op);
  const name = `${op}_f32` as const;
  return (x, xOff, out, n) => {
    if (n < MIN_WASM_ELEMENTS.unary) { js(x, xOff, out, n); return; }
    const bytes = align16(n * 4);
    const px = heapBase, po = heapBase + bytes;
    const buffer = reserve(2 * bytes);
    new Float32Array(buffer, px, n).set(x.subarray(xOff, xOff + n));
    wasm![name](px, po, n);
    out.set(new Float32Array(buffer, po, n));
  };
}

const BINARY_OPS = { add: 0, sub: 1, mul: 2, div: 3 } as const;

/** A float32 binary op of the `BinaryKernel` contract (each operand full and contiguous, or one value). */
function binary(op: keyof typeof BINARY_OPS): BinaryKernel {
  const js = jsLoop<BinaryKernel>(op);
  const code = BINARY_OPS[op];
  return (a, aOff, aStep, b, bOff, bStep, out, n) => {
    if (n < MIN_WASM_ELEMENTS.binary) { js(a, aOff, aStep, b, bOff, bStep, out, n); return; }
    const bytes = align16(n * 4);
    const pa = heapBase, pb = pa + bytes, po = pb + bytes;
    const buffer = reserve(3 * bytes);
    new Float32Array(buffer, pa, n).set(a.subarray(aOff, aOff + (aStep ? n : 1)));
    new Float32Array(buffer, pb, n).set(b.subarray(bOff, bOff + (bStep ? n : 1)));
    wasm!.binary_f32(code, pa, aStep, pb, bStep, po, n);
    out.set(new Float32Array(buffer, po, n));
  };
}

/**
 * Float32 softmax or log softmax along the last axis (rows of n contiguous values) through
 * the C kernel; other axes (interleaved rows), float64 and small inputs run the JavaScript
 * kernel (the same fused loop in js-reduce.ts).
 */
function rowwise(op: 'softmax' | 'logSoftmax'): RowwiseKernel {
  const js = jsReduceKernels.find((k) => k.op === op)!.fn as RowwiseKernel;
  const log = op === 'logSoftmax' ? 1 : 0;
  return (x, off, outer, n, inner, out, f32) => {
    const size = outer * n;
    if (!f32 || inner !== 1 || size < MIN_WASM_ELEMENTS.unary) { js(x, off, outer, n, inner, out, f32); return; }
    const bytes = align16(size * 4);
    const px = heapBase, po = heapBase + bytes;
    const buffer = reserve(2 * bytes);
    new Float32Array(buffer, px, size).set(x.subarray(off, off + size));
    wasm!.softmax_f32(px, po, outer, n, log);
    out.set(new Float32Array(buffer, po, size));
  };
}

/** One kernel per op serves both float dtypes (the registry keeps one entry per op and backend). */
function byDtype<F extends (x: TypedArray, ...rest: never[]) => unknown>(f32: F, f64: F): F {
  return ((x: TypedArray, ...rest: never[]) => (x instanceof Float32Array ? f32(x, ...rest) : f64(x, ...rest))) as F;
}

/** The instance and its free memory, for the kernels registered from other files (conv.ts). */
const runtime: WasmRuntime = { exports: () => wasm as unknown as ReturnType<WasmRuntime['exports']>, base: () => heapBase, reserve, module: () => compiled! };

function kernels(): Kernel[] {
  const strided = byDtype(matmulVia('float32'), matmulVia('float64'));
  const contiguous: MatmulKernel = (a, aOff, b, bOff, out, outOff, M, K, N) => strided(a, aOff, K, 1, b, bOff, N, 1, out, outOff, M, K, N);
  return [
    // ops/matmul.ts prefers matmulStrided; `matmul` (contiguous operands) is the same kernel,
    // registered so that callers of the contiguous contract, and kernelFor('matmul'), see it.
    { op: 'matmulStrided', backend: WASM_BACKEND, dtypes: ['float32', 'float64'], priority: PRIORITY, fn: strided },
    { op: 'matmul', backend: WASM_BACKEND, dtypes: ['float32', 'float64'], priority: PRIORITY, fn: contiguous },
    ...(['exp', 'log', 'tanh', 'sigmoid'] as const).map((op) => ({ op, backend: WASM_BACKEND, dtypes: ['float32'] as const, priority: PRIORITY, fn: unaryF32(op) })),
    ...(['softmax', 'logSoftmax'] as const).map((op) => ({ op, backend: WASM_BACKEND, dtypes: ['float32'] as const, priority: PRIORITY, fn: rowwise(op) })),
    ...(['add', 'sub', 'mul', 'div'] as const).map((op) => ({ op, backend: WASM_BACKEND, dtypes: ['float32'] as const, priority: PRIORITY, fn: binary(op) })),
    ...moreKernels({ exports: wasm! as unknown as WasmContext['exports'], heapBase, reserve }),
    ...wasmConvKernels(runtime, WASM_BACKEND, PRIORITY),
  ];
}

/** The kernels whose glue lives in this folder's other files (one per C source). */
function moreKernels(ctx: WasmContext): Kernel[] {
  return [...optimKernels(ctx), ...activationKernels(ctx), ...broadcastKernels(ctx, ['float32', 'float64']), ...extremeBinaryKernels(ctx, ['float32', 'float64']), ...reduceKernels(ctx), ...linearKernels(ctx), ...int8Kernels(ctx, WASM_BACKEND, PRIORITY), ...kmeansKernels(ctx, WASM_BACKEND, PRIORITY), ...histKernels(ctx, WASM_BACKEND, PRIORITY)];
}

function adopt(module: WebAssembly.Module, instance: WebAssembly.Instance): void {
  compiled = module;
  wasm = instance.exports as unknown as Exports;
  heapBase = align16(wasm.__heap_base.value as number);
}

/** The compiled kernel module (null until it is compiled, or where it cannot be): what the thread pool's workers instantiate. */
export function compiledModule(): WebAssembly.Module | null {
  return compiled;
}

/** Settles when an asynchronous compile (a browser's main thread) has registered the kernels. */
export let wasmPending: Promise<void> = Promise.resolve();

/**
 * The backend's kernels if the module can be compiled now, else `[]`, and then (on a
 * browser's main thread) `late` receives them once an asynchronous compile finishes.
 */
export function wasmKernels(late: (kernel: Kernel) => void): Kernel[] {
  if (typeof WebAssembly !== 'object') return [];
  const bytes = decodeBase64(KERNELS_WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return []; // no SIMD in this engine: the JavaScript kernels stay
  try {
    const module = new WebAssembly.Module(bytes);
    adopt(module, new WebAssembly.Instance(module, {}));
    return kernels();
  } catch {
    // Synchronous compilation refused (a browser's main thread): compile in the background.
    wasmPending = WebAssembly.instantiate(bytes, {}).then(
      ({ module, instance }) => {
        adopt(module, instance);
        for (const k of kernels()) late(k);
      },
      () => { /* cannot instantiate: keep the JavaScript kernels */ },
    );
    return [];
  }
}
