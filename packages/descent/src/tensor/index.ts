/**
 * `descent/tensor`: n-dimensional arrays with reverse-mode autograd.
 *
 * ```ts
 * import { tensor, randn, manualSeed } from 'descent/tensor';
 * manualSeed(0);
 * const W = randn([3, 2]).requiresGrad_();
 * const x = tensor([[1, 2, 3]]);
 * const loss = x.matmul(W).relu().sum();
 * loss.backward();
 * W.grad;   // d(loss)/dW, shape (3,2)
 * ```
 */
export { Tensor } from './tensor.js';
export { noGrad, withGradMode, isGradEnabled, type BackwardOptions, type GradNode } from './autograd.js';
export { type DType, type FloatDType, type TypedArray, DEFAULT_FLOAT, promote } from './dtype.js';
export { broadcastShapes, type Shape } from './shape.js';
export { registerKernel, unregisterBackend, findKernel, listKernels, kernelFor, kernelsReady, useBackends, type Kernel } from './backend.js';
export { setNumThreads, getNumThreads, threadPoolInfo, type ThreadPoolInfo } from './backends/wasm/threads.js';
export { startThreadPool } from './backends/wasm/start-threads.js';
export { setMemoryLimit, memoryUsage, MemoryLimitError } from './memory.js';
export { manualSeed, Generator } from '../random/generator.js';
export * from './ops/index.js';
// The built-in fast kernels (each proven equal to its reference by the tests in
// test/tensor/*-kernels.test.ts) are registered by the registry at its first use: see backend.ts.
