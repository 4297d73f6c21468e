// The metrics added in issue 11 against scikit-learn 1.2.1 on fixed vectors with ties, string
// labels, sample weights and edge cases: fixture written by tools/fixtures/metrics_extra.py.
import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/learn/metrics/index.js';
import { loadFixture, decodeNonFinite } from '../helpers/fixtures.js';

interface Case { name: string; fn: string; args: unknown[]; options: Record<string, unknown> | null; expected: unknown }
const { source, cases } = loadFixture<{ source: string; cases: Case[] }>('metrics-extra.json');

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


describe('errors of the added metrics', () => {
  it('Tweedie deviances name the power and the domain', () => {
    expect(() => metrics.meanPoissonDeviance([1, 2], [0, 1])).toThrow(/power=1 can only be used on non-negative y and strictly positive yPred/);
    expect(() => metrics.meanTweedieDeviance([1, 2], [1, 1], { power: 0.5 })).toThrow(/power must be <= 0 or >= 1/);
  });
  it('squared log error refuses negative targets; DET needs two classes; Jaccard binary refuses multiclass', () => {
    expect(() => metrics.meanSquaredLogError([1, -2], [1, 1])).toThrow(/negative values/);
    expect(() => metrics.detCurve([1, 1, 1], [0.2, 0.3, 0.4])).toThrow(/Only one class present/);
    expect(() => metrics.jaccardScore([0, 1, 2], [0, 1, 1])).toThrow(/average='binary'/);
  });
  it('D² scores are NaN for one sample', () => {
    expect(metrics.d2AbsoluteErrorScore([1], [2])).toBeNaN();
  });
});
