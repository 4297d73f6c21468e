// tfjs-core with its two Node-usable pure backends, set up for a fair single-threaded
// comparison:
//  - `cpu`: plain JavaScript kernels (@tensorflow/tfjs-backend-cpu).
//  - `wasm`: XNNPACK compiled to WebAssembly (@tensorflow/tfjs-backend-wasm). The .wasm
//    binaries are loaded from node_modules (no network). In Node the backend's
//    WASM_HAS_MULTITHREAD_SUPPORT flag is false, so it loads the single-threaded (SIMD when
//    available) binary; we also ask for one thread explicitly and record what it reports.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TfBackend = 'cpu' | 'wasm';
export { tf };

export interface TfjsInfo {
  version: string;
  wasmSimd: boolean;
  wasmThreads: number;
}

let ready: Promise<TfjsInfo> | undefined;

/** Register both backends once; resolves to what the wasm backend actually loaded. */
export function initTfjs(): Promise<TfjsInfo> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package's main file sits in dist/, next to the three .wasm binaries.
    const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(join(wasmDir, '/'));
    setThreadsCount(1);
    // Production mode skips tfjs's per-op debug checks, as a tuned deployment would.
    tf.enableProdMode();
    await quietly(() => tf.setBackend('wasm'));
    await tf.ready();
    const info: TfjsInfo = {
      version: tf.version_core,
      wasmSimd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
      wasmThreads: getThreadsCount(),
    };
    await quietly(() => tf.setBackend('cpu'));
    return info;
  })();
  return ready;
}

/** Make `backend` the active tfjs backend (tensors must be created after this). */
export async function useBackend(backend: TfBackend): Promise<void> {
  await initTfjs();
  if (tf.getBackend() !== backend) await tf.setBackend(backend);
}

// tfjs prints a suggestion to install tfjs-node the first time a backend starts in Node;
// it is not useful in a benchmark table.
async function quietly<R>(f: () => Promise<R>): Promise<R> {
  const log = console.log;
  const warn = console.warn;
  console.log = () => {};
  console.warn = () => {};
  try {
    return await f();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}
