// Descriptive statistics and hypothesis tests against SciPy 1.10 / NumPy 1.24 / statsmodels
// 0.13 (tools/fixtures/stats_tests.py): every case calls our function with the same data
// and compares each field to 1e-8 relative (Shapiro–Wilk 2e-5: SciPy computes it in
// single precision).
import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface Case { fn: string; args: unknown[]; options: Record<string, unknown> | null; expected: unknown; rtol?: number }
const fx = loadFixture<{ cases: Case[] }>('stats-tests.json');

const compare = (got: unknown, want: unknown, rtol: number, label: string) => expectNestedClose(got, want, rtol, label, 1e-13);

const decode = (v: unknown): unknown => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

describe('descriptive statistics and tests match SciPy', () => {
  const counts = new Map<string, number>();
  for (const c of fx.cases) {
    const k = (counts.get(c.fn) ?? 0) + 1;
    counts.set(c.fn, k);
    it(`${c.fn} #${k} ${c.options ? JSON.stringify(c.options) : ''}`, () => {
      const fn = (stats as unknown as Record<string, (...a: unknown[]) => unknown>)[c.fn];
      expect(typeof fn, `descent/stats exports ${c.fn}`).toBe('function');
      const args = c.args.map(decode);
      const result = c.options === null ? fn(...args) : fn(...args, c.options);
      const expected = c.expected as Record<string, unknown>;
      const rtol = c.rtol ?? 1e-8;
      if (expected !== null && typeof expected === 'object' && !Array.isArray(expected) && 'ci' in expected) {
        const { ci, ...rest } = expected;
        compare(result, rest, rtol, c.fn);
        const interval = (result as stats.TtestResult).confidenceInterval(0.9);
        compare([interval.low, interval.high], ci, rtol, `${c.fn}.confidenceInterval(0.9)`);
      } else {
        compare(result, expected, rtol, c.fn);
      }
    });
  }
});
