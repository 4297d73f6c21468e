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
 */
import type { Kernel } from '../../backend.js';
import type { MatmulKernel } from '../../ops/matmul.js';
import type { TypedArray } from '../../dtype.js';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';

/** The C functions the module exports (pointers are byte offsets into its memory). */
interface Exports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  matmul_f32(a: number, rsa: number, csa: number, b: number, rsb: number, csb: number, c: number, M: number, K: number, N: number): void;
  matmul_f64(a: number, rsa: number, csa: number, b: number, rsb: number, csb: number, c: number, M: number, K: number, N: number): void;
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

/**
 * `out = a @ b` through the C kernel for one dtype: a (M, K), b (K, N) contiguous at their
 * offsets, as ops/matmul.ts hands them (the `MatmulKernel` contract).
 */
function matmulVia(dtype: 'float32' | 'float64'): MatmulKernel {
  const size = dtype === 'float32' ? 4 : 8;
  const View = dtype === 'float32' ? Float32Array : Float64Array;
  return (a: TypedArray, aOff: number, b: TypedArray, bOff: number, out: TypedArray, outOff: number, M: number, K: number, N: number) => {
    const pa = heapBase;
    const pb = pa + align16(M * K * size);
    const pc = pb + align16(K * N * size);
    const buffer = reserve(pc - heapBase + M * N * size);
    new View(buffer, pa, M * K).set(a.subarray(aOff, aOff + M * K));
    new View(buffer, pb, K * N).set(b.subarray(bOff, bOff + K * N));
    if (dtype === 'float32') wasm!.matmul_f32(pa, K, 1, pb, N, 1, pc, M, K, N);
    else wasm!.matmul_f64(pa, K, 1, pb, N, 1, pc, M, K, N);
    out.set(new View(wasm!.memory.buffer, pc, M * N), outOff);
  };
}

/** One kernel per op serves both float dtypes (the registry keeps one entry per op and backend). */
function byDtype<F extends (x: TypedArray, ...rest: never[]) => unknown>(f32: F, f64: F): F {
  return ((x: TypedArray, ...rest: never[]) => (x instanceof Float32Array ? f32(x, ...rest) : f64(x, ...rest))) as F;
}

function kernels(): Kernel[] {
  return [
    { op: 'matmul', backend: WASM_BACKEND, dtypes: ['float32', 'float64'], priority: PRIORITY, fn: byDtype(matmulVia('float32'), matmulVia('float64')) },
  ];
}

function adopt(instance: WebAssembly.Instance): void {
  wasm = instance.exports as unknown as Exports;
  heapBase = align16(wasm.__heap_base.value as number);
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
    adopt(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}));
    return kernels();
  } catch {
    // Synchronous compilation refused (a browser's main thread): compile in the background.
    wasmPending = WebAssembly.instantiate(bytes, {}).then(
      ({ instance }) => {
        adopt(instance);
        for (const k of kernels()) late(k);
      },
      () => { /* cannot instantiate: keep the JavaScript kernels */ },
    );
    return [];
  }
}
