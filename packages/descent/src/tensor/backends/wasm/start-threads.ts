/**
 * Starting the thread pool ahead of the first large product. In Node this only saves the
 * first product the workers' start-up. In a browser it matters more: a Web Worker starts
 * only when the thread that created it returns to its event loop, so a pool first started
 * by a product inside a long synchronous computation (a training loop in one notebook cell)
 * stays idle until that computation ends. Call this where the program can wait a moment —
 * the app's cell worker does when it boots — and later products find the workers ready.
 */
import { kernelsReady } from '../../backend.js';
import { compiledModule } from './index.js';
import { pool, threadPoolInfo, type ThreadPoolInfo } from './threads.js';

/**
 * Starts the workers `setNumThreads` asks for (default: one per core beyond the calling
 * thread) and resolves once they are ready to take rows, or after `timeoutMs`; where
 * threads cannot run it resolves at once, saying why (`available`, `reason`).
 *
 * ```ts
 * const info = await startThreadPool();
 * info.ready;   // 1 on a 2-core machine (the calling thread is the other one)
 * ```
 */
export async function startThreadPool(timeoutMs = 10_000): Promise<ThreadPoolInfo> {
  await kernelsReady(); // the module the workers instantiate (compiled asynchronously on a page's main thread)
  const module = compiledModule();
  if (module === null || !threadPoolInfo().available) return threadPoolInfo();
  pool(module);
  const until = Date.now() + timeoutMs;
  while (threadPoolInfo().ready < threadPoolInfo().workers && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10)); // yield: this is when the workers start
  }
  return threadPoolInfo();
}
