/**
 * The built-in backends, registered explicitly by `descent/tensor`'s entry point.
 *
 * - `js-blocked`: cache- and register-blocked matmul for float32/float64.
 * - `js-loops`: one specialized loop per hot elementwise op, and the full sum.
 * - `js-broadcast`: add/sub/mul/div over broadcast and strided layouts (three loops).
 * - `js-reduce`: sums over any axes, max/min of contiguous runs, fused softmax/logSoftmax.
 * - `js-optim` and `js-fused`: fused optimizer steps, linear (addmm) and softmax cross-entropy.
 */
import { registerKernel } from '../backend.js';
import { matmulBlocked } from './js-blocked/matmul.js';
import { jsLoopsKernels } from './js-loops.js';
import { jsBroadcastKernels } from './js-broadcast.js';
import { jsReduceKernels } from './js-reduce.js';
import { jsFusedKernels } from './js-fused.js';
import type { MatmulKernel } from '../ops/matmul.js';

export function registerBuiltinBackends(): void {
  registerKernel<MatmulKernel>({
    op: 'matmul', backend: 'js-blocked', dtypes: ['float32', 'float64'], priority: 1,
    fn: matmulBlocked as MatmulKernel,
  });
  for (const k of jsLoopsKernels) registerKernel(k);
  for (const k of jsBroadcastKernels) registerKernel(k);
  for (const k of jsReduceKernels) registerKernel(k);
  for (const k of jsFusedKernels) registerKernel(k);
}
