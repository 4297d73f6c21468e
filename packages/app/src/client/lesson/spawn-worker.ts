/**
 * Starts a cell worker. The one place that names the worker's module, so Vite bundles it once
 * whether the page starts it (same process) or the runner frame does (its own process).
 */
export function spawnCellWorker(): Worker {
  return new Worker(new URL('../../worker/cell-worker.ts', import.meta.url), { type: 'module', name: 'descent-cells' });
}
