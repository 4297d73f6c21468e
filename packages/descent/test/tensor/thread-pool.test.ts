/**
 * The thread pool's start-up and diagnostics in Node (the browser's pool, the same code
 * over Web Workers, is tested on a production build in packages/app/test/e2e/threads.test.ts;
 * bit-for-bit equality with one thread is in wasm-kernels.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { getNumThreads, manualSeed, randn, setNumThreads, startThreadPool, threadPoolInfo } from '../../src/tensor/index.js';
import { compiledModule } from '../../src/tensor/backends/wasm/index.js';
import { pool, waitForWorkers, type CallJob } from '../../src/tensor/backends/wasm/threads.js';

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

describe('a call job (any exported kernel on a worker)', () => {
  it('copies regions in, calls the export, copies regions out: a product equal bit for bit to the calling thread', async () => {
    const before = getNumThreads();
    try {
      setNumThreads(2);
      await startThreadPool();
      const [worker] = pool(compiledModule()!);
      const M = 37, K = 29, N = 41;
      manualSeed(2);
      const A = randn([M, K]), B = randn([K, N]);
      const aBytes = M * K * 4, bBytes = K * N * 4, cBytes = M * N * 4;
      const shared = new SharedArrayBuffer(aBytes + bBytes + cBytes);
      new Float32Array(shared, 0, M * K).set(A.toTypedArray());
      new Float32Array(shared, aBytes, K * N).set(B.toTypedArray());
      const job: CallJob = {
        call: 'matmul_f32',
        // matmul_f32(a, rsa, csa, b, rsb, csb, c, M, K, N); pointers are { at: offset above the worker's heap base }.
        args: [{ at: 0 }, K, 1, { at: aBytes }, N, 1, { at: aBytes + bBytes }, M, K, N],
        bytes: aBytes + bBytes + cBytes,
        copyIn: [[0, 0, aBytes + bBytes]],
        copyOut: [[aBytes + bBytes, aBytes + bBytes, cBytes]],
        shared,
        slot: 1,
      };
      worker.postMessage(job);
      waitForWorkers(1);
      const want = A.matmul(B).toTypedArray();
      expect(Array.from(new Float32Array(shared, aBytes + bBytes, M * N))).toEqual(Array.from(want));
    } finally {
      setNumThreads(before);
    }
  });
});
