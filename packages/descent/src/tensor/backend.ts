/**
 * The kernel registry. Each op has a reference implementation in plain loops, written
 * beside the op: it is the specification. A backend may supply a faster kernel for an
 * op and some dtypes; dispatch picks the registered kernel with the highest priority for
 * the dtype and falls back to the reference. A kernel is only registered after a test
 * shows it equals the reference.
 *
 * Backends are registered explicitly (see `backends/index.ts`), never as a side effect of
 * importing an op file.
 *
 * ```ts
 * registerKernel({ op: 'matmul', backend: 'mine', dtypes: ['float32'], priority: 10, fn: myMatmul });
 * listKernels();           // what is registered, for debugging
 * useBackends(['reference']);  // run everything on the reference kernels (tests do this)
 * ```
 */
import type { DType } from './dtype.js';

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

export function registerKernel<F>(kernel: Kernel<F>): void {
  const i = kernels.findIndex((k) => k.op === kernel.op && k.backend === kernel.backend);
  if (i >= 0) kernels.splice(i, 1);
  kernels.push(kernel as Kernel);
  chosen.clear();
}

export function unregisterBackend(backend: string): void {
  for (let i = kernels.length - 1; i >= 0; i--) if (kernels[i].backend === backend) kernels.splice(i, 1);
  chosen.clear();
}

/** The fastest registered kernel for `op` and `dtype`, or `undefined` to use the reference. */
export function findKernel<F>(op: string, dtype: DType): F | undefined {
  const key = `${op}/${dtype}`;
  if (chosen.has(key)) return chosen.get(key)?.fn as F | undefined;
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
  return kernels.map(({ op, backend, dtypes, priority }) => ({ op, backend, dtypes, priority }));
}

/**
 * Restricts dispatch to the named backends (`'reference'` alone means only the reference
 * kernels run); `null` lifts the restriction. Returns the previous setting.
 */
export function useBackends(names: readonly string[] | null): readonly string[] | null {
  const prev = allowed === null ? null : [...allowed];
  allowed = names === null ? null : new Set(names);
  chosen.clear();
  return prev;
}
