/**
 * The built-in backends. The registry (`../backend.ts`) registers this list itself the first
 * time it is used, so no import side effect is involved (see the note there).
 *
 * - `js-blocked`: cache- and register-blocked matmul for float32/float64.
 * - `js-loops`: one specialized loop per hot elementwise op, and the full sum.
 * - `js-broadcast`: add/sub/mul/div over broadcast and strided layouts (three loops).
 * - `js-reduce`: sums over any axes, max/min of contiguous runs, fused softmax/logSoftmax.
 */
import type { Kernel } from '../backend.js';
import { matmulBlocked } from './js-blocked/matmul.js';
import { jsLoopsKernels } from './js-loops.js';
import { jsBroadcastKernels } from './js-broadcast.js';
import { jsReduceKernels } from './js-reduce.js';
import type { MatmulKernel } from '../ops/matmul.js';

/**
 * The kernels to register now. `late` receives kernels of a backend that becomes ready
 * later (none yet).
 */
export function builtinKernels(late: (kernel: Kernel) => void): Kernel[] {
  void late;
  const matmul: Kernel<MatmulKernel> = {
    op: 'matmul', backend: 'js-blocked', dtypes: ['float32', 'float64'], priority: 1,
    fn: matmulBlocked as MatmulKernel,
  };
  return [matmul as Kernel, ...jsLoopsKernels, ...jsBroadcastKernels, ...jsReduceKernels];
}
