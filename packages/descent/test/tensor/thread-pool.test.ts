/**
 * The thread pool's start-up and diagnostics in Node (the browser's pool, the same code
 * over Web Workers, is tested on a production build in packages/app/test/e2e/threads.test.ts;
 * bit-for-bit equality with one thread is in wasm-kernels.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { getNumThreads, manualSeed, randn, setNumThreads, startThreadPool, threadPoolInfo } from '../../src/tensor/index.js';

describe('startThreadPool and threadPoolInfo', () => {
  it('start the workers ahead of the first product, and count the products split', async () => {
    const before = getNumThreads();
    try {
      setNumThreads(3);
      const info = await startThreadPool();
      expect(info).toMatchObject({ available: true, reason: '', workers: 2, ready: 2 });
      manualSeed(1);
      const A = randn([256, 64]), B = randn([64, 300]);
      const splits = threadPoolInfo().splits;
      A.matmul(B);                      // 2·256·64·300 ≈ 9.8 Mflop: above the threshold
      A.narrow(0, 0, 8).matmul(B.narrow(1, 0, 8)); // tiny: stays on the calling thread
      expect(threadPoolInfo().splits - splits).toBe(1);
      setNumThreads(1);
      expect(threadPoolInfo()).toMatchObject({ workers: 0, ready: 0 });
      expect(await startThreadPool()).toMatchObject({ available: true, workers: 0 });
    } finally {
      setNumThreads(before);
    }
  });
});
