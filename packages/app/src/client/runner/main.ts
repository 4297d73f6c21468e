/**
 * The cell runner page, loaded by the lesson page in a hidden frame on the other loopback
 * name (see origins.ts), so the cell worker lives in a renderer process apart from the page.
 * It starts the worker and hands the page a MessagePort straight to it, so cell traffic never
 * passes through this page; its own thread only answers the page's heartbeat, which stops
 * when the process dies (a cell that exhausts the worker's memory takes it down).
 */
import { spawnCellWorker } from '../lesson/spawn-worker.js';
import { isLoopbackOrigin, RUNNER_HELLO, type FromRunner, type ToRunner } from './origins.js';

const parentOrigin = new URLSearchParams(location.search).get('parent') ?? '';
if (window.parent === window || !isLoopbackOrigin(parentOrigin, location.port)) {
  throw new Error(`The cell runner serves only Descent's lesson page on this machine (http://127.0.0.1:${location.port} or http://localhost:${location.port}), not "${parentOrigin}".`);
}

const worker = spawnCellWorker();
const cells = new MessageChannel();
const control = new MessageChannel();
const tell = (message: FromRunner) => control.port1.postMessage(message);
worker.postMessage({ type: 'port' }, [cells.port1]);
control.port1.onmessage = (event: MessageEvent<ToRunner>) => {
  if (event.data.type === 'ping') tell({ type: 'pong', n: event.data.n });
};
worker.onerror = (event) => {
  event.preventDefault();
  tell({ type: 'error', message: event.message || 'unknown error' });
};
window.parent.postMessage({ type: RUNNER_HELLO }, parentOrigin, [cells.port2, control.port2]);
