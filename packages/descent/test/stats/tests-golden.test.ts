// Descriptive statistics and hypothesis tests against SciPy 1.10 / NumPy 1.24 / statsmodels
// 0.13 (tools/fixtures/stats_tests.py): every case calls our function with the same data
// and compares each field to 1e-8 relative (Shapiro–Wilk 2e-5: SciPy computes it in
// single precision).
import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Case { fn: string; args: unknown[]; options: Record<string, unknown> | null; expected: unknown; rtol?: number }
const fx = loadFixture<{ cases: Case[] }>('stats-tests.json');

function compare(got: unknown, want: unknown, rtol: number, label: string): void {
  if (Array.isArray(want)) {
    const g = got as ArrayLike<unknown>;
    expect(g.length, `${label} length`).toBe(want.length);
    want.forEach((w, i) => compare(g[i], w, rtol, `${label}[${i}]`));
    return;
  }
  if (want !== null && typeof want === 'object') {
    for (const [k, w] of Object.entries(want)) compare((got as Record<string, unknown>)[k], w, rtol, `${label}.${k}`);
    return;
  }
  const w = Number(want);
  const g = got as number;
  if (Number.isNaN(w)) {
    expect(Number.isNaN(g), `${label}: expected NaN, got ${g}`).toBe(true);
    return;
  }
  if (!Number.isFinite(w)) {
    expect(g, label).toBe(w);
    return;
  }
  const err = Math.abs(g - w);
  if (!(err <= rtol * Math.abs(w) + 1e-13)) throw new Error(`${label}: got ${g}, expected ${w} (rel err ${(err / Math.abs(w)).toExponential(2)} > ${rtol})`);
}

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
