/**
 * The kernel registry. Each op has a reference implementation in plain loops, written
 * beside the op: it is the specification. A backend may supply a faster kernel for an
 * op and some dtypes; dispatch picks the registered kernel with the highest priority for
 * the dtype and falls back to the reference. A kernel is only registered after a test
 * shows it equals the reference.
 *
 * The built-in backends (`backends/index.ts`) are registered by the registry itself, the
 * first time anything asks it (a dispatch, a listing, a registration): never as a side
 * effect of importing a module. The package declares `"sideEffects": false`, which lets a
 * bundler (Vite, esbuild, webpack, Rollup) drop any module-level statement whose result
 * nobody imports; a top-level `registerBuiltinBackends()` in `tensor/index.ts` was dropped
 * that way, so the app's page and its cell worker ran every op on the reference loops.
 * Registering at first use needs no bundler to cooperate, works whichever entry point
 * (`descent/nn`, `descent/learn`, …) reaches the registry first, and cannot be undone by a
 * reordering of imports. (Listing the entry file under `sideEffects` instead would work
 * only for bundlers that honour the field, and only when that file is the one imported.)
 *
 * ```ts
 * registerKernel({ op: 'matmul', backend: 'mine', dtypes: ['float32'], priority: 10, fn: myMatmul });
 * listKernels();           // what is registered, for debugging
 * useBackends(['reference']);  // run everything on the reference kernels (tests do this)
 * ```
 */
import type { DType } from './dtype.js';
import { builtinKernels, builtinsPending } from './backends/index.js';

export interface Kernel<F = unknown> {
  /** The op the kernel implements, e.g. `'matmul'`. */
  readonly op: string;
  /** Who supplies it, e.g. `'js-blocked'` or `'wasm-simd'`. */
  readonly backend: string;
  readonly dtypes: readonly DType[];
  /** Higher wins when several backends offer the same op and dtype. */
  readonly priority: number;
  readonly fn: F;
}

const kernels: Kernel[] = [];
let allowed: Set<string> | null = null;
/**
 * The choice for each `op/dtype` seen since the registry last changed. Every op call asks,
 * so the scan over all kernels runs once per pair; any change to the registry clears it.
 */
const chosen = new Map<string, Kernel | undefined>();
let builtinsLoaded = false;

/**
 * Registers the built-in kernels once, before the registry is first read or changed (so a
 * caller's own `registerKernel` always comes after them, and replaces them by name).
 * A backend that is ready only later (WebAssembly compiled asynchronously on a browser's
 * main thread) hands its kernels to `add` when it is, which clears the remembered choices.
 */
function ensureBuiltins(): void {
  if (builtinsLoaded) return;
  builtinsLoaded = true;
  for (const k of builtinKernels(add)) add(k);
}

function add(kernel: Kernel): void {
  const i = kernels.findIndex((k) => k.op === kernel.op && k.backend === kernel.backend);
  if (i >= 0) kernels.splice(i, 1);
  kernels.push(kernel);
  chosen.clear();
}

export function registerKernel<F>(kernel: Kernel<F>): void {
  ensureBuiltins();
  add(kernel as Kernel);
}

export function unregisterBackend(backend: string): void {
  ensureBuiltins();
  for (let i = kernels.length - 1; i >= 0; i--) if (kernels[i].backend === backend) kernels.splice(i, 1);
  chosen.clear();
}

/** The fastest registered kernel for `op` and `dtype`, or `undefined` to use the reference. */
export function findKernel<F>(op: string, dtype: DType): F | undefined {
  const key = `${op}/${dtype}`;
  if (chosen.has(key)) return chosen.get(key)?.fn as F | undefined;
  ensureBuiltins();
  let best: Kernel | undefined;
  for (const k of kernels) {
    if (k.op !== op || !k.dtypes.includes(dtype)) continue;
    if (allowed !== null && !allowed.has(k.backend)) continue;
    if (best === undefined || k.priority > best.priority) best = k;
  }
  chosen.set(key, best);
  return best?.fn as F | undefined;
}

export function listKernels(): { op: string; backend: string; dtypes: readonly DType[]; priority: number }[] {
  ensureBuiltins();
  return kernels.map(({ op, backend, dtypes, priority }) => ({ op, backend, dtypes, priority }));
}

/**
 * The backend dispatch uses for `op` on `dtype`: a backend's name, or `'reference'` when no
 * registered kernel applies (or `useBackends` excludes them all).
 *
 * ```ts
 * kernelFor('matmul', 'float32');  // 'wasm-simd' ('js-blocked' where WebAssembly SIMD is missing)
 * kernelFor('cumsum', 'float32');  // 'reference'
 * ```
 */
export function kernelFor(op: string, dtype: DType): string {
  findKernel(op, dtype);
  return chosen.get(`${op}/${dtype}`)?.backend ?? 'reference';
}

/**
 * Resolves once every built-in backend is registered. Only a browser's main thread has to
 * wait (it compiles WebAssembly asynchronously; the JavaScript kernels run meanwhile); in
 * Node and in workers the kernels are ready at the first op.
 *
 * ```ts
 * await kernelsReady();
 * kernelFor('matmul', 'float32');  // 'wasm-simd'
 * ```
 */
export function kernelsReady(): Promise<void> {
  ensureBuiltins();
  return builtinsPending();
}

/**
 * Restricts dispatch to the named backends (`'reference'` alone means only the reference
 * kernels run); `null` lifts the restriction. Returns the previous setting.
 */
export function useBackends(names: readonly string[] | null): readonly string[] | null {
  ensureBuiltins();
  const prev = allowed === null ? null : [...allowed];
  allowed = names === null ? null : new Set(names);
  chosen.clear();
  return prev;
}
