// How the bench reaches Descent.
//
// The public tensor API (`packages/descent/src/tensor/index.ts`: `tensor`, `matmul`, `add`,
// `exp`, `sum`) is what users call, so that is what the "Descent" column measures: the
// figure then includes dispatch, shape checks and output allocation, not just the kernel.
// The engine is imported at run time and checked for the functions the bench needs; if it
// is missing (or does not export them yet), matmul falls back to calling the kernel
// `matmulBlocked` directly and the column is labelled so, and the elementwise rows are
// reported as n/a.
import { matmulBlocked } from '../packages/descent/src/tensor/backends/js-blocked/matmul.js';

export type Dtype = 'float32' | 'float64';
type Data = Float32Array | Float64Array;

/** The slice of the tensor API the bench uses. */
interface DescentTensorApi {
  tensor(data: Data, options: { shape: number[]; dtype: Dtype }): unknown;
  matmul(a: unknown, b: unknown): unknown;
  add?(a: unknown, b: unknown): unknown;
  exp?(a: unknown): unknown;
  sum?(a: unknown): unknown;
  useBackends?(names: readonly string[] | null): readonly string[] | null;
  kernelFor?(op: string, dtype: Dtype): string;
}

/** The JavaScript kernels: `withJsKernels` runs Descent with these alone (no WebAssembly). */
const JS_BACKENDS = ['js-blocked', 'js-loops', 'js-broadcast', 'js-reduce'];

/** `run`, called with Descent's dispatch limited to its JavaScript kernels (the 'descent-js' column). */
export function withJsKernels<R>(descent: Descent, run: () => R): () => R {
  const use = descent.api?.useBackends;
  if (!use) return run;
  return () => {
    const prev = use(JS_BACKENDS);
    try { return run(); } finally { use(prev); }
  };
}

export interface Descent {
  /** How the matmul column is measured, for the table and the JSON. */
  matmulVia: 'tensor API matmul()' | 'kernel matmulBlocked() (tensor API not available)';
  api: DescentTensorApi | undefined;
  /** Bind two row-major (n, n) inputs; `run` multiplies them, `read` gives the values. */
  prepareMatmul(a: Data, b: Data, n: number, dtype: Dtype): Prepared;
  /** Wrap a flat array as a 1-D Descent tensor (requires `api`). */
  vector(x: Data, dtype: Dtype): unknown;
}

export interface Prepared {
  run(): unknown;
  read(result: unknown): ArrayLike<number>;
}

/** A Descent tensor's values, via the documented `toTypedArray()`. */
export function readTensor(t: unknown): ArrayLike<number> {
  if (typeof t === 'number') return [t];
  return (t as { toTypedArray(): Data }).toTypedArray();
}

const ENGINE = '../packages/descent/src/tensor/index.js';

export async function loadDescent(): Promise<Descent> {
  let api: DescentTensorApi | undefined;
  let reason = '';
  try {
    // A variable specifier: the engine may not exist yet, and must not break type-checking.
    const mod: Record<string, unknown> = await import(ENGINE);
    if (typeof mod.tensor === 'function' && typeof mod.matmul === 'function') {
      api = mod as unknown as DescentTensorApi;
    } else {
      reason = 'index.ts does not export tensor and matmul';
    }
  } catch (e) {
    reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
  if (api === undefined) console.log(`Descent tensor API not used (${reason}); timing the kernel directly.`);
  const engine = api;

  return {
    api,
    matmulVia: engine ? 'tensor API matmul()' : 'kernel matmulBlocked() (tensor API not available)',
    prepareMatmul(a, b, n, dtype) {
      if (engine) {
        const A = engine.tensor(a, { shape: [n, n], dtype });
        const B = engine.tensor(b, { shape: [n, n], dtype });
        return { run: () => engine.matmul(A, B), read: readTensor };
      }
      // The kernel alone, allocating its output as the tensor API would.
      const run = (): Data => {
        const out = dtype === 'float32' ? new Float32Array(n * n) : new Float64Array(n * n);
        if (a instanceof Float32Array) matmulBlocked(a, 0, b as Float32Array, 0, out as Float32Array, 0, n, n, n);
        else matmulBlocked(a, 0, b as Float64Array, 0, out as Float64Array, 0, n, n, n);
        return out;
      };
      return { run, read: (r) => r as Data };
    },
    vector(x, dtype) {
      if (!engine) throw new Error('Descent tensor API not available');
      return engine.tensor(x, { shape: [x.length], dtype });
    },
  };
}
