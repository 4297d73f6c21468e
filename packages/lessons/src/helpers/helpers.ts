/**
 * The functions every lesson cell can call without importing them: `show`, `table`, `chart`,
 * `progress`, `test` and the assertions. They write into whichever cell is running, which the
 * executor sets through `HelperHost.current`. Browser-safe: no Node APIs.
 */
import { isChartSpec, renderSvg, type ChartSpec } from 'descent/plot';
import { assert, assertClose, assertEqual, assertThrows } from './assert';
import { formatCell, formatValue } from './format';
import type { Output, TestResult } from './outputs';

/** Where the running cell's outputs, test results and pending work go. */
export interface CellContext {
  outputs: Output[];
  tests: TestResult[];
  /** Work the cell started but did not await (chart rendering, async tests). */
  pending: Promise<unknown>[];
}

export interface HelperHost {
  current: CellContext;
  /** Called by `progress(...)`; the runner throttles and displays it. */
  onProgress(done: number, total: number, label?: string): void;
}

export function emptyContext(): CellContext {
  return { outputs: [], tests: [], pending: [] };
}

type Row = Record<string, unknown>;

function isPlainRow(x: unknown): x is Row {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/** Builds the helpers bound to `host`. The executor puts them in every lesson's scope. */
export function createHelpers(host: HelperHost) {
  const push = (output: Output) => host.current.outputs.push(output);
  const withLabel = <T extends Output>(output: T, label?: string): T => (label === undefined ? output : { ...output, label });

  /** Draws a Vega-Lite spec (e.g. from `descent/plot`) as a figure. */
  function chart(spec: ChartSpec, label?: string): void {
    const output = withLabel<Output & { kind: 'chart' }>({ kind: 'chart', spec, svg: '' }, label);
    push(output);
    host.current.pending.push(renderSvg(spec).then((svg) => { output.svg = svg; }));
  }

  /**
   * Shows rows of objects, or `{ columns, rows }`, as a table.
   *
   * @example
   * table([{ lr: 0.1, loss: 0.02 }, { lr: 1, loss: 3.1 }]);
   */
  function table(data: Row[] | { columns: string[]; rows: unknown[][] }, label?: string): void {
    if (Array.isArray(data)) {
      const columns = [...new Set(data.flatMap((r) => Object.keys(r)))];
      push(withLabel({ kind: 'table', columns, rows: data.map((r) => columns.map((c) => formatCell(r[c]))) }, label));
    } else {
      push(withLabel({ kind: 'table', columns: data.columns, rows: data.rows.map((r) => r.map(formatCell)) }, label));
    }
  }

  /**
   * Shows a value: a chart spec becomes a figure, an array of plain objects a table, anything
   * else formatted text (numbers rounded, matrices aligned, tensors with their shape).
   *
   * @example
   * show(W, 'weights');
   * show(lossCurve(history));
   */
  function show(value: unknown, label?: string): void {
    if (isChartSpec(value)) chart(value, label);
    else if (Array.isArray(value) && value.length > 0 && value.every(isPlainRow)) table(value, label);
    else push(withLabel({ kind: 'text', text: formatValue(value) }, label));
  }

  /** Reports how far a long loop has got: `progress(epoch + 1, epochs, 'training')`. */
  function progress(done: number, total: number, label?: string): void {
    host.onProgress(done, total, label);
  }

  /**
   * One named exercise test. It passes if `fn` returns (or its promise resolves) without throwing.
   *
   * @example
   * test('dot of orthogonal vectors is 0', () => assertClose(dot([1, 0], [0, 1]), 0));
   */
  function test(name: string, fn: () => unknown): void {
    const results = host.current.tests;
    const fail = (e: unknown) => results.push({ name, passed: false, error: e instanceof Error ? e.message : String(e) });
    try {
      const r = fn();
      if (r instanceof Promise) host.current.pending.push(r.then(() => results.push({ name, passed: true }), fail));
      else results.push({ name, passed: true });
    } catch (e) {
      fail(e);
    }
  }

  return { show, table, chart, progress, test, assert, assertEqual, assertClose, assertThrows };
}

export type Helpers = ReturnType<typeof createHelpers>;
