// Every metric against scikit-learn 1.2.1 on fixed vectors with ties, string labels,
// sample weights and edge cases: fixture written by tools/fixtures/metrics.py.
import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/learn/metrics/index.js';
import { loadFixture, decodeNonFinite } from '../helpers/fixtures.js';

interface Case { name: string; fn: string; args: unknown[]; options: Record<string, unknown> | null; expected: unknown }
const { source, cases } = loadFixture<{ source: string; cases: Case[] }>('metrics.json');

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

describe('metric errors and conventions', () => {
  it('binary average refuses multiclass targets', () => {
    expect(() => metrics.f1Score([0, 1, 2], [0, 1, 1])).toThrow(/Target is multiclass but average='binary'/);
  });
  it('string labels need posLabel for binary curves', () => {
    expect(() => metrics.rocCurve(['a', 'b'], [0.1, 0.9])).toThrow(/posLabel/);
    expect(() => metrics.brierScoreLoss(['a', 'b'], [0.1, 0.9])).toThrow(/posLabel/);
  });
  it('roc auc needs both classes and multiclass needs a strategy', () => {
    expect(() => metrics.rocAucScore([1, 1, 1], [0.2, 0.3, 0.4])).toThrow(/Only one class present/);
    expect(() => metrics.rocAucScore([0, 1, 2], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toThrow(/multiClass/);
    expect(() => metrics.rocAucScore([0, 1, 2], [[1, 1, 0], [0, 1, 0], [0, 0, 1]], { multiClass: 'ovr' })).toThrow(/sum up to 1/);
  });
  it('silhouette needs 2..n-1 clusters', () => {
    expect(() => metrics.silhouetteScore([[0], [1], [2]], [0, 0, 0])).toThrow(/Number of labels is 1/);
  });
  it('mismatched lengths raise', () => {
    expect(() => metrics.meanSquaredError([1, 2], [1])).toThrow(/inconsistent numbers of samples: \[2, 1\]/);
    expect(() => metrics.accuracyScore([1, 2], [1])).toThrow(/inconsistent/);
  });
  it('the report renders a table', () => {
    const text = metrics.classificationReport(['a', 'b', 'b', 'a'], ['a', 'b', 'a', 'a']);
    expect(text).toContain('precision');
    expect(text).toMatch(/accuracy\s+0\.75\s+4/);
    expect(text).toMatch(/weighted avg/);
  });
  it('gammaln matches known values', () => {
    expect(metrics.gammaln(1)).toBeCloseTo(0, 14);
    expect(metrics.gammaln(10)).toBeCloseTo(Math.log(362880), 12);
    expect(metrics.gammaln(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
  });
});
