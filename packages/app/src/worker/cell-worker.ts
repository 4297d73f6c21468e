/**
 * The cell worker: runs a lesson's cells in one shared scope, off the page's thread, so a
 * long cell never freezes the page and a runaway one can be stopped by terminating the worker.
 * Cells may import only `descent/*` modules; each loads the first time a cell imports it.
 */
import { createHelpers, emptyContext, formatValue, type CellContext, type HelperHost, type Output } from '@descent/lessons/helpers';
import { CellError, checkCellImport, Session } from '@descent/lessons/notebook';
import { isChartSpec, type ChartSpec } from 'descent/plot';
import descentPackage from '../../../descent/package.json';
import type { FromWorker, RunError, RunResult, ToWorker } from './protocol.js';
import { recordTracking, type TrackRecorder } from './track-recorder.js';

// Deep library calls must not push the cell's own frame out of the stack trace (line numbers).
Error.stackTraceLimit = 100;

// Every module the library exports, found at build time, loaded on first import. `descent/node`
// reads files with Node's APIs, so it is not for the browser.
const sources = import.meta.glob(['../../../descent/src/*/index.ts', '!../../../descent/src/node/**']);
const exported = new Set(Object.keys(descentPackage.exports).map((k) => `descent/${k.replace(/^\.\//, '')}`)
  .filter((s) => s !== 'descent/node'));

async function resolveModule(specifier: string): Promise<unknown> {
  checkCellImport(specifier);
  const load = exported.has(specifier) ? sources[`../../../descent/src/${specifier.slice('descent/'.length)}/index.ts`] : undefined;
  if (load === undefined) {
    const known = [...exported].sort().join(', ');
    throw new Error(`Cells can import only the library's modules (${known}); "${specifier}" is not one of them.`);
  }
  const module = await load();
  // The cells' trackers keep their runs where the page can send them to the server.
  if (specifier === 'descent/track') recorder ??= recordTracking(module as typeof import('descent/track'), (change) => post({ type: 'run-change', id: running, ...change }));
  return module;
}

let recorder: TrackRecorder | undefined;

// Where answers go: the page that started this worker, or (in the runner frame) the port
// the frame handed over, which leads straight to the page.
let endpoint: { postMessage(message: FromWorker): void } = self;
const post = (message: FromWorker) => endpoint.postMessage(message);
let running = 0;
let lastProgress = 0;

const host: HelperHost = {
  current: emptyContext(),
  onProgress(done, total, label) {
    // At most ~10 updates a second; the last always gets through.
    const t = performance.now();
    if (t - lastProgress < 100 && done !== total) return;
    lastProgress = t;
    post({ type: 'progress', id: running, done, total, ...(label === undefined ? {} : { label }) });
  },
};

// The page draws charts with vega-embed from the spec, so the worker skips the SVG rendering
// the terminal runner needs.
const base = createHelpers(host);
const chart = (spec: ChartSpec, label?: string) => {
  host.current.outputs.push({ kind: 'chart', spec, svg: '', ...(label === undefined ? {} : { label }) });
};
const show = (value: unknown, label?: string) => (isChartSpec(value) ? chart(value, label) : base.show(value, label));
const session = new Session(resolveModule, { ...base, chart, show });

// console.log in a cell prints under the cell, like a notebook.
const printed = (level: string) => (...args: unknown[]) => {
  const text = args.map((a) => formatValue(a)).join(' ');
  host.current.outputs.push({ kind: 'text', text: level === 'log' ? text : `${level}: ${text}` } satisfies Output);
};
for (const level of ['log', 'info', 'warn', 'error'] as const) (console as unknown as Record<string, unknown>)[level] = printed(level);

function errorOf(e: unknown, inTest = false): RunError {
  const error: RunError = { message: e instanceof Error ? e.message : String(e) };
  if (e instanceof CellError && e.line !== undefined) error.line = e.line;
  if (inTest) error.inTest = true;
  return error;
}

/** Runs `code` with a fresh output context, then waits for what it started (async tests). */
async function runIn(code: string, name: string): Promise<CellContext> {
  const context = emptyContext();
  host.current = context;
  await session.run(code, name);
  await Promise.all(context.pending);
  return context;
}

/** Runs the cell (or checks the exercise), then adds the runs it made with descent/track. */
async function handle(message: Extract<ToWorker, { type: 'run' }>): Promise<RunResult> {
  const result = await runCell(message);
  const runs = recorder?.take() ?? [];
  return runs.length === 0 ? result : { ...result, runs };
}

async function runCell(message: Extract<ToWorker, { type: 'run' }>): Promise<RunResult> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  let context: CellContext;
  try {
    context = await runIn(message.code, message.name);
  } catch (e) {
    return { outputs: host.current.outputs, error: errorOf(e), ms: ms(), ...(message.test === undefined ? {} : { tests: [] }) };
  }
  if (message.test === undefined) return { outputs: context.outputs, ms: ms() };
  try {
    const checked = await runIn(message.test, `${message.name}-test`);
    return { outputs: context.outputs, tests: checked.tests, ms: ms() };
  } catch (e) {
    return { outputs: context.outputs, tests: host.current.tests, error: errorOf(e, true), ms: ms() };
  }
}

// The engine's thread pool starts now, before the first cell: its workers (nested in this one)
// start only when this worker yields, which a long training cell would not do until it ends.
// The first cell waits for them, at most a few seconds; where threads cannot run it does not wait.
const startThreads = Promise.resolve(sources['../../../descent/src/tensor/index.ts']?.())
  .then((t) => (t as typeof import('descent/tensor') | undefined)?.startThreadPool(3000))
  .then(() => undefined, () => undefined);

/**
 * Caps the tensor memory the cells may hold. A worker that runs out of memory takes its whole
 * renderer process down in Chromium, and a page cannot read or cap a worker's heap, so the cap
 * sits in the library's allocator (descent/tensor's setMemoryLimit) and the overflow is an
 * ordinary error in the cell. What the cap does not count (plain arrays) can still exhaust the
 * heap; the runner frame keeps that process apart from the page's (client/lesson/runners.ts).
 */
async function configure(memoryLimit: number): Promise<void> {
  const load = sources['../../../descent/src/tensor/index.ts'];
  if (load === undefined) return;
  const tensor = await load() as typeof import('../../../descent/src/tensor/index.js');
  tensor.setMemoryLimit(memoryLimit);
}

// One cell at a time, in the order the page sent them.
let queue: Promise<void> = startThreads;
const receive = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'port') {
    const port = event.ports[0]!;
    endpoint = port;
    port.onmessage = receive;
    return;
  }
  if (message.type === 'config') {
    queue = queue.then(() => configure(message.memoryLimit));
    return;
  }
  queue = queue.then(async () => {
    running = message.id;
    const result = await handle(message);
    post({ type: 'done', id: message.id, result });
  });
};
self.onmessage = receive;
post({ type: 'ready' });
