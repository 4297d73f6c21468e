import { describe, expect, it } from 'vitest';
import { lineChart } from 'descent/plot';
import { createHelpers, emptyContext, type HelperHost } from '../src/helpers/helpers';
import { formatCell, formatValue } from '../src/helpers/format';

function setup() {
  const progress: number[] = [];
  const host: HelperHost = { current: emptyContext(), onProgress: (done) => progress.push(done) };
  return { host, helpers: createHelpers(host), progress };
}

describe('formatValue', () => {
  it('rounds numbers and aligns matrices', () => {
    expect(formatValue(1 / 3)).toBe('0.3333');
    expect(formatValue(1e-9)).toBe('1e-9');
    expect(formatValue([[1, 2], [3, 4.5]])).toBe('[[1,   2],\n [3, 4.5]]');
    expect(formatValue(Array.from({ length: 30 }, (_, i) => i))).toBe('[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …, 29]');
  });

  it('shows tensors with their shape', () => {
    const t = { shape: [2, 2], toArray: () => [[1, 0], [0, 1]] };
    expect(formatValue(t)).toBe('Tensor shape=[2, 2]\n[[1, 0],\n [0, 1]]');
  });

  it('formats objects one level deep', () => {
    expect(formatValue({ w: 1.23456, name: 'x', xs: [1, 2] })).toBe('{ w: 1.235, name: "x", xs: [1, 2] }');
  });
});

describe('formatCell', () => {
  it('prints text in a table cell as written, quotes included', () => {
    expect(formatCell('stride 2, "same" padding')).toBe('stride 2, "same" padding');
    expect(formatCell(0.123456)).toBe('0.1235');
    expect(formatCell([1, 'a'])).toBe('[1, "a"]');
  });
});

describe('lesson helpers', () => {
  it('show turns values into text, rows into tables and specs into charts', async () => {
    const { host, helpers } = setup();
    helpers.show(2 / 3, 'two thirds');
    helpers.show([{ lr: 0.1, loss: 0.5 }, { lr: 1, loss: 3 }]);
    helpers.show(lineChart([1, 2, 3]), 'line');
    await Promise.all(host.current.pending);
    const [text, table, chart] = host.current.outputs;
    expect(text).toEqual({ kind: 'text', text: '0.6667', label: 'two thirds' });
    expect(table).toEqual({ kind: 'table', columns: ['lr', 'loss'], rows: [['0.1', '0.5'], ['1', '3']] });
    expect(chart).toMatchObject({ kind: 'chart', label: 'line' });
    expect(chart.kind === 'chart' && chart.svg).toMatch(/^<svg[\s\S]*mark-line/);
  });

  it('table accepts explicit columns and rows', () => {
    const { host, helpers } = setup();
    helpers.table({ columns: ['a', 'b'], rows: [[1, 'x']] });
    expect(host.current.outputs[0]).toEqual({ kind: 'table', columns: ['a', 'b'], rows: [['1', 'x']] });
  });

  it('test records passing and failing tests with the assertion message', async () => {
    const { host, helpers } = setup();
    helpers.test('passes', () => helpers.assertClose(0.1 + 0.2, 0.3));
    helpers.test('fails', () => helpers.assertEqual([1, 2], [1, 3]));
    helpers.test('async fails', async () => helpers.assert(false, 'nope'));
    await Promise.all(host.current.pending);
    expect(host.current.tests).toEqual([
      { name: 'passes', passed: true },
      { name: 'fails', passed: false, error: 'expected [1, 3], got [1, 2].' },
      { name: 'async fails', passed: false, error: 'nope' },
    ]);
  });

  it('assertClose compares tensors and nested arrays element by element', () => {
    const { helpers } = setup();
    expect(() => helpers.assertClose({ toArray: () => [[1, 2]] }, [[1, 2.0000001]])).not.toThrow();
    expect(() => helpers.assertClose([1, 2], [1, 2.5])).toThrow(/at position 1/);
    expect(() => helpers.assertThrows(() => 1)).toThrow(/expected an error/);
  });

  it('progress reports to the host', () => {
    const { helpers, progress } = setup();
    helpers.progress(3, 10);
    expect(progress).toEqual([3]);
  });
});
