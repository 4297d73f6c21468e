// Elementwise and reduction throughput on 1M float32 elements, in M elements/s:
// add(a, b) and exp(a) write a new 1M array; sum(a) reduces to one number.
import type { Descent } from './descent.js';
import { readTensor, withJsKernels } from './descent.js';
import type { ImplId, Measurement } from './measurement.js';
import { tf, useBackend } from './tfjs.js';
import { measure } from './timing.js';
import { randomUniform } from './timing.js';

export const ELEMENTWISE_SIZE = 1 << 20;
export const ELEMENTWISE_OPS = ['add', 'exp', 'sum'] as const;
type Op = (typeof ELEMENTWISE_OPS)[number];
const IMPLS: ImplId[] = ['loop', 'descent', 'descent-js', 'tfjs-cpu', 'tfjs-wasm'];
const TIMING = { warmup: 5, reps: 21 };

interface Case {
  run(): unknown;
  read(result: unknown): ArrayLike<number>;
  dispose?(result: unknown): void;
}

// The plain loops a user would write, allocating their output like the libraries do.
const plain: Record<Op, (a: Float32Array, b: Float32Array) => Float32Array | number> = {
  add: (a, b) => {
    const out = new Float32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
    return out;
  },
  exp: (a) => {
    const out = new Float32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = Math.exp(a[i]);
    return out;
  },
  sum: (a) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  },
};

async function prepare(impl: ImplId, op: Op, descent: Descent, a: Float32Array, b: Float32Array): Promise<Case | string> {
  switch (impl) {
    case 'loop':
      return { run: () => plain[op](a, b), read: (r) => (typeof r === 'number' ? [r] : r as Float32Array) };
    case 'descent':
    case 'descent-js': {
      const fn = descent.api?.[op];
      if (!descent.api || typeof fn !== 'function') return `Descent tensor API has no ${op}() yet`;
      const A = descent.vector(a, 'float32');
      const B = descent.vector(b, 'float32');
      const run = op === 'add' ? () => fn(A, B) : () => (fn as (x: unknown) => unknown)(A);
      return { run: impl === 'descent' ? run : withJsKernels(descent, run), read: readTensor };
    }
    case 'tfjs-cpu':
    case 'tfjs-wasm': {
      await useBackend(impl === 'tfjs-cpu' ? 'cpu' : 'wasm');
      const A = tf.tensor1d(a);
      const B = tf.tensor1d(b);
      const run = op === 'add' ? () => tf.add(A, B) : op === 'exp' ? () => tf.exp(A) : () => tf.sum(A);
      return {
        run,
        read: (r) => (r as tf.Tensor).dataSync(),
        dispose: (r) => (r as tf.Tensor).dispose(),
      };
    }
    default:
      return `${impl} not measured`;
  }
}

function check(impl: ImplId, op: Op, got: ArrayLike<number>, want: ArrayLike<number>): void {
  if (got.length !== want.length) throw new Error(`${impl} ${op}: ${got.length} values, expected ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    // float32 rounding per element; a 1M-term float32 sum may drift by ~1e-4 relative.
    const tol = op === 'sum' ? 1e-3 * Math.max(1, Math.abs(want[i])) : 1e-6 * Math.max(1, Math.abs(want[i]));
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      throw new Error(`${impl} ${op}: entry ${i} is ${got[i]}, expected ${want[i]}`);
    }
  }
}

export async function benchElementwise(descent: Descent, progress: (line: string) => void): Promise<Measurement[]> {
  const n = ELEMENTWISE_SIZE;
  const a = randomUniform(Float32Array, n, 3);
  const b = randomUniform(Float32Array, n, 4);
  const results: Measurement[] = [];
  for (const op of ELEMENTWISE_OPS) {
    let reference: ArrayLike<number> | undefined;
    for (const impl of IMPLS) {
      const base = { group: 'elementwise', op, dtype: 'float32', size: n, impl, unit: 'M elements/s' } as const;
      const c = await prepare(impl, op, descent, a, b);
      if (typeof c === 'string') {
        results.push({ ...base, value: null, medianMs: null, samplesMs: [], note: c });
        continue;
      }
      const first = c.run();
      const values = c.read(first);
      if (impl === 'loop') reference = Array.from(values);
      else if (reference) check(impl, op, values, reference);
      c.dispose?.(first);

      const t = measure(c.run, TIMING, c.dispose);
      const value = n / (t.medianMs * 1e3);
      results.push({ ...base, value, ...t });
      progress(`${op} float32 n=${n} ${impl}: ${value.toFixed(0)} M elements/s`);
    }
  }
  return results;
}
