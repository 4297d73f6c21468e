// Square matmul, (n, n) @ (n, n), in GFLOP/s = 2n³ / seconds (n³ multiply-adds).
import { Matrix } from 'ml-matrix';
import { matmulNaive } from '../packages/descent/src/tensor/backends/js-blocked/matmul.js';
import { withJsKernels, type Descent, type Dtype, type Prepared } from './descent.js';
import type { ImplId, Measurement } from './measurement.js';
import { tf, useBackend } from './tfjs.js';
import { measure, randomUniform, type TimingOptions } from './timing.js';

export const MATMUL_SIZES = [256, 512, 1024];
// The plain loop runs first: its result is the reference the others are checked against.
const IMPLS: ImplId[] = ['loop', 'descent', 'descent-js', 'tfjs-cpu', 'tfjs-wasm', 'ml-matrix'];

// Fewer repetitions as n grows: a 1024 product takes 0.3 s to 3 s per call. The plain loop
// at 1024 runs once (warmed up by the smaller sizes); it is an anchor, not a contender.
function repsFor(n: number, impl: ImplId): TimingOptions {
  if (n >= 1024) return impl === 'loop' ? { warmup: 0, reps: 1 } : { warmup: 1, reps: 3 };
  if (n >= 512) return impl === 'loop' ? { warmup: 1, reps: 3 } : { warmup: 2, reps: 5 };
  return { warmup: 3, reps: 9 };
}

async function prepare(impl: ImplId, descent: Descent, a: Float32Array | Float64Array,
  b: Float32Array | Float64Array, n: number, dtype: Dtype): Promise<(Prepared & { dispose?(r: unknown): void }) | undefined> {
  switch (impl) {
    case 'descent':
      return descent.prepareMatmul(a, b, n, dtype);
    case 'descent-js': {
      const p = descent.prepareMatmul(a, b, n, dtype);
      return { run: withJsKernels(descent, p.run), read: p.read };
    }
    case 'loop':
      return {
        run: () => {
          const out = dtype === 'float32' ? new Float32Array(n * n) : new Float64Array(n * n);
          matmulNaive(a, 0, b, 0, out, 0, n, n, n);
          return out;
        },
        read: (r) => r as Float32Array,
      };
    case 'tfjs-cpu':
    case 'tfjs-wasm': {
      if (dtype !== 'float32') return undefined; // tfjs has no float64
      await useBackend(impl === 'tfjs-cpu' ? 'cpu' : 'wasm');
      const A = tf.tensor2d(a as Float32Array, [n, n]);
      const B = tf.tensor2d(b as Float32Array, [n, n]);
      return {
        run: () => tf.matMul(A, B),
        read: (r) => (r as tf.Tensor).dataSync(),
        dispose: (r) => (r as tf.Tensor).dispose(),
      };
    }
    case 'ml-matrix': {
      // ml-matrix stores rows as Float64Array: a float32 input is multiplied in float64.
      const A = Matrix.from1DArray(n, n, Array.from(a));
      const B = Matrix.from1DArray(n, n, Array.from(b));
      return { run: () => A.mmul(B), read: (r) => (r as Matrix).to1DArray() };
    }
  }
}

/**
 * Every implementation's result is compared with the plain loop's before its timings are
 * kept, so a fast wrong answer cannot end up in the table.
 */
function check(impl: ImplId, got: ArrayLike<number>, want: ArrayLike<number>, n: number, dtype: Dtype): void {
  // Entries are sums of n products of numbers in [-1, 1]: |error| ≲ n · u · n is generous.
  const u = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
  const tol = 4 * n * n * u;
  for (let i = 0; i < n * n; i++) {
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      throw new Error(`${impl} ${dtype} matmul n=${n}: entry ${i} is ${got[i]}, expected ${want[i]}`);
    }
  }
}

export async function benchMatmul(descent: Descent, progress: (line: string) => void): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const dtype of ['float32', 'float64'] as const) {
    const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
    for (const n of MATMUL_SIZES) {
      const a = randomUniform(Ctor, n * n, 1);
      const b = randomUniform(Ctor, n * n, 2);
      let reference: ArrayLike<number> | undefined;
      for (const impl of IMPLS) {
        const unit = 'GFLOP/s';
        const p = await prepare(impl, descent, a, b, n, dtype);
        if (!p) {
          results.push({ group: 'matmul', op: 'matmul', dtype, size: n, impl, value: null, unit,
            medianMs: null, samplesMs: [], note: 'no float64 in tfjs' });
          continue;
        }
        // Correctness first (this also serves as one more warm-up call).
        const first = p.run();
        const values = p.read(first);
        if (impl === 'loop') reference = Array.from(values);
        else if (reference) check(impl, values, reference, n, dtype);
        p.dispose?.(first);

        const t = measure(p.run, repsFor(n, impl), p.dispose);
        const gflops = (2 * n ** 3) / (t.medianMs * 1e6);
        const note = impl === 'descent' ? `via ${descent.matmulVia}, kernel ${descent.api?.kernelFor?.('matmul', dtype) ?? '?'}`
          : impl === 'ml-matrix' && dtype === 'float32' ? 'computes in float64' : undefined;
        results.push({ group: 'matmul', op: 'matmul', dtype, size: n, impl, value: gflops, unit, ...t, note });
        progress(`matmul ${dtype} n=${n} ${impl}: ${gflops.toFixed(2)} GFLOP/s (median of ${t.samplesMs.length})`);
      }
    }
  }
  return results;
}
