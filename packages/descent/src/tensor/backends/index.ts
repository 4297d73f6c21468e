/**
 * The built-in backends. The registry (`../backend.ts`) registers this list itself the first
 * time it is used, so no import side effect is involved (see the note there).
 *
 * - `js-blocked`: cache- and register-blocked matmul for float32/float64.
 * - `js-loops`: one specialized loop per hot elementwise op, and the full sum.
 * - `js-broadcast`: add/sub/mul/div over broadcast and strided layouts (three loops).
 * - `js-reduce`: sums over any axes, max/min of contiguous runs, fused softmax/logSoftmax.
 * - `js-optim` and `js-fused`: fused optimizer steps, linear (addmm) and softmax cross-entropy.
 * - `wasm-simd`: C compiled to WebAssembly SIMD (`wasm/`): matmul (float32/float64, any
 *   strides, split across threads by `setNumThreads`), float32 exp, log, tanh, sigmoid,
 *   GELU (tanh form), add/sub/mul/div, softmax and logSoftmax, and for both float dtypes
 *   broadcast add/sub/mul/div, relu and its backward, sums, max/min, the fused linear,
 *   the Adam/SGD steps and (wasm/conv.ts) conv2d forward and backward and max/avg pooling,
 *   the contracts in conv-kernels.ts; priority 2, above the JavaScript kernels, registered
 *   only where measured faster than them.
 */
import type { Kernel } from '../backend.js';
import { matmulBlocked } from './js-blocked/matmul.js';
import { jsLoopsKernels } from './js-loops.js';
import { jsBroadcastKernels } from './js-broadcast.js';
import { jsReduceKernels } from './js-reduce.js';
import { jsFusedKernels } from './js-fused.js';
import { wasmKernels, wasmPending } from './wasm/index.js';
import type { MatmulKernel } from '../ops/matmul.js';

/**
 * The kernels to register now. `late` receives kernels of a backend that becomes ready
 * later (WebAssembly compiled asynchronously on a browser's main thread).
 */
export function builtinKernels(late: (kernel: Kernel) => void): Kernel[] {
  const matmul: Kernel<MatmulKernel> = {
    op: 'matmul', backend: 'js-blocked', dtypes: ['float32', 'float64'], priority: 1,
    fn: matmulBlocked as MatmulKernel,
  };
  return [matmul as Kernel, ...jsLoopsKernels, ...jsBroadcastKernels, ...jsReduceKernels, ...jsFusedKernels, ...wasmKernels(late)];
}

/** Settles when every backend that loads asynchronously has registered its kernels. */
export function builtinsPending(): Promise<void> {
  return wasmPending;
}
