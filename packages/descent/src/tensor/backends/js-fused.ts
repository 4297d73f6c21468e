/**
 * The fused kernels in plain JavaScript: optimizer steps (`js-optim.ts`), and (below) the
 * linear layer with its bias and softmax with cross-entropy. Each replaces a chain of ops
 * that stays written out beside the code that calls it, and is tested equal to that chain.
 */
import type { Kernel } from '../backend.js';
import { jsOptimKernels } from './js-optim.js';

export const jsFusedKernels: Kernel[] = [...jsOptimKernels];
