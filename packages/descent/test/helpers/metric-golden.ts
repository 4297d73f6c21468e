/**
 * The golden check shared by the metric tests: every case of a fixture written by
 * tools/fixtures/metrics*.py is a call of one metric whose result must match scikit-learn's.
 */
import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/learn/metrics/index.js';
import { loadFixture, decodeNonFinite } from './fixtures.js';

interface Case { name: string; fn: string; args: unknown[]; options: Record<string, unknown> | null; expected: unknown }

const TOL = 1e-10;

const decode = decodeNonFinite;

function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    if (Number.isNaN(expected)) return void expect(Number.isNaN(a), `${path}: expected NaN, got ${a}`).toBe(true);
    if (!Number.isFinite(expected)) return void expect(a, path).toBe(expected);
    const err = Math.abs(a - expected);
    if (!(err <= TOL * Math.max(1, Math.abs(expected)))) throw new Error(`${path}: got ${a}, expected ${expected} (diff ${err.toExponential(2)})`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

/**
 * Declares one test per case of the metric fixture `name` (under test/fixtures/).
 *
 * @example
 * describeMetricGolden('metrics.json');
 */
export function describeMetricGolden(name: string): void {
  const { source, cases } = loadFixture<{ source: string; cases: Case[] }>(name);
  describe(`metrics agree with ${source} to ${TOL}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const fn = (metrics as unknown as Record<string, (...a: unknown[]) => unknown>)[c.fn];
      expect(typeof fn, `no metric ${c.fn}`).toBe('function');
      const args = c.args.map(decode);
      const result = c.options === null ? fn(...args) : fn(...args, decode(c.options));
      // Our f1/precision/recall with average null return arrays and sklearn's dict-free forms.
      expectClose(result, decode(c.expected), c.fn);
    });
  });
}
